"""The table catalogue: every table the pipeline writes, with its stage, file and columns, named once.

Stages read and write through `TABLES[name].read(paths)` / `.write(df, paths)`; nothing else spells a table's
file name. `require(df, columns, where)` is the one missing-column check. The README "Outputs" table and
docs/ARCHITECTURE.md are checked against this catalogue by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

import pandas as pd

if TYPE_CHECKING:
    from pipelines.paths import Paths


class TableError(KeyError):
    """A table is missing, unknown, or lacks columns its readers rely on."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0]) if self.args else ""


def require(df: pd.DataFrame, columns: Iterable[str], where: str) -> pd.DataFrame:
    """`df` itself when it has every column in `columns`; otherwise a TableError naming `where` and the gaps."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise TableError(f"{where}: lacks column(s) {', '.join(missing)}")
    return df


@dataclass(frozen=True)
class Table:
    """One table: the stage folder it lives in (under `paths.data`), its file, and the columns it always has."""

    name: str
    stage: str
    file: str
    columns: tuple[str, ...]
    about: str
    root: str = "data"  # which `Paths` folder holds the stage folder: data or reports

    def path(self, paths: "Paths") -> Path:
        return getattr(paths, self.root) / self.stage / self.file

    def read(self, paths: "Paths", columns: list[str] | None = None) -> pd.DataFrame:
        """The table, checked for its catalogue columns; a missing file names the stage that writes it."""
        path = self.path(paths)
        if not path.exists():
            raise FileNotFoundError(f"{path}: not found; run the `{self.stage}` stage (or `dvc repro`) first")
        if path.suffix == ".csv":
            df = pd.read_csv(path, dtype=str, keep_default_na=False)
        else:
            import pyarrow.parquet as pq

            if columns:  # asking for a column the file lacks is the same error as a missing contract column
                require(pd.DataFrame(columns=pq.read_schema(path).names), columns, str(path))
            df = pd.read_parquet(path, columns=columns)
        wanted = [c for c in self.columns if columns is None or c in columns]
        try:
            return require(df, wanted, str(path))
        except TableError as exc:
            raise TableError(f"{exc}; re-run the `{self.stage}` stage") from None

    def batches(self, paths: "Paths", columns: list[str], rows: int = 500) -> Iterator[pd.DataFrame]:
        """The table's `columns` in chunks of `rows` (Parquet), for writers that stream a large table."""
        import pyarrow.parquet as pq

        path = self.path(paths)
        if path.suffix == ".csv":
            yield self.read(paths, columns)
            return
        if not path.exists():
            raise FileNotFoundError(f"{path}: not found; run the `{self.stage}` stage (or `dvc repro`) first")
        require(pd.DataFrame(columns=pq.read_schema(path).names), columns, str(path))
        for batch in pq.ParquetFile(path).iter_batches(batch_size=rows, columns=columns):
            yield batch.to_pandas()

    def write(self, df: pd.DataFrame, paths: "Paths") -> Path:
        """Write atomically after checking the catalogue columns are all there (a contract, not a suggestion)."""
        from pipelines.io import write_table

        require(df, self.columns, f"{self.name} table written by the `{self.stage}` stage")
        return write_table(df, self.path(paths))

    def exists(self, paths: "Paths") -> bool:
        return self.path(paths).exists()


def _t(name: str, stage: str, columns: str, about: str, file: str | None = None) -> Table:
    return Table(name, stage, file or f"{name}.parquet", tuple(columns.split()), about)


