"""Topic terms by c-TF-IDF: colens's own formula gives BERTopic's `ClassTfidfTransformer` weights, and the ranking
is by weight with ties alphabetical."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from pipelines.usage.labels import class_tfidf, ranked_terms


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_class_tfidf_equals_bertopic(seed):
    from bertopic.vectorizers import ClassTfidfTransformer

    rng = np.random.default_rng(seed)
    counts = sp.csr_matrix(rng.poisson(0.7, size=(7, 40)) * (rng.random((7, 40)) < 0.4))
    counts = counts[:, np.asarray(counts.sum(axis=0)).ravel() > 0]
    expected = ClassTfidfTransformer().fit_transform(counts).toarray()
    np.testing.assert_allclose(class_tfidf(counts), expected, rtol=1e-12, atol=1e-15)


def test_ranked_terms_by_weight_then_alphabet_and_unseen_terms_dropped():
    counts = sp.csr_matrix(np.array([[3, 1, 1, 0, 0], [0, 0, 0, 2, 0]]))
    terms = ranked_terms(counts, ["peer", "carer", "board", "trial", "never"], top_n=3)
    assert terms == [["peer", "board", "carer"], ["trial"]]
    assert ranked_terms(sp.csr_matrix((2, 3)), ["a", "b", "c"], 2) == [[], []]
