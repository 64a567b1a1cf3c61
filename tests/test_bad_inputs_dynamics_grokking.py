"Bad-input regression tests for minirepro.dynamics.grokking_at_the_edge_of_numerical (P134)."
import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.dynamics import grokking_at_the_edge_of_numerical as g


def test_modular_addition_data_args():
    with pytest.raises(ValueError, match="p"):
        g.modular_addition_data(1)
    with pytest.raises(TypeError, match="p"):
        g.modular_addition_data(2.5)
    with pytest.raises(ValueError, match="train_fraction"):
        g.modular_addition_data(5, 1.0)
    with pytest.raises(ValueError, match="train_fraction"):
        g.modular_addition_data(2, 0.1)  # int(0.1 * 4) = 0 training pairs
    assert len(g.modular_addition_data(np.int64(5), 0.4, np.int64(0))[0]) == 10


def test_modmlp_rejects_float_sizes_and_bad_pairs():
    with pytest.raises(TypeError, match="p"):
        g.ModMLP(2.5)
    with pytest.raises(ValueError, match="depth"):
        g.ModMLP(5, depth=0)
    m = g.ModMLP(5, 8)
    with pytest.raises(TypeError, match="ab"):
        m(torch.tensor([[0.0, 1.0]]))
    with pytest.raises(ValueError, match="ab"):
        m(torch.tensor([[0, 5]]))
    with pytest.raises(ValueError, match="ab"):
        m(torch.tensor([0, 1]))


@pytest.mark.parametrize("loss", [g.softmax_cross_entropy, g.stablemax_cross_entropy])
def test_cross_entropies_reject_bad_args(loss):
    z, y = torch.randn(4, 3), torch.tensor([0, 1, 2, 0])
    with pytest.raises(ValueError, match="logits"):
        loss(torch.full((4, 3), float("nan")), y)
    with pytest.raises(ValueError, match="y"):
        loss(z, torch.tensor([0, 1, 3, 0]))
    with pytest.raises(ValueError, match="logits"):
        loss(z, y[:3])
    with pytest.raises(TypeError, match="y"):
        loss(z, y.float())
    with pytest.raises(TypeError, match="dtype"):
        loss(z, y, dtype=torch.int64)
    with pytest.raises(ValueError, match="reduction"):
        loss(z, y, reduction="sum")


def test_stablemax_rejects_non_finite_and_bad_dim():
    with pytest.raises(ValueError, match="x"):
        g.stablemax_s(torch.tensor([1.0, float("inf")]))
    with pytest.raises(ValueError, match="dim"):
        g.log_stablemax(torch.randn(3, 4), dim=2)
    assert torch.isfinite(g.log_stablemax(torch.randn(3, 4), dim=np.int64(0))).all()


def test_collapse_fraction_rejects_bad_loss_fn():
    z, y = torch.randn(4, 3), torch.tensor([0, 1, 2, 0])
    with pytest.raises(TypeError, match="loss_fn"):
        g.collapse_fraction(None, z, y)
    with pytest.raises(TypeError, match="loss_fn"):
        g.collapse_fraction(lambda *a, **k: np.zeros(3), z, y)
    assert g.collapse_fraction(g.softmax_cross_entropy, z, y) == 0.0


def test_ortho_adamw_rejects_bad_args_and_nan_gradients():
    w = torch.nn.Parameter(torch.randn(3))
    with pytest.raises(ValueError, match="params"):
        g.OrthoAdamW([])
    with pytest.raises(TypeError, match="params"):
        g.OrthoAdamW(None)
    with pytest.raises(ValueError, match="lr"):
        g.OrthoAdamW([w], lr=float("nan"))
    with pytest.raises(ValueError, match="betas"):
        g.OrthoAdamW([w], betas=(0.9, 1.0))
    with pytest.raises(TypeError, match="betas"):
        g.OrthoAdamW([w], betas=0.9)
    opt = g.OrthoAdamW([w], lr=0.1)
    w.grad = torch.tensor([1.0, float("nan"), 0.0])
    with pytest.raises(NonFiniteError, match="lr"):
        opt.step()


def test_train_grokking_rejects_bad_args():
    data = g.modular_addition_data(5, 0.4)
    m = g.ModMLP(5, 8)
    opt = torch.optim.AdamW(m.parameters())
    with pytest.raises(TypeError, match="model"):
        g.train_grokking(None, g.softmax_cross_entropy, opt, data, 2)
    with pytest.raises(TypeError, match="optimizer"):
        g.train_grokking(m, g.softmax_cross_entropy, "adam", data, 2)
    with pytest.raises(TypeError, match="data"):
        g.train_grokking(m, g.softmax_cross_entropy, opt, data[:2], 2)
    with pytest.raises(ValueError, match="steps"):
        g.train_grokking(m, g.softmax_cross_entropy, opt, data, 0)
    with pytest.raises(NonFiniteError, match="lr"):
        g.train_grokking(m, g.softmax_cross_entropy, torch.optim.SGD(m.parameters(), lr=1e30), data, 5, 1)
    with pytest.raises(TypeError, match="model"):
        g.nlm_cosine(3)


def test_stacked_models_and_splits_check_seeds():
    with pytest.raises(TypeError, match="seeds"):
        g.stacked_splits(5, 0.5, [])
    with pytest.raises(ValueError, match="seeds"):
        g.stacked_splits(5, 0.5, [0, -1])
    with pytest.raises(TypeError, match="seeds"):
        g.ModMLP(5, 8, seeds=3)
    with pytest.raises(ValueError, match="seeds"):
        g.ModMLP(5, 8, seeds=[-2])
    m = g.ModMLP(5, 8, seeds=[np.int64(1), 2])
    d = g.stacked_splits(5, 0.5, [1, 2])
    assert d[0].shape == (2, 12, 2) and m(d[0]).shape == (2, 12, 5)
    with pytest.raises(ValueError, match="ab"):
        m(torch.zeros(3, 4, 2, dtype=torch.long))  # three pair sets for two models
    with pytest.raises(ValueError, match="logits"):
        g.softmax_cross_entropy(torch.randn(2, 4, 5), torch.zeros(4, dtype=torch.long))


def test_ortho_adamw_batch_dims_and_batched_nlm_cosine():
    w = torch.nn.Parameter(torch.randn(3))
    with pytest.raises(ValueError, match="batch_dims"):
        g.OrthoAdamW([w], batch_dims=-1)
    opt = g.OrthoAdamW([w], lr=0.1, batch_dims=1)
    w.grad = torch.ones(3)
    with pytest.raises(ValueError, match="batch_dims"):
        opt.step()  # a (3,) tensor with one batch dim has nothing left to project
    m = g.ModMLP(5, 8, seeds=[0, 1, 2])
    with pytest.raises(ValueError, match="gradients"):
        g.nlm_cosine(m)
    d = g.stacked_splits(5, 0.5, [0, 1, 2])
    g.softmax_cross_entropy(m(d[0]), d[1]).sum().backward()
    cos = g.nlm_cosine(m)
    assert cos.shape == (3,) and bool((cos.abs() <= 1).all())
    with pytest.raises(ValueError, match="batch_dims"):
        g.nlm_cosine(m, batch_dims=-1)
