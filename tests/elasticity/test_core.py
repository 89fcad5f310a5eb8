"""Fast unit tests of the elasticity statistics: APD, rarefied entropy, Hill numbers, resampling, index."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial.distance import pdist
from scipy.stats import entropy

from pipelines.elasticity.components import apd, apd_from_sums, hill_number, rarefied_entropy
from pipelines.elasticity.groups import TOO_SMALL, compare_groups, measure_group
from pipelines.elasticity.index import Baseline, evaluate
from pipelines.elasticity.resampling import bootstrap_weights, percentile_ci, permutation_masks, permutation_p
from pipelines.elasticity.settings import ElasticityParams
from pipelines.elasticity.unitstats import build_unit_stats


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def test_apd_equals_mean_pairwise_cosine_distance():
    v = _unit(np.random.default_rng(0).normal(size=(30, 16)))
    assert apd(v) == pytest.approx(pdist(v, "cosine").mean(), abs=1e-9)
    assert apd(np.repeat(v[:1], 5, axis=0)) == pytest.approx(0.0, abs=1e-9)


def test_weighted_apd_matches_resampled_set_without_self_pairs():
    v = _unit(np.random.default_rng(1).normal(size=(6, 8)))
    w = np.array([2.0, 0, 1, 3, 0, 1])
    origin = np.repeat(np.arange(6), w.astype(int))
    explicit = v[origin]
    distinct = origin[:, None] != origin[None, :]  # copies of one mention are not a pair of usages
    dist = 1.0 - explicit @ explicit.T
    got = apd_from_sums(np.array([w.sum()]), (w @ v)[None, :], np.array([w @ w]))[0]
    assert got == pytest.approx(dist[distinct].mean(), abs=1e-9)
    assert np.isnan(apd_from_sums(np.array([1.0]), v[:1])[0])


def test_rarefied_entropy_matches_subsampling_without_replacement():
    rng = np.random.default_rng(2)
    m, pool = 10, np.repeat([0, 1, 2], [15, 9, 6])
    picks = pool[np.argsort(rng.random((4000, len(pool))), axis=1)[:, :m]]  # 4000 subsamples, no replacement
    sims = entropy(np.stack([(picks == k).sum(1) for k in range(3)]))
    assert rarefied_entropy(np.array([[15, 9, 6]]), m)[0] == pytest.approx(np.mean(sims), abs=0.01)
    assert rarefied_entropy(np.array([[7, 0, 0], [10, 0, 0]]), m)[1] == 0.0
    assert np.isnan(rarefied_entropy(np.array([[4, 3, 2]]), m)[0])  # fewer than m items: depth not reachable
    # m = total: the plug-in entropy itself
    assert rarefied_entropy(np.array([[5, 5]]), 10)[0] == pytest.approx(np.log(2))


def test_rarefied_entropy_rows_are_computed_on_their_own_whatever_the_input_form():
    """Dense (bootstrap replicates) and sparse inputs, and each row alone, give the very same values: the shared
    table of (total, count) pairs is only a cache of work."""
    from scipy import sparse

    rng = np.random.default_rng(4)
    counts = rng.poisson(rng.gamma(0.3, 3.0, size=300), size=(40, 300)) * (rng.random((40, 300)) < 0.4)
    counts[3] = 0  # an empty row: NaN, like any row below the depth
    for m in (5, 25, 120):
        whole = rarefied_entropy(counts.astype(float), m)
        assert np.array_equal(whole, rarefied_entropy(sparse.csr_matrix(counts), m), equal_nan=True)
        alone = np.array([rarefied_entropy(counts[i : i + 1].astype(float), m)[0] for i in range(len(counts))])
        assert np.allclose(whole, alone, rtol=1e-12, atol=0, equal_nan=True)
        assert np.isnan(whole[3]) and np.isfinite(whole[counts.sum(1) >= m]).all()


def test_rarefied_entropy_sorted_pairs_equal_the_dense_pair_mask(monkeypatch):
    """Above `PAIR_MASK_ELEMENTS` the distinct pairs are sorted instead of marked in a mask: the same values."""
    from pipelines.elasticity import components

    counts = np.random.default_rng(5).poisson(2.0, size=(30, 200)).astype(float)
    masked = rarefied_entropy(counts, 40)
    monkeypatch.setattr(components, "PAIR_MASK_ELEMENTS", 0)
    assert np.array_equal(masked, rarefied_entropy(counts, 40))


def test_rarefied_entropy_does_not_grow_with_sample_size():
    """A small and a large sample of the same population, rarefied to one depth, agree in expectation."""
    rng = np.random.default_rng(8)
    p = rng.dirichlet(np.ones(60))
    small = rng.multinomial(40, p, size=3000)
    large = rng.multinomial(400, p, size=300)
    h_small = rarefied_entropy(small, 30).mean()
    h_large = rarefied_entropy(large, 30).mean()
    assert h_small == pytest.approx(h_large, abs=0.02)
    assert entropy(small.T).mean() < entropy(large.T).mean() - 0.3  # plug-in entropy would differ


def test_hill_number_is_effective_number_of_categories():
    assert hill_number(np.array([[4, 4, 4, 4], [9, 0, 0, 0]])) == pytest.approx([4.0, 1.0])


def test_bootstrap_weights_resample_units_and_permutation_masks_keep_sizes():
    rng = np.random.default_rng(3)
    w = bootstrap_weights(7, 200, rng)
    assert w.shape == (200, 7) and np.all(w.sum(1) == 7)
    masks = permutation_masks(3, 8, 100, rng)
    assert np.all(masks.sum(1) == 3) and set(np.unique(masks)) == {0.0, 1.0}
    assert percentile_ci(np.arange(101.0), 0.9) == pytest.approx((5.0, 95.0))
    # re-centred on the estimate: replicates all below it (duplicates lower diversity) still give an interval
    # around it with the replicates' spread
    assert percentile_ci(np.linspace(0.0, 1.0, 1001), 0.9, estimate=2.0) == pytest.approx((1.55, 2.45))
    assert permutation_p(0.0, np.zeros(99)) == 1.0
    assert permutation_p(5.0, np.zeros(99)) == pytest.approx(0.01)


def _stats(n_units: int, clusters_per_unit, rng, dim=12, defs=True):
    """Units with 4 mentions each; mention vectors near one direction per cluster."""
    centres = _unit(rng.normal(size=(8, dim)))
    mu, emb, cl, col = [], [], [], []
    for u in range(n_units):
        for k in range(4):
            c = clusters_per_unit[(u * 4 + k) % len(clusters_per_unit)]
            mu.append(f"u{u}")
            emb.append(_unit(centres[c] + 0.05 * rng.normal(size=dim)))
            cl.append(c)
            col.append([f"w{c}_{j}" for j in range(3)])
    units = [f"u{u}" for u in range(n_units)]
    base = _unit(rng.normal(size=(n_units * 5, dim)))
    du = units if defs else []
    return build_unit_stats(
        units, mu, np.array(emb), cl, col, du, [i % 2 for i in range(len(du))],
        _unit(rng.normal(size=(len(du), dim))) if defs else np.zeros((0, dim)),
        [units[i % n_units] for i in range(len(base))], base,
    )


def test_index_rises_with_number_of_clusters_and_is_bounded():
    params = ElasticityParams(rarefy_collocates=10)
    values = []
    for k in (1, 2, 3, 4):
        s = _stats(6, list(range(k)), np.random.default_rng(4), defs=False)
        values.append(evaluate(s, np.ones((1, 6)), params, Baseline("own"))["index"][0])
    assert values == sorted(values) and len(set(np.round(values, 6))) == 4
    assert all(0.0 <= v <= 1.0 for v in values)


def test_too_small_groups_have_no_index_and_ok_groups_have_ci():
    params = ElasticityParams(n_boot=200)
    rng = np.random.default_rng(5)
    small = measure_group(_stats(2, [0, 1], rng), "g", 2, params, Baseline("reference", 0.9), seed=1)
    assert small.status == TOO_SMALL and small.index is None
    ok = measure_group(_stats(6, [0, 1, 2], rng), "g", 6, params, Baseline("reference", 0.9), seed=1)
    assert ok.status == "ok" and ok.ci_low <= ok.index <= ok.ci_high
    assert ok.components["n_definitions"] == 6 and ok.components["definition_families"] == pytest.approx(2.0)


def test_permutation_of_exchangeable_units_is_not_significant():
    params = ElasticityParams(n_perm=300)
    s = _stats(12, [0, 1, 2, 0, 1, 3], np.random.default_rng(6))
    a = np.arange(12) < 6
    res = compare_groups(s, a, ~a, ("a", "b"), params, Baseline("reference", 0.9), seed=2)
    assert res.p_value > 0.05


def test_undefined_definitional_score_is_left_out_of_the_index_explicitly():
    params = ElasticityParams(n_boot=200)
    rng = np.random.default_rng(9)
    res = measure_group(_stats(6, [0, 1, 2], rng, defs=False), "g", 6, params, Baseline("reference", 0.9), seed=1)
    c = res.components
    assert c["n_definitions"] == 0 and c["score_definitions"] is None and c["score_definitions_ci"] is None
    # two faces, each the mean of its defined scores: meaning (here only the clusters), context
    assert c["score_sense_spread"] is None  # no sense probabilities given
    meaning, context = c["score_senses"], np.mean([c["score_usage"], c["score_collocates"]])
    assert res.index == pytest.approx((meaning + context) / 2)
    assert res.index_components == ("score_usage", "score_senses", "score_collocates")
    assert 0.0 <= res.ci_low <= res.index <= res.ci_high <= 1.0


def _company(lemmas_per_mention: list[list[str]], dim=8):
    """One unit per mention, one cluster, the given collocate lemmas, random unit vectors."""
    rng = np.random.default_rng(11)
    n = len(lemmas_per_mention)
    units = [f"u{i}" for i in range(n)]
    emb = _unit(rng.normal(size=(n, dim)))
    return build_unit_stats(units, units, emb, [0] * n, lemmas_per_mention, [], [], np.zeros((0, dim)),
                            units, _unit(rng.normal(size=(n, dim))))


def test_collocate_score_separates_repetitive_from_diverse_company_at_equal_size():
    """120 collocate tokens each: drawn from 6 lemmas vs from 200 lemmas; one auto depth for both groups."""
    from pipelines.elasticity.depth import resolve_collocate_depth

    rng = np.random.default_rng(12)
    repetitive = _company([[f"w{rng.integers(6)}" for _ in range(10)] for _ in range(12)])
    diverse = _company([[f"w{rng.integers(200)}" for _ in range(10)] for _ in range(12)])
    params = resolve_collocate_depth(ElasticityParams(), [repetitive, diverse])
    assert params.rarefy_collocates == 60  # half of the smallest measurable group's 120 tokens
    one = np.ones((1, 12))
    rep = evaluate(repetitive, one, params, Baseline("own"))
    div = evaluate(diverse, one, params, Baseline("own"))
    assert rep["collocate_depth"][0] == div["collocate_depth"][0] == 60
    assert 0.0 <= rep["score_collocates"][0] < 0.15 and 0.6 < div["score_collocates"][0] <= 1.0
    # the score is the effective number of distinct lemmas among m draws, rescaled to [0, 1]
    d = np.exp(rep["collocate_entropy"][0])
    assert rep["score_collocates"][0] == pytest.approx((d - 1) / 59)
    assert 5.0 < d < 6.0  # six equally common lemmas


def test_collocate_depth_is_bounded_and_must_be_resolved():
    from pipelines.elasticity.depth import depth_from_totals

    params = ElasticityParams(collocate_depth_min=20, collocate_depth_max=100)
    assert depth_from_totals([500, 90], params) == 45
    assert depth_from_totals([10], params) == 20 and depth_from_totals([5000], params) == 100
    assert depth_from_totals([], params) == 20
    s = _company([["a", "b"]] * 12)
    with pytest.raises(ValueError, match="resolve"):
        evaluate(s, np.ones((1, 12)), ElasticityParams(), Baseline("own"))
    with pytest.raises(ValueError, match="collocate_depth_min"):
        ElasticityParams(collocate_depth_min=50, collocate_depth_max=10)
    fixed = ElasticityParams(rarefy_collocates=30)
    assert measure_group(s, "g", 12, fixed, Baseline("reference", 0.9), seed=1).components["collocate_depth"] == 30


def test_pairwise_spread_is_apd_for_unit_vectors_and_gini_simpson_for_categories():
    from pipelines.elasticity.components import pairwise_spread, simpson_from_counts

    rng = np.random.default_rng(21)
    p = rng.dirichlet(np.ones(5), size=9)
    brute = np.mean([0.5 * np.sum((p[i] - p[j]) ** 2) for i in range(9) for j in range(9) if i != j])
    got = pairwise_spread(np.array([9.0]), p.sum(0)[None], np.array([(p**2).sum()]))[0]
    assert got == pytest.approx(brute)
    v = _unit(rng.normal(size=(7, 6)))
    assert pairwise_spread(np.array([7.0]), v.sum(0)[None], np.array([7.0]))[0] == pytest.approx(apd(v))
    labels = np.array([0, 0, 1, 1, 2, 2, 2])
    pairs = [(i, j) for i in range(7) for j in range(7) if i != j]
    expected = np.mean([labels[i] != labels[j] for i, j in pairs])
    counts = np.bincount(labels)[None].astype(float)
    assert simpson_from_counts(counts, np.array([7.0]))[0] == pytest.approx(expected)
    assert simpson_from_counts(np.array([[5.0, 0.0]]), np.array([5.0]))[0] == 0.0
    assert np.isnan(simpson_from_counts(np.array([[1.0, 0.0]]), np.array([1.0]))[0])


def test_sense_spread_is_zero_for_one_sense_and_rises_with_each_sense_mixed_in():
    """Equal-size mixtures of 1-4 confidently classified senses: 0, 1/2, 2/3, 3/4 (distinct pairs: a bit more)."""
    params = ElasticityParams(rarefy_collocates=10)
    rng = np.random.default_rng(22)
    values = []
    for k in (1, 2, 3, 4):
        senses = np.repeat(np.arange(k), 12 // k)
        proba = np.full((12, 6), 0.02)
        proba[np.arange(12), senses] = 0.9
        units = [f"u{i}" for i in range(12)]
        emb = _unit(rng.normal(size=(12, 8)))
        s = build_unit_stats(units, units, emb, [0] * 12, [["a", "b"]] * 12, [], [], np.zeros((0, 8)),
                             [], np.zeros((0, 8)), sense_proba=proba)
        values.append(evaluate(s, np.ones((1, 12)), params, Baseline("reference", 0.9))["score_sense_spread"][0])
    assert values[0] == pytest.approx(0.0, abs=1e-12)
    assert values == sorted(values) and len(set(np.round(values, 6))) == 4
    assert values[1] == pytest.approx(0.88**2 * 0.5 * 2 * 12 / 11 / 2, rel=1e-6)  # 6x6 cross pairs of 132


def test_degenerate_clustering_makes_the_cluster_score_undefined_never_zero():
    from pipelines.elasticity.clusters import is_degenerate

    assert is_degenerate([0] * 402 + [1]) and is_degenerate([0] * 20) and is_degenerate([-1] * 5 + [0] * 30)
    assert not is_degenerate([0] * 20 + [1] * 10 + [-1] * 3)
    rng = np.random.default_rng(23)
    s = _stats(6, [0, 1, 2], rng, defs=False)
    from dataclasses import replace

    flat = replace(s, clusters_degenerate=True)
    params = ElasticityParams(rarefy_collocates=10)
    assert np.isnan(evaluate(flat, np.ones((1, 6)), params, Baseline("own"))["score_senses"][0])
    assert evaluate(s, np.ones((1, 6)), params, Baseline("own"))["score_senses"][0] > 0.5
    res = measure_group(flat, "g", 6, params, Baseline("reference", 0.9), seed=1)
    assert res.components["score_senses"] is None and "score_senses" not in res.index_components


def test_every_group_of_a_level_uses_the_same_scores_and_says_which():
    """A group without definitions makes the whole level leave the definitional score out (marked)."""
    import pandas as pd

    from pipelines.elasticity.measure import build_level, measure_level

    rng = np.random.default_rng(24)
    rows, defs, base = [], [], []
    for g, with_defs in (("a", True), ("b", False)):
        for u in range(8):
            doc = f"{g}{u}"
            for k in range(2):
                rows.append({"group": g, "unit": doc, "doc_id": doc, "context": f"{doc} mention {k}",
                             "cluster": (u + k) % 3, "collocates": [f"w{(u * k) % 7}", f"v{u % 5}"]})
            if with_defs:
                defs.append({"group": g, "unit": doc, "doc_id": doc, "definiens": f"def {u}", "family": u % 2})
    vecs = {}

    def encode(texts):
        return np.array([vecs.setdefault(t, _unit(rng.normal(size=8))) for t in texts])

    params = ElasticityParams(n_boot=100, rarefy_collocates=10, min_mentions=6)
    level = build_level(pd.DataFrame(rows), pd.DataFrame(defs), pd.DataFrame(base, columns=["group", "unit",
                        "doc_id", "text"]), params, encode, Baseline("reference", 0.9))
    a, b = measure_level(level, params, seed=3)
    assert a.components["score_definitions"] is not None and b.components["score_definitions"] is None
    assert a.index_components == b.index_components and "score_definitions" not in a.index_components
    assert a.as_dict()["index_components"] == list(a.index_components)


def test_too_small_states_what_it_has_and_what_it_needed_and_documents_have_own_thresholds():
    params = ElasticityParams(n_boot=50, min_mentions=10, min_docs=3, document_min_mentions=6,
                              document_min_paragraphs=2)
    res = measure_group(_stats(2, [0, 1], np.random.default_rng(25)), "d1", 1, params,
                        Baseline("reference", 0.9), seed=1, unit="paragraphs")
    assert res.status == TOO_SMALL
    assert res.status_detail == "8 mentions in 2 paragraphs; needs at least 10 mentions in 3 paragraphs"
    doc = params.for_level("document")
    assert (doc.min_mentions, doc.min_docs) == (6, 2) and params.for_level("genre") is params
    ok = measure_group(_stats(2, [0, 1], np.random.default_rng(25)), "d1", 1, doc.model_copy(
        update={"rarefy_collocates": 10}), Baseline("reference", 0.9), seed=1)
    assert ok.status == "ok" and ok.index is not None


def test_sense_matrix_turns_probabilities_into_predicted_senses():
    import pandas as pd

    from pipelines.elasticity.measure import sense_matrix

    m = pd.DataFrame({"context": ["a", "b", "c"], "p_x": [0.6, 0.2, np.nan], "p_y": [0.4, 0.8, np.nan]})
    out = sense_matrix(m)
    assert out[:2].tolist() == [[1.0, 0.0], [0.0, 1.0]] and np.isnan(out[2]).all()
    assert sense_matrix(m[["context"]]) is None


def test_evaluating_replicates_in_blocks_changes_nothing(monkeypatch):
    """Blocks only bound memory: every replicate and every pmf value is computed the same way."""
    import pipelines.elasticity.components as components
    import pipelines.elasticity.index as index

    params = ElasticityParams(rarefy_collocates=10)
    stats = _stats(6, [0, 1, 2], np.random.default_rng(7))
    weights = bootstrap_weights(6, 250, np.random.default_rng(8))
    whole = evaluate(stats, weights, params, Baseline("own"))
    monkeypatch.setattr(index, "EVAL_ROWS", 7)
    monkeypatch.setattr(components, "PMF_ELEMENTS", 5)
    blocks = evaluate(stats, weights, params, Baseline("own"))
    assert set(blocks) == set(whole)
    for key in whole:
        assert blocks[key].shape == (250,)
        np.testing.assert_allclose(blocks[key], whole[key], rtol=1e-12, atol=0, equal_nan=True)
    counts = np.array([[5, 3, 0, 2], [1, 1, 1, 7], [0, 0, 4, 6]])
    expected = rarefied_entropy(counts, 6)
    monkeypatch.setattr(components, "PMF_ELEMENTS", 10**7)
    np.testing.assert_allclose(rarefied_entropy(counts, 6), expected, rtol=1e-12)


def test_log_choose_on_a_grid_is_the_entrywise_value_bit_for_bit():
    from pipelines.elasticity.components import _log_choose, _log_choose_grid

    rng = np.random.default_rng(21)
    n = rng.integers(0, 400, size=(50, 1)).astype(float)
    k = np.arange(-2, 60, dtype=float)[None, :]  # k < 0 and k > n included
    grid, entrywise = _log_choose_grid(n, k), _log_choose(n, k)
    assert grid.shape == (50, 62) and np.array_equal(grid, entrywise)
    assert np.isneginf(grid[:, :2]).all() and np.isneginf(grid[n[:, 0] < 57, -1]).all()


def test_collocate_columns_no_unit_uses_change_no_result():
    """`compact` drops the corpus's collocate columns a group never uses: every number stays the same."""
    from dataclasses import replace

    from scipy import sparse

    from pipelines.elasticity.unitstats import compact

    s = _stats(8, [0, 1, 2], np.random.default_rng(5), defs=True)
    wide = sparse.hstack([sparse.csr_matrix((8, 40), dtype=np.int64), s.collocates,
                          sparse.csr_matrix((8, 25), dtype=np.int64)]).tocsr()
    padded = replace(s, collocates=wide)
    assert compact(padded).collocates.shape == s.collocates.shape == compact(s).collocates.shape
    params = ElasticityParams(rarefy_collocates=10)
    w = bootstrap_weights(8, 50, np.random.default_rng(6))
    a, b = evaluate(s, w, params, Baseline("own")), evaluate(padded, w, params, Baseline("own"))
    assert all(np.array_equal(a[key], b[key], equal_nan=True) for key in a)


def test_unit_sums_in_blocks_are_the_float64_sums_bit_for_bit(monkeypatch):
    """`_sums` converts float32 rows to float64 a block at a time: the same sums as one float64 copy of all rows."""
    from pipelines.elasticity import unitstats

    rng = np.random.default_rng(3)
    emb = rng.standard_normal((1000, 8)).astype(np.float32)
    idx = rng.integers(0, 7, 1000)
    whole = np.zeros((7, 8))
    np.add.at(whole, idx, emb.astype(float))
    monkeypatch.setattr(unitstats, "SUM_ROWS", 64)
    blocks = unitstats._sums(idx, emb, 7, 8)
    assert blocks.dtype == np.float64 and np.array_equal(blocks, whole)
    assert np.array_equal(unitstats._sums(idx[:0], emb[:0], 7, 8), np.zeros((7, 8)))
