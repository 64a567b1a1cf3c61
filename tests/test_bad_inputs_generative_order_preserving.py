"""Regression tests of P080's argument checks (order-preserving GFlowNets): each bad input raises a clear error naming
the argument, and the losses behave on edge cases."""
import math

import pytest
import torch

from minirepro.generative.order_preserving_gflownets import (BatchedMLP, batch_pareto_labels, op_pairwise_loss,
                                                             op_pareto_loss, sample_terminal, shuffle_within_batch,
                                                             train_gfns)
from minirepro.methods.gflownets import Hypergrid


def test_pairwise_loss_checks():
    with pytest.raises(ValueError, match="even"):
        op_pairwise_loss(torch.zeros(2, 3), torch.zeros(2, 3))
    with pytest.raises(TypeError, match="log_r"):
        op_pairwise_loss(torch.zeros(2, 2, dtype=torch.long), torch.zeros(2, 2))
    with pytest.raises(ValueError, match="u"):
        op_pairwise_loss(torch.zeros(2, 4), torch.zeros(2, 6))
    # ties give label 1/2: loss log 2 at equal rewards, whatever the utilities
    assert torch.allclose(op_pairwise_loss(torch.zeros(1, 2), torch.tensor([[1.0, 1.0]])), torch.tensor([math.log(2)]))


def test_pareto_loss_checks():
    with pytest.raises(ValueError, match="Y"):
        op_pareto_loss(torch.zeros(2, 4), torch.zeros(2, 5, 2))
    with pytest.raises(ValueError, match="Y"):
        batch_pareto_labels(torch.zeros(4, 2))
    lab = batch_pareto_labels(torch.tensor([[[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [0.2, 0.2]]]))
    assert torch.allclose(lab, torch.tensor([[1 / 3, 1 / 3, 1 / 3, 0.0]], dtype=torch.float64))
    with pytest.raises(ValueError, match="x"):
        shuffle_within_batch(torch.zeros(3))


def test_trainer_and_sampler_checks():
    env = Hypergrid(2, 4)
    Y = torch.ones(16, 1, dtype=torch.float64)
    with pytest.raises(TypeError, match="env"):
        train_gfns("grid", Y, ["tb"], [[0]], [1.0], [0], 1, 4)
    with pytest.raises(ValueError, match="kinds"):
        train_gfns(env, Y, ["ppo"], [[0]], [1.0], [0], 1, 4)
    with pytest.raises(ValueError, match="betas"):
        train_gfns(env, Y, ["tb", "tb"], [[0], [0]], [1.0], [0, 1], 1, 4)
    with pytest.raises(ValueError, match="cols"):
        train_gfns(env, Y, ["tb"], [[3]], [1.0], [0], 1, 4)
    with pytest.raises(ValueError, match="Y_all"):
        train_gfns(env, torch.ones(15, 1), ["tb"], [[0]], [1.0], [0], 1, 4)
    with pytest.raises(TypeError, match="seeds"):
        BatchedMLP(None, 3, 2)
    pol, zn, hist = train_gfns(env, Y, ["tb", "op"], [[0], [0]], [1.0, 1.0], [0, 1], 2, 4, progress=False)
    assert hist.shape == (2, 8)
    with pytest.raises(TypeError, match="pol"):
        sample_terminal(env, zn.W, ["tb", "op"], 5, 1)
    with pytest.raises(ValueError, match="kinds"):
        sample_terminal(env, pol, ["tb"], 5, 1)
    assert sample_terminal(env, pol, ["tb", "op"], 5, 1).shape == (2, 5)
