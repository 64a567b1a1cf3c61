"Tests of the surrogate_search family (methods.surrogate_search), shared by P014 and P130: cDSM bookkeeping and bad inputs."
import numpy as np
import pytest
import torch

from minirepro.methods.surrogate_search import (best_so_far, cdsm_maximize, cobyla_maximize, constrained_rosenbrock,
                                                dsm_candidates, householder_poll, mads_maximize, opportunistic_step,
                                                random_search, reaction_kinetics, sample_box, train_surrogate,
                                                value_at)

F = lambda X: -((X - 0.3) ** 2).sum(1)
LO, HI = -np.ones(3), np.ones(3)
G = np.random.default_rng(0)


def _sequential_first(vals, fx, remaining):
    "Reference: evaluate in order, stop at the first improvement or when the budget is spent."
    for k, v in enumerate(vals[:remaining]):
        if v > fx:
            return k, k + 1
    return -1, min(len(vals), remaining)


def test_opportunistic_step_matches_a_sequential_loop():
    g = np.random.default_rng(3)
    B, K, n, budget = 6, 5, 3, 7
    x = torch.zeros(B, n)
    cands = torch.as_tensor(g.uniform(-1, 1, (B, K, n)), dtype=torch.float32)
    calls = g.integers(1, budget, B)
    trace = np.full((B, budget), np.nan)
    fx = F(x).double().numpy()
    c0 = calls.copy()
    _, _, first = opportunistic_step(F, x, fx, cands, calls, trace)
    vals = F(cands.reshape(-1, n)).double().numpy().reshape(B, K)
    for b in range(B):
        f_ref, n_ref = _sequential_first(vals[b], fx[b], budget - c0[b])
        assert first[b] == f_ref and calls[b] - c0[b] == n_ref
        assert np.allclose(trace[b, c0[b]:calls[b]], vals[b, :n_ref])


def test_cdsm_spends_its_budget_and_never_leaves_the_box():
    tr = cdsm_maximize(F, torch.zeros(4, 3), LO, HI, 120, np.random.default_rng(1))
    assert tr.shape == (4, 120) and not np.isnan(tr).any()
    assert np.all(np.diff(best_so_far(tr), axis=1) >= 0)
    c = dsm_candidates(torch.full((2, 3), 0.95), torch.full((2,), 0.5), 0.5, torch.full((2,), 0.5), LO, HI, G)
    assert c.shape == (2, 9, 3) and bool((c <= 1).all()) and bool((c >= -1).all())


@pytest.mark.parametrize("call,exc,name", [
    (lambda: householder_poll(torch.ones(2), 0, G), ValueError, "n"),
    (lambda: dsm_candidates(torch.zeros(2, 3), torch.ones(3), 0.5, torch.ones(2), LO, HI, G), ValueError, "r_poll"),
    (lambda: dsm_candidates(torch.zeros(2, 3), torch.ones(2), 0.0, torch.ones(2), LO, HI, G), ValueError, "r_cover"),
    (lambda: cdsm_maximize(F, torch.zeros(2, 3), LO, HI, 0, G), ValueError, "budget"),
    (lambda: cdsm_maximize(F, torch.zeros(2, 3), HI, LO, 5, G), ValueError, "lo"),
    (lambda: cdsm_maximize(lambda X: X.sum(), torch.zeros(2, 3), LO, HI, 5, G), ValueError, "F"),
    (lambda: cdsm_maximize(F, torch.zeros(2, 3), LO, HI, 5, 0), TypeError, "rng"),
    (lambda: random_search(F, torch.zeros(2, 4), LO, HI, 5, G), ValueError, "lo"),
    (lambda: cobyla_maximize(F, np.zeros(3), LO, HI, 1), ValueError, "budget"),
    (lambda: mads_maximize(F, np.zeros(3), LO, HI, 10, options="MAX_BB_EVAL 3"), TypeError, "options"),
    (lambda: constrained_rosenbrock(np.zeros((2, 1))), ValueError, "x"),
    (lambda: reaction_kinetics(np.full((2, 3), 2.0)), ValueError, "u"),
    (lambda: sample_box(LO, HI, 0, G), ValueError, "n_points"),
    (lambda: train_surrogate(np.zeros((5, 2)), np.zeros((4, 1))), ValueError, "X"),
    (lambda: value_at(np.zeros((2, 3)), 4), ValueError, "budget"),
])
def test_bad_inputs_are_refused(call, exc, name):
    with pytest.raises(exc, match=name):
        call()
