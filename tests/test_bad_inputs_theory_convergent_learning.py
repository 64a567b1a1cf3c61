"Bad-input regression tests for P060 (theory.convergent_learning_do_different_neural_networks)."
import numpy as np
import pytest
import torch

from minirepro.theory.convergent_learning_do_different_neural_networks import (band_score, hidden_activations,
                                                                               live_units, prediction_gain,
                                                                               random_orthogonal, reliable_fraction,
                                                                               train_digits_mlp)

G = np.random.default_rng(0)
A = np.abs(G.normal(size=(40, 5)))
B = np.abs(G.normal(size=(40, 7)))


def test_reliable_fraction_needs_b_at_least_as_wide():
    with pytest.raises(ValueError, match="B"):
        reliable_fraction(B, A, G)
    with pytest.raises(TypeError, match="rng"):
        reliable_fraction(A, B, 0)
    with pytest.raises(ValueError, match="q"):
        reliable_fraction(A, B, G, q=1.5)


def test_train_rejects_bad_labels_and_sizes():
    X = G.normal(size=(20, 4))
    with pytest.raises(ValueError, match="y"):
        train_digits_mlp(X, -np.ones(20, dtype=int), steps=1)
    with pytest.raises(ValueError, match="y"):
        train_digits_mlp(X, np.zeros(19, dtype=int), steps=1)
    with pytest.raises(ValueError, match="width"):
        train_digits_mlp(X, np.zeros(20, dtype=int), width=0)
    net = train_digits_mlp(X, np.arange(20) % 3, width=6, steps=2)
    assert hidden_activations(net, X, 2).shape == (20, 6)
    with pytest.raises(ValueError, match="layer"):
        hidden_activations(net, X, 3)
    with pytest.raises(ValueError, match="X"):
        hidden_activations(net, X[:, :3])
    with pytest.raises(TypeError, match="net"):
        hidden_activations(torch.nn.Linear(4, 2), X)


def test_band_score_and_gain_inputs():
    with pytest.raises(ValueError, match="lo"):
        band_score(0.5, 0.9, 0.1)
    with pytest.raises(ValueError, match="A"):
        prediction_gain(A[:5], B[:5])
    with pytest.raises(ValueError, match="A"):
        prediction_gain(B, A)
    with pytest.raises(ValueError, match="p"):
        random_orthogonal(0, G)
    assert live_units(np.c_[A, np.ones(40)]).tolist() == [True] * 5 + [False]
