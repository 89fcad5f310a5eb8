"""The sense classifier end to end on real models: train (held-out metrics), predict fresh prose per sense,
label mention rows, run the `senses` stage on the real seeds, and fill the `sense` field of `colens classify`."""

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pipelines.classify.passage import Context
from pipelines.classify.runner import classify_file
from pipelines.modeling import ENCODER_KEY, ModelMissing, load_card
from pipelines.paths import ROOT, Paths
from pipelines.senses.model import classify_mentions, load_classifier
from pipelines.senses.select import in_sense_mentions
from pipelines.senses.settings import LABELS
from pipelines.senses.stage import run as run_stage
from pipelines.tables import TABLES
from tests.catalogue_rows import write as write_toy
from tests.engine.helpers import logged_run, without_reuse

SEEDS = ROOT / "corpora" / "seeds"

# Fresh passages, one per sense (not in the annotations).
FRESH = {
    "participatory": "The new crisis line was co-produced with people who had used the service and staff from "
    "the community mental health team, who met fortnightly for a year.",
    "knowledge": "Following Jasanoff, we read the rise of carbon markets as the co-production of climate science "
    "and a new political order.",
    "film_media": "The thriller is a Swedish-Norwegian co-production shot in Tromsø, with distribution handled "
    "by a Berlin sales agent.",
    "life_sciences": "Engineered Corynebacterium glutamicum enabled the co-production of L-lysine and "
    "cadaverine from glucose in fed-batch fermentation.",
    "economics": "Because lead and zinc are co-produced from the same ore, their marginal costs cannot be "
    "separated and prices are set jointly by demand.",
    "other": "The two rowing clubs co-produced the regatta, sharing marshals, boats and the prize money.",
}


def _paths(cfg, root: Path) -> Paths:
    """Outputs in a temporary folder; annotations from the repo; the shared embedding cache (content-keyed)."""
    p = Paths.from_config(cfg, root=root)
    return Paths(**{**p.__dict__, "root": ROOT, "cache": ROOT / "cache", "corpus": SEEDS,
                    "metadata": SEEDS / cfg.corpus.metadata})


