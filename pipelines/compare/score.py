"""What the compare stage computes with the pipeline's own models and code for concepts other stages leave out:
senses and Needham & Carr levels of a neighbour's mentions, and every concept's collocates.

The sense and level classifiers were trained on co-production passages. Both read a mention by its offsets and
its passage, so they can score another concept's mentions, but that is outside what they were trained and
validated on: the profiles say so in their notes. The target's senses and levels are read from the `senses` and
`levels` tables (the same models, so the numbers are the ones the rest of the pipeline reports).
"""

from __future__ import annotations

from typing import Callable

import pandas as pd

from pipelines.config import Config
from pipelines.doc_results import open_results, per_document
from pipelines.levels.model import load_classifier as load_level_classifier
from pipelines.levels.settings import LevelsParams
from pipelines.levels.stage import claim_texts, label_mentions as grade_mentions
from pipelines.mentions.parses import ParseStore
from pipelines.paths import Paths
from pipelines.senses.model import classify_mentions, load_classifier as load_sense_classifier
from pipelines.senses.settings import SensesParams
from pipelines.senses.stage import COLUMNS as SENSE_COLUMNS, document_keys, smooth_by_document, with_paragraphs
from pipelines.tables import TABLES
from pipelines.text.lexicon import lexicon_for
from pipelines.usage.collocates import score_collocates
from pipelines.usage.scan import scan_corpus
from pipelines.usage.settings import UsageParams

STAGE = "compare-senses"  # the neighbours' senses per document in cache/doc_results.sqlite


def neighbour_senses(cfg: Config, paths: Paths, mentions: pd.DataFrame) -> pd.DataFrame:
    """Sense columns (mention_id, sense, sense_score, p_<label>, in_sense) for mention rows of any concept, by the
    co-production sense model with the senses stage's passage and one-sense-per-document smoothing. A document
    whose rows (concepts included) are unchanged reuses its stored senses (`engine.reuse_results`)."""
    params: SensesParams = cfg.section("senses", SensesParams)
    if mentions.empty:
        return pd.DataFrame(columns=["mention_id", "sense", "in_sense"])
    rows = with_paragraphs(mentions.reset_index(drop=True), TABLES["paragraphs"].read(paths))

    def compute(todo: pd.DataFrame) -> pd.DataFrame:
        mine = rows[rows["doc_id"].isin(set(todo["doc_id"]))].reset_index(drop=True)
        clf = load_sense_classifier(paths, cfg)
        raw = pd.concat([mine[["mention_id"]], classify_mentions(clf, mine)], axis=1)
        # smoothing within a document and concept: one concept's page sense says nothing about another's
        raw["doc_id"] = mine["doc_id"].astype(str) + "\x00" + mine["concept"].astype(str)
        smoothed = smooth_by_document(raw, clf.labels, params.discourse_weight, params.confident)
        return smoothed.assign(doc_id=mine["doc_id"].to_numpy())

    with open_results(cfg, paths, STAGE) as results:
        senses, _ = per_document(results, document_keys(rows, extra=("concept",)), SENSE_COLUMNS, compute)
    return senses.drop(columns="doc_id")


def level_grader(cfg: Config, paths: Paths) -> Callable[[pd.DataFrame, str], pd.DataFrame]:
    """`grade(mentions, concept)`: levels table rows for the mentions of `concept`, graded by the levels stage's
    code and model (loaded once) with the lexicon's target set to `concept`, so the claims inside a passage are
    the sentences naming it."""
    params: LevelsParams = cfg.section("levels", LevelsParams)
    clf = None

    def grade(mentions: pd.DataFrame, concept: str) -> pd.DataFrame:
        nonlocal clf
        if mentions.empty:
            return pd.DataFrame(columns=["mention_id", "doc_id", "text", "level"])
        clf = clf or load_level_classifier(paths, cfg)
        clf.lexicon = lexicon_for(cfg.lexicon.model_copy(update={"target": concept}))
        rows = mentions.reset_index(drop=True)
        return grade_mentions(rows, claim_texts(rows, paths, params.context), clf, params)

    return grade


class ConceptCollocates:
    """Collocates of one concept after another, scored as the usage stage scores co-production's: content lemmas
    within `usage.window` of each kept mention (every spelling of the concept skipped inside windows), against the
    whole corpus's counts, at `usage.collocate_min_freq`; best logDice first. The corpus is counted in the first
    scan only; each further concept reads just its own mentions' paragraphs."""

    def __init__(self, cfg: Config, paths: Paths):
        self.cfg, self.paths = cfg, paths
        self.params: UsageParams = cfg.section("usage", UsageParams)
        self.documents = TABLES["documents"].read(paths, columns=["doc_id", "genre", "near_duplicate_of", "text",
                                                                   "content_hash"])
        self.paragraphs = TABLES["paragraphs"].read(paths, columns=["doc_id", "para_id", "start", "end"])
        self.counts = None

    def __call__(self, kept: pd.DataFrame, nodes: pd.DataFrame) -> pd.DataFrame:
        store = ParseStore.open(self.cfg, self.paths)
        try:
            scan = scan_corpus(self.documents, self.paragraphs, kept, nodes[["doc_id", "start", "end"]],
                               store.paragraph_docs, self.params.window, counts=self.counts)
        finally:
            store.close()
        self.counts = scan
        counted = kept[kept["doc_id"].astype(str).isin(scan.counted_docs)]
        windows = [scan.scoring_windows[m] for m in counted["mention_id"]]
        return score_collocates(windows, scan.corpus, sum(scan.corpus.values()), self.params.collocate_min_freq)
