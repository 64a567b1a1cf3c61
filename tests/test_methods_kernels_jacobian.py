"""Tests of the kernels family's parameter Jacobians and activation codes: torch.func and finite differences as
second methods, the empirical NTK identity, known codes, and bad inputs."""
import numpy as np
import pytest
import torch
from torch import nn
from torch.func import functional_call, jacrev

from minirepro.methods.kernels import (activation_codes, empirical_ntk, hamming_distance, param_jacobian,
                                       redundancy_ratio)


def _mlp(sizes, seed=0):
    torch.manual_seed(seed)
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers += [nn.Linear(a, b)] + ([nn.ReLU()] if i < len(sizes) - 2 else [])
    return nn.Sequential(*layers).double()


@pytest.mark.parametrize("sizes", [[3, 5, 1], [2, 4, 4, 3], [1, 2, 2, 2, 2]])
def test_backprop_jacobian_matches_torch_func(sizes):
    net, x = _mlp(sizes), torch.randn(9, sizes[0], dtype=torch.float64)
    p = {k: v.detach() for k, v in net.named_parameters()}
    jr = jacrev(lambda q: functional_call(net, q, (x,)))(p)
    ref = torch.cat([jr[k].reshape(9 * sizes[-1], -1) for k in p], dim=1)
    J = param_jacobian(net, x)
    assert J.shape == ref.shape == (9 * sizes[-1], sum(v.numel() for v in p.values()))
    assert torch.allclose(J, ref, atol=1e-12)
    assert torch.allclose(J, param_jacobian(net, x, method="autograd"), atol=1e-12)


def test_jacobian_finite_differences_and_ntk():
    net, x = _mlp([3, 4, 4, 1], seed=3), torch.randn(5, 3, dtype=torch.float64)
    J = param_jacobian(net, x)
    theta = torch.nn.utils.parameters_to_vector(net.parameters()).detach()
    cols = []
    for j in range(theta.numel()):
        e = torch.zeros_like(theta); e[j] = 1e-6
        torch.nn.utils.vector_to_parameters(theta + e, net.parameters()); up = net(x).detach().reshape(-1)
        torch.nn.utils.vector_to_parameters(theta - e, net.parameters()); dn = net(x).detach().reshape(-1)
        cols.append((up - dn) / 2e-6)
    torch.nn.utils.vector_to_parameters(theta, net.parameters())
    assert torch.allclose(J, torch.stack(cols, 1), atol=1e-7)
    assert torch.allclose(J @ J.T, empirical_ntk(net, x), atol=1e-10)


def test_scaling_symmetry_is_a_null_direction():
    "Scaling a hidden neuron's in-weights up and out-weights down is invisible: the Jacobian kills that direction."
    net, x = _mlp([2, 3, 1], seed=1), torch.randn(50, 2, dtype=torch.float64)
    W1, b1, W2, _ = [p.detach() for p in net.parameters()]
    dW1, db1, dW2, db2 = (torch.zeros_like(t) for t in (W1, b1, W2, _))
    dW1[0], db1[0], dW2[0, 0] = W1[0], b1[0], -W2[0, 0]  # d/dt of (e^t w_in, e^t b, e^-t w_out) at t = 0
    v = torch.cat([dW1.reshape(-1), db1, dW2.reshape(-1), db2])
    assert torch.allclose(param_jacobian(net, x) @ v, torch.zeros(50, dtype=torch.float64), atol=1e-12)


def test_activation_codes_known_pattern_and_redundancy():
    net = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
    with torch.no_grad():
        net[0].weight.copy_(torch.eye(2)); net[0].bias.zero_()
    x = torch.tensor([[1.0, 1.0], [2.0, 3.0], [-1.0, 1.0], [-1.0, -1.0]])
    c = activation_codes(net, x, flatten=True)
    assert c.tolist() == [[True, True], [True, True], [False, True], [False, False]]
    assert redundancy_ratio(c) == 0.25
    assert hamming_distance(c)[0, 3] == 1.0 and hamming_distance(c, c[:1]).shape == (4, 1)


def test_bad_inputs():
    net = _mlp([2, 3, 1])
    with pytest.raises(TypeError):
        param_jacobian("net", torch.zeros(2, 2))
    with pytest.raises(TypeError):
        param_jacobian(net, np.zeros((2, 2)))
    with pytest.raises(ValueError):
        param_jacobian(net, torch.full((2, 2), float("nan"), dtype=torch.float64))
    with pytest.raises(ValueError):
        param_jacobian(net, torch.zeros(2, 3, dtype=torch.float64))
    with pytest.raises(ValueError):
        param_jacobian(net, torch.zeros(2, 2, dtype=torch.float64), method="forward")
    with pytest.raises(ValueError):
        param_jacobian(nn.Sequential(nn.Linear(2, 2), nn.Tanh()).double(), torch.zeros(2, 2, dtype=torch.float64),
                       method="backprop")
    with pytest.raises(ValueError):
        activation_codes(nn.Sequential(nn.Linear(2, 2)), torch.zeros(2, 2))
    with pytest.raises(ValueError):
        redundancy_ratio(torch.tensor([[0, 2]]))
    with pytest.raises(ValueError):
        hamming_distance(torch.zeros(2, 3, dtype=torch.bool), torch.zeros(2, 4, dtype=torch.bool))
