"Bad-input and behaviour regression tests for minirepro.optim.optimistic_online_mirror_descent_for_bridging (P097)."
import math

import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.methods.online import fully_mixed_game
from minirepro.optim import optimistic_online_mirror_descent_for_bridging as oo


def _z(B=2, n=4):
    return torch.full((B, n), 1.0 / n, dtype=torch.float64)


def test_optimizer_rejects_bad_hyperparameters():
    with pytest.raises(TypeError, match="params"):
        oo.OptimisticOMD(_z())
    with pytest.raises(ValueError, match="params"):
        oo.OptimisticOMD([])
    with pytest.raises(ValueError, match="D"):
        oo.OptimisticOMD([_z()], D=0.0)
    with pytest.raises(ValueError, match="delta"):
        oo.OptimisticOMD([_z()], delta=-1.0)
    with pytest.raises(ValueError, match="geometry"):
        oo.OptimisticOMD([_z()], geometry="burg")
    with pytest.raises(ValueError, match="hint"):
        oo.OptimisticOMD([_z()], hint="next")
    with pytest.raises(ValueError, match="domain"):
        oo.OptimisticOMD([_z()], geometry="entropic", domain="ball")
    with pytest.raises(TypeError, match="generator"):
        oo.OptimisticOMD([_z()], generator=0)


def test_optimizer_rejects_params_off_the_domain():
    with pytest.raises(ValueError, match="simplex"):
        oo.OptimisticOMD([torch.ones(2, 3, dtype=torch.float64)])
    with pytest.raises(ValueError, match="ball"):
        oo.OptimisticOMD([torch.ones(3, dtype=torch.float64)], D=1.0, domain="ball")
    with pytest.raises(ValueError, match="params"):
        oo.OptimisticOMD([torch.tensor(1.0)], domain="ball")
    opt = oo.OptimisticOMD([_z()])
    with pytest.raises(ValueError, match="simplex"):  # a later group is checked too, and not kept
        opt.add_param_group({"params": [torch.ones(2, 4, dtype=torch.float64)]})
    assert len(opt.param_groups) == 1


def test_step_refuses_nonfinite_gradients():
    z = _z()
    opt = oo.OptimisticOMD([z])
    z.grad = torch.full_like(z, float("nan"))
    with pytest.raises(NonFiniteError):
        opt.step()


def test_params_without_grad_are_skipped_and_groups_keep_their_hyperparameters():
    a, b = _z(), _z()
    opt = oo.OptimisticOMD([{"params": [a], "hint": "none"}, {"params": [b], "geometry": "entropic"}], D=1.0)
    b.grad = torch.tensor([[1.0, 0.0, 0.0, 0.0]] * 2, dtype=torch.float64)
    opt.step()
    assert torch.equal(a, _z()) and b[0, 0] < 0.25 and torch.allclose(b.sum(-1), torch.ones(2, dtype=torch.float64))
    assert opt.param_groups[0]["hint"] == "none" and opt.param_groups[1]["geometry"] == "entropic"


def test_first_step_size_and_constant_gradient_keep_eta():
    z = _z(1, 3)
    opt = oo.OptimisticOMD([z], D=2.0, delta=4.0)
    g = torch.tensor([[0.5, 0.0, -0.5]], dtype=torch.float64)
    for _ in range(5):
        z.grad = g.clone()
        opt.step()
    # the first hint error is ||g||^2 = 0.5, later ones vanish (hint = the same gradient)
    assert math.isclose(float(opt.state[z]["eta"]), 2.0 / math.sqrt(4.0 + 0.5), rel_tol=1e-12)


def test_self_play_rejects_bad_args():
    A = fully_mixed_game(2, 3, 3, torch.Generator().manual_seed(0))[0]
    s, gen = torch.zeros(2, dtype=torch.float64), torch.Generator()
    with pytest.raises(TypeError, match="A"):
        oo.self_play(A.float(), 10, s.float(), [10], gen)
    with pytest.raises(ValueError, match="sigma"):
        oo.self_play(A, 10, -torch.ones(2, dtype=torch.float64), [10], gen)
    with pytest.raises(ValueError, match="sigma"):
        oo.self_play(A, 10, torch.zeros(3, dtype=torch.float64), [10], gen)
    with pytest.raises(ValueError, match="checkpoints"):
        oo.self_play(A, 10, s, [11], gen)
    with pytest.raises(TypeError, match="checkpoints"):
        oo.self_play(A, 10, s, 10, gen)
    with pytest.raises(TypeError, match="generator"):
        oo.self_play(A, 10, s, [10], 0)
    with pytest.raises(ValueError, match="hint"):
        oo.self_play(A, 10, s, [10], gen, hint="oracle")
    with pytest.raises(ValueError, match="D"):
        oo.self_play(A, 10, s, [10], gen, D=-1.0)
    out = oo.self_play(A, np.int64(20), s, [np.int64(5), 20], gen, geometry="entropic")
    assert out["regret"].shape == (2, 2) and bool((out["regret"] >= -1e-12).all())  # zero-sum: R_x + R_y >= 0
