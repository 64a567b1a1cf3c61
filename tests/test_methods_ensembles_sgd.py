"Vectorised SGD, steps-to-target and the parallel learning-rate search of methods.ensembles (helper hD's sections)."
import math

import numpy as np
import pytest
import torch

from minirepro.methods.ensembles import (classifier_objectives, init_params, layer_lr_scale, log_bisect, mlp_logits,
                                         n_params, sgd_to_target, sobol_log_lrs, weight_mask)


def _ls_problem():
    g = torch.Generator().manual_seed(0)
    A, y = torch.randn(40, 6, generator=g), torch.randn(40, generator=g)
    loss = lambda th, idx: ((torch.einsum("kbd,kd->kb", A[idx], th) - y[idx]) ** 2).mean(1)
    metric = lambda th: -((th @ A.T - y) ** 2).mean(1)
    return A, y, loss, metric, torch.randn(3, 6, generator=g)


def test_members_are_independent():
    # a member's trajectory does not depend on the other members of the batch (same seed, same data order row)
    A, y, loss, metric, th0 = _ls_problem()
    lr = torch.tensor([0.01, 0.05, 0.1])
    full = sgd_to_target(th0, loss, metric, lr, 1.0, 40, 8, 12, generator=torch.Generator().manual_seed(3))
    lr2 = torch.tensor([0.01, 0.05, 1e9])  # member 2 diverges and leaves the batch
    part = sgd_to_target(th0, loss, metric, lr2, 1.0, 40, 8, 12, generator=torch.Generator().manual_seed(3))
    assert torch.allclose(full["theta"][:2], part["theta"][:2], atol=1e-6)
    assert part["diverged"].tolist() == [False, False, True]


def test_mask_and_scale_freeze_parameters():
    A, y, loss, metric, th0 = _ls_problem()
    mask = torch.ones(6); mask[2] = 0
    scale = torch.ones(6); scale[4] = 0
    out = sgd_to_target(th0, loss, metric, 0.05, 1.0, 40, 8, 10, lr_scale=scale, mask=mask,
                        generator=torch.Generator().manual_seed(0))
    assert (out["theta"][:, 2] == 0).all() and torch.equal(out["theta"][:, 4], th0[:, 4])


def test_steps_reported_at_target():
    A, y, loss, metric, th0 = _ls_problem()
    out = sgd_to_target(th0, loss, metric, 0.1, -1.5, 40, 8, 500, eval_growth=1.1,
                        generator=torch.Generator().manual_seed(0))
    assert torch.isfinite(out["steps"]).all() and (metric(out["theta"]) >= -1.5).all()
    capped = sgd_to_target(th0, loss, metric, 1e-6, -1e-9, 40, 8, 5, generator=torch.Generator().manual_seed(0))
    assert torch.isinf(capped["steps"]).all()


@pytest.mark.parametrize("kw,exc,word", [(dict(lr=-1.0), ValueError, "lr"), (dict(batch_size=0), ValueError, "batch_size"),
                                          (dict(max_steps=0), ValueError, "max_steps"),
                                          (dict(eval_every=0), ValueError, "eval_every"),
                                          (dict(mask=torch.full((6,), 2.0)), ValueError, "mask"),
                                          (dict(groups=torch.zeros(2)), ValueError, "groups"),
                                          (dict(metric=None), TypeError, "metric"),
                                          (dict(target=float("nan")), ValueError, "target")])
def test_sgd_bad_inputs(kw, exc, word):
    A, y, loss, metric, th0 = _ls_problem()
    args = dict(theta=th0, batch_loss=loss, metric=metric, lr=0.1, target=0.0, n_train=40, batch_size=8,
                max_steps=3) | kw
    with pytest.raises(exc, match=word):
        sgd_to_target(**args)


def test_sobol_and_bisection():
    c = sobol_log_lrs(8, 1e-3, 10.0, seed=1)
    assert c.shape == (8,) and c.min() >= 1e-3 and c.max() <= 10.0
    thr = torch.tensor([0.01, 0.3], dtype=torch.float64)
    lo, hi = log_bisect(lambda l: l <= thr.repeat_interleave(len(l) // 2), torch.tensor([1e-4, 1e-4]),
                        torch.tensor([1.0, 1.0]), rounds=6)
    assert ((lo <= thr) & (thr < hi)).all() and torch.allclose(hi / lo, torch.full((2,), 1e4 ** (1 / 64),
                                                                                    dtype=torch.float64))
    with pytest.raises(ValueError, match="high|low"):
        sobol_log_lrs(4, 1.0, 0.1)
    with pytest.raises(ValueError, match="success"):
        log_bisect(lambda l: torch.ones(1, dtype=torch.bool), torch.tensor([1e-3, 1e-3]), torch.tensor([1.0, 1.0]), 1)


def test_classifier_helpers():
    sizes = [4, 5, 3]
    g = torch.Generator().manual_seed(0)
    X, y = torch.randn(12, 4, generator=g), torch.randint(0, 3, (12,), generator=g)
    bl, acc = classifier_objectives(X, y, X, y, sizes)
    th = init_params(sizes, 2, g)
    assert bl(th, torch.zeros(2, 3, dtype=torch.long)).shape == (2,) and acc(th).shape == (2,)
    assert mlp_logits(th, X[None].expand(2, -1, -1), sizes).shape == (2, 12, 3)
    assert layer_lr_scale(sizes, [0.5, 2.0]).shape == (n_params(sizes),) and int(weight_mask(sizes).sum()) == 35
    with pytest.raises(ValueError, match="y_train"):
        classifier_objectives(X, y + 5, X, y, sizes)
    with pytest.raises(ValueError, match="scales"):
        layer_lr_scale(sizes, [1.0])
