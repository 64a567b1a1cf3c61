"Bad-input regression tests for minirepro.architectures.hopfield_networks_is_all_you_need (P168)."
import numpy as np
import pytest
import torch

from minirepro.architectures import hopfield_networks_is_all_you_need as hn
from minirepro.core.checks import NonFiniteError

X = torch.randn(6, 4, dtype=torch.float64)
XI = torch.randn(3, 4, dtype=torch.float64)


def test_update_energy_fixed_point_reject_bad_args():
    with pytest.raises(ValueError, match="beta"):
        hn.hopfield_update(XI, X, -1.0)
    with pytest.raises(ValueError, match="xi"):
        hn.hopfield_update(XI[:, :3], X, 1.0)
    with pytest.raises(TypeError, match="xi"):
        hn.hopfield_update(XI.float(), X, 1.0)
    with pytest.raises(ValueError, match="X"):
        hn.hopfield_energy(XI, torch.full((6, 4), float("nan"), dtype=torch.float64), 1.0)
    with pytest.raises(ValueError, match="steps"):
        hn.hopfield_update(XI, X, 1.0, steps=0)
    with pytest.raises(ValueError, match="tol"):
        hn.hopfield_fixed_point(XI, X, 1.0, tol=0.0)
    with pytest.raises(NonFiniteError, match="beta"):
        hn.hopfield_update(XI * 1e300, X * 1e300, 1e300)
    assert hn.hopfield_fixed_point(XI, X, 1.0, max_steps=np.int64(5))[1] <= 5


def test_retrieval_bound_and_classical_reject_bad_args():
    with pytest.raises(ValueError, match="target"):
        hn.retrieval_error_bound(XI, X, torch.tensor([0, 1, 9]), 1.0)
    with pytest.raises(ValueError, match="target"):
        hn.retrieval_error_bound(XI, X, torch.tensor([0, 1]), 1.0)
    with pytest.raises(ValueError, match="frac"):
        hn.corrupt_signs(X, 1.5)
    with pytest.raises(TypeError, match="generator"):
        hn.corrupt_signs(X, 0.2, generator=3)
    with pytest.raises(ValueError, match="W"):
        hn.classical_retrieve(XI, torch.zeros(3, 3, dtype=torch.float64))
    with pytest.raises(ValueError, match="max_sweeps"):
        hn.classical_retrieve(XI, hn.hebbian_weights(X), max_sweeps=0)


def test_fixed_point_analysis_rejects_bad_args():
    with pytest.raises(ValueError, match="mass"):
        hn.top_mass_count(torch.tensor([[0.5, 0.5]]), 0.0)
    with pytest.raises(ValueError, match="p"):
        hn.top_mass_count(torch.tensor([[0.5, 0.7]]))
    with pytest.raises(ValueError, match="X"):
        hn.critical_beta(torch.ones(5, 3, dtype=torch.float64))  # zero covariance
    with pytest.raises(ValueError, match="X"):
        hn.critical_beta(torch.full((5, 3), float("nan")))
    with pytest.raises(TypeError, match="groups"):
        hn.classify_fixed_points(XI, X, torch.zeros(6))


def test_layers_reject_bad_args():
    with pytest.raises(TypeError, match="input_size"):
        hn.Hopfield(2.5)
    with pytest.raises(ValueError, match="output_size"):
        hn.Hopfield(4, output_size=0)
    with pytest.raises(ValueError, match="beta"):
        hn.Hopfield(4, beta=float("inf"))
    layer = hn.Hopfield(4, 3).double()
    R, Y = torch.randn(2, 1, 4, dtype=torch.float64), torch.randn(2, 5, 4, dtype=torch.float64)
    with pytest.raises(ValueError, match="R and Y"):
        layer(R, Y[:, :, :3])
    with pytest.raises(TypeError, match="mask"):
        layer(R, Y, torch.zeros(2, 5))
    with pytest.raises(ValueError, match="mask"):
        layer(R, Y, torch.ones(2, 5, dtype=torch.bool))  # a bag with no stored pattern
    with pytest.raises(ValueError, match="num_queries"):
        hn.HopfieldPooling(4, num_queries=0)


