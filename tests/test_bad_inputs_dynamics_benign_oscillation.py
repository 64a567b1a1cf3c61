"Regression tests for bad inputs to the benign-oscillation paper module (P031)."
import numpy as np
import pytest
import torch

from minirepro.dynamics.benign_oscillation_of_stochastic_gradient_descent import (
    feature_noise_data, init_patch_cnn, patch_cnn, patch_cnn_accuracy, train_sgd)


def _setup(B=2, d=6, m=2):
    g = torch.Generator().manual_seed(0)
    X, y, _ = feature_noise_data(8, d, 0.2, 1.0, 0.3, 0.5, n_sets=B, generator=g)
    return init_patch_cnn(B, d, m, 0.1, generator=g), X, y


@pytest.mark.parametrize("kw,exc,name", [
    (dict(n=0), ValueError, "n"), (dict(n=2.5), TypeError, "n"), (dict(d=2), ValueError, "d"),
    (dict(alpha=0.0), ValueError, "alpha"), (dict(beta=float("nan")), ValueError, "beta"),
    (dict(sigma=-1.0), ValueError, "sigma"), (dict(rho=1.5), ValueError, "rho"), (dict(rho="a"), TypeError, "rho"),
    (dict(n_sets=0), ValueError, "n_sets"), (dict(weak_label=1), TypeError, "weak_label"),
    (dict(generator=3), TypeError, "generator")])
def test_data_args_named(kw, exc, name):
    args = dict(n=5, d=6, alpha=0.2, beta=1.0, sigma=0.3, rho=0.5) | kw
    with pytest.raises(exc, match=name):
        feature_noise_data(**args)


def test_numpy_scalars_accepted():
    X, y, s = feature_noise_data(np.int64(5), np.int64(6), np.float64(0.2), 1.0, 0.3, np.float32(0.5))
    assert X.shape == (1, 5, 3, 6) and y.shape == s.shape == (1, 5)
    assert init_patch_cnn(np.int64(2), np.int64(6), np.int64(2), np.float64(0.1)).shape == (2, 3, 4, 6)


@pytest.mark.parametrize("kw,exc,name", [(dict(n_members=0), ValueError, "n_members"), (dict(m=0), ValueError, "m"),
                                         (dict(init_scale=0.0), ValueError, "init_scale"),
                                         (dict(n_patches=1.0), TypeError, "n_patches")])
def test_init_args_named(kw, exc, name):
    with pytest.raises(exc, match=name):
        init_patch_cnn(**(dict(n_members=2, d=6, m=2, init_scale=0.1) | kw))


def test_forward_shapes_and_dtypes():
    W, X, y = _setup()
    with pytest.raises(ValueError, match="X"):
        patch_cnn(W, X[:, :, :2])  # wrong number of patches
    with pytest.raises(ValueError, match="X"):
        patch_cnn(W, X[:1])  # one member's inputs for two members
    with pytest.raises(TypeError, match="X"):
        patch_cnn(W, X.double())
    with pytest.raises(ValueError, match="W"):
        patch_cnn(W[:, :, :3], X)  # odd number of filters
    with pytest.raises(TypeError, match="W"):
        patch_cnn(W.numpy(), X)
    assert patch_cnn(W, X).shape == (2, 8)


def test_train_args_named():
    W, X, y = _setup()
    lr = torch.tensor([0.1, 0.2])
    with pytest.raises(ValueError, match="lr"):
        train_sgd(W, X, y, torch.tensor([0.1, 0.0]), 3)
    with pytest.raises(ValueError, match="lr"):
        train_sgd(W, X, y, torch.tensor([0.1]), 3)
    with pytest.raises(ValueError, match="y"):
        train_sgd(W, X, y * 0, lr, 3)
    with pytest.raises(ValueError, match="steps"):
        train_sgd(W, X, y, lr, 0)
    with pytest.raises(ValueError, match="data_index"):
        train_sgd(W, X, y, lr, 3, data_index=torch.tensor([0, 5]))
    with pytest.raises(ValueError, match="data_index"):
        train_sgd(W, X, y, lr, 3, data_index=torch.tensor([0.0, 1.0]))
    with pytest.raises(ValueError, match="data_index"):
        train_sgd(W, X[:1], y[:1], lr, 3)  # one data set for two members, no index
    with pytest.raises(ValueError, match="stop_below"):
        train_sgd(W, X, y, lr, 3, stop_below=torch.tensor([0.1]))
    with pytest.raises(ValueError, match="diverge_at"):
        train_sgd(W, X, y, lr, 3, diverge_at=0.0)
    with pytest.raises(ValueError, match="record_every"):
        train_sgd(W, X, y, lr, 3, record_every=0)
    with pytest.raises(TypeError, match="progress"):
        train_sgd(W, X, y, lr, 3, progress="yes")


def test_divergence_is_flagged_not_raised():
    W, X, y = _setup()
    out = train_sgd(W, X, y, torch.tensor([0.1, 1e6]), 200, record_every=10, generator=torch.Generator().manual_seed(1))
    assert out["diverged"].tolist() == [False, True]
    acc = patch_cnn_accuracy(out["W"], X, y)
    assert acc.shape == (2,) and 0 <= acc[0] <= 1


def test_accuracy_args_named():
    W, X, y = _setup()
    with pytest.raises(ValueError, match="chunk"):
        patch_cnn_accuracy(W, X, y, chunk=0)
    with pytest.raises(ValueError, match="y"):
        patch_cnn_accuracy(W, X, y[:, :3])
    with pytest.raises(ValueError, match="data_index"):
        patch_cnn_accuracy(W, X, y, data_index=torch.tensor([0, 2]))