@pytest.fixture(scope="module")
def trained(cfg, repro_paths, tmp_path_factory):
    """(paths, training metrics): the sense model `train_senses` trained in the session's `dvc repro` clone (its
    fine-tune takes minutes, so a test run trains it once), read from there; the data and metrics the tests write
    go to a temporary folder."""
    paths = Paths(**{**_paths(cfg, tmp_path_factory.mktemp("senses")).__dict__, "models": repro_paths.models})
    shutil.copyfile(repro_paths.metric("senses"), paths.metric("senses"))
    return paths, json.loads(paths.metric("senses").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def clf(trained, cfg):
    return load_classifier(trained[0], cfg)


def test_training_writes_heldout_metrics_and_card(trained, cfg):
    paths, metrics = trained
    on_disk = json.loads(paths.metric("senses").read_text())
    assert on_disk["n_heldout"] > 60 and on_disk["n_train"] + on_disk["n_heldout"] == on_disk["n_annotated"]
    held = on_disk["heldout"]
    assert set(held["per_class"]) == set(LABELS)
    assert np.asarray(held["confusion_matrix"]).sum() == on_disk["n_heldout"]
    assert held["macro_f1"] >= 0.85 and on_disk["cv"]["macro_f1"] >= 0.85
    card = (paths.models / "senses" / "MODEL_CARD.md").read_text()
    assert "held out" in card and "participatory" in card
    assert load_card(paths.models / "senses")["params"][ENCODER_KEY] == cfg.models.sentence_transformer


def test_training_fine_tunes_and_exports_the_second_opinion(trained, clf):
    paths, metrics = trained
    opinion = metrics["second_opinion"]
    assert opinion["n_train"] == metrics["n_annotated"] and opinion["export"]["max_export_gap"] < 1e-3
    assert (paths.models / "senses" / "second_opinion" / "model.onnx").is_file()
    assert "Second opinion on close calls" in (paths.models / "senses" / "MODEL_CARD.md").read_text()
    assert clf.second_opinion is not None and clf.second_opinion.labels == LABELS
    assert clf.second_opinion_weight == 0.3


def test_the_second_opinion_reads_each_sense_and_each_text_alone(clf):
    from pipelines.senses.features import first_mention
    from pipelines.senses.second_opinion import render

    texts = [render(first_mention(t, clf.lexicon), 600) for t in FRESH.values()]
    proba = clf.second_opinion.proba(texts)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert [LABELS[i] for i in proba.argmax(axis=1)] == list(FRESH)
    alone = np.vstack([clf.second_opinion.proba([t]) for t in reversed(texts)])[::-1]
    assert np.array_equal(alone, proba)  # one text per call: no batch-mates, no padding


def test_a_weight_without_a_second_opinion_says_what_to_do(trained, cfg, tmp_path):
    folder = tmp_path / "models" / "senses"
    shutil.copytree(trained[0].models / "senses", folder, ignore=shutil.ignore_patterns("second_opinion"))
    paths = Paths(**{**trained[0].__dict__, "models": tmp_path / "models"})
    with pytest.raises(ModelMissing, match="second_opinion_weight: 0"):
        load_classifier(paths, cfg)
    off = cfg.model_copy(update={"senses": {**cfg.senses, "second_opinion_weight": 0.0}})
    assert load_classifier(paths, off).second_opinion is None


def test_a_second_opinion_with_other_labels_is_refused_when_loaded(trained, cfg, tmp_path):
    folder = tmp_path / "models" / "senses"
    shutil.copytree(trained[0].models / "senses", folder)
    settings = folder / "second_opinion" / "settings.json"
    saved = json.loads(settings.read_text(encoding="utf-8"))
    settings.write_text(json.dumps({**saved, "labels": saved["labels"][::-1]}), encoding="utf-8")
    with pytest.raises(ModelMissing, match="dvc repro train_senses"):
        load_classifier(Paths(**{**trained[0].__dict__, "models": tmp_path / "models"}), cfg)


def test_fresh_prose_gets_the_right_sense(clf):
    texts = list(FRESH.values())
    proba = clf.predict_proba(texts)
    assert clf.labels == LABELS
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert dict(zip(FRESH, clf.predict(texts))) == {lab: lab for lab in FRESH}


# Forms that failed on a real corpus (issue 10), in fresh wording: identifiers, firm names and consumer marketing
# are `other`, a music credit is film, Jasanoff's idiom is knowledge, a service user's own voice is participatory.
REAL_FAILURES = {
    "const rows = coProduction.filter(r => r.active); // hide archived batches": "other",
    "Supermarket shoppers co-produce value when they scan their own groceries, a study of self-checkout loyalty "
    "finds.": "other",
    "Coproduction Studio designs packaging and websites for independent food brands. Get a quote today.": "other",
    "Produced by Ana Lind. Co-produced by Milo Grant. Mixed and mastered at Northside Studio.": "film_media",
    "Jasanoff describes co-production as an idiom for how knowledge and social order are made together.":
        "knowledge",
    "Being part of the co-production group gave me the confidence to speak up at my own care review.":
        "participatory",
}


def _read_as(clf, expected: dict[str, str]) -> dict[str, str]:
    """What the classifier reads each text of an expected-sense table as (text -> sense)."""
    return dict(zip(expected, clf.predict(list(expected))))


def test_real_corpus_failure_forms(clf):
    assert _read_as(clf, REAL_FAILURES) == REAL_FAILURES


# "Co-product(s)" counts as a spelling since 2026-12-05 (the codebook's economics "co-products"): what the passage is
# about decides its sense, and mathematics and arms deals are `other` (issue 10, check sets SA, SB).
CO_PRODUCTS = {
    "Spent grain from the mash tun is the brewery's main co-product; dried and pelleted, it goes into pig feed "
    "because its protein content stays above 25 percent.": "life_sciences",
    "Under the physical-units method the joint cost of the crushing run is split between meal and oil, and the "
    "hulls are treated as a co-product whose sales revenue reduces that joint cost.": "economics",
    "In the category of abelian groups the coproduct of two objects is their direct sum, with the two inclusion "
    "maps as its injections.": "other",
    "The agreement lets the country's state arsenal co-produce the howitzer and its ammunition under licence, with "
    "a third of the components made locally by 2030.": "other",
}


def test_co_products_maths_and_arms_deals_end_to_end(clf):
    assert _read_as(clf, CO_PRODUCTS) == CO_PRODUCTS


# The firms-and-customers rule end to end (pipelines/senses/rules.py): the model alone reads the first passage as
# participatory; the council's customers keep the participatory sense.
CUSTOMERS = {
    "Drawing on interviews with front-line employees at three spa resorts, this article asks when co-production of "
    "the treatment raises or lowers guests' satisfaction.": "other",
    "The council's housing team co-produced its customer charter with tenants who sit on the scrutiny panel.":
        "participatory",
}


def test_firms_and_customers_are_other_end_to_end(clf):
    assert _read_as(clf, CUSTOMERS) == CUSTOMERS


# The knowledge co-production rule end to end: the model alone reads the first two passages as participatory; a
# knowledge co-production with patients keeps the participatory sense.
KNOWLEDGE = {
    "This guide offers practical tools for knowledge co-production, helping partners surface their assumptions and "
    "expectations before they start working together.": "knowledge",
    "We examine the institutional barriers to co-management policy and to knowledge co-production between agencies "
    "and regional boards.": "knowledge",
    "Patients and researchers took part in knowledge co-production about the new discharge pathway.": "participatory",
}


def test_knowledge_coproduction_without_people_is_knowledge_end_to_end(clf):
    from unittest import mock

    import pipelines.senses.rules as rules

    assert _read_as(clf, KNOWLEDGE) == KNOWLEDGE
    with mock.patch.object(rules, "knowledge_without_people", lambda span: False):
        alone = clf.predict(list(KNOWLEDGE))
    assert list(alone[:2]) == ["participatory", "participatory"]  # what the rule corrects


def test_prior_weights_rescale_and_renormalise(clf, cfg):
    """`senses.prior_weights` corrects the balanced training prior: a weighted sense loses probability mass, rows
    still sum to one, and an unknown sense in params is refused by name."""
    from pydantic import ValidationError

    from pipelines.senses.model import SenseClassifier
    from pipelines.senses.settings import SensesParams

    text = ["In service-dominant logic, customers co-produce the service with the firm's front-line staff."]
    plain = SenseClassifier(clf.estimator, clf.encoder, clf.lexicon, clf.window_words)
    damped = SenseClassifier(clf.estimator, clf.encoder, clf.lexicon, clf.window_words, {"other": 0.01})
    p0, p1 = plain.predict_proba(text)[0], damped.predict_proba(text)[0]
    j = LABELS.index("other")
    assert np.isclose(p1.sum(), 1.0) and p1[j] < p0[j]
    with pytest.raises(ValidationError, match="unknown sense"):
        SensesParams(prior_weights={"films": 0.5})


def test_mention_rows_are_classified_at_their_offsets(clf):
    sentence = FRESH["film_media"]
    start = sentence.index("co-production")
    rows = pd.DataFrame({"mention_id": ["d:1"], "sentence": [sentence], "sent_start": [1000],
                         "start": [1000 + start], "end": [1000 + start + len("co-production")]})
    out = classify_mentions(clf, rows)
    assert out.loc[0, "sense"] == "film_media" and not out.loc[0, "in_sense"]
    assert {f"p_{lab}" for lab in LABELS} <= set(out.columns)
    with pytest.raises(ValueError, match="outside its sentence"):
        classify_mentions(clf, rows.assign(start=10, end=20))


def _seed_mentions(cfg, nlp, lexicon) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Target mentions of the real seed documents and their paragraphs (blank-line blocks), in the layout of
    mentions.parquet and paragraphs.parquet."""
    meta = pd.read_csv(SEEDS / cfg.corpus.metadata)
    rows, paras = [], []
    for rec in meta.itertuples():
        text = (SEEDS / rec.file).read_text(encoding="utf-8")
        doc = nlp(text)
        bounds, at = [], 0
        for block in text.split("\n\n"):
            bounds.append((at, at + len(block)))
            paras.append({"doc_id": rec.doc_id, "para_id": len(bounds) - 1, "start": at, "end": at + len(block),
                          "text": block})
            at += len(block) + 2
        for m in lexicon.find_target(text):
            sent = next(s for s in doc.sents if s.start_char <= m.start < s.end_char)
            end = max(sent.end_char, m.end)
            para_id = next(i for i, (a, b) in enumerate(bounds) if a <= m.start < b + 2)
            rows.append({"mention_id": f"{rec.doc_id}:{m.start}", "doc_id": rec.doc_id, "concept": m.concept,
                         "is_target": True, "start": m.start, "end": m.end, "surface": m.surface,
                         "sentence": text[sent.start_char:end], "sent_start": sent.start_char,
                         "para_id": para_id, "genre": rec.genre})
    return pd.DataFrame(rows), pd.DataFrame(paras)


def test_senses_stage_on_the_real_seeds_is_all_participatory(trained, cfg, nlp, lexicon):
    paths = trained[0]
    mentions, paragraphs = _seed_mentions(cfg, nlp, lexicon)
    assert len(mentions) > 40
    write_toy(mentions, "mentions", paths)
    write_toy(paragraphs, "paragraphs", paths)
    metrics = run_stage(cfg, paths)
    table = TABLES["senses"].read(paths)
    assert list(table.columns[:4]) == ["mention_id", "doc_id", "sense", "sense_score"]
    assert len(table) == len(mentions) and table["in_sense"].all()
    assert metrics["counts"]["participatory"] == len(mentions)
    assert set(metrics["per_genre"]) == set(mentions["genre"])
    assert json.loads(paths.metric("senses_corpus").read_text())["n_in_sense"] == len(mentions)
    assert len(in_sense_mentions(paths)) == len(mentions)


def test_senses_are_reused_until_a_document_s_mentions_change(trained, cfg, nlp, lexicon, caplog, tmp_path):
    """Per-document results: a re-run loads no model and reads no document; a document whose mention rows change
    is read again alone; the tables equal a run without the store."""
    # a store of its own: the project's cache keeps the changed document's results from an earlier test run
    paths = Paths(**{**trained[0].__dict__, "cache": tmp_path / "cache"})
    mentions, paragraphs = _seed_mentions(cfg, nlp, lexicon)
    write_toy(mentions, "mentions", paths)
    write_toy(paragraphs, "paragraphs", paths)
    run_stage(cfg, paths)
    first = TABLES["senses"].read(paths)
    n_docs = mentions["doc_id"].nunique()
    assert f"0 of {n_docs} documents read" in logged_run(caplog, run_stage, cfg, paths)
    pd.testing.assert_frame_equal(TABLES["senses"].read(paths), first)

    doc = mentions["doc_id"].iat[0]
    film = "The Danish broadcaster and a Berlin studio will make the crime series together. "
    changed = paragraphs.assign(text=[film + t if d == doc else t
                                      for d, t in zip(paragraphs["doc_id"], paragraphs["text"])])
    write_toy(changed, "paragraphs", paths)
    assert f"1 of {n_docs} documents read" in logged_run(caplog, run_stage, cfg, paths)
    reused = TABLES["senses"].read(paths)
    assert not reused.equals(first) and reused["mention_id"].tolist() == first["mention_id"].tolist()
    off = without_reuse(cfg)
    run_stage(off, paths)
    pd.testing.assert_frame_equal(TABLES["senses"].read(paths), reused)


def test_classify_sense_field(trained, cfg, tmp_path, monkeypatch):
    # Only the annotators this field needs.
    monkeypatch.setattr("pipelines.classify.annotators.ANNOTATORS", [
        "pipelines.classify.mention_field:MentionAnnotator", "pipelines.senses.annotator:SenseAnnotator"])
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lines = [
        {"id": 1, "text": "The ward introduced protected mealtimes last spring."},
        {"id": 2, "text": FRESH["participatory"]},
        {"id": 3, "text": FRESH["film_media"] + " The co-producers hope for a festival premiere."},
        {"id": 4, "text": "I never thought anyone would ask me. Joining the co-production group gave me my say "
                          "back, and now I help interview new staff."},
        {"id": 5, "text": FRESH["participatory"] + " Co-production, the chair said, is what made it work."},
    ]
    inp.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    classify_file(inp, out, Context(cfg, paths=trained[0]))
    res = {r["id"]: r["sense"] for r in map(json.loads, out.read_text().splitlines())}
    assert res[1]["label"] == "none" and res[1]["scores"] == {}
    assert res[2]["label"] == "participatory" and abs(sum(res[2]["scores"].values()) - 1) < 1e-3
    assert res[3]["label"] == "film_media" and len(res[3]["per_mention"]) == 2
    assert all(m["label"] == "film_media" for m in res[3]["per_mention"])
    assert res[4]["label"] == "participatory" and res[4]["scores"]["film_media"] == 0.0  # the voice rule
    assert res[5]["label"] == "participatory" and len(res[5]["per_mention"]) == 2


def test_stage_reads_each_mention_with_its_paragraph(trained, cfg):
    """A vague sentence inside a film paragraph is read with the paragraph (`paragraph` column)."""
    clf = load_classifier(trained[0], cfg)
    sentence = "The co-production was announced on Tuesday."
    paragraph = "The Danish broadcaster and a Berlin studio will make the crime series together. " + sentence
    row = {"mention_id": "d:1", "sentence": sentence, "sent_start": 0, "start": 4, "end": 17}
    alone = classify_mentions(clf, pd.DataFrame([row]))
    framed = classify_mentions(clf, pd.DataFrame([{**row, "paragraph": paragraph}]))
    assert framed.loc[0, "sense"] == "film_media"
    assert framed.loc[0, "p_film_media"] > alone.loc[0, "p_film_media"]


def test_missing_model_says_to_train(cfg, tmp_path):
    with pytest.raises(ModelMissing, match="train_senses"):
        load_classifier(_paths(cfg, tmp_path), cfg)
