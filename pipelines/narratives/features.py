"""Model inputs: up to three blocks side by side — the frozen MiniLM embedding of a passage (meaning), the
word-level cue/framing counts (pipelines.narratives.cues) and the parse-based voice features
(pipelines.narratives.voice: who speaks, narrated past events, reported speech, headings, invitations, ...), and
the five who-speaks summaries of the voice features (`speaker`: own voice, retold story, quoted user, institution
reporting, professional) that the stance model reads.

Which blocks a model uses is a training parameter (`train_narratives.detect_blocks` / `stance_blocks`), chosen on
the real-prose development set and written into the model card, so a loaded model builds exactly the features it
was trained on. The cue and voice blocks make rules a researcher can read part of the decision.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pipelines.embeddings import EmbeddingCache
from pipelines.narratives.cues import FEATURE_NAMES, cue_matrix
from pipelines.narratives.voice import SPEAKER_FEATURES, VOICE_FEATURES, find_voice, speaker_vector, voice_vector

#: spaCy components the voice features need (NER is not used, so stored parses and fresh ones agree).
PARSE_DISABLE = ("ner",)


def parse(texts: Sequence[str], spacy_model: str) -> list:
    """Docs of `texts` with the one shared spaCy pipeline (`pipelines.nlp`), tagger and parser only."""
    from pipelines.nlp import load_spacy, parse_texts

    nlp = load_spacy(spacy_model)
    disable = [p for p in PARSE_DISABLE if p in nlp.pipe_names]
    return list(parse_texts(nlp, list(texts), batch_size=64, disable=disable))


def voice_matrix(docs: Sequence, heading_max_words: int = 14) -> np.ndarray:
    if not docs:
        return np.zeros((0, len(VOICE_FEATURES)), dtype=np.float32)
    return np.vstack([voice_vector(find_voice(d, heading_max_words)) for d in docs])


def speaker_matrix(docs: Sequence) -> np.ndarray:
    if not docs:
        return np.zeros((0, len(SPEAKER_FEATURES)), dtype=np.float32)
    return np.vstack([speaker_vector(find_voice(d), d.text) for d in docs])


def feature_names(blocks: Sequence[str], dim: int | None = None) -> list[str]:
    """Column names of the matrix `featurize` builds for `blocks` (embedding columns as emb_0 ...)."""
    names: list[str] = []
    for b in blocks:
        if b == "embedding":
            names += [f"emb_{i}" for i in range(dim or 0)]
        elif b == "cues":
            names += [f"cue.{n}" for n in FEATURE_NAMES]
        elif b == "voice":
            names += [f"voice.{n}" for n in VOICE_FEATURES]
        elif b == "speaker":
            names += [f"speaker.{n}" for n in SPEAKER_FEATURES]
    return names


def featurize(
    texts: Sequence[str],
    cache: EmbeddingCache,
    blocks: Sequence[str],
    cue_weight: float,
    voice_weight: float,
    docs: Sequence | None = None,
    cue_texts: Sequence[str] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(features, embeddings) for `texts`: the `blocks` side by side, cue and voice blocks scaled by their weights.

    `cue_texts` (one per text) and `docs` (their parses) let the cue and voice blocks read a wider text than the
    embedding: a sentence window of a long paragraph is embedded alone, while who speaks, quotes and framing come
    from the whole paragraph (with the quote introduction carried into it). `docs` parse `cue_texts` when given,
    else `texts`; they are needed only for the voice block.
    """
    texts = list(texts)
    if cue_texts is not None and len(cue_texts) != len(texts):
        raise ValueError(f"featurize: {len(cue_texts)} cue texts for {len(texts)} texts")
    if docs is not None and len(docs) != len(texts):
        raise ValueError(f"featurize: {len(docs)} parses for {len(texts)} texts")
    emb = cache.encode(texts)
    wide = list(texts if cue_texts is None else cue_texts)
    parts = []
    for b in blocks:
        if b == "embedding":
            parts.append(emb)
        elif b == "cues":
            parts.append(cue_weight * cue_matrix(wide))
        elif b in ("voice", "speaker"):
            if docs is None:
                raise ValueError(f"featurize: the {b} block needs the parses of the texts (docs)")
            parts.append(voice_weight * (voice_matrix(docs) if b == "voice" else speaker_matrix(docs)))
        else:
            raise ValueError(f"featurize: unknown feature block {b!r}")
    return np.hstack(parts).astype(np.float32), emb
