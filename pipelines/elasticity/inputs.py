"""The stage's three input tables (mentions, definitions, baseline sentences) from upstream tables.

Mentions are the usage stage's `contexts` (context, cluster, collocates) restricted to the mentions the sense
filter keeps (`pipelines.senses.select.in_sense_mentions`), which also gives paragraphs.
"""

from __future__ import annotations

import re

import pandas as pd

from pipelines.elasticity.baseline import is_baseline_sentence, sample_baseline
from pipelines.elasticity.settings import ElasticityParams
from pipelines.paths import Paths
from pipelines.senses.select import in_sense_mentions
from pipelines.senses.settings import ALL
from pipelines.tables import TABLES
from pipelines.text.stopwords import spacy_stop_words

WORD = re.compile(r"[a-z][a-z'-]{2,}")

CONTEXT_COLUMNS = ["mention_id", "doc_id", "context", "cluster", "collocates"]
DEFINITION_COLUMNS = ["doc_id", "sent_id", "definiens", "family_id", "is_target_term"]


def load_mentions(paths: Paths, senses: str) -> pd.DataFrame:
    """Kept target mentions with context, cluster, collocates, para_id, genre, year (and `p_<sense>`
    probabilities when `senses` keeps all senses)."""
    kept = in_sense_mentions(paths, senses)
    # the sense spread is measured only when every sense is kept: filtered to one, it is 0 by construction
    probs = [c for c in kept.columns if str(c).startswith("p_")] if senses == ALL else []
    kept = kept[["mention_id", "para_id", "genre", "year", *probs]]
    ctx = TABLES["contexts"].read(paths, columns=CONTEXT_COLUMNS)
    out = kept.merge(ctx[CONTEXT_COLUMNS], on="mention_id", how="left", validate="one_to_one")
    lost = out["context"].isna()
    if lost.any():
        ids = ", ".join(out.loc[lost, "mention_id"].astype(str).head(5))
        raise ValueError(f"{int(lost.sum())} kept mention(s) have no usage context (e.g. {ids}): "
                         "the usage contexts are older than the senses table; re-run the usage stage")
    out["collocates"] = [list(c) if c is not None else [] for c in out["collocates"]]
    return out


def load_concept_mentions(paths: Paths, concepts: list[str], window: int) -> pd.DataFrame:
    """Mentions of the target and its neighbours, found alike by the lexicon (all senses, for every concept):
    `group` = concept, context = the mention's sentence, collocates = content words within `window` words."""
    cols = ["mention_id", "doc_id", "para_id", "concept", "sentence", "left", "right", "genre", "year"]
    m = TABLES["mentions"].read(paths, columns=cols)
    m = m[m["concept"].isin(concepts)].reset_index(drop=True)
    return pd.DataFrame({
        "mention_id": m["mention_id"], "doc_id": m["doc_id"], "para_id": m["para_id"], "concept": m["concept"],
        "genre": m["genre"], "year": m["year"], "context": m["sentence"].astype(str),
        "cluster": 0,  # no clustering across concepts: the cluster score is undefined at this level
        "collocates": [window_words(str(a), str(b), window) for a, b in zip(m["left"], m["right"])],
    })


def window_words(left: str, right: str, window: int) -> list[str]:
    """Lower-cased content words (no stop words, 3+ letters) within `window` words either side of a mention."""
    stop = spacy_stop_words()

    def words(text: str) -> list[str]:
        return [w for w in WORD.findall(text.lower()) if w not in stop]

    return words(left)[-window:] + words(right)[:window]


def load_definitions(paths: Paths, sentences: pd.DataFrame) -> pd.DataFrame:
    """Definitions of the target term with their family and paragraph."""
    defs = TABLES["definitions"].read(paths, columns=DEFINITION_COLUMNS)
    defs = defs[defs["is_target_term"].astype(bool) & defs["definiens"].astype(str).str.strip().ne("")]
    paras = sentences[["doc_id", "sent_id", "para_id"]]
    defs = defs.merge(paras, on=["doc_id", "sent_id"], how="left")
    if defs["para_id"].isna().any():
        raise ValueError("the definitions table refers to sentences missing from the sentences table; "
                         "re-run the definitions stage")
    return defs.rename(columns={"family_id": "family"}).reset_index(drop=True)


def load_baseline(paths: Paths, sentences: pd.DataFrame, params: ElasticityParams, seed: int) -> pd.DataFrame:
    """Sentences without any target mention (random, at most `baseline_per_doc` per document)."""
    mentions = TABLES["mentions"].read(paths, columns=["doc_id", "sent_id", "is_target"])
    with_target = mentions[mentions["is_target"].astype(bool)][["doc_id", "sent_id"]].drop_duplicates()
    merged = sentences.merge(with_target.assign(_t=True), on=["doc_id", "sent_id"], how="left")
    plain = merged[merged["_t"].isna() & merged["text"].map(is_baseline_sentence)]
    return sample_baseline(plain.drop(columns="_t").reset_index(drop=True), params.baseline_per_doc, seed)


def with_level(df: pd.DataFrame, level: str, doc_meta: pd.DataFrame) -> pd.DataFrame:
    """`group` and `unit` columns for one level: paragraphs within a document, documents otherwise."""
    out = df.drop(columns=[c for c in ("genre", "year") if c in df.columns]).merge(doc_meta, on="doc_id", how="left")
    if level == "document":
        out["group"], out["unit"] = out["doc_id"].astype(str), out["para_id"].astype(str)
    elif level == "corpus":
        out["group"], out["unit"] = "corpus", out["doc_id"].astype(str)
    elif level == "concept":
        out["group"], out["unit"] = out["concept"].astype(str), out["doc_id"].astype(str)
    else:
        out["group"], out["unit"] = out[level].fillna("unknown").astype(str), out["doc_id"].astype(str)
    return out
