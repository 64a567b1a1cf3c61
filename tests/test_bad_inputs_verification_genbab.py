"""Regression tests: bad inputs to the GenBaB verifier (P012) raise errors that name the argument.

An inverted box used to come back `verified: True`, an unsound answer."""
import pytest
import torch

from minirepro.verification.neural_network_verification_with_branch_and import (
    ActMLP, BranchPointTable, babsr_scores, choose_branch, compute_bounds, get_activation, pgd_attack, relax_offset,
    robustness_spec, verify_bab)


@pytest.fixture
def net():
    torch.manual_seed(0)
    return ActMLP([2, 8, 8, 2], "sin").double()


X = torch.tensor([0.2, -0.3], dtype=torch.float64)
C = torch.tensor([[1.0, -1.0]], dtype=torch.float64)


def test_inverted_box_is_refused_not_verified(net):
    with pytest.raises(ValueError, match="x_lo"):
        verify_bab(net, X + 0.1, X - 0.1, C)
    with pytest.raises(ValueError, match="x_lo"):
        compute_bounds(net, (X + 0.1)[None], (X - 0.1)[None], C[None])


def test_valid_box_still_runs(net):
    res = verify_bab(net, X - 0.01, X + 0.01, C, max_domains=5)
    assert set(res) >= {"verified", "root_lb", "domains", "time"}


@pytest.mark.parametrize("kw,name", [
    (dict(x_lo=X.float(), x_hi=X.float()), "x_lo"),  # float32 box for a float64 network
    (dict(x_lo=torch.tensor([float("nan"), 0.0], dtype=torch.float64), x_hi=X), "x_lo"),
    (dict(x_lo=X, x_hi=torch.tensor([float("inf"), 0.0], dtype=torch.float64)), "x_hi"),
    (dict(x_lo=X[:1], x_hi=X[:1]), "x_lo"),  # wrong input width
    (dict(x_lo=X, x_hi=X, heuristic="bogus"), "heuristic"),  # 'random' is a valid (control) heuristic
    (dict(x_lo=X, x_hi=X, child_scope="some"), "child_scope"),
    (dict(x_lo=X, x_hi=X, seed=-1), "seed"),
    (dict(x_lo=X, x_hi=X, root="bounds"), "root"),
    (dict(x_lo=X, x_hi=X, max_domains=0), "max_domains"),
    (dict(x_lo=X, x_hi=X, batch=0), "batch"),
    (dict(x_lo=X, x_hi=X, table=BranchPointTable("tanh")), "table"),
])
def test_verify_bab_bad_arguments(net, kw, name):
    with pytest.raises((ValueError, TypeError), match=name):
        verify_bab(net, C=C, **kw)


def test_verify_bab_bad_spec_and_net(net):
    with pytest.raises(ValueError, match="C"):
        verify_bab(net, X, X, torch.ones(1, 3, dtype=torch.float64))
    with pytest.raises(TypeError, match="net"):
        verify_bab(torch.nn.Linear(2, 2), X, X, C)


def test_numpy_ints_accepted(net):
    import numpy as np
    res = verify_bab(net, X - 0.01, X + 0.01, C, max_domains=np.int64(5), batch=np.int64(2))
    assert isinstance(res["verified"], bool)


def test_other_public_functions():
    act = get_activation("sigmoid")
    l, u = torch.tensor([1.0]), torch.tensor([0.0])
    with pytest.raises(ValueError, match=r"\bl\b"):
        relax_offset(act, l, u, torch.tensor([0.1]), "lower")
    with pytest.raises(ValueError, match="side"):
        relax_offset(act, u, l, torch.tensor([0.1]), "middle")
    with pytest.raises(ValueError, match="step"):
        BranchPointTable("sigmoid", lim=3.0, step=1e-3)
    with pytest.raises(ValueError, match="act"):
        BranchPointTable("bogus")
    with pytest.raises(ValueError, match="y"):
        robustness_spec(torch.tensor([0, 5]), 3)
    with pytest.raises(ValueError, match="eps"):
        pgd_attack(torch.nn.Linear(2, 2), torch.zeros(3, 2), torch.zeros(3, dtype=torch.long), -0.1)
    with pytest.raises(ValueError, match="scores"):
        choose_branch([torch.tensor([[float("nan"), 1.0]])])
    with pytest.raises(ValueError, match="sizes"):
        ActMLP([2, 0, 2])


def test_alpha_scope_and_babsr_checks(net):
    "alpha_scope is validated; babsr_scores shares bbps_scores' checks; full alpha-CROWN is sound and >= CROWN."
    xl, xh = (X - 0.05)[None], (X + 0.05)[None]
    Cb = C[None]
    with pytest.raises(ValueError, match="alpha_scope"):
        compute_bounds(net, xl, xh, Cb, "alpha", alpha_scope="middle")
    bc = compute_bounds(net, xl, xh, Cb, "crown")
    ba = compute_bounds(net, xl, xh, Cb, "alpha", alpha_iters=5)
    assert (ba.lb >= bc.lb - 1e-12).all()
    pts = [(l + u) / 2 for l, u in zip(ba.lower, ba.upper)]
    assert len(babsr_scores(net, ba, xl, xh, pts)) == len(pts)
    with pytest.raises(ValueError, match="points"):
        babsr_scores(net, ba, xl, xh, pts[:1])


def test_branch_point_table_lookup_is_inside():
    "Regression: the lazily filled 0.01 table returns points strictly inside (l, u) or the midpoint."
    t = BranchPointTable("sigmoid")
    l = torch.tensor([-3.0, -0.004, 4.0, -7.0], dtype=torch.float64)
    u = torch.tensor([2.0, 0.004, 4.5, 1.0], dtype=torch.float64)
    p = t(l, u)
    assert ((p > l) & (p < u)).all()
    assert torch.allclose(p[[1, 3]], ((l + u) / 2)[[1, 3]])  # no grid interval inside / off the grid: midpoint
    assert t.n_filled == 2
