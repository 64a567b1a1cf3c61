"Regression tests for the IGNITE paper module (P130): argument checks, closure contract, state_dict round trip."
import copy
import math

import pytest
import torch

from minirepro.methods.ensembles import batched_mlp, init_params
from minirepro.optim.incorporating_surrogate_gradient_norm_to_improve import (IGNITE, ascend_designs, param_grad_norm,
                                                                              train_surrogates)

SIZES = [3, 4, 1]


def _theta(B=2):
    return init_params(SIZES, B, generator=torch.Generator().manual_seed(0)).requires_grad_(True)


def _closure(th, X):
    def f():
        pred = batched_mlp(th, X, SIZES, check=False)
        return (pred ** 2).mean(1).sum(), pred.mean(1)
    return f


@pytest.mark.parametrize("kw,name", [(dict(rho=0.0), "rho"), (dict(r=-0.1), "r"), (dict(epsilon=math.nan), "epsilon"),
                                     (dict(lambda0=-1.0), "lambda0"), (dict(eta_lambda=math.inf), "eta_lambda"),
                                     (dict(direction="sideways"), "direction"), (dict(project_lambda=1), "project_lambda"),
                                     (dict(n_models=0), "n_models"), (dict(generator=3), "generator"),
                                     (dict(base_optimizer=3), "base_optimizer")])
def test_ignite_hparams_named(kw, name):
    with pytest.raises((TypeError, ValueError), match=name):
        IGNITE([_theta()], **kw)


def test_n_models_must_match_leading_dim():
    with pytest.raises(ValueError, match="n_models"):
        IGNITE([_theta(2)], n_models=3)


def test_step_needs_a_closure():
    "Regression: IGNITE evaluates the model twice per step, so a missing closure must be refused, not ignored."
    with pytest.raises(ValueError, match="closure"):
        IGNITE([_theta()], n_models=2).step()


def test_closure_loss_returned_and_lambda_moves():
    th, X = _theta(), torch.randn(2, 8, 3)
    opt = IGNITE([th], n_models=2, lr=1e-2, eta_lambda=0.1)
    loss = opt.step(_closure(th, X))
    assert torch.is_tensor(loss) and loss.ndim == 0
    assert opt.state["lambda"].shape == (2,) and not torch.equal(opt.state["lambda"], torch.full((2,), 1e-3))


def test_state_dict_round_trip():
    th, X = _theta(), torch.randn(2, 8, 3)
    opt = IGNITE([th], n_models=2, lr=1e-2, eta_lambda=0.1)
    for _ in range(2):
        opt.step(_closure(th, X))
    th_saved, sd = th.detach().clone(), copy.deepcopy(opt.state_dict())
    for _ in range(3):
        opt.step(_closure(th, X))
    th2 = th_saved.clone().requires_grad_(True)
    opt2 = IGNITE([th2], n_models=2, lr=1e-2, eta_lambda=0.1)
    opt2.load_state_dict(sd)
    for _ in range(3):
        opt2.step(_closure(th2, X))
    assert torch.equal(th.detach(), th2.detach()) and torch.equal(opt.state["lambda"], opt2.state["lambda"])
    with pytest.raises(ValueError, match="state_dict"):
        opt2.load_state_dict({"state": {}})


def test_projected_lambda_stays_nonnegative():
    th, X = _theta(), torch.randn(2, 8, 3)
    opt = IGNITE([th], n_models=2, lr=1e-2, epsilon=100.0, eta_lambda=1.0)  # constraint slack: lambda is pushed down
    opt.step(_closure(th, X))
    assert (opt.state["lambda"] == 0).all()


def test_train_and_search_argument_checks():
    x, y = torch.randn(20, 3), torch.randn(20)
    with pytest.raises(ValueError, match="arm"):
        train_surrogates(x, y, SIZES, 2, arm="sam", steps=1)
    with pytest.raises((TypeError, ValueError), match="sizes"):
        train_surrogates(x, y, [3, 4, 2], 2, steps=1)
    with pytest.raises(TypeError, match="ignite_kw"):
        train_surrogates(x, y, SIZES, 2, arm="ignite", steps=1, ignite_kw=[1])
    with pytest.raises(ValueError, match="x"):
        train_surrogates(x, y[:5], SIZES, 2, steps=1)
    th, lam = train_surrogates(x, y, SIZES, 2, arm="ignite", steps=2, coms=True, coms_steps=1)
    assert th.shape == (2, 21) and len(lam) == 2
    with pytest.raises(ValueError, match="theta"):
        ascend_designs(th, torch.randn(3, 5, 3), SIZES, n_members=1, steps=1)
    with pytest.raises((TypeError, ValueError), match="sizes"):
        param_grad_norm(th, torch.randn(5, 3), [3, 5, 1])
    assert param_grad_norm(th, torch.randn(5, 3), SIZES).shape == (2,)
