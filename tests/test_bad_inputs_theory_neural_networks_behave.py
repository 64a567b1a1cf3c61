"""Bad-input regression tests for P033 (theory.neural_networks_behave_as_hash_encoders)."""
import numpy as np
import pytest
import torch
from torch import nn

from minirepro.theory.neural_networks_behave_as_hash_encoders import (cluster_purity, encoding_properties, hash_mlp,
                                                                       neural_codes, train_classifier)


@pytest.mark.parametrize("kw, err", [(dict(width=0), ValueError), (dict(width=2, depth=3), ValueError),
                                     (dict(width=4.0), TypeError), (dict(n_classes=1), ValueError),
                                     (dict(seed=-1), ValueError)])
def test_hash_mlp_rejects(kw, err):
    with pytest.raises(err):
        hash_mlp(**(dict(width=4) | kw))


def test_train_classifier_rejects():
    net, X, y = hash_mlp(4, n_in=2, n_classes=2), torch.zeros(8, 2), torch.zeros(8, dtype=torch.long)
    with pytest.raises(TypeError):
        train_classifier(nn.Linear(2, 2), X, y, 1)
    with pytest.raises(TypeError):
        train_classifier(net, X, y.float(), 1)
    with pytest.raises(ValueError):
        train_classifier(net, X, y[:5], 1)
    with pytest.raises(ValueError):
        train_classifier(net, X, y, -1)
    with pytest.raises(ValueError):
        train_classifier(net, X, y, 1, lr=0.0)
    with pytest.raises(ValueError):
        train_classifier(net, X, y, 1, batch_size=1)
    with pytest.raises(ValueError):
        train_classifier(net, torch.full((8, 2), float("nan")), y, 1)


def test_codes_purity_and_properties_reject():
    net = hash_mlp(4, n_in=2, n_classes=2).eval()
    with pytest.raises(ValueError):
        neural_codes(net, torch.zeros(3, 2), torch.zeros(3, 5))
    with pytest.raises(ValueError):
        neural_codes(nn.Sequential(nn.Linear(2, 2)), torch.zeros(3, 2), torch.zeros(3, 2))
    with pytest.raises(ValueError):
        cluster_purity(np.array([0, 1]), np.array([0, 1, 1]))
    with pytest.raises(TypeError):
        encoding_properties("net", torch.zeros(3, 2), np.zeros(3), torch.zeros(2, 2), np.zeros(2))
    with pytest.raises(ValueError):
        encoding_properties(net, torch.zeros(3, 2), np.zeros(4), torch.zeros(2, 2), np.zeros(2))
    with pytest.raises(ValueError):
        encoding_properties(net, torch.zeros(3, 2), np.zeros(3), torch.zeros(2, 2), np.zeros(2), n_neighbors=0)


def test_constant_codes_give_full_redundancy():
    net = hash_mlp(4, n_in=2, n_classes=2).eval()
    out = encoding_properties(net, torch.zeros(5, 2), np.arange(5) % 2, torch.zeros(3, 2), np.arange(3) % 2)
    assert out["bits"] == 0 and out["red_train"] == pytest.approx(0.8) and np.isnan(out["knn"])
