"""Long steps inside a stage report progress: a sub-bar under `colens run`, log lines otherwise."""

from __future__ import annotations

import logging

import numpy as np
from rich.progress import Progress

from pipelines import progress
from pipelines.embeddings import EmbeddingCache
from pipelines.nlp import parse_texts


class RecordingBar:
    """Stands in for rich's Progress and remembers what it was told."""

    def __init__(self):
        self.added, self.advanced, self.removed = [], 0, []

    def add_task(self, description, total):
        self.added.append((description, total))
        return len(self.added)

    def advance(self, task, amount=1):
        self.advanced += amount

    def remove_task(self, task):
        self.removed.append(task)


def test_a_long_step_gets_its_own_bar_that_counts_every_item_then_goes():
    bar = RecordingBar()
    with progress.showing(bar):
        out = list(progress.track(range(300), 300, "parsing 300 texts"))
    assert out == list(range(300))
    assert bar.added == [("  parsing 300 texts", 300)] and bar.advanced == 300 and bar.removed == [1]


def test_batches_count_their_size():
    bar = RecordingBar()
    batches = [list(range(100)), list(range(100)), list(range(50))]
    with progress.showing(bar):
        assert list(progress.track(batches, 250, "embedding", weight=len)) == batches
    assert bar.advanced == 250


def test_short_steps_and_no_bar_show_nothing(caplog):
    bar = RecordingBar()
    with progress.showing(bar):
        list(progress.track(range(10), 10, "tiny"))
    assert bar.added == []
    with caplog.at_level(logging.INFO, logger="pipelines.progress"):
        assert list(progress.track(range(300), 300, "quiet")) == list(range(300))
    assert not caplog.records  # no bar and under LOG_EVERY_S: nothing


def test_without_a_bar_a_slow_step_logs_how_far_it_is(caplog, monkeypatch):
    monkeypatch.setattr(progress, "LOG_EVERY_S", 0.0)
    with caplog.at_level(logging.INFO, logger="pipelines.progress"):
        list(progress.track(range(250), 250, "parsing 250 texts"))
    assert "parsing 250 texts: 250 of 250" in caplog.records[-1].getMessage()


def test_parsing_reports_progress_to_the_bar(nlp):
    texts = ["Co-production is a way of working."] * 210
    with Progress(disable=True) as bar, progress.showing(bar):
        docs = list(parse_texts(nlp, texts, batch_size=64))
        assert len(docs) == 210 and docs[0].text == texts[0]
        assert bar.tasks == []  # the sub-bar is removed when the step ends


def test_chunked_embedding_equals_one_call(cfg, encoder, tmp_path):
    texts = [f"People who use services design service number {i} with staff." for i in range(300)]
    embedder = EmbeddingCache(cfg.models.sentence_transformer, cache_dir=None, batch_size=16,
                              backend=cfg.models.encoder_backend)
    bar = RecordingBar()
    with progress.showing(bar):
        vectors = embedder.encode(texts)
    direct = encoder.encode(texts, batch_size=16, normalize_embeddings=True, convert_to_numpy=True)
    assert np.allclose(vectors, direct, atol=1e-5)
    assert bar.added[0][1] == 300 and bar.advanced == 300
