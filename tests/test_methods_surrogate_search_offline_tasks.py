"Tests of the offline-optimisation tasks of methods.surrogate_search (the P130 section)."
import math

import pytest
import torch

from minirepro.methods.surrogate_search import (NKLandscape, OfflineTask, RandomMLPOracle, ackley_score,
                                                make_offline_task, normalized_score)


def test_ackley_optimum_and_sign():
    assert float(ackley_score(torch.zeros(20)).abs()) < 1e-5
    assert float(ackley_score(torch.full((20,), 3.0))) < -5


def test_nk_brute_force_and_decoding():
    nk = NKLandscape(4, 3, 1, seed=2)
    s = torch.tensor([[2, 0, 1, 2]])
    want = (nk.tables[0, 2 * 3 + 0] + nk.tables[1, 0 * 3 + 1] + nk.tables[2, 1 * 3 + 2] + nk.tables[3, 2 * 3 + 2]) / 4
    assert torch.allclose(nk.score_sequences(s), want)
    onehot = torch.nn.functional.one_hot(s, 3).float().reshape(1, -1)
    assert torch.allclose(nk(0.7 * onehot + 0.1), want)  # a relaxed design decodes by its argmax
    with pytest.raises(ValueError, match="s"):
        nk.score_sequences(torch.tensor([[0, 1, 2, 3]]))


@pytest.mark.parametrize("name,d", [("random_mlp", 60), ("ackley", 20), ("nk", 32)])
def test_offline_task_is_bottom_half(name, d):
    t = make_offline_task(name, n_pool=2000)
    assert t.x.shape[1] == d and t.x_top.shape[1] == d
    assert float(t.oracle(t.x_top).min()) >= float(t.y.max()) - 1e-6  # the unseen sample lies above the offline data
    assert float(normalized_score(torch.tensor(t.y_min), t)) == 0.0
    assert 0 < float(normalized_score(t.y.max(), t)) < 1


def test_random_mlp_oracle_is_deterministic_and_checked():
    a, b = RandomMLPOracle(seed=3), RandomMLPOracle(seed=3)
    x = torch.randn(5, 60)
    assert torch.equal(a(x), b(x))
    with pytest.raises(ValueError, match="x"):
        a(torch.randn(5, 59))
    with pytest.raises(ValueError, match="y_max"):
        OfflineTask("nk", a, torch.randn(4, 60), torch.randn(4), 1.0, 1.0, True, torch.randn(2, 60))
