"Argument checks of P118 (learning.cross_entropy_loss_functions_theoretical_analysis): regression tests."
import numpy as np
import pytest
import torch

from minirepro.core.data import GaussianMixture
from minirepro.learning.cross_entropy_loss_functions_theoretical_analysis import (
    bound_terms, digits_splits, evaluate, init_mlp, linear_snapshots, mixture_posteriors, mlp_forward, sample_classes,
    score_differences, train_robust, training_loss)


def _gm():
    return GaussianMixture(np.array([0.5, 0.5]), np.array([[-1.0], [1.0]]))


def _net():
    g = torch.Generator().manual_seed(0)
    P = init_mlp(2, (4, 8, 3), g)
    return P, torch.rand(2, 5, 4, generator=g), torch.randint(0, 3, (2, 5), generator=g)


def test_mixture_args():
    with pytest.raises(TypeError, match="gm"):
        mixture_posteriors(None, torch.zeros(3, 1))
    with pytest.raises(ValueError, match="x"):
        mixture_posteriors(_gm(), torch.zeros(3, 2))
    with pytest.raises(ValueError, match="n"):
        sample_classes(_gm(), 0)
    p = mixture_posteriors(_gm(), torch.zeros(3, 1, dtype=torch.float64))
    assert torch.allclose(p, torch.full((3, 2), 0.5, dtype=torch.float64))


def test_linear_snapshots_args():
    x, y = sample_classes(_gm(), 50, seed=0)
    with pytest.raises(ValueError, match="n_classes"):
        linear_snapshots(x, y, 1)
    with pytest.raises(ValueError, match="y"):
        linear_snapshots(x, y + 2, 2)
    with pytest.raises(ValueError, match="lr"):
        linear_snapshots(x, y, 2, lr=0.0)
    steps, snaps = linear_snapshots(x, y, 2, steps=5)
    assert steps == [0, 1, 2, 4, 5] and len(snaps) == 5


def test_bound_terms_args():
    with pytest.raises(ValueError, match="logits"):
        bound_terms(torch.full((4, 2), 0.5), torch.zeros(2, 4, 3), 1.0)
    with pytest.raises(ValueError, match="tau"):
        bound_terms(torch.full((4, 2), 0.5), torch.zeros(2, 4, 2), -1.0)


def test_network_args():
    P, x, y = _net()
    with pytest.raises(TypeError, match="params"):
        mlp_forward([1, 2], x)
    with pytest.raises(ValueError, match="x"):
        mlp_forward(P, torch.rand(3, 5, 4))
    with pytest.raises(TypeError, match="y"):
        score_differences(mlp_forward(P, x), y.float())
    with pytest.raises(ValueError, match="y"):
        score_differences(mlp_forward(P, x), y + 3)
    with pytest.raises(ValueError, match="n_models"):
        init_mlp(0)
    with pytest.raises(TypeError, match="generator"):
        init_mlp(1, generator=3)


def test_training_args():
    P, x, y = _net()
    f = lambda z: mlp_forward(P, z)
    with pytest.raises(ValueError, match="method"):
        training_loss("mart", f, x, y, 0.1)
    with pytest.raises(TypeError, match="f"):
        training_loss("trades", 3, x, y, 0.1)
    with pytest.raises(ValueError, match="hp"):
        training_loss("trades", f, x, y, 0.1, hp=-1.0)
    with pytest.raises(TypeError, match="y"):
        training_loss("standard", f, x, y.float(), 0.1)
    with pytest.raises(ValueError, match="epochs"):
        train_robust("standard", x, y, x, y, 0.1, epochs=0)
    with pytest.raises(ValueError, match="y_val"):
        train_robust("standard", x, y, x, y[:, :3], 0.1)
    with pytest.raises(ValueError, match="eps"):
        evaluate(P, x, y, -0.1)


def test_digits_splits_args():
    with pytest.raises(TypeError, match="seeds"):
        digits_splits([])
    with pytest.raises(ValueError, match="n_train"):
        digits_splits([0], n_train=0)
    d = digits_splits([0, 1], n_train=10, n_eval=7)
    assert d["X_train"].shape == (2, 10, 64) and d["y_test"].shape == (2, 7) and float(d["X_train"].max()) <= 1.0
