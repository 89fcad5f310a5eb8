"""Paper-ready plotly figures of the pipeline's tables: one module per figure, one theme, one exporter."""
