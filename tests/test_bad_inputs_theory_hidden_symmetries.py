"""Bad-input regression tests for P194 (theory.hidden_symmetries_of_relu_networks)."""
import numpy as np
import pytest
import torch
from torch import nn

from minirepro.theory.hidden_symmetries_of_relu_networks import (batch_ranks, multiscale_inputs, plateaued, relu_net,
                                                                  survey, symmetry_bound)

G = lambda: torch.Generator().manual_seed(0)


@pytest.mark.parametrize("kw, err", [(dict(d=0), ValueError), (dict(width=1.5), TypeError), (dict(depth=0), ValueError),
                                     (dict(gen=0), TypeError)])
def test_relu_net_rejects(kw, err):
    args = dict(d=2, width=3, depth=2, gen=G()) | kw
    with pytest.raises(err):
        relu_net(**args)


def test_relu_net_shape_and_bound():
    net = relu_net(3, 4, 2, G())
    assert net(torch.zeros(5, 3, dtype=torch.float64)).shape == (5, 1)
    assert symmetry_bound(net) == (3 * 4 + 4 + 4 * 4 + 4 + 4 + 1) - 8
    with pytest.raises(TypeError):
        symmetry_bound(nn.ReLU())


@pytest.mark.parametrize("kw, err", [(dict(n=0), ValueError), (dict(d="2"), TypeError), (dict(r_min=0.0), ValueError),
                                     (dict(r_min=2.0, r_max=1.0), ValueError), (dict(r_max=float("nan")), ValueError),
                                     (dict(gen=None), TypeError)])
def test_multiscale_inputs_rejects(kw, err):
    args = dict(n=4, d=2, gen=G()) | kw
    with pytest.raises(err):
        multiscale_inputs(**args)


def test_multiscale_radii_in_range():
    r = multiscale_inputs(500, 3, G(), 0.1, 10.0).norm(dim=1)
    assert r.min() >= 0.1 - 1e-12 and r.max() <= 10.0 + 1e-12


def test_batch_ranks_and_plateau_reject():
    J = torch.randn(10, 4, dtype=torch.float64)
    assert batch_ranks(J, [5, 10], [1e-8]).tolist() == [[4], [4]]
    with pytest.raises(ValueError):
        batch_ranks(J, [11], [1e-8])
    with pytest.raises(ValueError):
        batch_ranks(J, [5], [0.0])
    with pytest.raises(ValueError):
        batch_ranks(J, [], [1e-8])
    with pytest.raises(TypeError):
        batch_ranks(torch.zeros(3, 3, dtype=torch.int64), [3], [1e-8])
    with pytest.raises(ValueError):
        batch_ranks(torch.full((3, 3), float("inf")), [3], [1e-8])
    with pytest.raises(ValueError):
        plateaued(np.array([1, 2]), 3)
    with pytest.raises(ValueError):
        plateaued(np.array([[1, 2]]), -1)


def test_survey_rejects_and_records():
    with pytest.raises(ValueError):
        survey(2, 3, 1, 0, seed=0)
    with pytest.raises(ValueError):
        survey(2, 3, 1, 1, seed=-1)
    recs = survey(2, 3, 1, 2, seed=0, rows_per_param=(4, 8))
    assert len(recs) == 2 and all(r["max_rank"] <= r["bound"] for r in recs)
