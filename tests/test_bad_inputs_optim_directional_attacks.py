"Regression tests for bad inputs to P014 (optim.optimization_by_directional_attacks_solving_problems)."
import numpy as np
import pytest
import torch
from torch import nn

from minirepro.optim.optimization_by_directional_attacks_solving_problems import (
    Problem, attack_target, digits_problem, gap_closed, gradient_ascent, hybrid_maximize, kinetics_problem,
    rosenbrock_problem)


def _toy():
    lin = nn.Linear(3, 2)
    return Problem("toy", lin, lambda y: y[:, 0], lambda y: y[:, 1:2] - 0.5, -np.ones(3), np.ones(3))


X = torch.zeros(2, 3)
G = np.random.default_rng(0)


@pytest.mark.parametrize("call,exc,name", [
    (lambda: Problem(3, nn.Linear(3, 2), lambda y: y[:, 0], None, -np.ones(3), np.ones(3)), TypeError, "name"),
    (lambda: Problem("p", lambda x: x, lambda y: y[:, 0], None, -np.ones(3), np.ones(3)), TypeError, "phi"),
    (lambda: Problem("p", nn.Linear(3, 2), 5, None, -np.ones(3), np.ones(3)), TypeError, "f"),
    (lambda: Problem("p", nn.Linear(3, 2), lambda y: y[:, 0], None, np.ones(3), -np.ones(3)), ValueError, "lo"),
    (lambda: Problem("p", nn.Linear(3, 2), lambda y: y[:, 0], None, -np.ones(3), np.ones(2)), ValueError, "lo"),
    (lambda: attack_target(None, X), TypeError, "problem"),
    (lambda: attack_target(_toy(), torch.zeros(2, 4)), ValueError, "x"),
    (lambda: hybrid_maximize(_toy(), X, 0, G), ValueError, "budget"),
    (lambda: hybrid_maximize(_toy(), X, 5, G, mode="pgd"), ValueError, "mode"),
    (lambda: hybrid_maximize(_toy(), X, 5, 0), TypeError, "rng"),
    (lambda: hybrid_maximize(_toy(), X, 5, G, r0=-1.0), ValueError, "r0"),
    (lambda: hybrid_maximize(_toy(), X, 5, G, tau=float("nan")), ValueError, "tau"),
    (lambda: hybrid_maximize(_toy(), torch.full((2, 3), float("nan")), 5, G), ValueError, "x0"),
    (lambda: gradient_ascent(_toy(), X, 1), ValueError, "budget"),
    (lambda: gradient_ascent(_toy(), X, 4, lr=0.0), ValueError, "lr"),
    (lambda: gap_closed(np.zeros((2, 3)), 4, np.zeros(2), np.ones(2)), ValueError, "budget"),
    (lambda: gap_closed(np.zeros((2, 3)), 2, np.zeros(3), np.ones(2)), ValueError, "f_start"),
    (lambda: gap_closed(np.zeros((2, 3)), 2, np.ones(2), np.zeros(2)), ValueError, "f_best"),
    (lambda: rosenbrock_problem(n=1), ValueError, "n"),
    (lambda: rosenbrock_problem(rho=0.0), ValueError, "rho"),
    (lambda: kinetics_problem(d_max=1.5), ValueError, "d_max"),
    (lambda: digits_problem(source=3, target=3), ValueError, "target"),
    (lambda: digits_problem(source=10), ValueError, "source"),
])
def test_bad_inputs_are_refused(call, exc, name):
    with pytest.raises(exc, match=name):
        call()


def test_budget_is_exact_and_attack_costs_two_calls():
    tr = hybrid_maximize(_toy(), X, 9, np.random.default_rng(1), mode="attacks")
    assert tr.shape == (2, 9) and not np.isnan(tr).any()
    best = np.maximum.accumulate(tr, 1)
    assert np.allclose(tr[:, 1::2], best[:, 0:-1:2])  # each backward pass repeats the incumbent's value
