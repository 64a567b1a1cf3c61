import math

import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.core.data import GaussianMixture
from minirepro.methods.diffusion import (VESDE, VPSDE, ddim_step, em_step, euler_flow, euler_maruyama, heun_step,
                                         improved_euler, make_sde, reverse_drift, tweedie_denoise, x0_from_eps)


def test_vp_marginal_closed_form():
    sde = VPSDE(beta_min=0.1, beta_max=20)
    t = torch.tensor([0.0, 0.5, 1.0], dtype=torch.float64)
    a, s = sde.marginal(t)
    integral = 0.1 * t + 0.5 * t**2 * 19.9  # int_0^t beta
    assert torch.allclose(a, torch.exp(-0.5 * integral)) and torch.allclose(a**2 + s**2, torch.ones(3, dtype=torch.float64))


def test_ve_marginal_and_diffusion():
    sde = VESDE(sigma_min=0.01, sigma_max=50)
    t = torch.tensor([0.0, 1.0], dtype=torch.float64)
    a, s = sde.marginal(t)
    assert torch.allclose(s, torch.tensor([0.01, 50.0], dtype=torch.float64)) and torch.all(a == 1)
    # g(t)^2 = d sigma^2 / dt
    tt = torch.tensor(0.3, dtype=torch.float64, requires_grad=True)
    (ds2,) = torch.autograd.grad(sde.sigma(tt) ** 2, tt)
    assert math.isclose(float(sde.diffusion(tt.detach()) ** 2), float(ds2), rel_tol=1e-9)


def test_vp_variance_ode():
    """d sigma^2/dt = beta (1 - sigma^2) for the VP SDE: diffusion and marginal agree."""
    sde = VPSDE()
    tt = torch.tensor(0.4, dtype=torch.float64, requires_grad=True)
    (ds2,) = torch.autograd.grad(sde.marginal(tt)[1] ** 2, tt)
    assert math.isclose(float(ds2), float(sde.beta(tt.detach()) * (1 - sde.marginal(tt.detach())[1] ** 2)), rel_tol=1e-9)


def test_drift_broadcasts_per_sample_time():
    sde = VPSDE()
    x = torch.ones(3, 2)
    d = sde.drift(x, torch.tensor([0.0, 0.5, 1.0]))
    assert d.shape == (3, 2) and torch.allclose(d[:, 0], -0.5 * sde.beta(torch.tensor([0.0, 0.5, 1.0])))
    assert VESDE().prior_sample((1000, 2), generator=torch.Generator().manual_seed(0)).std() > 40


def test_float_times_are_accepted():
    sde = VPSDE()
    assert sde.beta(0.5) == 0.1 + 0.5 * 19.9
    a, s = sde.marginal(0.5)
    assert a.dtype == torch.float64 and math.isclose(float(a**2 + s**2), 1.0)
    assert math.isclose(float(sde.diffusion(np.float64(0.5)) ** 2), sde.beta(0.5))


def _gauss():
    return GaussianMixture([1.0], [[1.5, -0.5]], (0.3**2 * torch.eye(2, dtype=torch.float64))[None])


@pytest.mark.parametrize("sde", [VPSDE(), VESDE(sigma_max=5.0)], ids=["vp", "ve"])
def test_samplers_recover_a_gaussian(sde):
    g = torch.Generator().manual_seed(0)
    gauss, mu = _gauss(), torch.tensor([1.5, -0.5], dtype=torch.float64)
    xT = sde.prior_sample((2000, 2), generator=g).double()
    for r in (euler_maruyama(gauss.score_fn(sde), sde, xT, 200, generator=g),
              improved_euler(gauss.score_fn(sde), sde, xT, 100, generator=g)):
        assert torch.allclose(r.x.mean(0), mu, atol=0.03)
        assert torch.allclose(r.x.std(0), torch.full((2,), 0.3, dtype=torch.float64), atol=0.03)


def test_steps_agree_with_the_samplers_formulas():
    sde, gauss = VPSDE(), _gauss()
    g = torch.Generator().manual_seed(1)
    x, z = torch.randn(4, 2, dtype=torch.float64, generator=g), torch.randn(4, 2, dtype=torch.float64, generator=g)
    t, h = torch.full((4,), 0.5, dtype=torch.float64), 0.01
    s = gauss.score_fn(sde)
    x1 = em_step(sde, s, x, t, h, z)
    beta = sde.beta(0.5)
    expect = x - h * (-0.5 * beta * x - beta * s(x, t)) + math.sqrt(beta) * math.sqrt(h) * z
    assert torch.allclose(x1, expect)
    a, b = heun_step(sde, s, x, t, torch.full((4,), h, dtype=torch.float64), z)
    assert torch.allclose(a, x1)
    assert torch.allclose(reverse_drift(sde, s, x, t), -0.5 * beta * x - beta * s(x, t))


