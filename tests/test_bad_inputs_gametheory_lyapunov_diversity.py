"Regression tests for bad inputs to P008 (gametheory.lyapunov_exponents_for_diversity_in_differentiable)."
import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.gametheory.lyapunov_exponents_for_diversity_in_differentiable import (
    branch_points, classify_ipd, find_bifurcations, game_jacobian, generalized_ridge_rider, ipd_simultaneous_gradient,
    ipd_values, ipd_values_from_probs, simultaneous_ascent, small_ipd_mp_field, small_ipd_mp_values)

W = torch.zeros(3, 10, dtype=torch.float64)
P = torch.full((5,), 0.5, dtype=torch.float64)
LIN = lambda x: -x  # a contracting field
X2 = torch.zeros(4, 2, dtype=torch.float64)
NAN_W = W.clone().index_fill_(1, torch.tensor([0]), float("nan"))


@pytest.mark.parametrize("call,name", [
    (lambda: ipd_values(NAN_W), "w"),
    (lambda: ipd_values(torch.zeros(3, 9)), "w"),
    (lambda: ipd_values(torch.zeros(3, 10, dtype=torch.long)), "w"),
    (lambda: ipd_values(np.zeros((3, 10))), "w"),
    (lambda: ipd_values(W, gamma=1.0), "gamma"),
    (lambda: ipd_values(W, gamma=float("nan")), "gamma"),
    (lambda: ipd_values_from_probs(P + 1, P), "pa"),
    (lambda: ipd_values_from_probs(P, torch.zeros(3, 4)), "pb"),
    (lambda: ipd_values_from_probs(P.expand(3, 5), P.expand(2, 5)), "pa"),
    (lambda: ipd_simultaneous_gradient(torch.zeros(10)[None, :9]), "w"),
    (lambda: ipd_simultaneous_gradient(W, gamma="0.9"), "gamma"),
    (lambda: simultaneous_ascent(None, W, 3, 0.1), "field"),
    (lambda: simultaneous_ascent(lambda x: np.zeros(3), W, 3, 0.1), "field"),
    (lambda: simultaneous_ascent(lambda x: x[:, :2], W, 3, 0.1), "field"),
    (lambda: simultaneous_ascent(LIN, W, -1, 0.1), "steps"),
    (lambda: simultaneous_ascent(LIN, W, 2.5, 0.1), "steps"),
    (lambda: simultaneous_ascent(LIN, W, 3, 0.0), "lr"),
    (lambda: simultaneous_ascent(LIN, W, 3, float("inf")), "lr"),
    (lambda: simultaneous_ascent(LIN, NAN_W, 3, 0.1), "w"),
    (lambda: game_jacobian(LIN, torch.zeros(10)), "w"),
    (lambda: game_jacobian(3, W), "field"),
    (lambda: classify_ipd(W, gamma=0.0), "gamma"),
    (lambda: find_bifurcations(LIN, W, 0, 0.1, 2), "horizon"),
    (lambda: find_bifurcations(LIN, W, 3, -0.1, 2), "lr"),
    (lambda: find_bifurcations(LIN, W, 3, 0.1, -1), "iters"),
    (lambda: find_bifurcations(LIN, W, 3, 0.1, 2, opt_lr=0.0), "opt_lr"),
    (lambda: find_bifurcations(LIN, W, 3, 0.1, 2, k=11), "k"),
    (lambda: find_bifurcations(LIN, W, 3, 0.1, 2, h=0.0), "h"),
    (lambda: find_bifurcations(LIN, W, 3, 0.1, 2, progress="yes"), "progress"),
    (lambda: find_bifurcations(LIN, torch.zeros(10), 3, 0.1, 2), "w0"),
    (lambda: find_bifurcations("f", W, 3, 0.1, 2), "field"),
    (lambda: branch_points(LIN, W, 0.0), "eps"),
    (lambda: branch_points(LIN, W, 1.0, n_vectors=0), "n_vectors"),
    (lambda: branch_points(LIN, W, 1.0, n_vectors=11), "n_vectors"),
    (lambda: branch_points(LIN, NAN_W, 1.0), "w"),
    (lambda: generalized_ridge_rider(LIN, W, 3, 0.1, 1, eps=1.0, n_vectors=1, learn_steps=-1), "learn_steps"),
    (lambda: generalized_ridge_rider(LIN, W, 3, 0.1, 1, eps=float("nan"), n_vectors=1, learn_steps=2), "eps"),
    (lambda: small_ipd_mp_values(X2, tau=1.5), "tau"),
    (lambda: small_ipd_mp_values(torch.zeros(4, 3)), "x"),
    (lambda: small_ipd_mp_field(X2, tau=float("nan")), "tau"),
    (lambda: small_ipd_mp_field(X2, gamma=-0.5), "gamma"),
])
def test_bad_input_named(call, name):
    with pytest.raises((TypeError, ValueError), match=rf"\b{name}\b"):
        call()


def test_diverging_dynamics_stop_with_nonfinite_error():
    with pytest.raises(NonFiniteError, match=r"\bfield\b"):
        simultaneous_ascent(lambda x: x * 1e200, W + 1, 5, 1.0)
    with pytest.raises(NonFiniteError, match=r"\bfield\b"):
        find_bifurcations(lambda x: x * 1e200, W + 1, 5, 1.0, 2)


def test_numpy_integers_and_vmap_are_accepted():
    out = simultaneous_ascent(LIN, W + 1, np.int64(3), 0.5)
    assert torch.allclose(out, torch.full_like(W, 0.125))
    lab = classify_ipd(torch.full((10,), -30.0, dtype=torch.float64))  # one joint policy (AllD, AllD)
    assert lab == ["DD"]
    b = branch_points(LIN, W, 1.0, n_vectors=np.int64(2))
    assert b.shape == (4, 3, 10)
    w = torch.randn(4, 10, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    assert torch.allclose(torch.func.vmap(ipd_values)(w), ipd_values(w))  # value checks are skipped under vmap
    J = game_jacobian(lambda z: ipd_simultaneous_gradient(z), w)
    assert J.shape == (4, 10, 10) and bool(torch.isfinite(J).all())