def test_mil_rejects_bad_args():
    with pytest.raises(TypeError, match="in_dim"):
        hn.MILNet(2.5)
    with pytest.raises(ValueError, match="pool"):
        hn.MILNet(8, pool="sum")
    H, mask = torch.randn(2, 3, 4), torch.zeros(2, 3, dtype=torch.bool)
    mask[0] = True
    with pytest.raises(ValueError, match="mask"):
        hn.masked_max_pool(H, mask)
    with pytest.raises(ValueError, match="H"):
        hn.masked_mean_pool(torch.randn(2, 4), mask)


def test_make_bags_rejects_bad_args():
    Xd, y = torch.rand(20, 3), torch.arange(20) % 4
    with pytest.raises(ValueError, match="n_bags"):
        hn.make_bags(Xd, y, 1, target=1)
    with pytest.raises(ValueError, match="X and y"):
        hn.make_bags(Xd, y[:10], 4, target=1)
    with pytest.raises(ValueError, match="target"):
        hn.make_bags(Xd, y, 4, target=7)
    with pytest.raises(ValueError, match="mean_size"):
        hn.make_bags(Xd, y, 4, target=1, mean_size=float("inf"))
    bags, mask, labels = hn.make_bags(Xd, y, np.int64(4), target=np.int64(1))
    assert bags.shape[0] == 4 and labels.sum() == 2


def test_separation_and_theorem5_bound_reject_bad_args():
    with pytest.raises(ValueError, match="X"):
        hn.pattern_separation(X[:1])
    with pytest.raises(TypeError, match="X"):
        hn.pattern_separation(torch.ones(4, 3, dtype=torch.long))
    with pytest.raises(ValueError, match="x_star"):
        hn.retrieval_error_bound(XI, X, torch.tensor([0, 1, 2]), 1.0, x_star=XI[:2])
    with pytest.raises(TypeError, match="x_star"):
        hn.retrieval_error_bound(XI, X, torch.tensor([0, 1, 2]), 1.0, x_star=XI.float())
    # the separation is the brute-force min over j != i, and the bound holds
    D = hn.pattern_separation(X)
    assert torch.allclose(D, torch.stack([min(X[i] @ X[i] - X[i] @ X[j] for j in range(6) if j != i) for i in range(6)]))
    err = (hn.hopfield_update(XI, X, 2.0) - X[:3]).norm(dim=1)
    assert (err <= hn.retrieval_error_bound(XI, X, torch.tensor([0, 1, 2]), 2.0) * (1 + 1e-9)).all()


def test_classify_tolerance_and_attention_pool_reject_bad_args():
    with pytest.raises(ValueError, match="tol"):
        hn.classify_fixed_points(XI, X, torch.zeros(6, dtype=torch.long), tol=0.0)
    kinds = hn.classify_fixed_points(XI * 100, X, torch.zeros(6, dtype=torch.long), tol=1e-3)
    assert (kinds == 3).all()  # far from every prototype
    with pytest.raises(ValueError, match="attention"):
        hn.AttentionPool(4, attention=0)
    with pytest.raises(TypeError, match="gated"):
        hn.AttentionPool(4, gated=1)
    pool = hn.AttentionPool(4)
    with pytest.raises(ValueError, match="mask"):
        pool(torch.randn(2, 3, 4), torch.ones(2, 3, dtype=torch.bool))
    with pytest.raises(ValueError, match="hopfield_kwargs"):
        hn.MILNet(8, pool="attention", num_heads=2)
    assert hn.MILNet(8, pool="attention")(torch.randn(2, 3, 8), torch.zeros(2, 3, dtype=torch.bool)).shape == (2,)
