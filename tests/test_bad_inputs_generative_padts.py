"""Regression tests for the bad-input cases of P128 (population-aware diffusion for time series)."""
import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.generative.population_aware_diffusion_for_time_series import (TSDenoiser, cross_correlations,
                                                                             discriminative_score, factor_series, fdds,
                                                                             mmd_pairs, population_mmd, sample_series,
                                                                             sine_series, train_ts_diffusion)
from minirepro.methods.diffusion import alpha_bar_schedule


def test_cross_correlations_needs_series_with_two_channels_and_steps():
    with pytest.raises(ValueError, match="x"):
        cross_correlations(torch.zeros(3, 24))
    with pytest.raises(ValueError, match="2 time steps and 2 channels"):
        cross_correlations(torch.zeros(3, 24, 1))
    with pytest.raises(ValueError, match="finite"):
        cross_correlations(torch.full((2, 5, 3), float("nan")))


def test_constant_channel_counts_as_zero_correlation():
    x = torch.randn(4, 10, 3, dtype=torch.float64)
    x[:, :, 1] = 2.0
    cc = cross_correlations(x)
    assert torch.isfinite(cc).all() and float(cc[:, [0, 2]].abs().max()) == 0.0  # pairs (1,0) and (2,1) involve channel 1
    assert float(cc[:, 1].abs().max()) > 0  # pair (2,0) does not


def test_mmd_pairs_refuses_mismatched_rows_and_bad_bandwidths():
    a, b = torch.rand(3, 5), torch.rand(2, 5)
    with pytest.raises(ValueError, match="rows"):
        mmd_pairs(a, b)
    with pytest.raises(ValueError, match=r"bandwidths\[0\]"):
        mmd_pairs(a, a, bandwidths=(0.0,))
    with pytest.raises(TypeError, match="bandwidths"):
        mmd_pairs(a, a, bandwidths=())


def test_fdds_and_population_mmd_refuse_mismatched_shapes():
    with pytest.raises(ValueError, match="real and fake"):
        fdds(torch.rand(5, 24, 5), torch.rand(5, 24, 4))
    with pytest.raises(ValueError, match="x0_pred and x0"):
        population_mmd(torch.rand(4, 24, 5), torch.rand(3, 24, 5))
    assert fdds(torch.rand(6, 24, 3), torch.rand(6, 24, 3)) >= 0


def test_generators_validate_counts_and_accept_numpy_ints():
    with pytest.raises(ValueError, match="n"):
        sine_series(0)
    with pytest.raises(ValueError, match="dim"):
        factor_series(5, dim=1)
    with pytest.raises(ValueError, match="noise"):
        factor_series(5, noise=-1.0)
    assert sine_series(np.int64(2), seq_len=np.int64(8)).shape == (2, 8, 5)


def test_network_and_training_validate_arguments():
    with pytest.raises(ValueError, match="heads"):
        TSDenoiser(24, 5, hidden=30, heads=4)
    with pytest.raises(TypeError, match="dual"):
        TSDenoiser(24, 5, dual="yes")
    ab = alpha_bar_schedule("cosine", 20)
    x = torch.rand(16, 8, 3) * 2 - 1
    with pytest.raises(ValueError, match="steps"):
        train_ts_diffusion(x, ab, steps=0)
    with pytest.raises(ValueError, match="alpha_bar"):
        train_ts_diffusion(x, ab * 0)
    with pytest.raises(ValueError, match="mmd_weight"):
        train_ts_diffusion(x, ab, mmd_weight=-0.1)
    with pytest.raises(ValueError, match="x"):
        train_ts_diffusion(x[..., 0], ab)


def test_training_stops_on_a_non_finite_loss():
    ab = alpha_bar_schedule("cosine", 20)
    x = torch.rand(16, 8, 3) * 2 - 1
    with pytest.raises(NonFiniteError):
        train_ts_diffusion(x, ab, steps=2, lr=1e30, hidden=8, n_decoder=1)


def test_sampler_and_discriminative_score_validate_arguments():
    ab = alpha_bar_schedule("cosine", 20)
    model, _ = train_ts_diffusion(torch.rand(16, 8, 3) * 2 - 1, ab, steps=2, hidden=8, n_decoder=1)
    with pytest.raises(TypeError, match="model"):
        sample_series(torch.nn.Linear(2, 2), ab, 4)
    with pytest.raises(ValueError, match="n"):
        sample_series(model, ab, 0)
    out = sample_series(model, ab, np.int64(3), seed=1)
    assert out.shape == (3, 8, 3) and float(out.abs().max()) <= 1.0 + 1e-6
    with pytest.raises(ValueError, match="real and fake"):
        discriminative_score(torch.rand(10, 8, 3), torch.rand(10, 8, 2))
    with pytest.raises(ValueError, match="steps"):
        discriminative_score(torch.rand(10, 8, 3), torch.rand(10, 8, 3), steps=0)
