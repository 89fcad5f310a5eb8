"""Usage model of the target concept: mention contexts, usage clusters (BERTopic), collocates and keyness."""
