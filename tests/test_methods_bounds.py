"""Tests of the `methods.bounds` family: the moved P012 machinery keeps its old path, the training losses, the MILP
and the verifier interface are sound and refuse bad input with errors naming the argument."""
import math

import pytest
import torch

from minirepro.methods.bounds import (ActMLP, Verifier, certified_loss, compute_bounds, margin_bounds, milp_min_margin,
                                      robustness_spec)


@pytest.fixture
def relu_net():
    torch.manual_seed(0)
    return ActMLP([3, 8, 8, 3], "relu").double()


X = torch.tensor([[0.2, 0.5, 0.7], [0.9, 0.1, 0.4]], dtype=torch.float64)
Y = torch.tensor([0, 2])


def test_moved_names_keep_old_path():
    from minirepro.methods import bounds
    from minirepro.verification import neural_network_verification_with_branch_and as p012
    for name in ("ActMLP", "compute_bounds", "verify_bab", "BranchPointTable", "robustness_spec", "bbps_scores"):
        assert getattr(p012, name) is getattr(bounds, name)


def test_ibp_margins_match_compute_bounds(relu_net):
    m = margin_bounds(relu_net, X, Y, 0.05)
    lb = compute_bounds(relu_net, (X - 0.05).clamp(0, 1), (X + 0.05).clamp(0, 1), robustness_spec(Y, 3).double(),
                        "ibp").lb
    keep = torch.arange(3)[None] != Y[:, None]
    assert torch.allclose(m[keep].reshape(2, 2), lb, atol=1e-10)
    assert (m[~keep] == 0).all()


def test_certified_loss_is_differentiable_and_above_natural(relu_net):
    loss = certified_loss(relu_net, X, Y, 0.1)
    nat = certified_loss(relu_net, X, Y, 0.0)
    assert loss >= nat - 1e-12
    loss.backward()
    assert all(torch.isfinite(p.grad).all() for p in relu_net.parameters())


def test_milp_between_crown_and_samples(relu_net):
    x = X[0]
    ex = milp_min_margin(relu_net, x, 0.1, 0)
    cr = Verifier("crown").lower_bound(relu_net, x, 0.1, 0)
    xs = (x + 0.1 * (2 * torch.rand(4000, 3, dtype=torch.float64) - 1)).clamp(0, 1)
    with torch.no_grad():
        z = relu_net(xs)
    sampled = float((z[:, :1] - z)[:, 1:].min())
    assert cr <= ex + 1e-7 <= sampled + 2e-7


def test_verifier_batch_and_single_agree(relu_net):
    v = Verifier("alpha", alpha_iters=5)
    lb = v.lower_bound(relu_net, X, 0.02, Y)
    assert lb.shape == (2,)
    assert math.isclose(v.lower_bound(relu_net, X[1], 0.02, 2), float(lb[1]), abs_tol=1e-9)
    assert v(relu_net, X, 0.02, Y).dtype == torch.bool


@pytest.mark.parametrize("kw,name", [(dict(eps=-1.0), "eps"), (dict(label=3), "label"), (dict(x=X[0, :2]), "x")])
def test_verifier_refuses_bad_input(relu_net, kw, name):
    args = dict(net=relu_net, x=X[0], eps=0.1, label=0) | kw
    with pytest.raises((ValueError, TypeError), match=name):
        Verifier("crown").lower_bound(**args)


def test_verifier_refuses_bad_method_and_box():
    with pytest.raises(ValueError, match="method"):
        Verifier("bogus")
    with pytest.raises(ValueError, match="lo"):
        Verifier("crown", lo=1.0, hi=0.0)


def test_losses_refuse_bad_input(relu_net):
    with pytest.raises(ValueError, match="eps"):
        margin_bounds(relu_net, X, Y, -0.1)
    with pytest.raises(ValueError, match="beta"):
        margin_bounds(relu_net, X, Y, 0.1, beta=1.5)
    with pytest.raises(ValueError, match="kappa"):
        certified_loss(relu_net, X, Y, 0.1, kappa=2.0)
    with pytest.raises(TypeError, match="y"):
        certified_loss(relu_net, X, Y.double(), 0.1)
    with pytest.raises(ValueError, match="y"):
        certified_loss(relu_net, X, torch.tensor([0, 5]), 0.1)


def test_milp_refuses_non_relu_and_bad_label(relu_net):
    with pytest.raises(ValueError, match="relu"):
        milp_min_margin(ActMLP([3, 4, 2], "sigmoid").double(), X[0], 0.1, 0)
    with pytest.raises(ValueError, match="label"):
        milp_min_margin(relu_net, X[0], 0.1, 5)
