"""Regression tests: bad inputs to P137's ACE helpers raise errors that name the argument."""
import math

import pytest
import torch

from minirepro.methods.bounds import ActMLP
from minirepro.verification.certify_or_predict_boosting_certified_robustness import (ace_tradeoff, nat_at_cert, ramp,
                                                                                     selection_scores, train_net)


@pytest.fixture
def sel():
    torch.manual_seed(0)
    return ActMLP([4, 6, 2], "relu")


X = torch.rand(10, 4)
Y = torch.zeros(10, dtype=torch.long)


def test_ramp_refuses_bad_schedule():
    with pytest.raises(ValueError, match="step"):
        ramp(-1, 10)
    with pytest.raises(ValueError, match="total"):
        ramp(1, 0)
    with pytest.raises(ValueError, match="end"):
        ramp(1, 10, warm=0.6, end=0.5)
    assert ramp(5, 10, warm=0.0, end=1.0) == 0.5


def test_train_net_refuses_bad_input(sel):
    with pytest.raises(TypeError, match="net"):
        train_net(torch.nn.Linear(4, 2), X, Y, "ibp", 0.1, 1)
    with pytest.raises(ValueError, match="kind"):
        train_net(sel, X, Y, "adversarial", 0.1, 1)
    with pytest.raises(ValueError, match="eps"):
        train_net(sel, X, Y, "ibp", -0.1, 1)
    with pytest.raises(ValueError, match="kappa_final"):
        train_net(sel, X, Y, "ibp", 0.1, 1, kappa_final=1.5)
    with pytest.raises(ValueError, match="y"):
        train_net(sel, X, Y[:5], "ibp", 0.1, 1)


def test_selection_scores_needs_two_outputs(sel):
    with pytest.raises(ValueError, match="sel"):
        selection_scores(ActMLP([4, 6, 3], "relu"), X, 0.1)
    with pytest.raises(ValueError, match="eps"):
        selection_scores(sel, X, -1.0)
    m, lb = selection_scores(sel, X, 0.05)
    assert (lb <= m + 1e-9).all()


def test_ace_tradeoff_shapes_and_ends():
    m = torch.linspace(-1, 1, 10, dtype=torch.float64)
    ok = torch.arange(10) % 2 == 0
    with pytest.raises(ValueError, match="margin_lb"):
        ace_tradeoff(m, m[:5], ok, ok, ok, torch.zeros(1))
    c, n = ace_tradeoff(m, m - 0.1, ok, ok, ~ok, torch.tensor([-math.inf, math.inf]))
    assert c.tolist() == [0.5, 0.0] and n.tolist() == [0.5, 0.5]


def test_nat_at_cert_unreachable_is_nan():
    assert math.isnan(nat_at_cert(torch.tensor([0.1]), torch.tensor([0.9]), 0.5))
    with pytest.raises(ValueError, match="nat"):
        nat_at_cert(torch.ones(2), torch.ones(3), 0.5)
