"""The offline HTML report: corpus summary, every figure with caption and method, searchable tables, scores."""
