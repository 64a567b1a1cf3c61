"""Regression tests of P084's (adapter guidance distillation) argument checks and basic behaviour."""
import pytest
import torch

from minirepro.generative.efficient_distillation_of_classifier_free_guidance import (
    GuidanceAdapters, OffsetAdapter, adapter_fraction, cfg_trajectory_pool, forward_noised_pool, omega_embedding,
    student_fn, train_adapters)
from minirepro.methods.diffusion import DigitsDenoiser, alpha_bar_schedule


@pytest.fixture(scope="module")
def base():
    torch.manual_seed(0)
    b = DigitsDenoiser(width=32, n_blocks=2, emb_dim=16).requires_grad_(False)
    b.alpha_bar = alpha_bar_schedule("linear", 100)
    return b


def test_zero_init_is_the_base(base):
    ad = GuidanceAdapters(base, rank=2)
    x, t, y = torch.randn(5, 64), torch.rand(5), torch.arange(5)
    assert torch.equal(ad.student(base, x, t, y, torch.full((5,), 4.0)), base(x, t, y))
    assert 0 < adapter_fraction(base, ad) < 0.2


def test_bad_inputs_name_the_argument(base):
    with pytest.raises(TypeError, match="base"):
        GuidanceAdapters(object())
    with pytest.raises(ValueError, match="rank"):
        OffsetAdapter(rank=0)
    with pytest.raises(ValueError, match="dim"):
        omega_embedding(torch.ones(3), dim=5)
    with pytest.raises(ValueError, match="w_range"):
        cfg_trajectory_pool(base, 4, 3, (2.0, 2.0))
    with pytest.raises(TypeError, match="w_range"):
        cfg_trajectory_pool(base, 4, 3, 2.0)
    with pytest.raises(ValueError, match="n_traj"):
        cfg_trajectory_pool(base, 0)
    with pytest.raises(ValueError, match="x0"):
        forward_noised_pool(base, torch.zeros(4, 10), torch.zeros(4, dtype=torch.long), 8)
    with pytest.raises(ValueError, match="pool"):
        train_adapters(base, {"x": torch.zeros(2, 64)})
    with pytest.raises(TypeError, match="adapters"):
        student_fn(base, None, torch.arange(3), 2.0)
    with pytest.raises(ValueError, match="w"):
        student_fn(base, GuidanceAdapters(base), torch.arange(3), float("nan"))


def test_pools_and_training(base):
    g = torch.Generator().manual_seed(0)
    pool = cfg_trajectory_pool(base, 6, 4, (1.0, 5.0), g)
    assert pool["x"].shape == (24, 64) and float(pool["w"].min()) >= 1.0
    fp = forward_noised_pool(base, torch.rand(20, 64) * 2 - 1, torch.arange(20) % 10, 24, 4, (1.0, 5.0), g)
    assert fp["eps"].shape == (24, 64)
    ad, hist = train_adapters(base, pool, steps=5, batch_size=8, rank=2, progress=False)
    assert len(hist) == 5 and not ad.training
    assert student_fn(base, ad, torch.arange(3), 2.0).nfe_per_call == 1
