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
# # 01 — Corpus and concordance
# What is in the corpus (files, documents by genre and year, what cleaning removed) and a keyword-in-context
# view of every mention of *co-production*. Tables come from the pipeline outputs (`dvc repro` first).

# %%
from pipelines.figures import Tables
from pipelines.report import documents_by_genre_year, files_by_status, removals_by_reason

tables = Tables.load()
files_by_status(tables.manifest)

# %%
documents_by_genre_year(tables.documents)

# %%
removals_by_reason(tables.removals)

# %% [markdown]
# ## Concordance
# Target mentions with their left and right context, sorted by the word just left of the keyword.

# %%
m = tables.mentions
target = m[m["is_target"].astype(bool)].copy()
target["left_word"] = target["left"].str.split().str[-1].str.lower()
kwic = target.sort_values(["left_word", "doc_id"])[["genre", "left", "surface", "right"]]
kwic["left"] = kwic["left"].str[-50:]
kwic["right"] = kwic["right"].str[:50]
assert len(kwic) > 0, "no target mentions: check lexicon.target"
kwic.head(15)

# %%
target.groupby("genre")["mention_id"].count().rename("mentions")
