"""Regression tests: bad inputs to P013's soundness benchmark (planted instances, hiding training, attacks, injected
verifier bugs) raise errors that name the argument; the sound twins stay sound."""
import pytest
import torch

from minirepro.methods.ensembles import init_params
from minirepro.verification.testing_neural_network_verifiers_a_soundness import (
    BaBDepthLimitBug, BaBVerifier, RelaxationBug, ToleranceBug, attack_finds, batch_logits, hide_counterexamples,
    planted_valid, soundness_instances, to_actmlp)

SIZES = [10, 8, 8, 4, 2]


@pytest.fixture
def inst():
    return soundness_instances(2, 3, 10, 0.2, 1.0, generator=torch.Generator().manual_seed(0))


def test_instances_args():
    with pytest.raises(ValueError, match="r must exceed eps"):
        soundness_instances(1, 2, 10, eps=0.5, r=0.4)
    with pytest.raises(ValueError, match="n_inst"):
        soundness_instances(1, 0)
    with pytest.raises(TypeError, match="generator"):
        soundness_instances(1, 2, generator=3)


def test_instances_are_disjoint_corners(inst):
    assert torch.allclose((inst["x_cex"] - inst["x0"]).abs().amax(-1), torch.full((2, 3), 0.2))
    assert inst["y"].shape == (2, 3) and inst["x_reg"].shape == (2, 3, 10)


def test_training_and_attack_args(inst):
    with pytest.raises(TypeError, match="inst"):
        hide_counterexamples({"x0": inst["x0"]}, SIZES, 0.2)
    with pytest.raises(ValueError, match="epochs"):
        hide_counterexamples(inst, SIZES, 0.2, epochs=0)
    with pytest.raises(ValueError, match="eps"):
        hide_counterexamples(inst, SIZES, 0.0)
    theta = hide_counterexamples(inst, SIZES, 0.2, epochs=2, pgd_steps=2, pgd_restarts=2, window=2,
                                 generator=torch.Generator().manual_seed(0))
    assert theta.shape[0] == 2 and planted_valid(theta, inst, SIZES).shape == (2, 3)
    with pytest.raises(ValueError, match="restarts"):
        attack_finds(theta, inst["x0"], inst["y"], SIZES, 0.2, restarts=0)
    with pytest.raises(ValueError, match="x"):
        batch_logits(theta, inst["x0"][:1], SIZES)


def test_to_actmlp_args():
    theta = init_params(SIZES, 2)
    with pytest.raises(ValueError, match="member"):
        to_actmlp(theta, SIZES, 2)
    with pytest.raises(ValueError, match="theta"):
        to_actmlp(theta, [10, 9, 2], 0)


def test_bug_args_and_soundness():
    with pytest.raises(ValueError, match="kind"):
        RelaxationBug("sign")
    with pytest.raises(ValueError, match="tol"):
        ToleranceBug("crown", -1.0, 1.0, tol=-1.0)
    with pytest.raises(ValueError, match="max_domains"):
        BaBVerifier(-1.0, 1.0, max_domains=0)
    torch.manual_seed(0)
    net = to_actmlp(init_params(SIZES, 1), SIZES, 0)
    x, y = torch.zeros(3, 10, dtype=torch.float64), torch.tensor([0, 1, 0])
    z = net((x + 0.3 * (2 * torch.rand(500, 1, 10, dtype=torch.float64) - 1)).reshape(-1, 10)).detach().view(500, 3, 2)
    true_min = (z.gather(-1, y[None, :, None].expand(500, 3, 1)) - z.gather(-1, 1 - y[None, :, None].expand(500, 3, 1))).amin((0, 2))
    for kind in ("dropped_intercept", "ibp_sign"):
        assert bool((RelaxationBug(kind, -1.0, 1.0, buggy=False).lower_bound(net, x, 0.3, y) <= true_min + 1e-9).all())
    assert not bool(BaBVerifier(-1.0, 1.0, 3)(net, x, 0.3, y).all()) or bool((true_min > 0).all())
    assert bool(BaBDepthLimitBug(-1.0, 1.0, 3)(net, x, 0.3, y).all())  # the bug verifies at its limit
