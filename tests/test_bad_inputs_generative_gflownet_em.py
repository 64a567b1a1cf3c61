"""Regression tests for the argument checks of P191 (GFlowNet-EM): clear errors naming the argument, fast."""
import math

import pytest
import torch

from minirepro.generative.gflownet_em_for_learning_compositional_latent import (
    CellEncoder, CodeDecoder, GFNEncoder, all_codes, exact_em_mixture, exact_log_posterior, exact_log_px,
    gfn_em_mixture, hier_mixture_data, mixture_log_lik, train_gfn_em, train_vqvae)


def _x(n=4):
    return (torch.rand(n, 64, generator=torch.Generator().manual_seed(0)) > 0.5).float()


def test_all_codes_counts_in_base_k_and_refuses_a_bad_range():
    z = all_codes(2, 3)
    assert z.shape == (9, 2) and z[5].tolist() == [1, 2]
    with pytest.raises(ValueError, match="stop"):
        all_codes(2, 3, 0, 10)
    with pytest.raises(ValueError, match="K"):
        all_codes(2, 1)


def test_exact_log_px_refuses_non_binary_pixels_and_wrong_width():
    dec = CodeDecoder(4, 2, hidden=8)
    with pytest.raises(ValueError, match="binary"):
        exact_log_px(dec, _x() * 0.5)
    with pytest.raises(ValueError, match="x"):
        exact_log_px(dec, torch.zeros(3, 10))
    with pytest.raises(TypeError, match="decoder"):
        exact_log_px(torch.nn.Linear(2, 2), _x())


def test_exact_log_px_is_a_normalised_log_probability_on_a_tiny_image_space():
    dec = CodeDecoder(2, 2, hidden=4, n_pixels=3)
    xs = torch.tensor([[a, b, c] for a in (0, 1) for b in (0, 1) for c in (0, 1)], dtype=torch.float32)
    assert math.isclose(exact_log_px(dec, xs).exp().sum().item(), 1.0, rel_tol=1e-6)


def test_exact_log_posterior_refuses_a_grid_too_large_to_hold():
    with pytest.raises(ValueError, match="configurations"):
        exact_log_posterior(CodeDecoder(9, 4, hidden=4), _x())


def test_gfn_encoder_log_pf_refuses_codes_out_of_range():
    enc = GFNEncoder(4, 3, hidden=8)
    with pytest.raises(ValueError, match="z"):
        enc.log_pf(_x(2), torch.full((2, 4), 3))
    with pytest.raises(ValueError, match="epsilon"):
        enc.sample(_x(2), epsilon=1.5)


def test_trainers_refuse_mismatched_models_and_bad_sizes():
    dec = CodeDecoder(4, 3, hidden=8)
    with pytest.raises(TypeError, match="encoder"):
        train_gfn_em(dec, GFNEncoder(4, 2, hidden=8), _x(), steps=1)
    with pytest.raises(TypeError, match="encoder"):
        train_vqvae(dec, CellEncoder(4, 3), _x(), steps=1)
    with pytest.raises(ValueError, match="steps"):
        train_gfn_em(dec, GFNEncoder(4, 3, hidden=8), _x(), steps=0)


def test_mixture_functions_check_shapes():
    x = hier_mixture_data(50, seed=0)
    with pytest.raises(ValueError, match="means"):
        mixture_log_lik(x, torch.zeros(4, 3))
    with pytest.raises(ValueError, match="x"):
        mixture_log_lik(torch.zeros(5, 3), torch.zeros(4, 2))
    with pytest.raises(ValueError, match="iters"):
        exact_em_mixture(x, x[:4][None], iters=-1)
    with pytest.raises(ValueError, match="e_steps"):
        gfn_em_mixture(x, x[:4][None], iters=1, e_steps=0)
