"Bad-input regression tests for minirepro.privacy.do_not_let_privacy_overbill_utility (P140, GEP)."
import pytest
import torch
from torch.func import stack_module_state

from minirepro.privacy import do_not_let_privacy_overbill_utility as gep

NET = gep.SmallCNN(width=2, hidden=4)
P = {n: v.detach() for n, v in stack_module_state([NET, NET])[0].items()}
X, Y = torch.rand(6, 1, 8, 8), torch.randint(0, 10, (6,))
G = torch.randn(2, 3, 10)
V = torch.linalg.qr(torch.randn(2, 10, 2))[0]
ONE, ZERO = torch.ones(2), torch.zeros(2)


def test_model_and_grads_reject_bad_args():
    with pytest.raises(ValueError, match="width"):
        gep.SmallCNN(width=0)
    with pytest.raises(ValueError, match="x"):
        NET(torch.rand(2, 1, 7, 7))
    with pytest.raises(TypeError, match="model"):
        gep.per_sample_grads("net", P, X, Y)
    with pytest.raises(ValueError, match="y"):
        gep.per_sample_grads(NET, P, X, Y.float())
    with pytest.raises(ValueError, match="y"):
        gep.per_sample_grads(NET, P, X, Y[:3])
    with pytest.raises(TypeError, match="params"):
        gep.per_sample_grads(NET, {}, X, Y)
    assert gep.per_sample_grads(NET, P, X, Y).shape == (2, 6, sum(p.numel() for p in NET.parameters()))


def test_anchor_and_gep_gradient_reject_bad_args():
    with pytest.raises(ValueError, match="k"):
        gep.anchor_subspace(torch.randn(3, 10), 4)
    with pytest.raises(ValueError, match="V0"):
        gep.anchor_subspace(torch.randn(5, 10), 2, V0=torch.randn(10, 3))
    with pytest.raises(TypeError, match="generator"):
        gep.random_anchor(10, 2, generator=1)
    with pytest.raises(ValueError, match="k"):
        gep.random_anchor(3, 4)
    with pytest.raises(ValueError, match="V"):
        gep.gep_gradient(G, V[:, :5], ONE, ONE, ZERO, ZERO, 3.0)
    with pytest.raises(ValueError, match="clip1"):
        gep.gep_gradient(G, V, ONE, ZERO, ZERO, ZERO, 3.0)
    with pytest.raises(ValueError, match="sigma0"):
        gep.gep_gradient(G, V, ONE, ONE, -ONE, ZERO, 3.0)
    with pytest.raises(ValueError, match="expected_batch"):
        gep.gep_gradient(G, V, ONE, ONE, ZERO, ZERO, 0.0)
    inf = torch.full((2,), float("inf"))
    assert torch.allclose(gep.gep_gradient(G, V, inf, inf, ZERO, ZERO, 3.0), G.mean(1), atol=1e-5)


def test_accounting_and_training_reject_bad_args():
    with pytest.raises(ValueError, match="sigma1"):
        gep.gep_noise_multiplier(1.0, 0.0)
    assert abs(gep.gep_noise_multiplier(2 ** 0.5, 2 ** 0.5) - 1) < 1e-12
    kw = dict(anchor=["public", "none"], lr=[0.1, 0.1], clip0=[1.0, 1.0], clip1=[1.0, 1.0], sigma0=[1.0, 0.0],
              sigma1=[1.0, 1.0], sample_rate=0.5, steps=2, k=2)
    with pytest.raises(ValueError, match="anchor"):
        gep.train_private(NET, P, X, Y, X, Y, **(kw | dict(anchor=["public", "x"])))
    with pytest.raises(ValueError, match="lr"):
        gep.train_private(NET, P, X, Y, X, Y, **(kw | dict(lr=[0.1, float("nan")])))
    with pytest.raises(ValueError, match="sample_rate"):
        gep.train_private(NET, P, X, Y, X, Y, **(kw | dict(sample_rate=0.0)))
    with pytest.raises(ValueError, match="y_pub"):
        gep.train_private(NET, P, X, Y, X, Y[:2], **kw)
    out = gep.train_private(NET, P, X, Y, X, Y, **kw)
    assert gep.member_accuracy(NET, out, X, Y).shape == (2,)
