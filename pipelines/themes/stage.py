"""DVC stage `themes`: every in-sense passage coded against the literature themes of `themes:` in params.yaml.

A passage is a paragraph holding an in-sense target mention (pipelines.senses.select). Each passage is scored
against every theme (pipelines.themes.score: sentence similarity to the theme's prototype plus seed-term lemma
matches) and written as one row per passage and theme, with its evidence: the top sentences and the matched seed
terms, offsets into documents.text. `themes_by_group` holds the share of passages assigned to each theme per
genre, per year and for the corpus; counts go to metrics/themes.json. Parses come from the parse store.
"""

from __future__ import annotations

import logging

import pandas as pd

from pipelines.config import Config
from pipelines.embeddings import EmbeddingCache
from pipelines.io import to_json, write_json
from pipelines.mentions.parses import ParseStore
from pipelines.nlp import load_spacy
from pipelines.paths import Paths
from pipelines.senses.select import in_sense_mentions
from pipelines.senses.settings import SensesParams, sense_filter
from pipelines.stage_entry import run_stage
from pipelines.tables import TABLES
from pipelines.themes.frame import build_frame
from pipelines.themes.score import Passage, score_passages
from pipelines.themes.settings import ThemesParams

log = logging.getLogger(__name__)
STAGE = "themes"
COLUMNS = ["doc_id", "para_id", "start", "end", "genre", "year", "theme", "score", "assigned", "evidence_terms",
           "evidence_sentences", "similarity", "n_terms"]
GROUP_COLUMNS = ["level", "group", "theme", "n_passages", "n_assigned", "share"]


def in_sense_passages(paths: Paths, senses: str) -> pd.DataFrame:
    """One row per paragraph with an in-sense mention: doc_id, para_id, start, end, text, genre, year."""
    mentions = in_sense_mentions(paths, senses)
    keys = mentions.drop_duplicates(["doc_id", "para_id"])[["doc_id", "para_id", "genre", "year"]]
    paragraphs = TABLES["paragraphs"].read(paths)
    out = keys.merge(paragraphs, on=["doc_id", "para_id"], how="left")
    missing = out["start"].isna()
    if missing.any():
        raise ValueError(f"{TABLES['paragraphs'].path(paths)}: {int(missing.sum())} in-sense mention(s) point to a "
                         "missing paragraph; re-run the `mentions` stage")
    out[["start", "end"]] = out[["start", "end"]].astype("int64")
    return out.sort_values(["doc_id", "para_id"]).reset_index(drop=True)


def local_sentences(passages: pd.DataFrame, sentences: pd.DataFrame) -> list[list[tuple[int, int]]]:
    """Each passage's sentence spans from the sentences table, as offsets local to the paragraph."""
    by_para = {k: g for k, g in sentences.groupby(["doc_id", "para_id"], sort=False)}
    spans = []
    for doc_id, para_id, start, end in zip(passages["doc_id"], passages["para_id"], passages["start"],
                                           passages["end"]):
        rows = by_para.get((doc_id, para_id))
        own = [] if rows is None else [(int(s) - start, int(e) - start) for s, e in zip(rows["start"], rows["end"])
                                       if start <= int(s) < int(e) <= end]
        spans.append(sorted(own) or [(0, int(end - start))])  # a paragraph the segmenter left whole is one sentence
    return spans


def _shift(items: list[dict], offset: int, keep: tuple[str, ...]) -> str:
    return to_json([{k: (v + offset if k in ("start", "end") else v) for k, v in i.items() if k in keep}
                    for i in items])


def theme_rows(passages: pd.DataFrame, docs: list, spans: list[list[tuple[int, int]]], cfg: Config, paths: Paths,
               params: ThemesParams) -> pd.DataFrame:
    """The themes table: one row per passage x theme, evidence offsets into documents.text."""
    encoder = EmbeddingCache.for_project(cfg, paths)
    frame = build_frame(params, encoder, load_spacy(cfg.models.spacy))
    rows = []
    texts = passages["text"].astype(str).tolist()
    for lo in range(0, len(texts), params.batch_size):
        hi = lo + params.batch_size
        batch = [Passage(t, d, s) for t, d, s in zip(texts[lo:hi], docs[lo:hi], spans[lo:hi])]
        for i, scores in enumerate(score_passages(batch, frame, params, encoder), start=lo):
            p = passages.iloc[i]
            for s in scores:
                rows.append({
                    "doc_id": p["doc_id"], "para_id": int(p["para_id"]), "start": int(p["start"]),
                    "end": int(p["end"]), "genre": str(p["genre"]), "year": str(p["year"]), "theme": s.theme,
                    "score": s.score, "assigned": s.assigned,
                    "evidence_terms": _shift(s.terms, int(p["start"]), ("term", "text", "start", "end")),
                    "evidence_sentences": _shift(s.sentences, int(p["start"]), ("text", "start", "end", "similarity")),
                    "similarity": s.similarity, "n_terms": len({t["term"] for t in s.terms}),
                })
    return pd.DataFrame(rows, columns=COLUMNS)


def by_group(themes: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Share of passages assigned to each theme per genre, per year and for the whole corpus."""
    parts = []
    for level, key in (("corpus", None), ("genre", "genre"), ("year", "year")):
        groups = [("all", themes)] if key is None else themes.groupby(key, sort=True)
        for group, rows in groups:
            n = rows.drop_duplicates(["doc_id", "para_id"]).shape[0]
            assigned = rows[rows["assigned"].astype(bool)].groupby("theme").size()
            for name in names:
                k = int(assigned.get(name, 0))
                parts.append({"level": level, "group": str(group), "theme": name, "n_passages": n,
                              "n_assigned": k, "share": k / n if n else 0.0})
    return pd.DataFrame(parts, columns=GROUP_COLUMNS)


def run(cfg: Config, paths: Paths) -> dict:
    """Score every in-sense passage against the frame; write `themes`, `themes_by_group`, metrics/themes.json."""
    params: ThemesParams = cfg.section(STAGE, ThemesParams)
    senses: SensesParams = cfg.section("senses", SensesParams)
    passages = in_sense_passages(paths, sense_filter(senses.exclude_off_sense))
    names = [t.name for t in params.themes]
    if passages.empty:
        themes = pd.DataFrame(columns=COLUMNS)
    else:
        documents = TABLES["documents"].read(paths, columns=["doc_id", "text", "content_hash"])
        sentences = TABLES["sentences"].read(paths, columns=["doc_id", "para_id", "start", "end"])
        with ParseStore.open(cfg, paths) as store:
            parsed = store.paragraph_docs(documents, passages)
        docs = [parsed[(d, int(p))] for d, p in zip(passages["doc_id"], passages["para_id"])]
        themes = theme_rows(passages, docs, local_sentences(passages, sentences), cfg, paths, params)
    TABLES["themes"].write(themes, paths)
    groups = by_group(themes, names)
    TABLES["themes_by_group"].write(groups, paths)
    assigned = themes[themes["assigned"].astype(bool)] if len(themes) else themes
    metrics = {
        "n_theme_passages": int(len(passages)),
        "n_frame_themes": len(names),
        "assigned_by_theme": {n: int((assigned["theme"] == n).sum()) for n in names},
        "passages_with_any_theme": int(assigned.drop_duplicates(["doc_id", "para_id"]).shape[0]) if len(assigned) else 0,
        "mean_score_by_theme": {n: round(float(themes.loc[themes["theme"] == n, "score"].mean()), 4)
                                if len(themes) else None for n in names},
    }
    write_json(metrics, paths.metric(STAGE))
    return metrics


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
