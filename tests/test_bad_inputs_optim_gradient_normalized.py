"Regression tests for bad inputs to the GNS paper module (P107) and its optimizer's closure/state_dict behaviour."
import math

import pytest
import torch

from minirepro.methods.second_order import logsumexp_gauss_newton, logsumexp_oracle, logsumexp_problem
from minirepro.optim.gradient_normalized_smoothness_for_optimization_with import GNS, gns_minimize, lse_oracle


def _problem(n=5):
    A, b, B, f_star = logsumexp_problem(n, n, torch.Generator().manual_seed(0), 1.0)
    return A, b, B, f_star


def _closure(w, opt, A, b):
    def closure():
        opt.zero_grad()
        loss = logsumexp_oracle(w, A, b, 1.0)[0]
        loss.backward()
        return loss
    return closure


def test_gns_minimize_refuses_bad_arguments():
    A, b, B, _ = _problem()
    orc = lse_oracle(A, b, 1.0, "gauss_newton")
    x0 = torch.ones(5, dtype=torch.float64)
    with pytest.raises(ValueError, match="B must be symmetric positive definite"):
        gns_minimize(orc, x0, -B)
    with pytest.raises(ValueError, match="B"):
        gns_minimize(orc, x0, B[:3, :3])
    with pytest.raises(ValueError, match="gamma0"):
        gns_minimize(orc, x0, B, gamma0=0.0)
    with pytest.raises(ValueError, match="gamma0"):
        gns_minimize(orc, x0, B, gamma0=math.nan)
    with pytest.raises(TypeError, match="oracle"):
        gns_minimize(None, x0, B)
    with pytest.raises(ValueError, match="x0"):
        gns_minimize(orc, torch.full((5,), math.nan, dtype=torch.float64), B)
    with pytest.raises(ValueError, match="max_iter"):
        gns_minimize(orc, x0, B, max_iter=-1)


def test_lse_oracle_refuses_unknown_approximation():
    A, b, _, _ = _problem()
    with pytest.raises(ValueError, match="approx"):
        lse_oracle(A, b, 1.0, "fisher")
    with pytest.raises(ValueError, match="mu"):
        lse_oracle(A, b, -1.0)


def test_gns_optimizer_refuses_bad_arguments():
    A, b, B, _ = _problem()
    w = torch.nn.Parameter(torch.ones(5, dtype=torch.float64))
    hf = lambda z: logsumexp_gauss_newton(z, A, b, 1.0)
    with pytest.raises(ValueError, match="gamma0"):
        GNS([w], hf, B, gamma0=-1.0)
    with pytest.raises(TypeError, match="hess_fn"):
        GNS([w], None, B)
    with pytest.raises(ValueError, match="B"):
        GNS([w], hf, torch.eye(4, dtype=torch.float64))
    with pytest.raises(TypeError, match="closure"):
        GNS([w], hf, B).step(None)


def test_gns_optimizer_closure_and_state_dict_round_trip():
    "The optimizer decreases f every step, matches gns_minimize, and resumes exactly from a state_dict."
    A, b, B, f_star = _problem()
    x0 = torch.ones(5, dtype=torch.float64)
    _, hist, _ = gns_minimize(lse_oracle(A, b, 1.0, "gauss_newton"), x0, B, 1.0, max_iter=8)
    hf = lambda z: logsumexp_gauss_newton(z, A, b, 1.0)
    w = torch.nn.Parameter(x0.clone())
    opt = GNS([w], hf, B)
    vals = [float(opt.step(_closure(w, opt, A, b))) for _ in range(4)]
    sd = opt.state_dict()
    w2 = torch.nn.Parameter(w.detach().clone())
    opt2 = GNS([w2], hf, B)
    opt2.load_state_dict(sd)
    assert opt2.state_dict()["state"] == sd["state"]
    vals += [float(opt2.step(_closure(w2, opt2, A, b))) for _ in range(4)]
    assert torch.allclose(torch.tensor(vals, dtype=torch.float64), hist[:8], rtol=1e-12, atol=1e-12)
    assert all(v2 <= v1 for v1, v2 in zip(vals, vals[1:]))
    assert float(logsumexp_oracle(w2.detach(), A, b, 1.0)[0]) - f_star < vals[0] - f_star


def test_gns_stops_at_rounding_floor_instead_of_raising():
    "Regression: run past convergence, Algorithm 1 found no acceptable step and raised; it now stops at the floor."
    Q = torch.diag(torch.linspace(1.0, 5.0, 4, dtype=torch.float64))
    quad = lambda z: (0.5 * z @ Q @ z + 1.0, Q @ z, Q)
    x, hist, _ = gns_minimize(quad, torch.ones(4, dtype=torch.float64), torch.eye(4, dtype=torch.float64), 1.0, 200)
    assert len(hist) < 200 and float(hist[-1]) - 1.0 < 1e-14
