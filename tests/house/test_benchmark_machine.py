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
