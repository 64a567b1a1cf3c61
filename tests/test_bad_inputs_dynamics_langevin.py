"Regression tests for bad inputs to the Langevin low-loss-manifold paper module (P004)."
import math

import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.dynamics.langevin_dynamics_exploration_of_the_low import (
    equipartition_dims, exp_model_stats, fit_exp_model, fit_quadratic_model, langevin, margin_losses,
    padded_point_losses, participation_number, random_label_data)
from minirepro.methods.ensembles import batched_mlp, init_params, mlp_shapes, n_params, train_adam
from minirepro.methods.landscape import hutchinson_trace, top_eigenvalue

SIZES = [3, 4, 1]


def _theta(B=2):
    return init_params(SIZES, B, torch.Generator().manual_seed(0))


@pytest.mark.parametrize("sizes,exc", [([3], ValueError), ("abc", TypeError), ([3, 0, 1], ValueError),
                                       ([1.5, 2], TypeError), (None, TypeError), ([2, float("nan")], TypeError)])
def test_sizes_named(sizes, exc):
    with pytest.raises(exc, match="sizes"):
        mlp_shapes(sizes)
    with pytest.raises(exc, match="sizes"):
        n_params(sizes)


def test_numpy_ints_accepted():
    assert n_params([np.int64(3), np.int64(4), 1]) == n_params(SIZES)
    assert init_params(SIZES, np.int64(2)).shape == (2, n_params(SIZES))
    X, y = random_label_data(np.int64(5), np.int64(3), np.int64(2))
    assert X.shape == (2, 5, 3) and y.shape == (2, 5)


def test_init_and_data_args_named():
    with pytest.raises(ValueError, match="batch"):
        init_params(SIZES, 0)
    with pytest.raises(TypeError, match="generator"):
        init_params(SIZES, 2, generator="seed")
    with pytest.raises(ValueError, match="device"):
        init_params(SIZES, 2, device="bogus")
    with pytest.raises(ValueError, match="n"):
        random_label_data(0, 3, 1)
    with pytest.raises(TypeError, match="d"):
        random_label_data(4, 2.5, 1)


def test_forward_shapes_and_values_named():
    th = _theta()
    X, y = random_label_data(5, 3, 2, torch.Generator().manual_seed(0))
    with pytest.raises(ValueError, match="theta"):
        batched_mlp(th[:, :-1], X, SIZES)
    with pytest.raises(ValueError, match="X"):
        batched_mlp(th, X[..., :2], SIZES)
    with pytest.raises(ValueError, match="theta must be finite"):
        batched_mlp(torch.full_like(th, float("nan")), X, SIZES)
    with pytest.raises(TypeError, match="theta"):
        batched_mlp(th.long(), X, SIZES)
    with pytest.raises(ValueError, match="y"):
        margin_losses(th, X, y * 0.5, SIZES)  # labels must be -1 or +1
    with pytest.raises(ValueError, match="y"):
        margin_losses(th, X, y[:, :3], SIZES)


def test_train_adam_refuses_bad_args_and_stops_on_nan():
    th = _theta()
    with pytest.raises(TypeError, match="loss_fn"):
        train_adam(th, torch.zeros(2), 3)
    with pytest.raises(ValueError, match="lr"):
        train_adam(th, lambda t: (t**2).sum(1), 3, lr=float("nan"))
    with pytest.raises(ValueError, match="steps"):
        train_adam(th, lambda t: (t**2).sum(1), -1)
    with pytest.raises(ValueError, match="loss_fn"):
        train_adam(th, lambda t: (t**2).sum(), 3)  # a scalar, not one loss per chain
    with pytest.raises(NonFiniteError):
        train_adam(th, lambda t: (t**2).sum(1) * float("inf"), 3)


def test_hutchinson_named():
    th = _theta()
    with pytest.raises(ValueError, match="n_probe"):
        hutchinson_trace(lambda t: (t**2).sum(1), th, 0)
    with pytest.raises(TypeError, match="loss_fn"):
        hutchinson_trace(None, th)
    # a zero Hessian is a valid answer, not a raw autograd error
    assert torch.equal(hutchinson_trace(lambda t: t.sum(1), th, 2), torch.zeros(2))


def test_langevin_args_named_and_divergence_stops():
    th = _theta()
    f = lambda t: (t**2)[:, :3]
    T, dt = torch.full((2,), 0.1), torch.full((2,), 0.01)
    with pytest.raises(ValueError, match="burn_in"):
        langevin(f, th, T, dt, steps=5, burn_in=5)
    with pytest.raises(ValueError, match="T"):
        langevin(f, th, torch.full((3,), 0.1), dt, steps=5, burn_in=1)
    with pytest.raises(ValueError, match="dt"):
        langevin(f, th, T, torch.full((2,), float("nan")), steps=5, burn_in=1)
    with pytest.raises(ValueError, match="dt"):
        langevin(f, th, T, -dt, steps=5, burn_in=1)
    with pytest.raises(TypeError, match="progress"):
        langevin(f, th, T, dt, steps=5, burn_in=1, progress="yes")
    with pytest.raises(ValueError, match="point_loss_fn"):
        langevin(lambda t: (t**2).sum(1), th, T, dt, steps=5, burn_in=1)  # [B], not [B, n]
    with pytest.raises(NonFiniteError):  # gradient step far too large: the state overflows
        langevin(f, th + 1, T, torch.full((2,), 10.0), steps=200, burn_in=0)


