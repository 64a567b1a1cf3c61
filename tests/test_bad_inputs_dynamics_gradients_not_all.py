"Regression tests for bad inputs to P009 (dynamics.gradients_are_not_all_you_need)."
import math

import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.dynamics.gradients_are_not_all_you_need import (
    antithetic_es_gradients, backprop_gradients, log_variance_slope, logistic_lyapunov, logistic_unroll,
    outer_optimize, pendulum_step, pendulum_unroll)

R = torch.tensor([3.3, 3.9], dtype=torch.float64)
X0 = torch.tensor([0.2, 0.7], dtype=torch.float64)
S = torch.zeros(4, 3, dtype=torch.float64)
SQ = lambda th: th ** 2
OUTER = dict(method="es", T=5, target=0.6, r0=3.7, steps=2, lr=0.01, n_pairs=2, sigma=0.05, seed=0)


@pytest.mark.parametrize("call,name", [
    (lambda: logistic_unroll(torch.tensor([3.0, float("nan")]), X0, 5), "r"),
    (lambda: logistic_unroll(R + 1, X0, 5), "r"),
    (lambda: logistic_unroll(R, X0 - 1, 5), "x0"),
    (lambda: logistic_unroll(R, torch.zeros(3), 5), "r"),
    (lambda: logistic_unroll(R, X0, 0), "T"),
    (lambda: logistic_unroll(R, X0, 2.5), "T"),
    (lambda: logistic_unroll(R, X0, 5, return_states="yes"), "return_states"),
    (lambda: logistic_unroll("3.5", X0, 5), "r"),
    (lambda: logistic_unroll(R, torch.ones(2, dtype=torch.long), 5), "x0"),
    (lambda: logistic_lyapunov(R, X0, 5, burn_in=-1), "burn_in"),
    (lambda: logistic_lyapunov(torch.zeros(2, dtype=torch.float64), X0, 5), "r"),
    (lambda: pendulum_step(torch.zeros(4, 2), 1.0), "s"),
    (lambda: pendulum_step(S, float("inf")), "amp"),
    (lambda: pendulum_step(S, torch.ones(3)), "amp"),
    (lambda: pendulum_step(S, 1.0, h=0.0), "h"),
    (lambda: pendulum_step(S, 1.0, damping=-0.1), "damping"),
    (lambda: pendulum_step(S, 1.0, omega=float("nan")), "omega"),
    (lambda: pendulum_unroll(1.0, S, 0), "T"),
    (lambda: pendulum_unroll(1.0, torch.full((4, 3), float("nan")), 3), "s0"),
    (lambda: backprop_gradients(None, R), "loss_fn"),
    (lambda: backprop_gradients(lambda t: t.sum(), R), "loss_fn"),
    (lambda: backprop_gradients(lambda t: np.zeros(2), R), "loss_fn"),
    (lambda: backprop_gradients(SQ, torch.tensor([1.0, float("nan")])), "theta"),
    (lambda: antithetic_es_gradients(SQ, R, 0.0, 3), "sigma"),
    (lambda: antithetic_es_gradients(SQ, R, 0.1, 0), "n_pairs"),
    (lambda: antithetic_es_gradients(SQ, R, 0.1, 3, generator=3), "generator"),
    (lambda: antithetic_es_gradients(lambda t: t.sum(-1), R, 0.1, 3), "loss_fn"),
    (lambda: antithetic_es_gradients(SQ, np.ones(2), 0.1, 3), "theta"),
    (lambda: log_variance_slope([1, 2, 3], [1.0, 2.0]), "lengths"),
    (lambda: log_variance_slope([1, 2, 3], [1.0, 0.0, 2.0]), "variances"),
    (lambda: log_variance_slope([1, 2, 3], [1.0, float("nan"), 2.0]), "variances"),
    (lambda: log_variance_slope([2, 2, 2], [1.0, 2.0, 3.0]), "lengths"),
    (lambda: log_variance_slope([1], [1.0]), "lengths"),
    (lambda: log_variance_slope("abc", [1.0, 2.0, 3.0]), "lengths"),
    (lambda: outer_optimize(**{**OUTER, "method": "adam"}), "method"),
    (lambda: outer_optimize(**{**OUTER, "T": 0}), "T"),
    (lambda: outer_optimize(**{**OUTER, "target": float("nan")}), "target"),
    (lambda: outer_optimize(**{**OUTER, "r0": 3.0}), "r0"),
    (lambda: outer_optimize(**{**OUTER, "steps": -1}), "steps"),
    (lambda: outer_optimize(**{**OUTER, "lr": 0.0}), "lr"),
    (lambda: outer_optimize(**{**OUTER, "n_pairs": 0}), "n_pairs"),
    (lambda: outer_optimize(**{**OUTER, "sigma": -1.0}), "sigma"),
    (lambda: outer_optimize(**{**OUTER, "seed": -1}), "seed"),
    (lambda: outer_optimize(**OUTER, bounds=(3.9, 3.5)), "bounds"),
    (lambda: outer_optimize(**OUTER, bounds=(3.5, 5.0)), "bounds"),
    (lambda: outer_optimize(**OUTER, bounds=3.5), "bounds"),
    (lambda: outer_optimize(**OUTER, bounds=(3.5,)), "bounds"),
])
def test_bad_input_named(call, name):
    with pytest.raises((TypeError, ValueError), match=rf"\b{name}\b"):
        call()


def test_overflowing_gradient_stops_with_nonfinite_error():
    big = torch.tensor([1e300], dtype=torch.float64)
    with pytest.raises(NonFiniteError, match=r"\bloss_fn\b"):
        backprop_gradients(lambda t: t * t * t, big)  # d/dt t^3 = 3e600 overflows float64
    with pytest.raises(NonFiniteError, match=r"\bloss_fn\b"):
        antithetic_es_gradients(lambda t: t * 1e308 * 10, torch.ones(2, dtype=torch.float64), 0.1, 3)


def test_valid_calls_and_numpy_integers():
    assert logistic_unroll(2.0, 0.5, np.int64(3)).item() == pytest.approx(0.5)  # fixed point x* = 1 - 1/r
    lam = logistic_lyapunov(torch.tensor(2.8, dtype=torch.float64), X0, np.int64(500))
    assert torch.allclose(lam, torch.full_like(X0, math.log(0.8)), atol=1e-3)
    g = backprop_gradients(lambda t: torch.zeros_like(t), R)  # a loss that does not depend on theta
    assert torch.equal(g, torch.zeros_like(R))
    assert log_variance_slope(np.array([1, 2, 3]), np.exp([0.5, 1.0, 1.5])) == pytest.approx(0.5)
    out = outer_optimize(**{**OUTER, "steps": np.int64(2), "seed": np.int64(1)}, bounds=np.array([3.5, 3.99]))
    assert len(out["r"]) == 2 and math.isfinite(out["final_error"])
    assert pendulum_unroll(torch.full((4,), 1.15, dtype=torch.float64), S, np.int64(3)).shape == (4,)