#: Every table, in pipeline order. Columns listed are the contract; a stage may add more.
TABLES: dict[str, Table] = {t.name: t for t in [
    _t("documents", "ingest",
       "doc_id source_file record format title genre year authors journal doi source title_source authors_source "
       "year_source language text raw_text content_hash n_chars n_words near_duplicate_of",
       "one row per document: cleaned text, raw text and metadata (missing = `unknown`), where title, authors "
       "and year came from"),
    _t("removals", "ingest", "doc_id start end reason text",
       "every span cleaning removed from a raw text, with the reason (offsets into raw_text)"),
    _t("manifest", "ingest", "file format status reason doc_ids size_bytes content_hash",
       "one row per input file: ok / skipped / failed and why", file="manifest.csv"),
    _t("paragraphs", "mentions", "doc_id para_id start end text", "paragraphs with offsets into the text"),
    _t("sentences", "mentions", "doc_id sent_id para_id start end text", "sentences with offsets"),
    _t("mentions", "mentions",
       "mention_id doc_id concept is_target start end surface lemma pos sent_id para_id sentence sent_start "
       "left right genre year title",
       "every spelling of every lexicon concept, with offsets, lemma, POS and context"),
    _t("senses", "senses", "mention_id doc_id sense sense_score in_sense sense_sentence",
       "sense of every target mention, p_<label> per sense, in_sense flag"),
    _t("contexts", "usage", "mention_id doc_id genre year context cluster x y collocates",
       "usage context of every kept mention, its cluster, 2-D map position and collocate window"),
    _t("topics", "usage", "topic label size is_outlier", "usage clusters: label, size, top words"),
    _t("topics_per_genre", "usage", "topic genre", "usage cluster shares per genre"),
    _t("topics_over_time", "usage", "topic year", "usage cluster shares per year"),
    _t("collocates", "usage", "scope lemma freq logdice mi ll", "collocates corpus-wide and per genre"),
    _t("keyness", "usage", "genre_a genre_b lemma freq_a freq_b ll log_ratio", "keyness between genres"),
    _t("definitions", "definitions",
       "def_id doc_id sent_id start end text term is_target_term definiens score pattern evidence family_id",
       "every definition found, with term, definiens, score, pattern, evidence and family"),
    _t("definition_families", "definitions",
       "family_id label top_terms representative n_definitions mean_score flag genres years",
       "definition families: key-phrase label, representative definition, singleton flag, genres and years"),
    _t("elasticity", "elasticity", "level group n_mentions n_docs index ci_low ci_high score_usage score_senses score_definitions "
       "score_collocates score_sense_spread status status_detail index_components",
       "elasticity index per document, genre, year, corpus and concept, with bootstrap CIs"),
    _t("comparisons", "elasticity", "level group_a group_b index_components", "permutation tests between groups"),
    _t("levels", "levels", "mention_id doc_id genre text level", "Needham & Carr level of every in-sense claim"),
    _t("level_by_document", "levels", "doc_id genre n_claims n_descriptive n_intermediate n_transformative n_na", "level counts and shares per document"),
    _t("level_by_genre", "levels", "genre n_claims n_descriptive n_intermediate n_transformative n_na", "level counts and shares per genre"),
    _t("agency", "agency",
       "doc_id sent_id mention_id genre verb agent agent_category partner partner_category voice users_role "
       "sentence",
       "who co-produces with whom: one row per relation"),
    _t("agency_profile", "agency", "genre n_relations n_sentences share_users_agent share_users_object "
       "share_users_partner share_users_absent top_pairs", "per genre: shares of users' roles, top agent-partner pairs"),
    _t("concept_profiles", "compare",
       "concept status n_mentions n_kept n_docs min_mentions facet key value count detail",
       "co-production beside its neighbours, long format: per concept and facet (mentions, sense, definition, "
       "collocate, level, scope, agency, elasticity, comparison) a key, its value, count and evidence"),
    _t("narratives", "narratives", "doc_id para_id start end text genre candidate is_user_narrative score stance "
       "critique_of_cooptation evidence",
       "every paragraph: user narrative or not, stance, critique of co-optation, evidence"),
    _t("narratives_by_genre", "narratives", "genre n_paragraphs n_candidates n_narratives",
       "narrative and stance counts per genre"),
    _t("themes", "themes",
       "doc_id para_id start end genre year theme score assigned evidence_terms evidence_sentences",
       "every in-sense passage (paragraph) x literature theme: score, assigned, evidence terms and sentences (JSON, "
       "offsets into the text)"),
    _t("themes_by_group", "themes", "level group theme n_passages n_assigned share",
       "share of in-sense passages assigned to each theme per genre, per year and for the corpus"),
]}


def table(name: str) -> Table:
    """The catalogue entry `name`, or a TableError listing the known tables."""
    if name not in TABLES:
        raise TableError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
    return TABLES[name]