def test_dimension_readouts_named():
    with pytest.raises(ValueError, match="loss_trace"):
        equipartition_dims(torch.zeros(1, 2), torch.ones(2), torch.zeros(2))
    with pytest.raises(ValueError, match="T"):
        equipartition_dims(torch.rand(4, 2), torch.zeros(2), torch.zeros(2))
    with pytest.raises(ValueError, match="L0"):
        equipartition_dims(torch.rand(4, 2), torch.ones(2), torch.zeros(3))
    with pytest.raises(ValueError, match="losses"):
        participation_number(torch.tensor([1.0, -1.0]))
    with pytest.raises(ValueError, match="losses"):
        participation_number(torch.zeros(2, 3))  # 0/0
    with pytest.raises(ValueError, match="losses"):
        participation_number(torch.tensor([1.0, float("nan")]))


def test_exp_model_named():
    with pytest.raises(ValueError, match="n"):
        exp_model_stats(np.array([1.0]), -1.0, 0.1)
    with pytest.raises(ValueError, match="L_floor"):
        exp_model_stats(np.array([1.0]), 1.0, float("nan"))
    with pytest.raises(ValueError, match="T"):
        exp_model_stats(np.array([1.0, float("inf")]), 1.0, 0.1)
    assert np.isfinite(exp_model_stats(np.float64(1e-3), 2.0, 1e-3)["var"]).all()  # 0-d T works
    with pytest.raises(ValueError, match="mean_loss"):
        fit_exp_model(np.array([1e-4, 1e-3]), np.array([1e-3]), 1e-4)
    with pytest.raises(ValueError, match="mean_loss"):
        fit_quadratic_model(np.array([1e-4, 1e-3]), np.array([1e-3, -1.0]))
    with pytest.raises(ValueError, match="T"):
        fit_quadratic_model(np.array([1e-4]), np.array([1e-3]))
    assert math.isfinite(fit_exp_model(np.array([1e-4, 1e-3]), np.array([2e-4, 1e-3]), 1e-4))


def test_padded_point_losses_named_and_exact():
    X, y = random_label_data(5, 3, 2, torch.Generator().manual_seed(0))
    th = _theta()
    with pytest.raises(ValueError, match="counts"):
        padded_point_losses(X, y, SIZES, torch.tensor([0, 5]))
    with pytest.raises(ValueError, match="counts"):
        padded_point_losses(X, y, SIZES, torch.tensor([2.5, 5.0]))
    with pytest.raises(ValueError, match="counts"):
        padded_point_losses(X, y, SIZES, torch.tensor([3, 6]))
    with pytest.raises(ValueError, match="y"):
        padded_point_losses(X, y * 0.5, SIZES)
    with pytest.raises(ValueError, match="sizes"):
        padded_point_losses(X, y, [4, 4, 1])  # input dimension 3, not 4
    f = padded_point_losses(X, y, SIZES, torch.tensor([2, 5]))
    with pytest.raises(ValueError, match="theta"):
        f(th[:1])
    assert torch.allclose(f(th)[0].mean(), margin_losses(th[:1], X[:1, :2], y[:1, :2], SIZES).mean())
    assert torch.equal(f(th)[0, 2:], torch.zeros(3))


def test_top_eigenvalue_named():
    th = _theta()
    with pytest.raises(ValueError, match="n_iter"):
        top_eigenvalue(lambda t: (t**2).sum(1), th, 0)
    with pytest.raises(TypeError, match="loss_fn"):
        top_eigenvalue("f", th)
    assert torch.equal(top_eigenvalue(lambda t: t.sum(1), th, 3), torch.zeros(2))  # zero Hessian
    assert torch.allclose(top_eigenvalue(lambda t: (t**2).sum(1), th, 5), torch.full((2,), 2.0))


def test_langevin_runaway_chain_is_named_not_averaged():
    # a step just past Euler's stability limit (dt * lambda = 2.1): the chain grows without overflowing at first;
    # max_growth stops the run and names the chain instead of returning a huge variance or a NaN
    f = lambda t: (t**2)[:, :3]  # per-point losses; mean over 3 points -> curvature 2/3 per coordinate
    th = torch.ones(2, 3)
    dt = torch.tensor([0.5, 3.15])
    with pytest.raises(NonFiniteError, match=r"chain\(s\) \[1\] diverged"):
        langevin(f, th, torch.full((2,), 1e-3), dt, steps=400, burn_in=0, generator=torch.Generator().manual_seed(0))
    with pytest.raises(ValueError, match="max_growth"):
        langevin(f, th, torch.full((2,), 1e-3), dt, steps=4, burn_in=0, max_growth=1.0)
