"""Open an HTML page in headless Chromium and report what rendered: every plot div with a drawn `.main-svg`,
and every console message (errors included). Used by the tests; also `python -m pipelines.report.render_check`.

Uses the Chromium command line only (`--dump-dom` after a virtual-time budget, console messages from
`--enable-logging=stderr`), so no driver or extra package is needed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0", "--run-all-compositor-stages-before-draw"]
_CONSOLE = re.compile(r":CONSOLE[^\]]*\]\s*(.*)$")


def chromium_path() -> str | None:
    """/usr/bin/chromium or another Chromium/Chrome on PATH."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class _Plots(HTMLParser):
    """Collects, for every `div.plot`, whether an element with class `main-svg` lies inside it."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []  # plot id for a plot div, else None
        self.plots: dict[str, bool] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if "main-svg" in classes:
            for pid in self.stack:
                if pid:
                    self.plots[pid] = True
        if tag in self.VOID:
            return
        pid = a.get("id") if tag == "div" and "plot" in classes else None
        if pid:
            self.plots.setdefault(pid, False)
        self.stack.append(pid)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()


@dataclass
class Rendered:
    plots: dict[str, bool]  # plot div id -> drawn
    console: list[str] = field(default_factory=list)
    returncode: int = 0

    @property
    def undrawn(self) -> list[str]:
        return [p for p, ok in self.plots.items() if not ok]


def render(page: Path, budget_ms: int = 15000, timeout_s: int = 120, browser: str | None = None) -> Rendered:
    """Load `page` (file) in headless Chromium with no network, wait `budget_ms` of virtual time, inspect."""
    browser = browser or chromium_path()
    if browser is None:
        raise FileNotFoundError("no Chromium found (apt-get install chromium, or put chrome on PATH)")
    with tempfile.TemporaryDirectory(prefix="colens-chromium-") as profile:
        cmd = [browser, *FLAGS, f"--user-data-dir={profile}", f"--virtual-time-budget={budget_ms}",
               "--dump-dom", Path(page).resolve().as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s)
    parser = _Plots()
    parser.feed(proc.stdout)
    console = [m.group(1) for line in proc.stderr.splitlines() if (m := _CONSOLE.search(line))]
    return Rendered(parser.plots, console, proc.returncode)


def main() -> None:
    """`python -m pipelines.report.render_check [PAGE]`: PAGE defaults to the report the stage writes."""
    if len(sys.argv) > 1:
        page = Path(sys.argv[1])
    else:
        from pipelines.config import Config
        from pipelines.paths import Paths
        from pipelines.report.stage import report_path

        page = report_path(Paths.from_config(Config.load()))
    result = render(page)
    print(f"{page}: {len(result.plots) - len(result.undrawn)}/{len(result.plots)} plots drawn; "
          f"{len(result.console)} console message(s)")
    for line in result.console:
        print(f"  console: {line}")
    for pid in result.undrawn:
        print(f"  not drawn: {pid}")
    sys.exit(1 if result.undrawn or result.console or not result.plots else 0)


if __name__ == "__main__":
    main()
