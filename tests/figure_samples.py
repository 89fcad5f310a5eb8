"""Small pipeline outputs with the catalogue's table schemas (`pipelines.tables`), for figure and report tests.

Document text carries HTML (`<b>`, `<script>`) on purpose: it must come out escaped everywhere.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from pipelines.figures import Tables
from pipelines.tables import TABLES

class SampleTables(Tables):
    """Tables served from memory (the sample frames), so figure tests need no files."""

    def __init__(self, frames: dict[str, pd.DataFrame]):
        super().__init__(paths=None)
        self._cache = dict(frames)


HOSTILE = "<b>bold</b> & <script>alert(1)</script>"
GENRES = ["blog", "journal_abstract", "policy"]


def sample_tables() -> dict[str, pd.DataFrame]:
    docs = pd.DataFrame({
        "doc_id": ["d1", "d2", "d3", "d4"], "title": [f"Title {HOSTILE}", "Second", "Third", "Fourth"],
        "genre": ["blog", "journal_abstract", "policy", "blog"], "year": ["2019", "2021", "unknown", "2021"],
        "source": ["Blog site", "A journal", "A ministry", "Blog two"], "text": ["x"] * 4,
    })
    docs = docs.assign(source_file=[f"{d}.txt" for d in docs["doc_id"]], record=1, format="text",
                       authors="unknown", journal="unknown", doi="unknown", language="en", raw_text="x",
                       content_hash=[f"h{i}" for i in range(4)], n_chars=1, n_words=1, near_duplicate_of=None,
                       title_source="metadata", authors_source="none", year_source="metadata")
    rng = np.random.default_rng(0)
    n = 12
    doc_of = ["d1", "d2", "d3", "d4"] * 3
    genre_of = dict(zip(docs["doc_id"], docs["genre"]))
    year_of = dict(zip(docs["doc_id"], docs["year"]))
    mention_ids = [f"{d}:{i * 10}" for i, d in enumerate(doc_of)]
    mentions = pd.DataFrame({
        "mention_id": mention_ids, "doc_id": doc_of, "is_target": True,
        "left": [f"left context {HOSTILE} {i}" for i in range(n)], "surface": ["co-production"] * n,
        "right": [f"right context {i}" for i in range(n)], "genre": [genre_of[d] for d in doc_of],
        "year": [year_of[d] for d in doc_of], "title": [docs.set_index("doc_id").loc[d, "title"] for d in doc_of],
        "concept": "co-production", "start": [i * 10 for i in range(n)], "end": [i * 10 + 13 for i in range(n)],
        "lemma": "co-production", "pos": "NOUN", "sent_id": list(range(n)), "para_id": 0,
        "sentence": [f"sentence {i}" for i in range(n)], "sent_start": [i * 10 for i in range(n)],
    })
    senses = pd.DataFrame({"mention_id": mention_ids, "doc_id": doc_of,
                           "sense": ["participatory"] * (n - 2) + ["knowledge"] * 2, "sense_score": 0.9,
                           "in_sense": [True] * (n - 2) + [False] * 2, "sense_sentence": "participatory"})
    contexts = pd.DataFrame({
        "mention_id": mention_ids, "doc_id": doc_of, "genre": mentions["genre"], "year": mentions["year"],
        "context": [f"context {i}" for i in range(n)], "cluster": [0, 0, 1, 1, 2, 2, 0, 1, 2, -1, 0, 1],
        "x": rng.normal(size=n), "y": rng.normal(size=n), "collocates": [["power", "service"]] * n,
    })
    topics = pd.DataFrame({"topic": [-1, 0, 1, 2], "label": ["outliers", "power, control", "services", "research"],
                           "size": [1, 4, 4, 3], "is_outlier": [True, False, False, False]})
    collocates = pd.DataFrame([
        {"scope": s, "lemma": lem, "freq": f, "corpus_freq": f + 2, "logdice": 12 - i * 0.5, "mi": 3 - i * 0.1,
         "ll": 10 - i}
        for s in ["corpus", *GENRES] for i, (lem, f) in enumerate([("power", 5), ("service", 4), ("<b>user</b>", 3)])
    ])
    keyness = pd.DataFrame([
        {"genre_a": g, "genre_b": "rest", "lemma": lem, "freq_a": fa, "freq_b": fb,
         "ll": (fa - fb) * 1.5, "log_ratio": np.log2((fa or 0.5) / (fb or 0.5))}
        for g in GENRES for lem, fa, fb in [("power", 6, 1), ("service", 1, 7), ("control", 4, 4), ("<i>x</i>", 5, 0)]
    ])
    definitions = pd.DataFrame({
        "def_id": ["d1:0:10", "d2:0:10", "d3:5:20", "d3:30:60"], "doc_id": ["d1", "d2", "d3", "d3"],
        "sent_id": [0, 0, 1, 2], "start": [0, 0, 5, 30], "end": [10, 10, 20, 60],
        "text": [f"Co-production is {HOSTILE}.", "Co-production means sharing power.", "Coproduction is a partnership.",
                 "Peer support is help from people with similar experience."],
        "term": ["co-production"] * 3 + ["peer support"], "is_target_term": [True] * 3 + [False],
        "definiens": ["a", "b", "c", "d"], "score": [0.9, 0.8, 0.7, 0.9], "pattern": ["X is Y"] * 4,
        "evidence": ["{}"] * 4, "family_id": [0, 0, 1, -1],
    })
    families = pd.DataFrame({
        "family_id": [0, 1], "label": ["F0: power, sharing", "F1: partnership"], "top_terms": ["power", "partnership"],
        "representative": [f"Co-production is {HOSTILE}.", "Coproduction is a partnership."],
        "n_definitions": [2, 1], "mean_score": [0.85, 0.7], "flag": ["", "low_confidence_singleton"], "genres": [json.dumps({"blog": 1, "journal_abstract": 1}), json.dumps({"policy": 1})],
        "years": [json.dumps({"2019": 1, "2021": 1}), json.dumps({"unknown": 1})],
    })
    el_rows = [("corpus", "corpus", 12, 4, 0.6, 0.5, 0.7, "ok"), ("genre", "blog", 6, 2, 0.7, 0.6, 0.8, "ok"),
               ("genre", "journal_abstract", 3, 1, np.nan, np.nan, np.nan, "too_small"),
               ("genre", "policy", 3, 1, 0.4, 0.3, 0.5, "ok"), ("year", "2019", 3, 1, 0.5, 0.4, 0.6, "ok"),
               ("year", "2021", 6, 2, 0.6, 0.5, 0.7, "ok"), ("year", "unknown", 3, 1, np.nan, np.nan, np.nan, "too_small"),
               ("concept", "co-production", 12, 4, 0.6, 0.5, 0.7, "ok"), ("concept", "co-design", 7, 3, 0.5, 0.4, 0.6, "ok")]
    elasticity = pd.DataFrame(el_rows, columns=["level", "group", "n_mentions", "n_docs", "index", "ci_low", "ci_high",
                                                "status"])
    for i, s in enumerate(["score_usage", "score_senses", "score_definitions", "score_collocates"]):
        elasticity[s] = np.where(elasticity["index"].notna(), 0.3 + 0.1 * i, np.nan)
    elasticity.loc[elasticity["group"] == "policy", "score_definitions"] = np.nan
    elasticity["score_sense_spread"] = np.nan  # measured only when every sense is kept
    elasticity["status_detail"] = np.where(elasticity["status"] == "too_small",
                                           "3 mentions in 1 document; needs at least 10 mentions in 3 documents", "")
    elasticity["index_components"] = np.where(elasticity["index"].notna(),
                                              "score_usage,score_senses,score_collocates", "")
    levels = pd.DataFrame({"mention_id": mention_ids, "doc_id": doc_of, "sent_id": list(range(n)),
                           "genre": mentions["genre"], "text": [f"claim {HOSTILE}"] * n,
                           "level": ["descriptive", "intermediate", "transformative", "n/a"] * 3})
    from pipelines.levels.stage import by_document, by_genre

    agency = pd.DataFrame({
        "doc_id": ["d1", "d1", "d2", "d3"], "agent_category": ["professionals", "people_who_use_services", "none", "organisations"],
        "partner_category": ["people_who_use_services", "professionals", "researchers", "people_who_use_services"],
        "voice": ["active", "active", "nominal", "passive"], "sentence": [HOSTILE] * 4,
        "sent_id": [0, 1, 0, 0], "mention_id": ["d1:0", "d1:40", "d2:10", "d3:20"],
        "genre": ["blog", "blog", "journal_abstract", "policy"], "verb": "co-produce",
        "agent": ["staff", "we", "", "the council"], "partner": ["users", "staff", "researchers", "residents"],
        "users_role": ["partner", "agent", "none", "partner"],
    })
    narratives = pd.DataFrame({
        "doc_id": ["d1", "d1", "d2", "d3", "d4"], "para_id": [0, 1, 0, 0, 0], "start": [0, 50, 0, 0, 0],
        "end": [40, 90, 40, 40, 40],
        "text": [f"My story {HOSTILE}", "not a narrative", "They showcased my recovery journey.",
                 "We demand change.", "I told my story."],
        "genre": ["blog", "blog", "journal_abstract", "policy", "blog"],
        "candidate": [True, False, True, True, True], "is_user_narrative": [True, False, True, True, True],
        "score": [0.9, np.nan, 0.8, 0.7, 0.6],
        "stance": ["transformative", "n/a", "co-opted", "transformative", "neutral"],
        "p_co-opted": [0.1, np.nan, 0.8, 0.2, 0.2], "p_transformative": [0.8, np.nan, 0.1, 0.7, 0.2],
        "p_neutral": [0.1, np.nan, 0.1, 0.1, 0.6],
        "critique_of_cooptation": [False] * 5,
        "evidence": [json.dumps({"decided_by": "detector + stance model"})] * 5,
    })
    removals = pd.DataFrame({"doc_id": ["d1", "d1", "d2"], "start": [0, 10, 0], "end": [5, 30, 8],
                             "reason": ["navigation", "author bios", "navigation"], "text": ["a", "b", "c"]})
    manifest = pd.DataFrame({"file": ["a.txt", "b.txt", "c.txt", "d.txt", "img.png"],
                             "format": ["text"] * 4 + ["unknown"], "status": ["ok"] * 4 + ["skipped"],
                             "reason": ["", "", "", "", "unsupported file type"],
                             "doc_ids": ["d1", "d2", "d3", "d4", ""], "size_bytes": [1, 2, 3, 4, 5],
                             "content_hash": ["h"] * 5})
    profile_rows = [
        ("mentions", "n_mentions", 12.0, 12, "12 kept mention(s)"), ("sense", "participatory", 0.75, 9, ""),
        ("sense", "film_media", 0.25, 3, ""), ("collocate", "service", 12.1, 4, "MI 1.00, LL 3.0"),
        ("level", "intermediate", 0.6, 6, ""), ("level", "transformative", 0.4, 4, ""),
        ("scope", "micro", 0.5, 5, ""), ("scope", "macro", 0.3, 3, ""), ("agency", "partner", 1.0, 2, ""),
        ("elasticity", "index", 0.6, 12, "ok"), ("elasticity", "ci_low", 0.5, 12, "ok"),
        ("elasticity", "ci_high", 0.7, 12, "ok"),
    ]
    concept_profiles = pd.concat([
        pd.DataFrame([dict(zip(["facet", "key", "value", "count", "detail"], r)) for r in profile_rows]).assign(
            concept=f"co-production {HOSTILE}", status="ok", n_mentions=12, n_kept=12, n_docs=3, min_mentions=5),
        pd.DataFrame([{"facet": "mentions", "key": "n_mentions", "value": 2.0, "count": 2,
                       "detail": "2 kept mention(s); needs at least 5"}]).assign(
            concept="co-design", status="too_small", n_mentions=2, n_kept=2, n_docs=1, min_mentions=5),
    ], ignore_index=True)
    return {"documents": docs, "mentions": mentions, "concept_profiles": concept_profiles, "senses": senses, "contexts": contexts, "topics": topics,
            "collocates": collocates, "keyness": keyness, "definitions": definitions,
            "definition_families": families, "elasticity": elasticity, "levels": levels,
            "level_by_document": by_document(levels), "level_by_genre": by_genre(levels), "agency": agency,
            "narratives": narratives, "removals": removals, "manifest": manifest,
            "themes": pd.DataFrame({
                "doc_id": ["d1", "d1", "d2", "d2"], "para_id": [0, 0, 0, 0], "start": [0, 0, 0, 0],
                "end": [40, 40, 40, 40], "genre": ["blog", "blog", "journal_abstract", "journal_abstract"],
                "year": ["2018", "2018", "unknown", "unknown"],
                "theme": ["power_dynamics", "definitions", "power_dynamics", "definitions"],
                "score": [0.6, 0.2, 0.3, 0.7], "assigned": [True, False, False, True],
                "evidence_terms": [json.dumps([{"term": "power", "text": "power", "start": 3, "end": 8}])] * 4,
                "evidence_sentences": [json.dumps([{"text": HOSTILE, "start": 0, "end": 40, "similarity": 0.5}])] * 4,
            }),
            "themes_by_group": themes_by_group(["blog", "journal_abstract", "policy"], ["2018", "unknown"])}


def themes_by_group(genres: list[str], years: list[str], n_themes: int = 6) -> pd.DataFrame:
    """A themes_by_group table: shares of passages per theme for a corpus, its genres and years."""
    from pipelines.themes.settings import DEFAULT_THEMES

    names = [t.name for t in DEFAULT_THEMES] + [f"extra_theme_{i}" for i in range(max(0, n_themes - 6))]
    rows = []
    for level, groups in (("corpus", ["all"]), ("genre", genres), ("year", years)):
        for i, group in enumerate(groups):
            n = 5 + 3 * i
            for j, name in enumerate(names[:n_themes]):
                k = (i + j) % (n + 1)
                rows.append({"level": level, "group": group, "theme": name, "n_passages": n, "n_assigned": k,
                             "share": k / n})
    return pd.DataFrame(rows)


MODEL_CARD = {"name": "levels", "task": "Needham & Carr level", "labels": ["a", "b"], "n_train": 10, "n_heldout": 4,
              "heldout_scores": {"accuracy": 0.75, "macro_f1": 0.7, "n": 4}, "cv_scores": {"macro_f1": 0.72}}


def write_samples(paths, tables: dict[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
    """Write every sample table where the pipeline would (under `paths`), plus one model card."""
    tables = tables or sample_tables()
    for name, df in tables.items():
        if TABLES[name].file.endswith(".csv"):  # Table.write writes Parquet only (for now)
            path = TABLES[name].path(paths)
            path.parent.mkdir(parents=True, exist_ok=True)
            df.to_csv(path, index=False)
        else:
            TABLES[name].write(df, paths)
    card = paths.models / "levels" / "card.json"
    card.parent.mkdir(parents=True, exist_ok=True)
    card.write_text(json.dumps(MODEL_CARD), encoding="utf-8")
    return tables


def crowded_tables() -> dict[str, pd.DataFrame]:
    """The sample tables plus what crowds a figure: 163 documents with level claims, 300 keyness lemmas whose
    most key ones sit close together, long genre names."""
    frames = sample_tables()
    rng = np.random.default_rng(1)
    genres = ["policy_and_guidance_documents", "blog", "journal_abstract"]
    n_docs = 163
    levels = pd.DataFrame({
        "mention_id": [f"c{i}:{j}" for i in range(n_docs) for j in range(3)],
        "doc_id": [f"c{i}" for i in range(n_docs) for _ in range(3)],
        "sent_id": [j for _ in range(n_docs) for j in range(3)],
        "genre": [genres[i % 3] for i in range(n_docs) for _ in range(3)],
        "text": "claim", "level": rng.choice(["descriptive", "intermediate", "transformative", "n/a"], n_docs * 3),
    })
    from pipelines.levels.stage import by_document, by_genre

    frames["levels"] = levels
    frames["level_by_document"] = by_document(levels)
    frames["level_by_genre"] = by_genre(levels)
    fa, fb = rng.integers(0, 40, 300), rng.integers(0, 40, 300)
    fa[:20], fb[:20] = 60 + np.arange(20), 1  # twenty very key lemmas with near-identical ranks
    frames["keyness"] = pd.DataFrame({
        "genre_a": "policy", "genre_b": "rest", "lemma": [f"lemma{i}" for i in range(300)], "freq_a": fa,
        "freq_b": fb, "ll": (fa - fb) * 1.5, "log_ratio": np.log2(np.maximum(fa, 0.5) / np.maximum(fb, 0.5)),
    })
    scopes = ["corpus", "blog", "conference_abstract", "journal_abstract", "policy_and_guidance_documents"]
    frames["collocates"] = pd.DataFrame([
        {"scope": sc, "lemma": f"collocate{i}", "freq": 20 - i, "corpus_freq": 30, "logdice": 12 - i * 0.4,
         "mi": 3 - i * 0.1, "ll": 40 - i} for sc in scopes for i in range(12)
    ])
    frames["themes_by_group"] = themes_by_group(genres + ["conference_abstract", "protocol_abstract"],
                                                [str(y) for y in range(2010, 2026)] + ["unknown"], n_themes=9)
    return frames
