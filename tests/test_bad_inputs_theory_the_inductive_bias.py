"""Bad-input regression tests for P150 (theory.the_inductive_bias_of_relu_networks)."""
import numpy as np
import pytest
import torch

from minirepro.theory.the_inductive_bias_of_relu_networks import (balanced_init, class_aggregates, cosine,
                                                                 is_orthogonally_separable, log_logistic_loss,
                                                                 max_margin_direction, max_margin_kkt,
                                                                 orthogonally_separable_data, separability_margins,
                                                                 train_log_gd, two_layer_relu)

XO = np.array([[1.0, 0.2], [0.8, 0.5], [-1.0, 0.1], [-0.6, -0.4]])
YO = np.array([1.0, 1.0, -1.0, -1.0])


@pytest.mark.parametrize("X, y, err", [(XO, YO[:3], ValueError), (XO, np.array([1.0, 1.0, 1.0, 1.0]), ValueError),
                                       (XO, np.array([1.0, 2.0, -1.0, -1.0]), ValueError), ("x", YO, TypeError),
                                       (np.full((4, 2), np.nan), YO, ValueError)])
def test_separability_rejects(X, y, err):
    with pytest.raises(err):
        separability_margins(X, y)
    with pytest.raises(err):
        is_orthogonally_separable(X, y)


def test_separability_examples():
    assert is_orthogonally_separable(XO, YO)
    Xl = np.array([[1.0, 0.2], [0.2, 1.0], [-1.0, 0.3], [-0.8, 0.6]])  # linearly separable (w = e1), x2.x3 > 0
    assert not is_orthogonally_separable(Xl, YO)


def test_max_margin_rejects_and_certifies():
    with pytest.raises(ValueError):
        max_margin_direction(np.array([[1.0, 0.0], [-1.0, 0.0]]))  # no w with w.x > 0 for both
    with pytest.raises(ValueError):
        max_margin_direction(np.zeros((0, 2)))
    X2 = np.array([[1.0, 0.0], [0.0, 2.0]])
    w = max_margin_direction(X2)
    assert np.allclose(w, [1.0, 0.5], atol=1e-7)
    with pytest.raises(ValueError):
        max_margin_kkt(X2, w[:1])
    with pytest.raises(ValueError):
        max_margin_kkt(X2, w, tol=0.0)


@pytest.mark.parametrize("kw, err", [(dict(n=3), ValueError), (dict(d=2), ValueError), (dict(n=4.0), TypeError),
                                     (dict(generator=0), TypeError), (dict(spread=0.0), ValueError),
                                     (dict(minor_frac=1.0), ValueError), (dict(max_cos=2.0), ValueError),
                                     (dict(max_tries=0), ValueError)])
def test_data_rejects(kw, err):
    args = dict(n=8, d=4, generator=np.random.default_rng(0)) | kw
    with pytest.raises(err):
        orthogonally_separable_data(**args)


def test_data_is_orthogonally_separable():
    X, y = orthogonally_separable_data(16, 5, np.random.default_rng(0))
    assert X.shape == (16, 5) and is_orthogonally_separable(X, y)


def test_net_and_loss_reject():
    X = torch.randn(2, 5, 3, dtype=torch.float64)
    W, a = balanced_init(2, 4, 3, 1e-2, torch.Generator().manual_seed(0))
    assert two_layer_relu(X, W, a).shape == (2, 5)
    with pytest.raises(TypeError):
        two_layer_relu(X.float(), W, a)
    with pytest.raises(ValueError):
        two_layer_relu(X, W[:, :, :2], a)
    with pytest.raises(TypeError):
        log_logistic_loss(torch.ones(3, dtype=torch.long))
    with pytest.raises(ValueError):
        log_logistic_loss(torch.tensor([float("nan")]))
    with pytest.raises(ValueError):
        cosine(torch.ones(3, 2), torch.ones(4, 2))
    with pytest.raises(TypeError):
        cosine(torch.ones(3, dtype=torch.long), torch.ones(3))
    assert float(cosine(torch.zeros(2), torch.ones(2))) == 0.0
    with pytest.raises(ValueError):
        class_aggregates(W, a[:, :3])


@pytest.mark.parametrize("kw, err", [(dict(n_runs=0), ValueError), (dict(width=1), ValueError),
                                     (dict(init_scale=0.0), ValueError), (dict(generator=0), TypeError),
                                     (dict(d=1.5), TypeError)])
def test_init_rejects(kw, err):
    args = dict(n_runs=1, width=4, d=3, init_scale=1e-3, generator=torch.Generator().manual_seed(0)) | kw
    with pytest.raises(err):
        balanced_init(**args)


def test_train_rejects():
    X = torch.tensor(XO)[None]
    y = torch.tensor(YO)[None]
    W, a = balanced_init(1, 6, 2, 1e-3, torch.Generator().manual_seed(0))
    with pytest.raises(ValueError):
        train_log_gd(X, 2 * y, W, a)
    with pytest.raises(ValueError):
        train_log_gd(X, y, W, a, lr=0.0)
    with pytest.raises(ValueError):
        train_log_gd(X, y, W, a, target_log10_loss=-400.0)
    with pytest.raises(TypeError):
        train_log_gd(X, y, W, a, max_steps=10.0)
    out = train_log_gd(X, y, W, a, target_log10_loss=-3.0, max_steps=3000)
    assert bool(out["reached"].all())
