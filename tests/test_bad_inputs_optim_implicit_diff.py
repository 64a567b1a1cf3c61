"""Regression tests: implicit differentiation (P099) on non-symmetric systems and bad inputs.

`custom_root`'s default linear solver used to be CG, which silently returned a gradient about 9% wrong when
A = dF/dx is not symmetric. The default is now GMRES, and CG refuses a matrix it detects as non-symmetric."""
import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.optim.efficient_and_modular_implicit_differentiation import (
    custom_fixed_point, custom_root, implicit_jacobian, ista_solver, nesterov_solver, ridge_cg_solver,
    ridge_jacobian_closed_form, soft_threshold, softmax_ce_grad, solve_bicgstab, solve_cg, solve_direct, solve_gmres)

DT = torch.float64


def _nonsymmetric(n: int = 8, seed: int = 0):
    g = torch.Generator().manual_seed(seed)
    A = torch.eye(n, dtype=DT) + 0.4 * torch.randn(n, n, generator=g, dtype=DT)  # far from symmetric
    theta = torch.randn(n, generator=g, dtype=DT, requires_grad=True)
    return A, theta


def _grad(A, theta, **kw):
    F = lambda x, t: A @ x - t  # root x* = A^{-1} theta
    solver = custom_root(F, **kw)(lambda init, t: torch.linalg.solve(A, t))
    return torch.autograd.grad(solver(None, theta).sum(), theta)[0]


def test_default_solver_is_right_on_nonsymmetric_system():
    A, theta = _nonsymmetric()
    true = torch.linalg.solve(A.T, torch.ones(len(theta), dtype=DT))  # d(sum x*)/dtheta = A^{-T} 1
    assert torch.allclose(_grad(A, theta), true, atol=1e-8)
    for solve in ("gmres", "bicgstab", "direct"):
        assert torch.allclose(_grad(A, theta, solve=solve), true, atol=1e-7), solve


def test_cg_refuses_nonsymmetric_system():
    A, theta = _nonsymmetric()
    with pytest.raises(ValueError, match="matvec"):
        _grad(A, theta, solve="cg")
    with pytest.raises(ValueError, match="symmetric"):
        solve_cg(lambda u: A @ u, torch.ones(8, dtype=DT))


def test_cg_still_solves_spd_system():
    A, _ = _nonsymmetric()
    S = A @ A.T + torch.eye(8, dtype=DT)
    b = torch.arange(8, dtype=DT)
    assert torch.allclose(solve_cg(lambda u: S @ u, b, tol=1e-13), torch.linalg.solve(S, b), atol=1e-9)


def test_implicit_jacobian_default_nonsymmetric():
    A, theta = _nonsymmetric()
    J = implicit_jacobian(lambda x, t: A @ x - t, torch.linalg.solve(A, theta.detach()), [theta.detach()])
    assert torch.allclose(J, torch.linalg.inv(A), atol=1e-8)


@pytest.mark.parametrize("solver", [solve_cg, solve_bicgstab, solve_gmres, solve_direct])
def test_linear_solvers_bad_inputs(solver):
    b = torch.ones(4, dtype=DT)
    with pytest.raises(TypeError, match="matvec"):
        solver(None, b)
    with pytest.raises(TypeError, match="matvec"):
        solver(lambda u: np.zeros(3), b)  # wrong output
    with pytest.raises(ValueError, match="b"):
        solver(lambda u: u, torch.tensor([1.0, float("nan")], dtype=DT))
    with pytest.raises(ValueError, match="tol"):
        solver(lambda u: u, b, tol=-1.0)
    with pytest.raises(ValueError, match="maxiter"):
        solver(lambda u: u, b, maxiter=0)


def test_nan_matvec_stops():
    with pytest.raises(NonFiniteError):
        solve_cg(lambda u: u * float("nan"), torch.ones(3, dtype=DT))


def test_decorators_and_problems_bad_inputs():
    with pytest.raises(TypeError, match="optimality_fun"):
        custom_root(None)
    with pytest.raises(ValueError, match="solve"):
        custom_root(lambda x, t: x - t, solve="qr")
    with pytest.raises(TypeError, match="fixed_point_fun"):
        custom_fixed_point(3)
    g = torch.Generator().manual_seed(0)  # fixed data: whether eta=1e3 diverges depends on X and y
    X, y = torch.randn(20, 3, dtype=DT, generator=g), torch.randn(20, dtype=DT, generator=g)
    with pytest.raises(ValueError, match="theta"):
        ridge_jacobian_closed_form(torch.tensor([1.0, -1.0, 1.0], dtype=DT), X, y)
    with pytest.raises(TypeError, match="y"):
        ridge_cg_solver(None, torch.tensor(1.0, dtype=DT), X, y.float())
    with pytest.raises(ValueError, match="eta"):
        ista_solver(None, torch.tensor(0.1, dtype=DT), X, y, eta=0.0)
    with pytest.raises(NonFiniteError, match="eta"):
        ista_solver(None, torch.tensor(0.1, dtype=DT), X, y, eta=1e3)  # diverges
    with pytest.raises(ValueError, match="mu"):
        nesterov_solver(softmax_ce_grad, torch.zeros(3, 2, dtype=DT), [], L=1.0, mu=2.0)
    with pytest.raises(TypeError, match="grad_fn"):
        nesterov_solver(lambda w: w, torch.zeros(3, dtype=DT), [torch.ones(1)], L=1.0, mu=0.5)
    with pytest.raises(ValueError, match="t"):
        soft_threshold(torch.ones(3), -1.0)


def test_numpy_ints_accepted():
    b = torch.ones(4, dtype=DT)
    assert torch.allclose(solve_cg(lambda u: 2 * u, b, maxiter=np.int64(10)), b / 2)
