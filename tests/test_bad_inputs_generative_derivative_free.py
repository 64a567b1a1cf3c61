"""Regression tests for the argument checks of P092 (SVDD: soft value-based decoding)."""
import math

import pytest
import torch

from minirepro.generative.derivative_free_guidance_in_continuous_and import (
    DDPMProblem, DecodeResult, DecodingProblem, MarkovChain, MaskedDenoiser, MaskedDiffusionProblem, bright_pixel_reward,
    dps_sample, masked_sample, masked_step, masked_x0_hat, pwm_reward, random_markov_chain, select_candidates,
    smc_decode, svdd_decode, train_masked_denoiser)


def _problem(length=5, n_steps=4):
    torch.manual_seed(0)
    pwm = torch.randn(3, 4)
    return MaskedDiffusionProblem(MaskedDenoiser(length, width=8), lambda x: pwm_reward(x, pwm), length, n_steps)


def test_decoders_refuse_a_non_problem_and_bad_counts():
    with pytest.raises(TypeError, match="problem"):
        svdd_decode(object(), 4)
    with pytest.raises(TypeError, match="problem"):
        smc_decode("masked", 4)
    with pytest.raises(ValueError, match="n_candidates"):
        svdd_decode(_problem(), 4, n_candidates=0)
    with pytest.raises(ValueError, match="alpha"):
        smc_decode(_problem(), 4, alpha=0.0)  # SMC weights need a positive temperature
    with pytest.raises(NotImplementedError, match="start"):
        svdd_decode(DecodingProblem(), 2)


def test_select_candidates_limits_and_bad_alpha():
    v = torch.tensor([[0.0, 2.0, 1.0]])
    assert int(select_candidates(v, 0.0)) == 1
    assert int(select_candidates(torch.zeros(3, 1), math.inf).sum()) == 0  # one candidate: nothing drawn
    with pytest.raises(ValueError, match="alpha"):
        select_candidates(v, -1.0)
    with pytest.raises(ValueError, match="alpha"):
        select_candidates(v, float("nan"))
    with pytest.raises(ValueError, match="values"):
        select_candidates(torch.zeros(3), 1.0)


def test_m1_is_plain_sampling_and_nfe_is_counted():
    p = _problem()
    a = svdd_decode(p, 6, 1, 0.01, torch.Generator().manual_seed(1))
    b = masked_sample(p.model, 6, 5, 4, torch.Generator().manual_seed(1))
    assert torch.equal(a.x, b)
    r = svdd_decode(p, 6, 3, 0.01, torch.Generator().manual_seed(1))
    assert r.nfe_per_sample == 1 + 3 * (4 - 1)
    assert torch.allclose(r.value, p.reward(r.x))


def test_markov_chain_refuses_non_probabilities_and_bad_letters():
    with pytest.raises(ValueError, match="init"):
        MarkovChain(torch.tensor([0.5, 0.6]), torch.eye(2))
    with pytest.raises(ValueError, match="trans"):
        MarkovChain(torch.tensor([0.5, 0.5]), torch.ones(2, 2))
    with pytest.raises(ValueError, match="concentration"):
        random_markov_chain(4, 0.0)
    with pytest.raises(ValueError, match="x"):
        random_markov_chain(4, 1.0).log_prob(torch.tensor([[0, 4]]))


def test_pwm_reward_and_masked_pieces_refuse_bad_shapes():
    with pytest.raises(ValueError, match="width"):
        pwm_reward(torch.zeros(2, 3, dtype=torch.long), torch.randn(4, 4))
    with pytest.raises(ValueError, match="x"):
        pwm_reward(torch.full((2, 5), 7), torch.randn(3, 4))
    with pytest.raises(ValueError, match="s must be smaller"):
        masked_step(torch.full((1, 3), 4), torch.zeros(1, 3, 4), 0.5, 0.5)
    with pytest.raises(ValueError, match="logits"):
        masked_x0_hat(torch.full((2, 3), 4), torch.zeros(2, 4, 4))
    with pytest.raises(ValueError, match="x"):
        MaskedDenoiser(5)(torch.zeros(2, 6, dtype=torch.long))
    with pytest.raises(ValueError, match="x"):
        train_masked_denoiser(torch.full((10, 5), 4), steps=1)  # the mask token is not a letter
    with pytest.raises(TypeError, match="model"):
        MaskedDiffusionProblem("net", None, 5)


def test_ddpm_pieces_refuse_bad_schedules_and_inputs():
    eps_fn = lambda x, t: torch.zeros_like(x)
    with pytest.raises(ValueError, match="alpha_bar"):
        DDPMProblem(eps_fn, torch.tensor([0.5, 0.9]), 2, None)
    with pytest.raises(TypeError, match="eps_fn"):
        DDPMProblem(3, torch.tensor([0.9, 0.5]), 2, None)
    with pytest.raises(ValueError, match="x_T"):
        dps_sample(eps_fn, torch.tensor([0.9, 0.5]), 2, torch.full((2, 3), float("nan")), lambda x: x.sum(-1), 1.0)
    with pytest.raises(ValueError, match="scale"):
        dps_sample(eps_fn, torch.tensor([0.9, 0.5]), 2, torch.zeros(2, 3), lambda x: x.sum(-1), -1.0)
    assert bright_pixel_reward(torch.tensor([[0.9, 0.2, 0.6]])).item() == -2.0
    with pytest.raises(ValueError, match="value"):
        DecodeResult(torch.zeros(3, 2), torch.zeros(2), 1.0)
