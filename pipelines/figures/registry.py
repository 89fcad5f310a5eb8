"""Every figure of the pipeline: its name, the tables it needs, how it is built, its caption and method note.

The figures stage, the report and the notebooks all go through this list, so a figure is described once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import plotly.graph_objects as go

from pipelines.figures.agency_sankey import agency_sankey
from pipelines.figures.collocates import collocates_by_genre
from pipelines.figures.concept_comparison import concept_comparison
from pipelines.figures.definition_families import definition_families
from pipelines.figures.elasticity import elasticity_by
from pipelines.figures.elasticity_components import elasticity_components
from pipelines.figures.keyness import keyness_scatter
from pipelines.figures.levels import level_distribution
from pipelines.figures.narrative_stance import narrative_stance
from pipelines.figures.settings import FiguresParams
from pipelines.figures.tables import Tables
from pipelines.figures.theme_shares import theme_shares
from pipelines.figures.usage_map import usage_map


@dataclass(frozen=True)
class FigureSpec:
    name: str
    tables: tuple[str, ...]
    build: Callable[[Tables, FiguresParams], go.Figure]
    caption: str
    method: str


FIGURES: list[FigureSpec] = [
    FigureSpec(
        "elasticity_genre", ("elasticity",), lambda t, p: elasticity_by(t.elasticity, "genre", p),
        "Elasticity index of co-production per genre with 95% confidence intervals; the dashed line is the corpus.",
        "Half the mean of the meaning scores (sense spread when every sense is kept, usage-cluster and "
        "definition-family Gini–Simpson, definition distance) plus half the mean of the context scores (usage "
        "dispersion against a sentence baseline, collocate diversity), each 0–1 and the same for every group "
        "compared. CIs: bootstrap over documents.",
    ),
    FigureSpec(
        "elasticity_concept", ("elasticity",), lambda t, p: elasticity_by(t.elasticity, "concept", p),
        "Elasticity of co-production beside its neighbouring concepts (co-creation, co-design, involvement, "
        "participation) in the same corpus, with 95% confidence intervals.",
        "The context face of the index (usage dispersion and collocate diversity) for every concept's mentions, "
        "all senses, so that concepts are compared on the same components. CIs: bootstrap over documents.",
    ),
    FigureSpec(
        "concept_comparison", ("concept_profiles",), lambda t, p: concept_comparison(t.concept_profiles, p),
        "Co-production beside its neighbouring concepts in the same corpus: share of in-sense mentions, Needham & "
        "Carr levels, micro/macro scope, users' role and the elasticity index; hover for the top collocates.",
        "From the compare stage (table concept_profiles). Neighbours' senses and levels come from the classifiers "
        "trained on co-production (out of their domain); scope counts individual-service versus service-system "
        "cue words in the mention's clause (else sentence); users' role from the agency relations the concept's "
        "own spellings head; elasticity from the elasticity stage's concept level. A concept with fewer than "
        "compare.min_mentions kept mentions is marked too small.",
    ),
    FigureSpec(
        "elasticity_year", ("elasticity",), lambda t, p: elasticity_by(t.elasticity, "year", p),
        "Elasticity index of co-production per publication year with 95% confidence intervals.",
        "Same index as per genre, grouped by year; years with too few mentions or documents are marked, "
        "not measured. CIs: bootstrap over documents.",
    ),
    FigureSpec(
        "elasticity_components", ("elasticity",), lambda t, p: elasticity_components(t.elasticity, "genre", p),
        "The component scores behind the elasticity index, for the whole corpus and per genre.",
        "Each score is scaled to 0–1; a faint, hatched full-height bar marks an undefined component (e.g. fewer "
        "definitions than the minimum); the index is half the mean of the defined meaning scores plus half the "
        "mean of the defined context scores.",
    ),
    FigureSpec(
        "usage_map", ("contexts", "mentions", "topics", "senses"),
        lambda t, p: usage_map(t.contexts, t.mentions, t.topics, t.senses, p.usage_color_by, p),
        "Usage map: each point is one in-sense mention of co-production; hover for the concordance line and source.",
        "Sentence-encoder embeddings of each mention's context, projected to 2-D (UMAP, or PCA for small "
        "corpora); colours are usage clusters (k-means, k chosen by stability across seeds) labelled by c-TF-IDF key phrases.",
    ),
    FigureSpec(
        "definition_families", ("definition_families",), lambda t, p: definition_families(t.definition_families, p),
        "Families of definitions of co-production and the genres they come from; hover for the representative.",
        "Definitional sentences found by patterns plus a trained classifier, embedded and clustered into "
        "families; the representative is the definition nearest its family's centre.",
    ),
    FigureSpec(
        "levels_genre", ("level_by_genre",), lambda t, p: level_distribution(t.level_by_genre, "genre", None, p),
        "Needham & Carr level of co-production claims per genre.",
        "Each sentence with an in-sense mention is one claim, classified (trained classifier, held-out scores "
        "below) as descriptive, intermediate, transformative or no level (n/a).",
    ),
    FigureSpec(
        "levels_document", ("level_by_document", "documents"),
        lambda t, p: level_distribution(t.level_by_document, "document", t.titles, p),
        "Needham & Carr level of co-production claims per document.",
        "As per genre, one bar per document (grouped by genre), so a genre's share can be traced to the "
        "documents behind it; long corpora show the documents with most claims (figures.top_documents), and the "
        "title then says how many of how many.",
    ),
    FigureSpec(
        "agency_sankey", ("agency",), lambda t, p: agency_sankey(t.agency, p),
        "Who co-produces with whom: relations from agent category to partner category.",
        "Agents and partners of co-production verbs and nouns read from dependency parses and mapped to actor "
        "categories by a lexicon; link width is the number of relations.",
    ),
    FigureSpec(
        "narrative_stance", ("narratives",), lambda t, p: narrative_stance(t.narratives, p),
        "Stance of user narratives per genre; hover for example quotes.",
        "Paragraphs with narrative cues scored by a trained detector; narratives classified as co-opted, "
        "transformative or neutral (critiques of co-optation count as transformative).",
    ),
    FigureSpec(
        "themes_genre_year", ("themes_by_group",), lambda t, p: theme_shares(t.themes_by_group, p),
        "Literature themes of co-production passages: the share of in-sense passages coded with each theme, per "
        "genre and per year.",
        "Each paragraph with an in-sense mention is scored against every theme of the frame (params.yaml "
        "`themes:`): the highest cosine of one of its sentences to the theme's prototype (description plus seed "
        "terms, MiniLM) blended with its share of seed terms found by lemma; a passage is coded with a theme from "
        "that theme's threshold, tuned on a real-prose development set. A passage may carry several themes.",
    ),
    FigureSpec(
        "collocates", ("collocates",), lambda t, p: collocates_by_genre(t.collocates, p),
        "Strongest collocates of co-production in the whole corpus and per genre.",
        "Content lemmas within the usage stage's window of each in-sense mention, scored against the corpus "
        "(logDice, MI and log-likelihood on hover).",
    ),
    FigureSpec(
        "keyness", ("keyness",), lambda t, p: keyness_scatter(t.keyness, p.keyness_genres or None, p),
        "Keyness between two genres: each lemma at its frequency rank in both, coloured by log ratio.",
        "Signed log-likelihood (Rayson & Garside) and log ratio (Hardie) of content-lemma counts; the most key "
        "lemmas on each side are labelled where a label has room (the title says how many are on hover only).",
    ),
]


def spec(name: str) -> FigureSpec:
    for s in FIGURES:
        if s.name == name:
            return s
    raise KeyError(f"unknown figure {name!r}; known: {', '.join(s.name for s in FIGURES)}")


def build(name: str, tables: Tables, params: FiguresParams | None = None) -> go.Figure:
    """One figure by name from the pipeline's tables."""
    return spec(name).build(tables, params or FiguresParams())
