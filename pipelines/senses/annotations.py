"""Read and validate the annotated sense passages (corpora/annotations/senses/annotations.jsonl).

The shared loader (`modeling.load_annotations`) reports every problem with file and line at once; this task adds
its own checks: a known label, and a `mention` that is a spelling of the term found in the text.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.modeling import label_validator, load_annotations as load_records
from pipelines.nlp import parse_texts
from pipelines.senses.features import MentionSpan, mention_in_sentence
from pipelines.senses.settings import LABELS
from pipelines.text.lexicon import Lexicon

REQUIRED = ("id", "text", "label", "genre", "source", "mention")
SETTING = "train_senses.annotations"


def mention_span(text: str, mention: str, lexicon: Lexicon) -> MentionSpan | None:
    """The target match whose surface is `mention` (the first, if the sentence repeats it)."""
    for m in lexicon.find_target(text):
        if m.surface == mention:
            return MentionSpan(text, m.start, m.end)
    return None


def validate_mention(d: dict, where: str) -> list[str]:
    """An imported record's `mention` (which the loader requires) is given and written in its text."""
    mention = str(d.get("mention") or "")
    if not mention or mention not in str(d.get("text", "")):
        return [f"{where}: a sense label needs `mention`, the spelling of the term exactly as it is in the text"]
    return []


def load_annotations(path: Path, lexicon: Lexicon) -> pd.DataFrame:
    """Every annotated sentence (id, text, label, genre, source, mention, line) with the mention's offsets
    (`start`, `end`), or AnnotationError listing every bad line."""
    known_label = label_validator("label", LABELS)

    def validate(d: dict, where: str) -> list[str]:
        problems = known_label(d, where)
        if mention_span(d["text"], str(d["mention"]), lexicon) is None:
            problems.append(f"{where}: mention '{d['mention']}' is not a spelling of the term found in the text")
        return problems

    df = load_records(path, REQUIRED, validate, SETTING)
    spans = [mention_span(t, str(m), lexicon) for t, m in zip(df["text"], df["mention"])]
    return df.assign(start=[s.start for s in spans], end=[s.end for s in spans])


def spans(examples: pd.DataFrame, nlp) -> list[MentionSpan]:
    """The annotated mentions inside their sentences, their passage as context, as the classifier sees them in
    `colens classify` (the same spaCy sentence split)."""
    docs = parse_texts(nlp, list(examples["text"]), batch_size=64)
    return [mention_in_sentence(doc, int(a), int(b)) for doc, a, b in zip(docs, examples["start"], examples["end"])]
