"""Progress of the long steps inside a stage (parsing, embedding): a sub-bar under `colens run`'s bar when one is
shown, and otherwise a log line every so often, so a `dvc repro` with `-v` also says how far a big stage is."""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
log = logging.getLogger("pipelines.progress")

#: The rich Progress that `colens run` shows; None under DVC, in tests and in notebooks.
_BAR: ContextVar[object | None] = ContextVar("colens_progress_bar", default=None)

#: Steps shorter than this many items are not worth a bar or a log line.
MIN_ITEMS = 200
LOG_EVERY_S = 30.0


@contextmanager
def showing(bar) -> Iterator[None]:
    """Route `track` to `bar` (a rich `Progress`) inside the block."""
    token = _BAR.set(bar)
    try:
        yield
    finally:
        _BAR.reset(token)


def track(items: Iterable[T], total: int, label: str, weight: Callable[[T], int] | None = None) -> Iterator[T]:
    """Yield `items`, showing `label` with a count out of `total` while they are consumed; an item counts
    `weight(item)` (a batch counts its size), 1 by default."""
    bar = _BAR.get()
    if total < MIN_ITEMS:
        yield from items
        return
    if bar is not None:
        task = bar.add_task(f"  {label}", total=total)
        try:
            for item in items:
                yield item
                bar.advance(task, weight(item) if weight else 1)
        finally:
            bar.remove_task(task)
        return
    start = last = time.monotonic()
    done = 0
    for item in items:
        yield item
        done += weight(item) if weight else 1
        now = time.monotonic()
        if now - last >= LOG_EVERY_S:
            log.info("%s: %d of %d (%.0f s)", label, done, total, now - start)
            last = now
