"Regression tests for bad inputs to the coalitions family (methods.coalitions), shared by P001 and P007."
import numpy as np
import pytest

from minirepro.methods.coalitions import (all_coalitions, banzhaf_mc, coalition_index, exact_shapley_banzhaf,
                                          max_excess, multilinear_marginals, normalize_banzhaf, permutation_shapley,
                                          quadrature_nodes, shapley_mc, wvg_least_core, wvg_power_indices,
                                          wvg_shapley_permutation)

WVG = lambda S: (S @ np.array([2, 1, 1]) >= 3).astype(float)


def _brute_max_excess(w, q, x):
    return max(float((S @ w >= q) - S @ x) for S in all_coalitions(len(w)))


def test_max_excess_zero_weight_player_not_last():
    "Regression: max_excess kept the first n columns (n = number of positive weights) and dropped real players."
    W, X = np.array([[0, 1, 1, 1]]), np.array([[0.0, 0.5, 0.5, 0.0]])
    got = max_excess(W, np.array([2]), X)[0]
    assert np.isclose(got, _brute_max_excess(W[0], 2, X[0])) and np.isclose(got, 0.5)


def test_max_excess_random_padding_positions():
    g = np.random.default_rng(3)
    for _ in range(20):
        w = g.integers(0, 5, size=7); w[g.integers(7)] = 3
        x = g.dirichlet(np.ones(7)) * (w > 0)
        q = max(1, int(0.6 * w.sum()))
        assert np.isclose(max_excess(w[None], np.array([q]), x[None])[0], _brute_max_excess(w, q, x))


@pytest.mark.parametrize("q", [0, -2])
def test_quota_at_most_zero_is_refused(q):
    "Regression: wvg_shapley_permutation returned 1/n each for quota 0; a quota <= 0 is not a voting game."
    W = np.array([[1, 1, 1]])
    with pytest.raises(ValueError, match="q"):
        wvg_shapley_permutation(W, np.array([q]), 100, np.random.default_rng(0))
    with pytest.raises(ValueError, match="q"):
        wvg_power_indices(W, np.array([q]))
    with pytest.raises(ValueError, match="q"):
        max_excess(W, np.array([q]), np.full((1, 3), 1 / 3))


def test_unreachable_quota_gives_exact_zeros():
    "Regression: an unreachable quota (v == 0) gave 1/n each; every Shapley value of the null game is 0."
    W, q = np.array([[1, 1, 1], [2, 1, 1]]), np.array([4, 3])
    phi = wvg_shapley_permutation(W, q, 200, np.random.default_rng(0))
    assert np.all(phi[0] == 0) and np.isclose(phi[1].sum(), 1.0)
    phi_dp, beta_dp = wvg_power_indices(W, q)
    assert np.all(phi_dp[0] == 0) and np.all(beta_dp[0] == 0)
    with pytest.raises(ValueError, match="q"):
        wvg_least_core(np.array([1, 1, 1]), 4)


@pytest.mark.parametrize("call,name", [
    (lambda: wvg_power_indices(np.array([[1.0, np.nan]]), np.array([1])), "W"),
    (lambda: wvg_power_indices(np.array([[1.5, 1.0]]), np.array([2])), "W"),
    (lambda: wvg_power_indices(np.array([[-1, 1]]), np.array([1])), "W"),
    (lambda: wvg_power_indices(np.array([[1, 1]]), np.array([1, 1])), "q"),
    (lambda: wvg_power_indices(np.ones((1, 23), int), np.array([3])), "W"),
    (lambda: wvg_shapley_permutation(np.array([[1, 1]]), np.array([np.inf]), 10, np.random.default_rng(0)), "q"),
    (lambda: wvg_shapley_permutation(np.array([[1, 1]]), np.array([1]), 0, np.random.default_rng(0)), "n_perms"),
    (lambda: wvg_shapley_permutation(np.array([[1, 1]]), np.array([1]), 10, 0), "rng"),
    (lambda: max_excess(np.array([[1, 1]]), np.array([1]), np.array([[0.5, np.nan]])), "X"),
    (lambda: max_excess(np.array([[1, 1]]), np.array([1]), np.array([[0.5, 0.5, 0.0]])), "X"),
    (lambda: max_excess(np.ones((1, 17)), np.array([3]), np.zeros((1, 17))), "W"),
    (lambda: wvg_least_core(np.array([1.0, np.nan]), 1), "w"),
    (lambda: wvg_least_core(np.array([1.0, 1.0]), float("nan")), "q"),
    (lambda: normalize_banzhaf(np.array([np.nan, 1.0])), "beta"),
    (lambda: all_coalitions(0), "n"),
    (lambda: all_coalitions(2.0), "n"),
    (lambda: all_coalitions(True), "n"),
    (lambda: exact_shapley_banzhaf(None, 3), "v"),
    (lambda: exact_shapley_banzhaf(lambda S: S, 3), "v"),
    (lambda: exact_shapley_banzhaf(lambda S: np.full(len(S), np.nan), 3), "v"),
    (lambda: multilinear_marginals(WVG, 3, float("nan")), "p"),
    (lambda: multilinear_marginals(WVG, 3, 1.5), "p"),
    (lambda: quadrature_nodes(0), "k"),
    (lambda: quadrature_nodes(3, 0.6, 0.4), "lo"),
    (lambda: quadrature_nodes(3, float("nan"), 0.4), "lo"),
    (lambda: coalition_index(WVG, 3, [0.5, 1.0], [0.5, 0.5], 10, np.random.default_rng(0)), "keep_probs"),
    (lambda: coalition_index(WVG, 3, [0.5], [0.5, 0.5], 10, np.random.default_rng(0)), "weights"),
    (lambda: coalition_index(WVG, 3, [0.5], [np.nan], 10, np.random.default_rng(0)), "weights"),
    (lambda: coalition_index(WVG, 3, [0.5], [1.0], 1, np.random.default_rng(0)), "samples_per_prob"),
    (lambda: banzhaf_mc(WVG, 3, 100, "seed"), "rng"),
    (lambda: shapley_mc(WVG, 3, 100, np.random.default_rng(0), band=(0.8, 0.2)), "band"),
    (lambda: shapley_mc(WVG, 3, 100, np.random.default_rng(0), band=(0.2, np.nan)), "band"),
    (lambda: shapley_mc(WVG, 3, 100, np.random.default_rng(0), n_nodes=0), "n_nodes"),
    (lambda: permutation_shapley(WVG, 3, -1, np.random.default_rng(0)), "n_perms"),
])
def test_bad_input_named(call, name):
    with pytest.raises((TypeError, ValueError), match=rf"\b{name}\b"):
        call()


def test_numpy_integers_accepted():
    phi, _ = exact_shapley_banzhaf(WVG, np.int64(3))
    assert np.allclose(phi, [2 / 3, 1 / 6, 1 / 6])
    assert permutation_shapley(WVG, np.int64(3), np.int64(5), np.random.default_rng(0)).shape == (3,)
