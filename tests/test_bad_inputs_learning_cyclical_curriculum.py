"Regression tests for bad inputs to the cyclical curriculum learning paper module (P067)."
import math

import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.learning.cyclical_curriculum_learning import (EpochPlan, PlanRun, cycle_sizes, draw_without_replacement,
                                                            epoch_counts, epoch_plan, increasing_sizes, loss_scores,
                                                            train_plan)
from minirepro.methods.ensembles import init_params

SIZES = [3, 4, 2]


def _data(B=2, n=10, seed=0):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(B, n, 3, generator=g)
    return X, torch.randint(0, 2, (B, n), generator=g)


@pytest.mark.parametrize("fn", [cycle_sizes, increasing_sizes])
@pytest.mark.parametrize("kw,exc,name", [(dict(total=0), ValueError, "total"), (dict(total=float("nan")), ValueError, "total"),
                                          (dict(total="3"), TypeError, "total"), (dict(total=3, start=0), ValueError, "start"),
                                          (dict(total=3, start=0.5, end=0.4), ValueError, "end"),
                                          (dict(total=3, factor=1.0), ValueError, "factor"),
                                          (dict(total=3, factor=0), ValueError, "factor")])
def test_schedule_args_named(fn, kw, exc, name):
    with pytest.raises(exc, match=name):
        fn(**kw)


def test_schedules_sum_exactly_and_accept_numpy():
    for T in (np.int64(7), 2.3, 30):
        assert math.isclose(math.fsum(cycle_sizes(T)), float(T), abs_tol=1e-12)
        assert math.isclose(math.fsum(increasing_sizes(T)), float(T), abs_tol=1e-12)
    assert cycle_sizes(9)[:5] == [0.25, 0.5, 1.0, 0.5, 0.25]


def test_epoch_counts_checks():
    with pytest.raises(TypeError, match="fractions"):
        epoch_counts("abc", 10)
    with pytest.raises(TypeError, match="fractions"):
        epoch_counts([], 10)
    with pytest.raises(ValueError, match=r"fractions\[1\]"):
        epoch_counts([0.5, 1.5], 10)
    with pytest.raises(ValueError, match="n"):
        epoch_counts([0.5], 0)
    with pytest.raises(ValueError, match="at least one sample"):
        epoch_counts([0.01, 0.01], 3)
    c = epoch_counts(cycle_sizes(30), np.int64(107))  # regression: no epoch above n after rounding
    assert sum(c) == 3210 and max(c) <= 107


def test_loss_scores_checks():
    lo, y = torch.randn(2, 5, 3), torch.randint(0, 3, (2, 5))
    with pytest.raises(ValueError, match="class indices"):
        loss_scores(lo, y + 3)
    with pytest.raises(TypeError, match="integer"):
        loss_scores(lo, y.float())
    with pytest.raises(ValueError, match="y"):
        loss_scores(lo, y[:, :4])
    with pytest.raises(ValueError, match="logits"):
        loss_scores(lo.clone().fill_(float("nan")), y)
    assert (loss_scores(lo, y) > 0).all()


def test_draw_checks():
    w = torch.tensor([[1.0, 2.0, 0.0, 1.0]])
    with pytest.raises(ValueError, match="k"):
        draw_without_replacement(w, 4)  # only 3 positive weights
    with pytest.raises(ValueError, match="weights"):
        draw_without_replacement(-w, 1)
    with pytest.raises(ValueError, match="weights"):
        draw_without_replacement(torch.ones(1, 3, dtype=torch.long), 1)
    with pytest.raises(TypeError, match="generator"):
        draw_without_replacement(w, 1, generator=0)
    assert sorted(draw_without_replacement(w, 3)[0].tolist()) == [0, 1, 3]


def test_epoch_plan_checks():
    with pytest.raises(ValueError, match=r"counts\[0\]"):
        epoch_plan(torch.ones(2, 5), [6])
    with pytest.raises(TypeError, match="counts"):
        epoch_plan(torch.ones(2, 5), 3)
    with pytest.raises(ValueError, match="batch_size"):
        epoch_plan(torch.ones(2, 5), [3], batch_size=0)
    p = epoch_plan(torch.ones(2, 5), [5, 3], batch_size=2, generator=torch.Generator().manual_seed(0))
    assert p.samples == 8 and p.epoch_end == [False, False, True, False, True]
    with pytest.raises(ValueError, match="epoch_end"):
        EpochPlan([torch.zeros(2, 3, dtype=torch.long)], [False])
    with pytest.raises(ValueError, match=r"batches\[1\]"):
        EpochPlan([torch.zeros(2, 3, dtype=torch.long), torch.zeros(3, 3, dtype=torch.long)], [False, True])
    with pytest.raises(ValueError, match="val_acc"):
        PlanRun(torch.zeros(2, 3), torch.full((2, 1), 2.0), torch.zeros(2, 1), None)


def test_train_plan_checks_and_nonfinite():
    X, y = _data()
    th = init_params(SIZES, 2, torch.Generator().manual_seed(0))
    plan = epoch_plan(torch.ones(2, 10), [10, 5], 4, torch.Generator().manual_seed(1))
    args = (X, y, X, y, X, y)
    r = train_plan(th, SIZES, plan, *args, snapshot_epoch=np.int64(1))
    assert r.val_acc.shape == (2, 2) and r.snapshot.shape == th.shape
    with pytest.raises(ValueError, match="theta"):
        train_plan(th[:, :-1], SIZES, plan, *args)
    with pytest.raises(ValueError, match="X_val"):
        train_plan(th, SIZES, plan, X, y, X[:, :, :2], y, X, y)
    with pytest.raises(ValueError, match="y_train"):
        train_plan(th, SIZES, plan, X, y + 5, X, y, X, y)
    with pytest.raises(ValueError, match="plan"):
        train_plan(th, SIZES, epoch_plan(torch.ones(2, 12), [12]), *args)  # indexes past n = 10
    with pytest.raises(ValueError, match="snapshot_epoch"):
        train_plan(th, SIZES, plan, *args, snapshot_epoch=3)
    with pytest.raises(ValueError, match="lr"):
        train_plan(th, SIZES, plan, *args, lr=0.0)
    with pytest.raises(NonFiniteError):
        train_plan(th * 1e30, SIZES, plan, *args, lr=1.0)
