"""The offline HTML report: corpus summary, every figure with caption and method, searchable tables, scores.

The tables it shows are functions of the pipeline's tables, for notebooks too:

    from pipelines.figures import Tables
    from pipelines.report import definitions_table
    definitions_table(Tables.load())
"""

from pipelines.report.corpus import (documents_by_genre_year, files_by_status, files_not_read, removals_by_reason,
                                     summary_tables)
from pipelines.report.records import definitions_table, narratives_table
from pipelines.report.scores import model_scores

__all__ = [
    "documents_by_genre_year",
    "files_by_status",
    "files_not_read",
    "removals_by_reason",
    "summary_tables",
    "definitions_table",
    "narratives_table",
    "model_scores",
]