def test_tweedie_is_exact_for_a_gaussian():
    sde, gauss, t = VPSDE(), _gauss(), 0.3
    mu = torch.tensor([1.5, -0.5], dtype=torch.float64)
    x = torch.randn(5, 2, dtype=torch.float64, generator=torch.Generator().manual_seed(2))
    a, s = (float(v) for v in sde.marginal(t))
    post = mu + a * 0.09 / (a**2 * 0.09 + s**2) * (x - a * mu)
    assert torch.allclose(tweedie_denoise(sde, gauss.score_fn(sde), x, t), post)
    eps_hat = -s * gauss.score_fn(sde)(x, torch.full((5,), t, dtype=torch.float64))
    assert torch.allclose(x0_from_eps(x, eps_hat, a, s), post)


def test_ddim_keeps_a_point_mass_and_euler_flow_is_exact_on_linear_fields():
    sde, x_star = VPSDE(), torch.tensor([[0.7, -1.2]], dtype=torch.float64)
    (a_t, b_t), (a_s, b_s) = [tuple(float(v) for v in sde.marginal(tt)) for tt in (0.6, 0.4)]
    zero = torch.zeros_like(x_star)
    assert torch.allclose(ddim_step(x_star, zero, zero, a_t, b_t, a_s, b_s, 0.0), a_s * x_star)
    x0 = np.array([[1.0, -2.0]])
    assert np.allclose(euler_flow(lambda x, t: -0.5 * x, x0, 10), 0.95**10 * x0)
    assert torch.allclose(euler_flow(lambda x, t: torch.ones_like(x) * t, torch.zeros(3, 1), 4), torch.full((3, 1), 0.375))


def test_bad_input():
    with pytest.raises(ValueError, match="beta_max"):
        VPSDE(beta_min=5, beta_max=1)
    with pytest.raises(ValueError, match="sigma_min"):
        VESDE(sigma_min=0)
    with pytest.raises(ValueError, match="eps"):
        VPSDE(eps=2.0)
    with pytest.raises(ValueError, match="name must be one of"):
        make_sde("subvp")
    assert isinstance(make_sde("ve", sigma_max=10.0), VESDE)
    with pytest.raises(ValueError, match="t must"):
        VPSDE().marginal(-1)
    with pytest.raises(ValueError, match=r"t must lie in \[0, T\]"):
        VESDE().marginal(torch.tensor([0.2, 1.5]))
    with pytest.raises(ValueError, match="t must be finite"):
        VPSDE().drift(torch.ones(2, 2), torch.tensor([0.5, float("nan")]))
    with pytest.raises(TypeError, match="sde"):
        euler_maruyama(_gauss().score_fn(VPSDE()), "vp", torch.zeros(3, 2), 5)
    with pytest.raises(ValueError, match="score_fn"):
        euler_maruyama(lambda x, t: x[:, :1], VPSDE(), torch.zeros(3, 2), 5)
    with pytest.raises(TypeError, match="velocity_fn"):
        euler_flow(lambda x: x, np.zeros((2, 2)), 3)
    with pytest.raises(ValueError, match="eta"):
        ddim_step(torch.zeros(2), torch.zeros(2), torch.zeros(2), 0.5, 0.5, 0.6, 0.4, eta=1.5)


def test_numpy_integer_steps_and_non_finite_states():
    sde, gauss = VPSDE(), _gauss()
    xT = sde.prior_sample((50, 2), generator=torch.Generator().manual_seed(0)).double()
    r = euler_maruyama(gauss.score_fn(sde), sde, xT, np.int64(10), generator=torch.Generator().manual_seed(0))
    assert r.nfe == 11 and r.n_steps == 10
    assert improved_euler(gauss.score_fn(sde), sde, xT, np.int32(3), denoise_last=False).nfe == 6
    with pytest.raises(NonFiniteError):
        euler_maruyama(lambda x, t: torch.full_like(x, float("nan")), sde, xT, 5)
    with pytest.raises(ValueError, match="x_T"):
        euler_maruyama(gauss.score_fn(sde), sde, torch.full((4, 2), float("nan")), 5)
    with pytest.raises(NonFiniteError):
        euler_flow(lambda x, t: x * np.inf, np.ones((2, 2)), 3)
