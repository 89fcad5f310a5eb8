"""The `definition` field of `colens classify`: the passage's best definitional sentence or window for the term
(`ctx.term`, or any term with `--term ANY`), with its score and evidence.

It requires the `sense` field: a target definition whose term mention is off sense (a film "co-production is a
joint venture between two studios") has its sense recorded in the evidence and, with `senses.exclude_off_sense`,
is not a definition (`off_sense` true). A mention the `sense` field did not label has sense None (not filtered).
"""

from __future__ import annotations

from pipelines.classify.passage import Context, Passage, sense_at
from pipelines.definitions.detector import Definition, Detector, best_of
from pipelines.definitions.model import load_classifier
from pipelines.senses.settings import DEFINITION_SENSES, SensesParams


def detector_for(ctx: Context) -> tuple[Detector, list[str] | None, str]:
    """The run's detector (model loaded once per run), the concepts a definition must be of (None: any term,
    `--term ANY`), and the target concept."""
    clf = ctx.memo("definitions.classifier", lambda: load_classifier(ctx.paths, ctx.cfg))
    return clf.detector, (None if ctx.any_term else [ctx.term]), ctx.cfg.lexicon.target


def passage_definitions(passages: list[Passage], ctx: Context) -> list[list[Definition]]:
    """Per passage, the best candidate of each sentence and two-sentence window for the run's term (definitions
    and candidates below the threshold alike): the passage-level entry point to the detector."""
    detector, concepts, target = detector_for(ctx)
    ctx.parse(passages)
    return [detector.detect_doc(p.doc, concepts, target) for p in passages]


def best_definitions(passages: list[Passage], ctx: Context) -> list[Definition | None]:
    """The best reading of each passage (`detector.best_of`: `is_definition` False when nothing reaches its
    threshold; None when the passage has no candidate)."""
    return [best_of(found) for found in passage_definitions(passages, ctx)]


class DefinitionAnnotator:
    name = "definition"
    requires: tuple[str, ...] = ("mentions", "sense")

    def annotate(self, passages: list[Passage], ctx: Context) -> None:
        exclude = ctx.cfg.section("senses", SensesParams).exclude_off_sense
        for p, best in zip(passages, best_definitions(passages, ctx)):
            if best is None:
                p.result[self.name] = {"is_definition": False, "score": 0.0, "term": None, "definiens": None,
                                       "evidence": None}
                continue
            sense = sense_at(p, best.term_start, best.term_end) if best.is_target_term else None
            # the codebook counts the participatory and the knowledge (STS) senses as the target concept
            off_sense = sense is not None and sense not in DEFINITION_SENSES
            p.result[self.name] = {
                "is_definition": best.is_definition and not (exclude and off_sense),
                "score": best.score,
                "term": best.term or None,  # generic mode names no term unless it is a well-formed noun phrase
                "definiens": best.definiens,
                "evidence": {**best.evidence, "term_start": best.term_start, "term_end": best.term_end,
                             "definiens_start": best.definiens_start, "definiens_end": best.definiens_end,
                             "is_target_term": best.is_target_term, "sense": sense, "off_sense": off_sense},
            }
