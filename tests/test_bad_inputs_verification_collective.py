"Regression tests for the argument checks of P138 (collective robustness certificates) and known toy values."
import numpy as np
import pytest
import torch

from minirepro.verification.collective_robustness_certificates_exploiting_interdependence_in import (
    GCN, certified_area, collective_certified, contextual_sbm, greedy_attack, max_attacked, naive_certified,
    normalized_adjacency, receptive_fields, train_gcn)

R = np.array([1, 1, 0, -1])
F = np.eye(4, dtype=bool)
CAP = np.full(4, 3.0)
ADJ = torch.tensor([[0.0, 1.0], [1.0, 0.0]])


@pytest.mark.parametrize("call,exc,name", [
    (lambda: contextual_sbm(2, 3), ValueError, "n_nodes"),
    (lambda: contextual_sbm(30, 3, n_features=4), ValueError, "n_features"),
    (lambda: contextual_sbm(30, 3, p_topic=0.99, p_base=0.5), ValueError, "p_topic"),
    (lambda: contextual_sbm(30, 3, seed=-1), ValueError, "seed"),
    (lambda: normalized_adjacency(torch.tensor([[0.0, 1.0], [0.0, 0.0]])), ValueError, "adj"),
    (lambda: normalized_adjacency(2 * ADJ), ValueError, "adj"),
    (lambda: receptive_fields(torch.zeros(3, 2)), ValueError, "adj"),
    (lambda: receptive_fields(ADJ, hops=-1), ValueError, "hops"),
    (lambda: GCN(torch.zeros(2, 3), 4, 3, 2), ValueError, "a_hat"),
    (lambda: GCN(normalized_adjacency(ADJ), 4, 3, 2)(torch.zeros(2, 5)), ValueError, "x"),
    (lambda: train_gcn(None, torch.zeros(2, 4), torch.zeros(2), torch.zeros(1), 0.1, 0.5), TypeError, "model"),
    (lambda: max_attacked(R.astype(float) + 0.5, F, CAP, 2), ValueError, "radius"),
    (lambda: max_attacked(np.array([1, -2, 0, 0]), F, CAP, 2), ValueError, "radius"),
    (lambda: max_attacked(R, F[:3], CAP, 2), ValueError, "fields"),
    (lambda: max_attacked(R, F, CAP[:3], 2), ValueError, "capacity"),
    (lambda: max_attacked(R, F, -CAP, 2), ValueError, "capacity"),
    (lambda: max_attacked(R, F, CAP, -1), ValueError, "budget"),
    (lambda: max_attacked(R, F, CAP, 2, relax=1), TypeError, "relax"),
    (lambda: max_attacked(R, F, CAP, 2, time_limit=0.0), ValueError, "time_limit"),
    (lambda: naive_certified(R, 1.5), TypeError, "budget"),
    (lambda: certified_area(np.array([0, 1]), np.array([1.0, 0.5])), ValueError, "budgets"),
    (lambda: certified_area(np.array([2, 1]), np.array([1.0, 0.5])), ValueError, "budgets"),
    (lambda: greedy_attack(R, F, CAP, -3), ValueError, "budget"),
])
def test_bad_inputs(call, exc, name):
    with pytest.raises(exc, match=name):
        call()


def test_toy_collective_beats_naive():
    r = np.ones(6, dtype=int)
    f = np.kron(np.eye(3, dtype=bool), np.ones((2, 2), dtype=bool))
    cap = np.full(6, 5.0)
    assert naive_certified(r, 2) == 0
    assert collective_certified(r, f, cap, 2, relax=False) == 4 == collective_certified(r, f, cap, 2)
    assert greedy_attack(r, f, cap, 2) == 2
    assert collective_certified(r, np.ones((6, 6), bool), cap, 2, relax=False) == 0


def test_gcn_is_two_hop_local():
    adj, x, _ = contextual_sbm(40, 2, 10, seed=3)
    gcn = GCN(normalized_adjacency(adj), 10, 4, 2)
    with torch.no_grad():
        xp = x.clone()
        xp[5] = 1 - xp[5]
        changed = ((gcn(xp) - gcn(x)).abs().amax(1) > 1e-6).numpy()
    assert np.array_equal(changed, receptive_fields(adj, 2)[:, 5])
