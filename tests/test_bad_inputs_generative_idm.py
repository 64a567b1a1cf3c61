"Regression tests of P029's argument checks (invertible diffusion models for compressed sensing)."
import pytest
import torch
from torch import nn

from minirepro.generative.invertible_diffusion_models_for_compressed_sensing import (
    IDM, IstaNetPlus, RevCoupling, SavedTensorMeter, cs_operator, ddnm_reconstruct, digits_psnr, ista_width_for,
    measure, rev_chain, rnd_correct, train_cs)
from minirepro.methods.diffusion import DigitsDenoiser, alpha_bar_schedule


def test_operator_and_measurements():
    A = cs_operator(4, 8, seed=1)
    assert torch.allclose(A @ A.T, torch.eye(4), atol=1e-5)
    with pytest.raises(ValueError, match="m"):
        cs_operator(9, 8)
    with pytest.raises(TypeError, match="x must have A's dtype"):
        measure(torch.ones(3, 8, dtype=torch.long), A)
    with pytest.raises(ValueError, match="y"):
        rnd_correct(torch.zeros(3, 8), torch.zeros(3, 5), A)
    x = torch.randn(3, 8)
    assert torch.allclose(measure(rnd_correct(torch.randn(3, 8), measure(x, A), A), A), measure(x, A), atol=1e-5)
    with pytest.raises(ValueError, match="x_hat and x"):
        digits_psnr(torch.zeros(2, 64), torch.zeros(3, 64))


def test_couplings_and_meter():
    with pytest.raises(ValueError, match="v"):
        RevCoupling(nn.Linear(2, 2), v=0.0)
    with pytest.raises(TypeError, match="body"):
        RevCoupling(lambda h: h)
    with pytest.raises(TypeError, match="layers"):
        rev_chain(torch.zeros(2, 2), torch.zeros(2, 2), None)
    with pytest.raises(TypeError, match="model"):
        SavedTensorMeter(model=3)
    w, x = torch.randn(100), torch.randn(100, requires_grad=True)
    with SavedTensorMeter() as met:
        (x * w).sum().backward()
    assert met.peak == 400 and met.live == 0


def test_idm_gradients_and_checks():
    torch.manual_seed(0)
    A, sched = cs_operator(16, 64, seed=0), alpha_bar_schedule("linear", 1000)
    with pytest.raises(ValueError, match="n_steps"):
        IDM(DigitsDenoiser(width=16, n_blocks=1), A, sched, n_steps=0)
    with pytest.raises(TypeError, match="denoiser"):
        IDM(nn.Linear(64, 64), A, sched)
    model, x = IDM(DigitsDenoiser(width=16, n_blocks=2), A, sched, n_steps=2), torch.rand(8, 64) * 2 - 1
    with torch.no_grad():
        model.merge.fill_(0.3)
    grads = []
    for inv in (True, False):
        model.invertible = inv
        model.zero_grad(set_to_none=True)
        (model(measure(x, A)) - x).abs().mean().backward()
        grads.append([p.grad.clone() for p in model.parameters()])
    for a, b in zip(*grads):
        assert torch.allclose(a, b, rtol=1e-3, atol=1e-6)
    with pytest.raises(ValueError, match="loss"):
        train_cs(IstaNetPlus(A, 1, 4), x, epochs=1, loss="l2")
    with pytest.raises(ValueError, match="n_steps"):
        ddnm_reconstruct(model.net.base, measure(x, A), A, sched, n_steps=2000)
    with pytest.raises(ValueError, match="n_target"):
        ista_width_for(0)
