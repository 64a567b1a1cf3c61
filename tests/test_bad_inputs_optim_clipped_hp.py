"Regression tests for bad inputs to the clipped-SGD/SEG high-probability paper module (P195)."
import math

import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.optim.high_probability_bounds_for_stochastic_optimization import (
    _clip_rows, _symmetric_pareto, bilinear_game, clip_levels, clip_rows, clipped_seg, clipped_sgd, lomax_abs_moment,
    noise_sigma, quadratic_problem, start_points, symmetric_pareto, theory_step)

NAN, INF = float("nan"), float("inf")


def _zero(shape):
    return torch.zeros(shape, dtype=torch.float64)


def _quad(dim=4):
    A, xs = quadratic_problem(dim, 0.5, 1.0, seed=1)
    return (lambda x: (x - xs) @ A), start_points(xs, 2.0).expand(3, dim)


# ------------------------------------------------------------------ clipping and noise
@pytest.mark.parametrize("lam", [NAN, INF, 0.0, -1.0, torch.tensor([1.0, NAN]).reshape(2, 1)])
def test_clip_rows_bad_level(lam):
    "Regression: lam=nan used to pass the `lam <= 0` test and return NaN rows."
    with pytest.raises(ValueError, match="lam"):
        clip_rows(torch.ones(2, 3), lam)


def test_clip_rows_shapes_and_types():
    with pytest.raises(ValueError, match="lam"):
        clip_rows(torch.ones(4, 3), torch.ones(3, 1))  # 3 levels for 4 rows: used to be a raw broadcast error
    with pytest.raises(TypeError, match="g"):
        clip_rows(torch.ones(2, 3, dtype=torch.int64), 1.0)  # integer rows: used to be a raw norm error
    with pytest.raises(ValueError, match="g"):
        clip_rows(torch.tensor(1.0), 1.0)
    with pytest.raises(ValueError, match="g"):
        clip_rows(torch.full((2, 3), NAN), 1.0)
    with pytest.raises(TypeError, match="lam"):
        clip_rows(torch.ones(2, 3), "1")
    out = clip_rows(torch.ones(2, 3, dtype=torch.float64), np.int64(1))  # numpy ints are accepted
    assert torch.allclose(out.norm(dim=1), torch.ones(2, dtype=torch.float64))


def test_symmetric_pareto_arguments():
    g = torch.Generator().manual_seed(0)
    with pytest.raises(ValueError, match="tail"):
        symmetric_pareto((3,), 1.0, g)
    with pytest.raises(ValueError, match="tail"):
        symmetric_pareto((3,), NAN, g)  # used to pass `tail <= 1` and return NaN noise
    with pytest.raises(ValueError, match="shape"):
        symmetric_pareto((-1, 2), 1.5, g)
    with pytest.raises(TypeError, match="shape"):
        symmetric_pareto("abc", 1.5, g)
    with pytest.raises(TypeError, match="generator"):
        symmetric_pareto((3,), 1.5, None)
    with pytest.raises(TypeError, match="dtype"):
        symmetric_pareto((3,), 1.5, g, dtype=torch.int64)
    a = symmetric_pareto((np.int64(5), 2), 1.5, torch.Generator().manual_seed(3))
    b = _symmetric_pareto((5, 2), 1.5, torch.Generator().manual_seed(3))
    assert torch.equal(a, b)  # validation does not change the sample


def test_moments_and_sigma():
    with pytest.raises(ValueError, match="tail"):
        lomax_abs_moment(1.5, 1.5)
    with pytest.raises(ValueError, match="a"):
        lomax_abs_moment(1.5, NAN)
    with pytest.raises(ValueError, match="tail"):
        lomax_abs_moment(500.0, 1.0)  # Gamma overflows: used to raise a raw OverflowError
    with pytest.raises(ValueError, match="tail"):
        noise_sigma(20, 1.2, 1.25)  # used to name only `a`, which is not an argument of noise_sigma
    with pytest.raises(ValueError, match="alpha"):
        noise_sigma(20, 1.5, 2.5)
    with pytest.raises(ValueError, match="dim"):
        noise_sigma(0, 1.5, 1.25)
    assert noise_sigma(np.int64(20), 1.5, 1.25) == noise_sigma(20, 1.5, 1.25)


# ------------------------------------------------------------------ theory schedule
@pytest.mark.parametrize("kw,name", [(dict(K=0), "K"), (dict(K=2.5), "K"), (dict(beta=NAN), "beta"),
                                     (dict(beta=1.0), "beta"), (dict(mu=2.0), "mu"), (dict(L=INF), "L"),
                                     (dict(R=-1.0), "R"), (dict(sigma=NAN), "sigma"), (dict(alpha=1.0), "alpha"),
                                     (dict(alpha=NAN), "alpha"), (dict(c=(4, 1, 1)), "c"), (dict(c=(4, 1, NAN, 1)), "c"),
                                     (dict(c=(1e-4, 1, 1, 1)), "c"), (dict(sigma=1e-200), "sigma")])
