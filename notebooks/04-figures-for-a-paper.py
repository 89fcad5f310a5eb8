# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 — Figures for a paper
# Every figure of the pipeline is a function returning a plotly `Figure` in one paper template (Okabe–Ito
# colours, explicit print sizes). Here one figure is restyled for a journal's column (e.g. 90 mm wide, 7 pt
# type) and exported as PDF, SVG and PNG, plus self-contained HTML for the supplement.

# %%
import tempfile
from pathlib import Path

from pipelines.figures import FIGURES, PX_PER_INCH, Exporter, FiguresParams, Tables, build, restyle

tables = Tables.load()
[(f.name, f.caption) for f in FIGURES]

# %%
fig = build("levels_genre", tables, FiguresParams(font_size_pt=7))
journal = restyle(fig, width_mm=90, height_mm=65, font_size_pt=7, font_family="Helvetica, Arial, sans-serif")
journal

# %% [markdown]
# Export: PDF and SVG are vector (sized in mm via 96 px per inch); PNG at 600 dpi. Without Chromium only the
# HTML is written and the log says how to install it. Set `out` to your manuscript's folder.

# %%
out = Path(tempfile.mkdtemp(prefix="colens-paper-"))
exporter = Exporter(["html", "pdf", "svg", "png"], png_scale=600 / PX_PER_INCH)
written = exporter.write(journal, out, "levels_genre_90mm")
print(written, sorted(p.name for p in out.iterdir()))
assert "html" in written
