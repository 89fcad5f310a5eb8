"""Collect each concept's evidence from the pipeline's tables (and, for concepts other stages leave out, from
`score.py`): its mentions with senses, the levels of the kept ones, collocates, agency relations, definitions."""

from __future__ import annotations

import pandas as pd

from pipelines.agency.settings import AgencyParams
from pipelines.compare.profile import ConceptEvidence
from pipelines.compare.score import ConceptCollocates, level_grader, neighbour_senses
from pipelines.config import Config
from pipelines.paths import Paths
from pipelines.senses.select import join_senses
from pipelines.senses.settings import ALL, IN_SENSE, SensesParams, sense_filter
from pipelines.tables import TABLES
from pipelines.text.lexicon import Lexicon, lexicon_for

MENTION_COLUMNS = ["mention_id", "doc_id", "para_id", "sent_id", "concept", "genre", "sentence", "start", "end",
                   "sent_start"]
OUT_OF_DOMAIN = ("senses and Needham & Carr levels scored by the models trained on co-production passages "
                 "(out of their domain: not validated for this concept)")


class UnknownConcept(KeyError):
    """A term that is no spelling of any lexicon concept."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def resolve_concepts(terms: list[str], lexicon: Lexicon) -> list[str]:
    """Lexicon concept names for user terms ('coproduction' -> 'co-production'), in order, without repeats; an
    unknown term is an UnknownConcept naming it and listing the concepts the lexicon knows."""
    out: list[str] = []
    for term in terms:
        try:
            name = lexicon.resolve(term.strip())
        except KeyError:
            raise UnknownConcept(f"unknown concept '{term}': the lexicon (params.yaml `lexicon.concepts`) knows "
                                 f"{', '.join(lexicon.concepts)}") from None
        if name not in out:
            out.append(name)
    return out


def _matches(words: pd.Series, concept: str, lexicon: Lexicon) -> pd.Series:
    """Whether each word (a trigger, a defined term) is a spelling of `concept`."""
    return words.astype(str).map(lambda w: any(m.concept == concept for m in lexicon.find(w, [concept])))


def is_trigger(concept: str, params: AgencyParams, lexicon: Lexicon) -> bool:
    """Whether any agency trigger (verb or noun) is a spelling of `concept`."""
    words = [*params.object_verbs, *params.joint_verbs, *params.lead_verbs, *params.work_verbs, *params.nouns]
    return bool(_matches(pd.Series(words, dtype=str), concept, lexicon).any())


def sensed_mentions(cfg: Config, paths: Paths, concepts: list[str]) -> pd.DataFrame:
    """Every mention of `concepts` with sense columns and `in_sense` = kept by `senses.exclude_off_sense`: the
    target's from the senses table, the others' scored by `score.neighbour_senses`."""
    keep = sense_filter(cfg.section("senses", SensesParams).exclude_off_sense)
    mentions = TABLES["mentions"].read(paths)
    mentions = mentions[mentions["concept"].isin(concepts)]
    target = join_senses(mentions, TABLES["senses"].read(paths))
    others = mentions[~mentions["is_target"].astype(bool)].reset_index(drop=True)
    others = others.merge(neighbour_senses(cfg, paths, others), on="mention_id", how="left")
    out = pd.concat([target, others], ignore_index=True)
    out["in_sense"] = (out["sense"] == IN_SENSE) | (keep == ALL)
    return out


def gather(cfg: Config, paths: Paths, concepts: list[str]) -> list[ConceptEvidence]:
    """One ConceptEvidence per concept, in order."""
    lexicon = lexicon_for(cfg.lexicon)
    target = cfg.lexicon.target
    agency_params: AgencyParams = cfg.section("agency", AgencyParams)
    mentions = sensed_mentions(cfg, paths, concepts)
    levels = TABLES["levels"].read(paths)
    agency = TABLES["agency"].read(paths)
    definitions = TABLES["definitions"].read(paths)
    families = TABLES["definition_families"].read(paths)
    labels = {int(f): str(lab) for f, lab in zip(families["family_id"], families["label"])}
    grade_levels = level_grader(cfg, paths)
    concept_collocates = ConceptCollocates(cfg, paths)
    out = []
    for concept in concepts:
        mine = mentions[mentions["concept"] == concept].reset_index(drop=True)
        kept = mine[mine["in_sense"]].reset_index(drop=True)
        if concept == target:
            lv = levels[levels["mention_id"].isin(kept["mention_id"])]
            notes = []
        else:
            lv = grade_levels(kept[MENTION_COLUMNS], concept)
            notes = [OUT_OF_DOMAIN]
        trig = is_trigger(concept, agency_params, lexicon)
        out.append(ConceptEvidence(
            concept=concept, mentions=mine, levels=lv,
            collocates=concept_collocates(kept, mine) if len(kept) else pd.DataFrame(
                columns=["lemma", "freq", "logdice", "mi", "ll"]),
            agency=agency[_matches(agency["verb"], concept, lexicon)] if trig and len(agency) else (
                agency.iloc[:0] if trig else None),
            definitions=definitions[_matches(definitions["term"], concept, lexicon)] if len(definitions) else
            definitions,
            family_labels=labels, notes=notes,
        ))
    return out
