"""Progress of a long ingest on the log: files and documents done, rate and time left, every so often."""

from __future__ import annotations

import logging
import time

log = logging.getLogger("pipelines.ingest")


class Progress:
    """Logs a line every `every` documents or 30 seconds, whichever comes first, and a last line at the end."""

    def __init__(self, n_files: int, every: int, seconds: float = 30.0):
        self.n_files, self.every, self.seconds = n_files, every, seconds
        self.files = self.docs = 0
        self.start = self.last = time.monotonic()
        self.last_docs = 0

    def document(self) -> None:
        """One more document built (called per record, so a 100k-record export shows progress too)."""
        self.docs += 1
        if self.docs - self.last_docs >= self.every:
            self._log(time.monotonic())

    def file(self) -> None:
        """One more file done."""
        self.files += 1
        now = time.monotonic()
        if self.docs - self.last_docs >= self.every or now - self.last >= self.seconds:
            self._log(now)

    def _log(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-9)
        log.info("ingest: %d of %d files, %d documents (%.0f documents/s, %.0f s)",
                 self.files, self.n_files, self.docs, self.docs / elapsed, elapsed)
        self.last, self.last_docs = now, self.docs

    def done(self) -> None:
        self._log(time.monotonic())
