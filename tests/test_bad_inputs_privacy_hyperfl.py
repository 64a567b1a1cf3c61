"Bad-input regression tests for minirepro.privacy.a_new_federated_learning_framework_against (P115, HyperFL) and the gradient-inversion section of methods.privacy."
import math

import numpy as np
import pytest
import torch

from minirepro.methods import privacy as mp
from minirepro.privacy import a_new_federated_learning_framework_against as hf

G = torch.Generator().manual_seed(0)
TH, PS = hf.init_cnn(1, G)
PHI = hf.init_hyper(1, 3, 4, G)[0]
V = torch.randn(3, generator=G)
X, Y = torch.rand(2, 1, 8, 8, generator=G), torch.tensor([1, 7])
TAB, N = torch.arange(4)[None, None], torch.tensor([[4]])


def test_split_and_model_reject_bad_args():
    with pytest.raises(ValueError, match="labels"):
        hf.dirichlet_split(np.array([0.5, 1.5]), 2, 0.5)
    with pytest.raises(ValueError, match="n_clients"):
        hf.dirichlet_split(np.array([0, 1]), 0, 0.5)
    with pytest.raises(ValueError, match="alpha"):
        hf.dirichlet_split(np.array([0, 1]), 2, 0.0)
    parts = hf.dirichlet_split(np.repeat(np.arange(3), 10), 4, 0.5, seed=1)
    assert sorted(np.concatenate(parts).tolist()) == list(range(30))
    with pytest.raises(ValueError, match="theta"):
        hf.cnn_logits(TH[0, :5], PS[0], X)
    with pytest.raises(ValueError, match="x"):
        hf.cnn_logits(TH[0], PS[0], torch.rand(2, 1, 7, 7))
    with pytest.raises(ValueError, match="n"):
        hf.init_cnn(0)
    with pytest.raises(ValueError, match="hidden"):
        hf.hyper_shapes(3, 0)
    with pytest.raises(ValueError, match="phi"):
        hf.hyper_extractor(PHI[:10], V, 4)
    with pytest.raises(ValueError, match="out_scale"):
        hf.init_hyper(1, 3, 4, out_scale=-1.0)
    assert hf.cnn_logits(TH[0], PS[0], X).shape == (2, 10)


def test_training_rejects_bad_args():
    args = (X.repeat(2, 1, 1, 1), Y.repeat(2), TAB, N)
    with pytest.raises(ValueError, match="sigma"):
        hf.train_cnn_federated(*args, torch.zeros(2), torch.ones(1), torch.tensor([True]), 1, 1, 2, 0.1)
    with pytest.raises(ValueError, match="clip"):
        hf.train_cnn_federated(*args, torch.zeros(1), torch.tensor([math.nan]), torch.tensor([True]), 1, 1, 2, 0.1)
    with pytest.raises(ValueError, match="lr"):
        hf.train_cnn_federated(*args, torch.zeros(1), torch.ones(1), torch.tensor([True]), 1, 1, 2, 0.0)
    with pytest.raises(ValueError, match="rounds"):
        hf.train_hyperfl(*args, torch.tensor([False]), -1, 1, 2, 0.1, 3, 4)
    with pytest.raises(ValueError, match="public"):
        hf.train_hyperfl(*args, torch.tensor([False, True]), 1, 1, 2, 0.1, 3, 4)
    th, ps = hf.train_cnn_federated(*args, torch.zeros(1), torch.tensor([math.inf]), torch.tensor([True]), 1, 1, 2, 0.1,
                                    torch.Generator().manual_seed(0))
    assert th.shape == (1, 1, hf.N_EXTRACTOR) and ps.shape == (1, 1, hf.N_HEAD)


def test_upload_and_leak():
    with pytest.raises(ValueError, match="psi"):
        hf.hyper_upload(PHI, V, PS[0, :3], X, Y, 4)
    with pytest.raises(ValueError, match="g_phi"):
        hf.bias_leak(PHI[:5], PHI, 3, 4)
    g = hf.hyper_upload(PHI, V, PS[0], X, Y, 4)
    g_theta, theta = hf.bias_leak(g, PHI, 3, 4)
    assert torch.allclose(theta, hf.hyper_extractor(PHI, V, 4), rtol=1e-4, atol=1e-5)


def test_gradient_inversion_rejects_bad_args():
    fn = lambda x, aux, y: x.flatten() * y.float().sum()
    tgt, x0 = torch.rand(2, 4), torch.rand(2, 1, 1, 2, 2)
    with pytest.raises(TypeError, match="grad_fn"):
        mp.invert_gradients("f", tgt, x0)
    with pytest.raises(ValueError, match="x_init"):
        mp.invert_gradients(fn, tgt[:1], x0)
    with pytest.raises(ValueError, match="steps"):
        mp.invert_gradients(fn, tgt, x0, ctx=(torch.ones(2, 1),), steps=0)
    with pytest.raises(ValueError, match="bounds"):
        mp.invert_gradients(fn, tgt, x0, ctx=(torch.ones(2, 1),), bounds=(1.0, 0.0))
    with pytest.raises(TypeError, match="ctx"):
        mp.invert_gradients(fn, tgt, x0, ctx=(torch.ones(3, 1),))
    with pytest.raises(ValueError, match="x and ref"):
        mp.psnr(torch.rand(1, 2, 2), torch.rand(1, 3, 3))
    with pytest.raises(ValueError, match="x"):
        mp.matched_psnr(torch.rand(1, 2, 2), torch.rand(1, 2, 2))
    with pytest.raises(ValueError, match="x"):
        mp.total_variation(torch.rand(3))
    rec, _ = mp.invert_gradients(fn, tgt, x0, ctx=(torch.ones(2, 1),), steps=3)
    assert rec.shape == x0.shape and float(rec.min()) >= 0 and float(rec.max()) <= 1
