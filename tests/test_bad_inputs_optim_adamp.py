"Regression tests for bad inputs to the AdamP paper module (P135)."
import math

import pytest
import torch

from minirepro.optim.adamp_slowing_down_the_slowdown_for import (AdamP, BNConvEnsemble, SGDP, predicted_sq_norms,
                                                                 project_radial, train_ensemble)


def _params():
    return [torch.nn.Parameter(torch.ones(3, 2))]


@pytest.mark.parametrize("cls", [AdamP, SGDP])
def test_nan_weight_decay_is_refused(cls):
    "Regression: AdamP(weight_decay=nan) used to pass (nan < 0 is False) and then silently skip decay."
    with pytest.raises(ValueError, match="weight_decay"):
        cls(_params(), weight_decay=float("nan"))
    with pytest.raises(ValueError, match="weight_decay"):
        cls(_params(), weight_decay=math.inf)


@pytest.mark.parametrize("kw,name", [(dict(lr=float("nan")), "lr"), (dict(eps=0.0), "eps"), (dict(delta=-1.0), "delta"),
                                     (dict(wd_ratio=float("nan")), "wd_ratio"), (dict(betas=(0.9, float("nan"))), "betas"),
                                     (dict(nesterov="yes"), "nesterov")])
def test_adamp_hparams_named(kw, name):
    with pytest.raises((TypeError, ValueError), match=name):
        AdamP(_params(), **kw)


def test_sgdp_and_helpers_named():
    with pytest.raises(ValueError, match="momentum"):
        SGDP(_params(), momentum=float("nan"))
    with pytest.raises(TypeError, match="params"):
        AdamP(None)
    with pytest.raises(ValueError, match="w must be finite"):
        project_radial(torch.full((2, 2), float("nan")), torch.ones(2, 2), torch.ones(2, 2))
    with pytest.raises(ValueError, match="beta"):
        predicted_sq_norms(torch.ones(2), torch.ones(3, 2), 0.1, 1.0)
    with pytest.raises(ValueError, match="n_models"):
        BNConvEnsemble(0)
    X, y = torch.zeros(4, 1, 8, 8), torch.zeros(4, dtype=torch.long)
    with pytest.raises(ValueError, match="epochs"):
        train_ensemble(lambda p: torch.optim.SGD(p, lr=0.1), X, y, X, y, [0], epochs=0)
