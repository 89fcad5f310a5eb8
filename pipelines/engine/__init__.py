"""Where per-document work runs: in this process (`local`) or on Dask workers (`dask`), chosen by `engine:`."""
