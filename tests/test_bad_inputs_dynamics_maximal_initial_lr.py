"Bad-input regression tests for P196 (maximal initial learning rates)."
import numpy as np
import pytest
import torch

from minirepro.dynamics.maximal_initial_learning_rates_in_deep import (architecture_grid, max_initial_lr,
                                                                       power_law_fits)


@pytest.mark.parametrize("kw,exc,word", [(dict(depths=[0, 2]), ValueError, "depths"), (dict(widths=[2.5]), TypeError, "widths"),
                                          (dict(min_ratio=-1.0), ValueError, "min_ratio"),
                                          (dict(depths="ab"), TypeError, "depths")])
def test_grid_bad(kw, exc, word):
    with pytest.raises(exc, match=word):
        architecture_grid(**(dict(depths=[2, 4], widths=[32, 64], min_ratio=8.0) | kw))


def test_fits_bad_and_nan():
    d, w = np.array([2, 2, 4, 4, 8]), np.array([32, 64, 32, 64, 64])
    with pytest.raises(ValueError, match="eta"):
        power_law_fits(d, w, np.array([1.0, np.nan, np.nan, 1.0, 2.0]))  # fewer than 4 finite
    with pytest.raises(ValueError, match="widths"):
        power_law_fits(d, w[:3], np.ones(5))
    out = power_law_fits(d, w, np.array([1.0, 0.5, 0.5, np.nan, 0.2]))  # NaN left out
    assert out["n"] == 4


def test_max_initial_lr_bad():
    th = torch.zeros(2, 6)
    f = lambda t, r: t.sum(1)
    m = lambda t: t.sum(1)
    base = dict(theta0=th, batch_loss=f, metric=m, lr_scale=torch.ones(6), n_train=10, batch_size=2, epochs=1,
                target=0.5)
    for kw, exc, word in [(dict(epochs=0), ValueError, "epochs"), (dict(lr_range=(-1.0, 1.0)), ValueError, "lr_range"),
                          (dict(batch_size=11), ValueError, "batch_size"), (dict(metric=1), TypeError, "metric"),
                          (dict(n_scan=0), ValueError, "n_scan")]:
        with pytest.raises(exc, match=word):
            max_initial_lr(**(base | kw))
