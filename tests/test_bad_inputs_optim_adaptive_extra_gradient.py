"Bad-input regression tests for minirepro.optim.adaptive_extra_gradient_methods_for_min (P136)."
import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.optim import adaptive_extra_gradient_methods_for_min as ae


def _mg(B=2, m=3, n=4):
    return ae.MatrixGame(torch.rand(B, m, n, dtype=torch.float64) * 2 - 1)


def test_prox_steps_reject_bad_points():
    z, g = torch.softmax(torch.randn(2, 4), -1), torch.randn(2, 4)
    with pytest.raises(ValueError, match="z"):
        ae.entropic_step(-z, g)
    with pytest.raises(ValueError, match="z and g"):
        ae.entropic_step(z, g[:, :3])
    with pytest.raises(ValueError, match="g"):
        ae.entropic_step(z, torch.full((2, 4), float("nan")))
    with pytest.raises(ValueError, match="z"):
        ae.burg_step(torch.zeros(2, 4), g)  # Burg needs z > 0
    with pytest.raises(ValueError, match="iters"):
        ae.burg_step(z, g, iters=0)
    assert torch.allclose(ae.burg_step(z, g, iters=np.int64(5)).sum(-1), torch.ones(2))


def test_game_constructors_reject_bad_args():
    with pytest.raises(ValueError, match="A"):
        ae.MatrixGame(torch.rand(3, 4))
    with pytest.raises(ValueError, match="A"):
        ae.MatrixGame(torch.full((1, 2, 2), float("inf")))
    with pytest.raises(TypeError, match="A"):
        ae.MatrixGame(np.ones((1, 2, 2)))
    A = torch.rand(2, 3, 4)
    with pytest.raises(ValueError, match="b"):
        ae.L1Game(A, torch.zeros(2, 3), torch.zeros(2, 3))
    with pytest.raises(ValueError, match="w and u"):
        ae.LogBarrierGame(A, -torch.ones(2, 3), torch.ones(2, 4))
    with pytest.raises(ValueError, match="eps"):
        ae.LogBarrierGame(A, torch.ones(2, 3), torch.ones(2, 4), eps=0.0)


def test_game_methods_check_states():
    g = _mg()
    with pytest.raises(ValueError, match="z"):
        g.operator(torch.zeros(2, 6, dtype=torch.float64))
    with pytest.raises(TypeError, match="z"):
        g.gap(torch.zeros(2, 7, dtype=torch.float32))
    with pytest.raises(ValueError, match="z"):
        g.prox(-g.start(), torch.zeros(2, 7, dtype=torch.float64))
    lb = ae.LogBarrierGame(torch.rand(1, 2, 2, dtype=torch.float64), torch.ones(1, 2, dtype=torch.float64),
                           torch.ones(1, 2, dtype=torch.float64))
    with pytest.raises(ValueError, match="z"):
        lb.gap(torch.tensor([[1.0, 0.0, 0.5, 0.5]], dtype=torch.float64))  # log 0


def test_runs_reject_bad_args():
    g = _mg()
    z0 = g.start().double()
    step = torch.tensor([float("nan"), 0.5], dtype=torch.float64)
    with pytest.raises(TypeError, match="game"):
        ae.mirror_prox(None, z0, 10, step, [10])
    with pytest.raises(ValueError, match="T"):
        ae.mirror_prox(g, z0, 0, step, [1])
    with pytest.raises(ValueError, match="checkpoints"):
        ae.mirror_prox(g, z0, 10, step, [11])
    with pytest.raises(TypeError, match="checkpoints"):
        ae.mirror_prox(g, z0, 10, step, [2.5])
    with pytest.raises(ValueError, match="step"):
        ae.mirror_prox(g, z0, 10, torch.tensor([-1.0, 0.5], dtype=torch.float64), [10])
    with pytest.raises(ValueError, match="step"):
        ae.mirror_prox(g, z0, 10, step[:1], [10])
    with pytest.raises(ValueError, match="diverged"):
        ae.adagrad_gda(g, z0, 10, [10], diverged="ignore")
    out = ae.mirror_prox(g, z0, np.int64(10), step, [np.int64(5), 10])
    assert out["gap"].shape == (2, 2) and torch.isfinite(out["gap"]).all()


def test_diverging_run_raises_or_reports_nan():
    torch.manual_seed(0)  # fixed matrices: whether a huge step overflows the ergodic sums depends on them
    l1 = ae.L1Game(torch.eye(2, dtype=torch.float64)[None], torch.zeros(1, 2, dtype=torch.float64),
                   torch.zeros(1, 2, dtype=torch.float64))
    lb = ae.LogBarrierGame(torch.rand(1, 2, 2, dtype=torch.float64), torch.ones(1, 2, dtype=torch.float64),
                           torch.ones(1, 2, dtype=torch.float64))
    z0 = torch.tensor([[0.5, 0.5, 0.5, 0.5]], dtype=torch.float64)
    huge = torch.tensor([1e308], dtype=torch.float64)
    with pytest.raises(NonFiniteError, match="z0"):
        ae.mirror_prox(lb, z0, 20, huge, [20])
    out = ae.mirror_prox(lb, z0, 20, huge, [20], diverged="nan")
    assert not torch.isfinite(out["gap"]).all()
    with pytest.raises(NonFiniteError, match="z0"):  # z stays in the box, but the ergodic sums overflow
        ae.mirror_prox(l1, z0, 20, huge, [20])
