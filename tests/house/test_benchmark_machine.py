"""The benchmark names the machine its figures belong to (CPU model, vector extensions) and the encoder's
throughput there: runs on different machines differ mostly in the encoder's arithmetic."""

from __future__ import annotations

import importlib.util

from pipelines.paths import ROOT


def _benchmark():
    spec = importlib.util.spec_from_file_location("colens_benchmark", ROOT / "scripts" / "benchmark.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_machine_reads_model_and_vector_extensions(tmp_path):
    bench = _benchmark()
    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nmodel name\t: Example CPU 9000\nflags\t\t: fpu sse2 avx2 fma avx512f "
                    "avx512_vnni\nprocessor\t: 1\nmodel name\t: Example CPU 9000\nflags\t\t: fpu sse2\n")
    found = bench.machine(info)
    assert found["cpu_model"] == "Example CPU 9000"
    assert found["vector_extensions"] == ["avx2", "fma", "avx512f", "avx512_vnni"]
    assert found["cpu_count"] >= 1 and found["memory_gb"] >= 0
    assert bench.machine(tmp_path / "absent")["vector_extensions"] == []


def test_encoder_probe_times_the_configured_encoder(cfg):
    bench = _benchmark()
    texts = bench.source_paragraphs()[:20]
    probe = bench.encoder_probe(cfg.models.sentence_transformer, cfg.models.encoder_backend, cfg.models.batch_size,
                                 texts)
    assert probe["texts"] == 20 and probe["characters"] == sum(len(t) for t in texts)
    assert probe["seconds"] > 0 and probe["characters_per_second"] > 0


def test_priming_fills_the_cache_for_every_backend_the_run_reads(cfg, tmp_path):
    """The level and narrative models read float vectors while the rest read int8: the benchmark's clone gets the
    annotated examples on both, so neither backend embeds them inside a timed stage."""
    import sqlite3

    bench = _benchmark()
    models = cfg.model_dump()["models"]
    backends = bench.backends_of(models)
    assert backends == {cfg.models.encoder_backend, *cfg.models.task_encoder_backends.values()}
    assert bench.backends_of({"encoder_backend": "onnx"}) == {"onnx"}
    dest = tmp_path / "cache" / "embeddings.sqlite"
    primed = bench.prime_embeddings(tmp_path / "absent.sqlite", dest, cfg.models.sentence_transformer, backends)
    with sqlite3.connect(dest) as db:
        counts = dict(db.execute("SELECT model, COUNT(*) FROM emb GROUP BY model"))
    assert primed > 1000 and len(counts) == len(backends) and set(counts.values()) == {primed}
