"Tests of the sparse randomized smoothing family (methods.smoothing), used by P138: argument checks and known values."
import numpy as np
import pytest
import torch

from minirepro.methods.smoothing import (certified_radius, clopper_pearson_lower, sample_flips, smoothed_predict,
                                         worst_case_prob)

X = torch.tensor([1.0, 0.0, 1.0, 0.0])
F = lambda z: torch.zeros(len(z), 2, 3)


@pytest.mark.parametrize("call,exc,name", [
    (lambda: sample_flips(X + 0.5, 0.1, 0.5, 3), ValueError, "x"),
    (lambda: sample_flips(X.numpy(), 0.1, 0.5, 3), TypeError, "x"),
    (lambda: sample_flips(X, 0.0, 0.5, 3), ValueError, "p_plus"),
    (lambda: sample_flips(X, 0.1, 1.0, 3), ValueError, "p_minus"),
    (lambda: sample_flips(X, 0.5, 0.6, 3), ValueError, r"p_plus \+ p_minus"),
    (lambda: sample_flips(X, 0.1, 0.5, 0), ValueError, "n_samples"),
    (lambda: sample_flips(X, 0.1, 0.5, 2, generator=3), TypeError, "generator"),
    (lambda: clopper_pearson_lower(np.array([5]), 4), ValueError, "k"),
    (lambda: clopper_pearson_lower(np.array([1.5]), 4), ValueError, "k"),
    (lambda: clopper_pearson_lower(np.array([1]), 0), ValueError, "n"),
    (lambda: clopper_pearson_lower(np.array([1]), 4, alpha=1.0), ValueError, "alpha"),
    (lambda: worst_case_prob(np.array([1.2]), 1, 0, 0.1, 0.5), ValueError, "p"),
    (lambda: worst_case_prob(np.array([0.7]), -1, 0, 0.1, 0.5), ValueError, "r_add"),
    (lambda: worst_case_prob(np.array([0.7]), 0, 1.0, 0.1, 0.5), TypeError, "r_del"),
    (lambda: certified_radius(np.array([0.7]), 0.1, 0.5, kind="both"), ValueError, "kind"),
    (lambda: certified_radius(np.array([0.7]), 0.1, 0.5, r_max=-1), ValueError, "r_max"),
    (lambda: certified_radius(np.array([np.nan]), 0.1, 0.5), ValueError, "p_lower"),
    (lambda: smoothed_predict(None, X, 0.1, 0.5), TypeError, "f"),
    (lambda: smoothed_predict(F, X, 0.1, 0.5, n_select=0), ValueError, "n_select"),
    (lambda: smoothed_predict(F, X, 0.1, 0.5, batch=0), ValueError, "batch"),
])
def test_bad_inputs(call, exc, name):
    with pytest.raises(exc, match=name):
        call()


def test_no_perturbation_is_identity():
    p = np.linspace(0, 1, 11)
    assert np.allclose(worst_case_prob(p, 0, 0, 0.01, 0.6), p)


def test_worst_case_decreases_with_radius():
    vals = [worst_case_prob(np.array([0.9]), 0, r, 0.01, 0.6)[0] for r in range(10)]
    assert np.all(np.diff(vals) <= 1e-12)


def test_radius_monotone_and_minus_one():
    pl = np.linspace(0.3, 0.999, 30)
    r = certified_radius(pl, 0.01, 0.6, "del", r_max=40)
    assert (np.diff(r) >= 0).all() and (r[pl <= 0.5] == -1).all() and r[-1] > 0


def test_smoothed_predict_constant_classifier():
    g = torch.Generator().manual_seed(0)
    pred, lo = smoothed_predict(F, X, 0.1, 0.5, n_select=5, n_estimate=50, generator=g)
    assert pred.shape == (2,) and (pred == 0).all() and (lo > 0.9).all()
