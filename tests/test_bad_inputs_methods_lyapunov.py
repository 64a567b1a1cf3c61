"Regression tests for bad inputs to the Lyapunov family (methods.lyapunov), shared by P008 and P009."
import math

import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.methods.lyapunov import (central_difference_jvp, exact_jvp, lyapunov_from_jacobians,
                                        lyapunov_spectrum, trajectory_jacobians)

LIN = lambda x: 0.5 * x
X0 = torch.ones(2, 3, dtype=torch.float64)


@pytest.mark.parametrize("call,name", [
    (lambda: lyapunov_spectrum(LIN, torch.tensor([[1.0, float("nan")]]), 5), "x0"),
    (lambda: lyapunov_spectrum(LIN, torch.ones(3), 5), "x0"),
    (lambda: lyapunov_spectrum(LIN, np.ones((2, 3)), 5), "x0"),
    (lambda: lyapunov_spectrum(LIN, torch.ones(2, 3, dtype=torch.long), 5), "x0"),
    (lambda: lyapunov_spectrum(LIN, X0, 0), "n_steps"),
    (lambda: lyapunov_spectrum(LIN, X0, 2.5), "n_steps"),
    (lambda: lyapunov_spectrum(LIN, X0, 5, k=4), "k"),
    (lambda: lyapunov_spectrum(LIN, X0, 5, burn_in=-1), "burn_in"),
    (lambda: lyapunov_spectrum(LIN, X0, 5, return_final="yes"), "return_final"),
    (lambda: lyapunov_spectrum(None, X0, 5), "step"),
    (lambda: lyapunov_spectrum(lambda x: np.zeros(3), X0, 5), "step"),
    (lambda: lyapunov_spectrum(lambda x: x[:, :2], X0, 5), "step"),
    (lambda: lyapunov_spectrum(LIN, X0, 5, jvp=3), "jvp"),
    (lambda: lyapunov_from_jacobians(torch.zeros(4, 2, 3)), "jacobians"),
    (lambda: lyapunov_from_jacobians(torch.full((4, 2, 2), float("nan"))), "jacobians"),
    (lambda: lyapunov_from_jacobians(torch.eye(2)), "jacobians"),
    (lambda: lyapunov_from_jacobians(torch.eye(2).expand(3, 2, 2), k=0), "k"),
    (lambda: central_difference_jvp(LIN, h=float("nan")), "h"),
    (lambda: central_difference_jvp(LIN, h=-1e-3), "h"),
    (lambda: exact_jvp("f"), "step"),
    (lambda: trajectory_jacobians(LIN, X0, 0), "n_steps"),
])
def test_bad_input_named(call, name):
    with pytest.raises((TypeError, ValueError), match=rf"\b{name}\b"):
        call()


def test_diverging_map_stops_with_nonfinite_error():
    with pytest.raises(NonFiniteError, match="x0"):
        lyapunov_spectrum(lambda x: x * 1e200, X0, 5)
    with pytest.raises(NonFiniteError, match="x0"):
        trajectory_jacobians(lambda x: x * 1e200, X0, 5)


def test_singular_jacobian_is_refused():
    with pytest.raises(NonFiniteError, match="step"):
        lyapunov_spectrum(lambda x: 0 * x, X0, 3)
    with pytest.raises(NonFiniteError, match="jacobians"):
        lyapunov_from_jacobians(torch.zeros(3, 2, 2))


def test_numpy_integers_and_closed_form():
    lam = lyapunov_spectrum(LIN, X0, np.int64(4), k=np.int64(2))
    assert torch.allclose(lam, torch.full((2, 2), math.log(0.5), dtype=torch.float64))
