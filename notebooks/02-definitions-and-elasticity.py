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
# # 02 — Definitions and elasticity
# Which definitions of co-production the corpus holds, how they group into families, and how elastic the
# concept is per genre and year (with bootstrap confidence intervals and the components behind the index).

# %%
from pipelines.figures import Tables, definition_families, elasticity_by, elasticity_components
from pipelines.report import definitions_table

tables = Tables.load()
defs = definitions_table(tables)
defs[["family", "term", "definition", "genre", "year"]]

# %%
definition_families(tables.definition_families)

# %% [markdown]
# ## Elasticity
# Groups with too few mentions or documents are shown as "too small", not measured.

# %%
e = tables.elasticity
e[["level", "group", "n_mentions", "n_docs", "index", "ci_low", "ci_high", "status"]]

# %%
elasticity_by(e, "genre")

# %%
elasticity_by(e, "year")

# %%
elasticity_components(e, "genre")
