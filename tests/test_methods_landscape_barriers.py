"""methods.landscape: barriers, Bezier mode connectivity, permutation alignment and averaging (owner: hA)."""
import pytest
import torch
from torch import nn
from torch.func import functional_call

from minirepro.methods.ensembles import init_params, mlp_shapes, n_params
from minirepro.methods.landscape import (align_mlp, average_params, barrier_height, mc_score, module_loss_fn,
                                         path_losses, path_points, permute_units, train_bezier, weight_matching)

WELL = lambda t: ((t ** 2).sum(-1) - 1) ** 2  # noqa: E731  double well / ring valley, minima on the unit circle
TS = torch.linspace(0, 1, 11)


def test_double_well_barrier_sign():
    a, b = torch.tensor([[-1.0, 0.0]]), torch.tensor([[1.0, 0.0]])
    curve = path_losses(WELL, a, b, TS)
    assert float(mc_score(curve, TS)[0]) == pytest.approx(-1.0) and float(barrier_height(curve, TS)[0]) == pytest.approx(1.0)
    flat = torch.zeros(1, 11)
    assert float(mc_score(flat, TS)[0]) == 0.0 and float(barrier_height(flat, TS)[0]) == 0.0


def test_bezier_midpoint_is_line_and_training_lowers_the_path():
    g = torch.Generator().manual_seed(0)
    a, b = torch.randn(3, 5, generator=g), torch.randn(3, 5, generator=g)
    assert torch.allclose(path_points(a, b, TS, 0.5 * (a + b)), path_points(a, b, TS), atol=1e-6)
    pts = path_points(a, b, TS)
    assert torch.allclose(pts[:, 0], a) and torch.allclose(pts[:, -1], b)
    a2, b2 = torch.tensor([[-1.0, 0.0]]), torch.tensor([[1.0, 0.0]])
    bend = train_bezier(WELL, a2, b2, steps=300, lr=0.05, n_t=8, init_noise=0.1, generator=g)
    assert path_losses(WELL, a2, b2, TS, bend).max() < 0.25


def test_module_loss_fn_matches_module():
    net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    X, y = torch.randn(6, 3), torch.tensor([0, 1, 0, 1, 1, 0])
    theta = torch.cat([p.detach().reshape(-1) for p in net.parameters()])[None].repeat(2, 1)
    out = module_loss_fn(net, nn.functional.cross_entropy, X, y)(theta)
    assert torch.allclose(out, nn.functional.cross_entropy(net(X), y).detach().repeat(2), atol=1e-6)


def test_planted_permutation_recovered_mlp_and_cnn():
    g = torch.Generator().manual_seed(3)
    sizes = [5, 9, 6, 1]
    a = init_params(sizes, 2, g) + 0.05 * torch.randn(2, n_params(sizes), generator=g)
    shapes, layers = mlp_shapes(sizes), [[f"{l}.weight", f"{l}.bias"] for l in range(3)]
    perms = [torch.randperm(9, generator=g), torch.randperm(6, generator=g)]
    from minirepro.methods.landscape import _mlp_dict
    b = torch.stack([torch.cat([v.reshape(-1) for v in permute_units(_mlp_dict(t, shapes), layers, perms).values()])
                     for t in a])
    assert not torch.equal(a, b) and torch.equal(align_mlp(a, b, sizes), a)
    cnn = nn.Sequential(nn.Conv2d(1, 3, 3), nn.ReLU(), nn.Flatten(), nn.Linear(3 * 4, 2))
    pa = {k: v.detach() for k, v in cnn.named_parameters()}
    lay = [["0.weight", "0.bias"], ["3.weight", "3.bias"]]
    pb = permute_units(pa, lay, [torch.tensor([2, 0, 1])])
    X = torch.randn(4, 1, 4, 4, generator=g)
    assert torch.allclose(functional_call(cnn, pb, (X,)), functional_call(cnn, pa, (X,)), atol=1e-6)
    back = permute_units(pb, lay, weight_matching(pa, pb, lay))
    assert all(torch.equal(back[k], pa[k]) for k in pa)
    avg = average_params([pa, back], [1.0, 3.0])
    assert all(torch.allclose(avg[k], pa[k]) for k in pa)


@pytest.mark.parametrize("call, exc, name", [
    (lambda: path_points(torch.zeros(2, 3), torch.zeros(2, 4), TS), ValueError, "theta1"),
    (lambda: path_points(torch.zeros(2, 3), torch.zeros(2, 3), TS * 2), ValueError, "ts"),
    (lambda: path_points(torch.zeros(2, 3).long(), torch.zeros(2, 3), TS), TypeError, "theta0"),
    (lambda: path_losses("f", torch.zeros(2, 3), torch.zeros(2, 3), TS), TypeError, "loss_fn"),
    (lambda: path_losses(lambda t: t, torch.zeros(2, 3), torch.zeros(2, 3), TS), ValueError, "loss_fn"),
    (lambda: mc_score(torch.zeros(2, 11), TS.flip(0)), ValueError, "ts"),
    (lambda: barrier_height(torch.full((2, 11), float("nan")), TS), ValueError, "losses"),
    (lambda: train_bezier(WELL, torch.zeros(1, 2), torch.ones(1, 2), lr=0.0), ValueError, "lr"),
    (lambda: train_bezier(WELL, torch.zeros(1, 2), torch.ones(1, 2), n_t=0), ValueError, "n_t"),
    (lambda: train_bezier(WELL, torch.zeros(1, 2), torch.ones(1, 2), generator=1), TypeError, "generator"),
    (lambda: module_loss_fn(nn.Linear(2, 2), nn.functional.mse_loss, torch.zeros(3, 2), torch.zeros(4, 2)),
     ValueError, "X"),
    (lambda: weight_matching({"w": torch.zeros(2, 2)}, {"w": torch.zeros(2, 2)}, [["w"]]), ValueError, "layers"),
    (lambda: weight_matching({"a": torch.zeros(3, 2), "b": torch.zeros(1, 3)}, {"a": torch.zeros(3, 2), "b": torch.zeros(1, 3)},
                             [["a"], ["x"]]), ValueError, "layers"),
    (lambda: permute_units({"a": torch.zeros(3, 2), "b": torch.zeros(1, 3)}, [["a"], ["b"]], [torch.tensor([0, 0, 1])]),
     ValueError, "perms"),
    (lambda: align_mlp(torch.zeros(1, n_params([2, 1])), torch.zeros(1, n_params([2, 1])), [2, 1]), ValueError, "sizes"),
    (lambda: average_params([]), TypeError, "params"),
    (lambda: average_params([{"w": torch.zeros(2)}, {"w": torch.zeros(3)}]), ValueError, "params"),
])
def test_bad_inputs(call, exc, name):
    with pytest.raises(exc, match=name):
        call()
