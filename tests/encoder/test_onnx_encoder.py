"""The ONNX backend gives sentence-transformers' vectors, exports once, and refuses stacks it cannot reproduce."""

import json
import logging

import numpy as np
import pytest

from pipelines.embeddings import EmbeddingCache
from pipelines.nlp import load_encoder, sentence_transformer_location
from pipelines import onnx_encoder as onnx_mod
from pipelines.onnx_encoder import (INT8_FILE, OnnxEncoder, UnsupportedEncoder, default_store, load_onnx_encoder,
                                    read_layout)
from pathlib import Path

# Real-looking prose of several lengths, one past the 256-token limit, one with stray spaces and a URL.
TEXTS = [
    "Co-production is not a new idea.",
    "  The board noted that the co-produced crisis pathway (see appendix 3) went live in March.  ",
    "We asked people who use our services what mattered to them; they told us, loudly, that waiting lists did. "
    "See https://example.org/report-2021.pdf for the full findings.",
    " ".join(["Working together as equal partners, sharing power and responsibility from the start,"] * 30),
    "ok",
]


@pytest.fixture(scope="module")
def model_folder(cfg):
    return Path(sentence_transformer_location(cfg.models.sentence_transformer))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return tmp_path_factory.mktemp("encoders")


@pytest.fixture(scope="module")
def onnx(model_folder, store):
    return load_onnx_encoder(model_folder, store)


@pytest.fixture(scope="module")
def onnx_int8(model_folder, store, onnx):
    return load_onnx_encoder(model_folder, store, int8=True)


def test_vectors_match_sentence_transformers(onnx, cfg):
    torch_model = load_encoder(cfg.models.sentence_transformer, "torch")
    ours = onnx.encode(TEXTS, batch_size=2, normalize_embeddings=True)
    theirs = torch_model.encode(TEXTS, batch_size=2, normalize_embeddings=True, convert_to_numpy=True,
                                show_progress_bar=False)
    assert ours.shape == theirs.shape == (len(TEXTS), onnx.get_embedding_dimension())
    assert (ours * theirs).sum(axis=1).min() > 0.99999
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_batching_does_not_change_vectors(onnx):
    one_by_one = np.vstack([onnx.encode([t], normalize_embeddings=True) for t in TEXTS])
    together = onnx.encode(TEXTS, batch_size=64, normalize_embeddings=True)
    np.testing.assert_allclose(one_by_one, together, atol=1e-5)


def test_exported_once_and_reused(model_folder, tmp_path):
    first = load_onnx_encoder(model_folder, tmp_path)
    (graph,) = tmp_path.glob("*/model.onnx")
    stamp = graph.stat().st_mtime_ns
    info = json.loads((graph.parent / "export.json").read_text())
    assert info["min_probe_cosine"] > 0.9999
    second = load_onnx_encoder(model_folder, tmp_path)
    assert isinstance(second, OnnxEncoder) and second is not first
    assert graph.stat().st_mtime_ns == stamp and len(list(tmp_path.glob("*/model.onnx"))) == 1


def test_project_cache_uses_the_configured_backend(cfg, tmp_path):
    class P:
        cache = tmp_path

    cache = EmbeddingCache.for_project(cfg, P)
    assert cache.backend == cfg.models.encoder_backend == "onnx_int8"
    assert isinstance(cache.encoder(), OnnxEncoder)
    assert cache.encode(["Co-production with carers."]).shape == (1, 384)


def test_exports_are_kept_in_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_store() == tmp_path / "colens" / "encoders"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_store() == Path.home() / ".cache" / "colens" / "encoders"


