"""Regression tests for the argument checks of P119 (improving the training of rectified flows)."""
import math

import pytest
import torch
from torch import nn

from minirepro.generative.improving_the_training_of_rectified_flows import (flow_pairs, pseudo_huber, reflow_loss,
                                                                            sample_flow, sample_timesteps,
                                                                            straightness, train_reflow,
                                                                            u_shaped_cdf, u_shaped_density, velocity)


class _Lin(nn.Module):
    "A tiny velocity net with the family's call signature v(x, t, y)."
    def __init__(self, d: int = 4):
        super().__init__()
        self.lin = nn.Linear(d + 1, d)

    def forward(self, x, t, y):
        return self.lin(torch.cat([x, t[:, None]], 1))


def test_u_shaped_density_refuses_times_outside_the_unit_interval_and_bad_a():
    with pytest.raises(ValueError, match=r"\bt must lie"):
        u_shaped_density(torch.tensor([0.2, 1.5]))
    with pytest.raises(ValueError, match=r"\ba must be"):
        u_shaped_density(torch.tensor([0.5]), a=0.0)
    with pytest.raises(ValueError, match=r"\bt must be finite"):
        u_shaped_cdf(torch.tensor([float("nan")]))
    with pytest.raises(TypeError, match=r"\bt must be a torch.Tensor"):
        u_shaped_cdf([0.5])


def test_u_shaped_density_is_finite_for_a_large_sharpness():
    d = u_shaped_density(torch.linspace(0, 1, 11), a=800.0)
    assert torch.isfinite(d).all() and float(d[0]) == pytest.approx(400.0, rel=1e-6)
    assert float(u_shaped_cdf(torch.tensor([1.0]), a=800.0)) == pytest.approx(1.0)


def test_sample_timesteps_checks_its_arguments_and_stays_inside_the_clipped_interval():
    with pytest.raises(ValueError, match="kind"):
        sample_timesteps(8, kind="exponential")
    with pytest.raises(ValueError, match=r"\bn must be"):
        sample_timesteps(0)
    with pytest.raises(ValueError, match="t_min"):
        sample_timesteps(8, t_min=0.5)
    with pytest.raises(TypeError, match="generator"):
        sample_timesteps(8, generator=0)
    t = sample_timesteps(10_000, a=50.0, generator=torch.Generator().manual_seed(0))
    assert t.dtype == torch.float32 and float(t.min()) >= 1e-5 and float(t.max()) <= 1 - 1e-5
    assert 0.4 < float((t < 0.5).float().mean()) < 0.6  # the mirror splits the mass evenly


def test_pseudo_huber_refuses_mismatched_shapes_and_a_nonpositive_c():
    p = torch.zeros(3, 4)
    with pytest.raises(ValueError, match="same shape"):
        pseudo_huber(p, torch.zeros(3, 5))
    with pytest.raises(ValueError, match=r"\bc must be"):
        pseudo_huber(p, p, c=0.0)
    with pytest.raises(ValueError, match="pred must be finite"):
        pseudo_huber(torch.full((3, 4), math.nan), p)
    assert float(pseudo_huber(p, torch.ones(3, 4), c=1e-12)[0]) == pytest.approx(2.0 / 4)


def test_velocity_and_reflow_loss_name_the_bad_argument():
    net = _Lin()
    with pytest.raises(TypeError, match="model"):
        velocity("net", torch.zeros(2, 4), 0.5)
    with pytest.raises(ValueError, match=r"\bt must hold one time or one per row"):
        velocity(net, torch.zeros(2, 4), torch.zeros(3))
    with pytest.raises(ValueError, match=r"\bt must be a finite"):
        velocity(net, torch.zeros(2, 4), math.inf)
    with pytest.raises(ValueError, match=r"\bx must have shape"):
        reflow_loss(net, torch.zeros(2, 4), torch.zeros(2, 3), torch.zeros(2))
    with pytest.raises(ValueError, match="loss"):
        reflow_loss(net, torch.zeros(2, 4), torch.zeros(2, 4), torch.zeros(2), loss="l1")


def test_train_reflow_leaves_the_initial_model_unchanged_and_checks_steps():
    net, z, x = _Lin(), torch.randn(16, 4), torch.randn(16, 4)
    w = net.lin.weight.detach().clone()
    out, losses = train_reflow(net, z, x, steps=5, batch_size=4, progress=False)
    assert torch.equal(net.lin.weight, w) and not torch.equal(out.lin.weight, w) and losses.shape == (5,)
    with pytest.raises(ValueError, match="steps"):
        train_reflow(net, z, x, steps=0)
    with pytest.raises(ValueError, match="timesteps"):
        train_reflow(net, z, x, timesteps="normal")


def test_samplers_refuse_bad_step_counts_and_nan_noise():
    net = _Lin()
    with pytest.raises(ValueError, match="nfe"):
        sample_flow(net, torch.zeros(2, 4), nfe=0)
    with pytest.raises(ValueError, match="n_steps"):
        flow_pairs(net, torch.zeros(2, 4), n_steps=0)
    with pytest.raises(ValueError, match=r"\bz must be finite"):
        straightness(net, torch.full((2, 4), math.nan))
