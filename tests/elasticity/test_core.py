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
    others = [c["score_usage"], c["score_senses"], c["score_collocates"]]
    assert res.index == pytest.approx(np.mean(others))
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