def test_theory_step_refuses(kw, name):
    "Regressions: alpha was unchecked; a tiny sigma used to raise a raw ZeroDivisionError; a tiny c0 a complex power."
    args = dict(K=100, beta=0.1, mu=0.1, L=1.0, R=10.0, sigma=1.0, alpha=1.5) | kw
    with pytest.raises((TypeError, ValueError), match=name):
        theory_step(**args)


@pytest.mark.parametrize("kw,name", [(dict(gamma=NAN), "gamma"), (dict(R=NAN), "R"), (dict(mu=NAN), "mu"),
                                     (dict(K=-1), "K"), (dict(beta=torch.tensor([0.1, NAN])), "beta"),
                                     (dict(beta=torch.ones(2, 2) * 0.1), "beta"), (dict(beta=1.5), "beta"),
                                     (dict(gamma=1e-300, R=1e10), "gamma")])
def test_clip_levels_refuses(kw, name):
    "Regression: gamma=nan and R=nan used to pass `gamma <= 0 or R <= 0` and return NaN levels."
    args = dict(K=10, gamma=0.1, mu=0.1, R=1.0, beta=0.1) | kw
    with pytest.raises((TypeError, ValueError), match=name):
        clip_levels(**args)


# ------------------------------------------------------------------ methods
@pytest.mark.parametrize("method", [clipped_sgd, clipped_seg])
def test_methods_refuse_bad_arguments(method):
    field, x0 = _quad()
    first = "grad" if method is clipped_sgd else "op"
    start = "x0" if method is clipped_sgd else "z0"
    with pytest.raises(ValueError, match="gamma"):
        method(field, x0, NAN, 5, _zero)  # used to pass `gamma <= 0` and return NaN
    with pytest.raises(ValueError, match=start):
        method(field, torch.full((3, 4), NAN, dtype=torch.float64), 0.1, 5, _zero)
    with pytest.raises(TypeError, match=first):
        method(None, x0, 0.1, 5, _zero)
    with pytest.raises(TypeError, match=first):
        method(lambda x: np.zeros(3), x0, 0.1, 5, _zero)
    with pytest.raises(ValueError, match="noise"):
        method(field, x0, 0.1, 5, lambda s: torch.zeros(7, dtype=torch.float64))
    with pytest.raises(ValueError, match="lambdas"):
        method(field, x0, 0.1, 5, _zero, lambdas=torch.ones(4))  # 4 levels for 5 steps
    with pytest.raises(ValueError, match="lambdas"):
        method(field, x0, 0.1, 5, _zero, lambdas=torch.ones(2, 5))  # 2 schedules for 3 runs
    with pytest.raises(ValueError, match="lambdas"):
        method(field, x0, 0.1, 5, _zero, lambdas=-torch.ones(5))
    with pytest.raises(NonFiniteError, match=start):
        method(field, x0, 1e3, 500, _zero)  # diverges: stops with a named error instead of returning inf/NaN


def test_methods_accept_numpy_ints_and_keep_numbers():
    field, x0 = _quad()
    lam = torch.full((2, 7), 0.3, dtype=torch.float64)
    a = clipped_sgd(field, x0.expand(2, 3, 4), 0.2, np.int64(7), _zero, lambdas=lam)
    x = x0.expand(2, 3, 4).clone()  # the same loop, unchecked
    for k in range(7):
        x = x - 0.2 * _clip_rows(field(x), lam[:, k].reshape(-1, 1, 1))
    assert torch.equal(a, x)


def test_problem_builders():
    with pytest.raises(ValueError, match="mu"):
        quadratic_problem(4, 2.0, 1.0)
    with pytest.raises(ValueError, match="dim"):
        quadratic_problem(0, 0.1, 1.0)
    with pytest.raises(ValueError, match="mu"):
        bilinear_game(3, 1.0, 1.0)
    with pytest.raises(ValueError, match="L"):
        bilinear_game(3, 0.1, NAN)
    with pytest.raises(ValueError, match="seed"):
        quadratic_problem(3, 0.1, 1.0, seed=-1)
    with pytest.raises(ValueError, match="R"):
        start_points(torch.zeros(3, dtype=torch.float64), NAN)
    with pytest.raises(ValueError, match="x_star"):
        start_points(torch.full((3,), INF), 1.0)
    with pytest.raises(ValueError, match="x_star"):
        start_points(torch.zeros(2, 3), 1.0)
    A, _ = quadratic_problem(np.int64(3), 0.1, 1.0, seed=np.int64(2))
    assert torch.equal(A, quadratic_problem(3, 0.1, 1.0, seed=2)[0])
    x0 = start_points(torch.zeros(5, dtype=torch.float64), 2.5)
    assert math.isclose(x0.norm().item(), 2.5, rel_tol=1e-12)
