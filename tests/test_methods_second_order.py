"methods.second_order: oracles against autodiff, the Gauss-Newton bound, baselines' convergence, argument checks."
import math

import pytest
import torch
from torch.func import hessian

from minirepro.methods.second_order import (gauss_newton, gd_backtracking, iterations_to, logistic_oracle,
                                            logsumexp_gauss_newton, logsumexp_oracle, logsumexp_problem,
                                            nesterov_backtracking, softmax_fisher, softmax_oracle)

G = lambda s=0: torch.Generator().manual_seed(s)


def test_logsumexp_optimum_at_zero_and_hessian():
    A, b, B, f_star = logsumexp_problem(7, 11, G(1), mu=0.3)
    f0, g0, _ = logsumexp_oracle(torch.zeros(7, dtype=torch.float64), A, b, 0.3)
    assert abs(float(f0) - f_star) < 1e-12 and float(g0.abs().max()) < 1e-12
    x = torch.randn(7, generator=G(2), dtype=torch.float64)
    H = logsumexp_oracle(x, A, b, 0.3)[2]
    ref = hessian(lambda z: 0.3 * torch.logsumexp((A @ z - b) / 0.3, 0))(x)
    assert torch.allclose(H, ref, atol=1e-12)
    assert float(torch.linalg.eigvalsh(logsumexp_gauss_newton(x, A, b, 0.3) - H).min()) > -1e-12


def test_logistic_and_softmax_against_autodiff():
    X = torch.randn(30, 5, generator=G(3), dtype=torch.float64)
    y = torch.where(torch.rand(30, generator=G(4)) < 0.5, -1.0, 1.0).to(torch.float64)
    w = torch.randn(5, generator=G(5), dtype=torch.float64)
    ref = lambda v: torch.nn.functional.softplus(-y * (X @ v)).mean() + 0.05 * (v @ v)
    f, g, H = logistic_oracle(w, X, y, 0.1)
    assert abs(float(f - ref(w))) < 1e-12 and torch.allclose(H, hessian(ref)(w), atol=1e-12)
    yk = torch.randint(0, 4, (30,), generator=G(6))
    wk = torch.randn(20, generator=G(7), dtype=torch.float64)
    ref_k = lambda v: torch.nn.functional.cross_entropy(X @ v.reshape(5, 4), yk) + 0.05 * (v @ v)
    f, g, H = softmax_oracle(wk, X, yk, 4, 0.1)
    assert abs(float(f - ref_k(wk))) < 1e-12 and torch.allclose(H, hessian(ref_k)(wk), atol=1e-12)
    F = softmax_fisher(wk, X, yk, 4, 0.0)
    per = torch.stack([softmax_oracle(wk, X[i:i + 1], yk[i:i + 1], 4)[1] for i in range(30)])
    assert torch.allclose(F, per.T @ per / 30, atol=1e-12)
    s = torch.sigmoid(X @ w)
    assert torch.allclose(gauss_newton(X, s * (1 - s) / 30), logistic_oracle(w, X, y)[2], atol=1e-12)


def test_baselines_converge_and_nesterov_is_faster_on_ill_conditioned_quadratic():
    Q = torch.diag(torch.logspace(0, 3, 15, dtype=torch.float64))
    quad = lambda x: (0.5 * x @ Q @ x, Q @ x)
    x0, I = torch.ones(15, dtype=torch.float64), torch.eye(15, dtype=torch.float64)
    _, hg = gd_backtracking(quad, x0, I, 1.0, 20000, 1e-8)
    _, hn = nesterov_backtracking(quad, x0, I, 1.0, 20000, 1e-8)
    kg, kn = iterations_to(hg, 0.0, 1e-8), iterations_to(hn, 0.0, 1e-8)
    assert kg < len(hg) and kn < len(hn) and 5 * kn < kg
    assert iterations_to(torch.tensor([3.0, 2.0, 1.5]), 0.0, 1.0) == 3  # never within tol: charged len(hist)


@pytest.mark.parametrize("call,name,exc", [
    (lambda: logistic_oracle(torch.zeros(2), torch.ones(3, 2), torch.tensor([0.0, 1.0, 1.0])), "y", ValueError),
    (lambda: softmax_oracle(torch.zeros(4), torch.ones(3, 2), torch.tensor([0, 1, 2]), 2), "y", ValueError),
    (lambda: softmax_oracle(torch.zeros(4), torch.ones(3, 2), torch.tensor([0.0, 1.0, 1.0]), 2), "y", ValueError),
    (lambda: logsumexp_oracle(torch.zeros(2), torch.ones(3, 2), torch.zeros(3), mu=-1.0), "mu", ValueError),
    (lambda: logsumexp_problem(3, 3, 0), "generator", TypeError),
    (lambda: gauss_newton(torch.ones(3, 2), torch.ones(2, 2)), "S", ValueError),
    (lambda: gd_backtracking(lambda x: (x @ x, 2 * x), torch.ones(2), torch.tensor([[1.0, 2.0], [0.0, 1.0]])),
     "B_inv", ValueError),
    (lambda: nesterov_backtracking(lambda x: (x @ x, 2 * x), torch.ones(2), torch.eye(2), L0=math.nan), "L0", ValueError),
    (lambda: iterations_to(torch.ones(3), 0.0, 0.0), "tol", ValueError),
])
def test_bad_inputs_are_named(call, name, exc):
    with pytest.raises(exc, match=name):
        call()
