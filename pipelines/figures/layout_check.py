"""Draw figures in headless Chromium at given print widths and find overlapping or cut-off text.

Plotly places titles, legends, axis titles and annotations only when it draws, so the check reads the drawn
layout: every text box (title, legend entries, axis and tick labels, annotations, colour-bar title, Sankey
labels) is measured with `getBoundingClientRect`, and two boxes of different roles that intersect, or a box that
leaves the figure, are reported. Used by the figure tests; also `python -m pipelines.figures.layout_check`.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from pipelines.figures.theme import MM_PER_INCH, PX_PER_INCH, restyle

# role -> CSS selector of the text elements of that role (roles are compared pairwise)
ROLES = {
    "title": "text.gtitle",
    "legend": "g.legend text.legendtext, g.legend text.legendtitletext",
    "axis-title": "g[class^='g-x'] text[class$='title'], g[class^='g-y'] text[class$='title']",
    "xtick": "g.xtick text",
    "ytick": "g.ytick text",
    "annotation": "g.annotation",
    "colorbar": "g.colorbar text",
    "sankey": "text.node-label",
}
SAME_ROLE_MAY_TOUCH = {"xtick", "ytick", "sankey", "colorbar"}  # plotly spaces these itself
TOLERANCE_PX = 1.0

SCRIPT = r"""
(function(){
  var roles = %(roles)s;
  var jobs = Array.prototype.map.call(document.querySelectorAll('div.fig'), function(div){
    var fig = JSON.parse(document.getElementById(div.dataset.figure).textContent);
    return Plotly.newPlot(div, fig.data || [], fig.layout || {}, {staticPlot: true}).then(function(){
      var origin = div.getBoundingClientRect(), boxes = [];
      Object.keys(roles).forEach(function(role){
        div.querySelectorAll(roles[role]).forEach(function(el){
          var r = el.getBoundingClientRect(), text = (el.textContent || '').trim();
          if (r.width <= 0 || r.height <= 0 || !text) return;
          if (getComputedStyle(el).display === 'none' || el.closest('[display="none"]')) return;
          boxes.push({role: role, text: text.slice(0, 60), x0: r.left - origin.left, y0: r.top - origin.top,
                      x1: r.right - origin.left, y1: r.bottom - origin.top});
        });
      });
      return {id: div.id, width: div.clientWidth, height: div.clientHeight, boxes: boxes};
    });
  });
  Promise.all(jobs).then(function(all){
    document.getElementById('result').textContent = JSON.stringify(all);
  }, function(err){ document.getElementById('result').textContent = 'ERROR ' + err; });
})();
"""


@dataclass(frozen=True)
class Box:
    role: str
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: "Box", tol: float = TOLERANCE_PX) -> bool:
        return (min(self.x1, other.x1) - max(self.x0, other.x0) > tol
                and min(self.y1, other.y1) - max(self.y0, other.y0) > tol)


@dataclass
class Layout:
    """The drawn text boxes of one figure at one width."""

    name: str
    width: float
    height: float
    boxes: list[Box]

    def problems(self) -> list[str]:
        """Overlaps between text of different roles (or of the same role where plotly does not space it), and
        text that leaves the figure."""
        out = []
        for i, a in enumerate(self.boxes):
            if a.x0 < -TOLERANCE_PX or a.y0 < -TOLERANCE_PX or a.x1 > self.width + TOLERANCE_PX \
                    or a.y1 > self.height + TOLERANCE_PX:
                out.append(f"{self.name}: {a.role} {a.text!r} leaves the figure "
                           f"({a.x0:.0f},{a.y0:.0f})-({a.x1:.0f},{a.y1:.0f}) of {self.width:.0f}x{self.height:.0f}")
            for b in self.boxes[i + 1:]:
                if a.role == b.role and a.role in SAME_ROLE_MAY_TOUCH:
                    continue
                if a.overlaps(b):
                    out.append(f"{self.name}: {a.role} {a.text!r} overlaps {b.role} {b.text!r}")
        return out


def at_width(fig: go.Figure, width_mm: float) -> go.Figure:
    """A copy of `fig` drawn `width_mm` wide (height kept: figures size their height to their content)."""
    height_mm = (fig.layout.height or 500) * MM_PER_INCH / PX_PER_INCH
    return restyle(fig, width_mm, height_mm)


def _page(figures: dict[str, go.Figure]) -> str:
    divs, data = [], []
    for i, (name, fig) in enumerate(figures.items()):
        js = fig.to_json().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        divs.append(f'<div class="fig" id="{html.escape(name)}" data-figure="data-{i}" '
                    f'style="width:{fig.layout.width}px;height:{fig.layout.height}px"></div>')
        data.append(f'<script type="application/json" id="data-{i}">{js}</script>')
    script = SCRIPT % {"roles": json.dumps(ROLES)}
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>body{margin:0}div.fig{margin:0 0 20px}"
            "</style></head><body>" + "".join(divs) + "".join(data) + '<pre id="result">PENDING</pre>'
            f"<script>{get_plotlyjs()}</script><script>{script}</script></body></html>")


def measure(figures: dict[str, go.Figure], browser: str | None = None, budget_ms: int = 20000,
            timeout_s: int = 180) -> list[Layout]:
    """Draw every figure (name -> figure at its final size) in one headless Chromium page; their text boxes."""
    from pipelines.report.render_check import FLAGS, chromium_path

    browser = browser or chromium_path()
    if browser is None:
        raise FileNotFoundError("no Chromium found (apt-get install chromium, or put chrome on PATH)")
    with tempfile.TemporaryDirectory(prefix="colens-layout-") as tmp:
        page = Path(tmp) / "layout.html"
        page.write_text(_page(figures), encoding="utf-8")
        cmd = [browser, *FLAGS, f"--user-data-dir={tmp}/profile", f"--virtual-time-budget={budget_ms}",
               "--dump-dom", page.as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s)
    found = re.search(r'<pre id="result">(.*?)</pre>', proc.stdout, re.S)
    text = html.unescape(found.group(1)) if found else ""
    if not text.startswith("["):
        raise RuntimeError(f"figures were not drawn in Chromium: {text[:300] or proc.stderr[-300:]}")
    return [Layout(r["id"], r["width"], r["height"], [Box(**b) for b in r["boxes"]]) for r in json.loads(text)]


def check(figures: dict[str, go.Figure], widths_mm: tuple[float, ...]) -> list[str]:
    """Every problem of every figure at every width (empty: all clear)."""
    drawn = {f"{name}@{w:g}mm": at_width(fig, w) for name, fig in figures.items() for w in widths_mm}
    return [p for layout in measure(drawn) for p in layout.problems()]


def main() -> None:
    """`python -m pipelines.figures.layout_check`: check this project's figures at both column widths."""
    import sys

    from pipelines.figures.registry import FIGURES
    from pipelines.figures.settings import FiguresParams
    from pipelines.figures.tables import Tables
    from pipelines.config import Config

    params = Config.load().section("figures", FiguresParams)
    tables = Tables.load()
    figures, problems = {}, []
    for s in FIGURES:
        try:
            figures[s.name] = s.build(tables, params)
        except (KeyError, ValueError, OSError) as exc:  # TableError is a KeyError/ValueError; say which figure
            problems.append(f"{s.name}: not built ({exc})")
    problems += check(figures, (params.single_column_mm, params.double_column_mm))
    for p in problems:
        print(p)
    print(f"{len(figures)} figures at {params.single_column_mm:g} and {params.double_column_mm:g} mm: "
          f"{len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