@pytest.mark.parametrize("modules, pooling, message", [
    ([{"type": "sentence_transformers.models.Transformer", "path": ""},
      {"type": "sentence_transformers.models.Pooling", "path": "1_Pooling"},
      {"type": "sentence_transformers.models.Dense", "path": "2_Dense"}], {"pooling_mode_mean_tokens": True},
     "modules"),
    ([{"type": "sentence_transformers.models.Transformer", "path": ""},
      {"type": "sentence_transformers.models.Pooling", "path": "1_Pooling"}], {"pooling_mode_max_tokens": True},
     "pooling"),
])
def test_unsupported_stacks_are_named(tmp_path, modules, pooling, message):
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "modules.json").write_text(json.dumps(modules))
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps({"word_embedding_dimension": 8, **pooling}))
    with pytest.raises(UnsupportedEncoder, match=message) as info:
        read_layout(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_a_folder_without_modules_is_not_a_model(tmp_path):
    with pytest.raises(UnsupportedEncoder, match="modules.json"):
        read_layout(tmp_path)


def test_unknown_backend_is_refused(cfg):
    with pytest.raises(ValueError, match="encoder_backend"):
        load_encoder(cfg.models.sentence_transformer, "tensorflow")


def test_int8_copy_is_made_once_beside_the_float_export_and_stays_close_to_it(onnx, onnx_int8, store, model_folder):
    (graph,) = store.glob("*/model.onnx")
    quantised = graph.with_name(INT8_FILE)
    assert quantised.exists() and quantised.stat().st_size < 0.7 * graph.stat().st_size  # int8 matrices (the token table stays float)
    exact = onnx.encode(TEXTS, normalize_embeddings=True)
    approx = onnx_int8.encode(TEXTS, normalize_embeddings=True)
    cosine = (exact * approx).sum(axis=1)
    # close on sentences, and really quantised; a two-letter text moves most (0.97)
    assert cosine[:-1].min() >= onnx_mod.MIN_INT8_COSINE and cosine[-1] > 0.95 and cosine.max() < 0.99999
    stamp = quantised.stat().st_mtime_ns
    load_onnx_encoder(model_folder, store, int8=True)
    assert quantised.stat().st_mtime_ns == stamp


def test_an_int8_vector_depends_on_its_text_alone(onnx_int8, store, model_folder):
    """Dynamic quantisation scales a whole batch by its range, so the int8 copy runs one text at a time: the same
    bits alone, in any batch and in any order (the Dask engine and chunked embedding rely on it)."""
    alone = np.vstack([onnx_int8.encode([t], normalize_embeddings=True) for t in TEXTS])
    for batch_size in (2, 64):
        np.testing.assert_array_equal(onnx_int8.encode(TEXTS, batch_size=batch_size, normalize_embeddings=True), alone)
    np.testing.assert_array_equal(onnx_int8.encode(TEXTS[::-1], normalize_embeddings=True)[::-1], alone)
    (graph,) = store.glob("*/model.onnx")
    batched = OnnxEncoder(model_folder, graph.with_name(INT8_FILE), read_layout(model_folder), per_text=False)
    assert np.abs(batched.encode(TEXTS, batch_size=64, normalize_embeddings=True) - alone).max() > 1e-4


def test_an_int8_copy_that_moves_the_vectors_too_far_is_refused(onnx, store, model_folder, monkeypatch, tmp_path):
    (graph,) = store.glob("*/model.onnx")
    monkeypatch.setattr(onnx_mod, "MIN_INT8_COSINE", 1.01)
    with pytest.raises(UnsupportedEncoder, match="encoder_backend: onnx"):
        onnx_mod.quantise(model_folder, graph, tmp_path / INT8_FILE, read_layout(model_folder))
    assert not (tmp_path / INT8_FILE).exists()


def test_int8_vectors_are_cached_apart_from_float_ones(cfg, tmp_path):
    text = ["Co-production with carers, written once."]
    exact = EmbeddingCache(cfg.models.sentence_transformer, tmp_path, backend="onnx")
    approx = EmbeddingCache(cfg.models.sentence_transformer, tmp_path, backend="onnx_int8")
    a, b = exact.encode(text), approx.encode(text)
    assert (exact.misses, approx.misses) == (1, 1)  # neither read the other's row
    assert 0.98 <= float(a[0] @ b[0]) < 0.99999
    again = EmbeddingCache(cfg.models.sentence_transformer, tmp_path, backend="onnx_int8")
    np.testing.assert_array_equal(again.encode(text), b)
    assert again.hits == 1
