import math

import pytest
import torch

from minirepro.core.sde import VESDE, VPSDE, make_sde


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


def test_bad_input():
    with pytest.raises(ValueError, match="beta_min"):
        VPSDE(beta_min=5, beta_max=1)
    with pytest.raises(ValueError, match="sigma_min"):
        VESDE(sigma_min=0)
    with pytest.raises(ValueError, match="eps"):
        VPSDE(eps=2.0)
    with pytest.raises(ValueError, match="sde must be one of"):
        make_sde("subvp")
    assert isinstance(make_sde("ve", sigma_max=10.0), VESDE)
