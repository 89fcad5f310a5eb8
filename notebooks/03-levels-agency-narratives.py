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
# # 03 — Levels, agency and narratives
# Needham & Carr levels of co-production claims, who co-produces with whom, and whether user narratives
# are co-opted or transformative — each with the evidence to audit it.

# %%
import json

from pipelines.figures import Tables, agency_sankey, level_distribution, narrative_stance
from pipelines.report import narratives_table

tables = Tables.load()
level_distribution(tables.level_by_genre, "genre")

# %%
level_distribution(tables.level_by_document, "document", tables.titles)

# %% [markdown]
# The evidence behind one classified claim (nearest annotated examples, cues):

# %%
claims = tables.levels
example = claims.sort_values("level").iloc[0]
print(example["level"], "—", example["text"])
json.loads(example["evidence"]) if isinstance(example["evidence"], str) else example["evidence"]

# %%
agency_sankey(tables.agency)

# %%
tables.agency.groupby(["agent_category", "partner_category"]).size().rename("relations").reset_index()

# %% [markdown]
# ## User narratives

# %%
narrative_stance(tables.narratives)

# %%
narratives_table(tables)
