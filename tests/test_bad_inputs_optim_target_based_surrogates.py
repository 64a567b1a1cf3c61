"Bad-input regression tests for minirepro.optim.target_based_surrogates_for_stochastic_optimization (P110)."
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from minirepro.optim import target_based_surrogates_for_stochastic_optimization as sso


def _batch(R=2, b=3, k=1):
    z = torch.randn(R, b, k, dtype=torch.float64)
    y = torch.randint(0, 2, (R, b)).double() if k == 1 else torch.randint(0, k, (R, b))
    return z, y, torch.full((R, b), 1.0 / b, dtype=torch.float64)


def test_target_losses_check_kind_labels_and_weights():
    z, y, w = _batch()
    assert sso.target_loss(z, y, w).shape == (2,)
    with pytest.raises(ValueError, match="kind"):
        sso.target_loss(z, y, w, kind="hinge")
    with pytest.raises(ValueError, match="logistic"):
        sso.target_grad(z, y + 2, w)  # labels outside {0, 1}
    with pytest.raises(ValueError, match="weights"):
        sso.target_grad(z, y, -w)
    with pytest.raises(ValueError, match="y"):
        sso.target_grad(z, y[:, :2], w)
    zs, ys, ws = _batch(k=3)
    with pytest.raises(ValueError, match="softmax"):
        sso.target_grad(zs, ys + 3, ws, kind="softmax")
    with pytest.raises(ValueError, match="z"):
        sso.target_loss(torch.full((2, 3, 1), float("nan")), y, w)


def test_surrogate_checks_shapes_and_eta():
    z, _, w = _batch()
    eta = torch.ones(2, dtype=torch.float64)
    assert torch.allclose(sso.surrogate_value(z, z, torch.zeros_like(z), w, eta), torch.zeros(2, dtype=torch.float64))
    with pytest.raises(ValueError, match="z_t"):
        sso.surrogate_value(z, z[:, :2], z, w, eta)
    with pytest.raises(ValueError, match="eta"):
        sso.surrogate_value(z, z, z, w, torch.zeros(2, dtype=torch.float64))


def test_sso_optimizer_rejects_bad_hyperparameters_and_closures():
    net = torch.nn.Linear(3, 2)
    for bad, exc in [(dict(eta=0.0), ValueError), (dict(eta=float("inf")), ValueError), (dict(m=0), ValueError),
                     (dict(m=1.5), TypeError), (dict(c=0.0), ValueError), (dict(beta=1.0), ValueError),
                     (dict(inner_init=-1.0), ValueError), (dict(lr=0.0), ValueError), (dict(max_backtracks=-1), ValueError)]:
        with pytest.raises(exc, match=list(bad)[0]):
            sso.SSO(net.parameters(), **bad)
    with pytest.raises(TypeError, match="params"):
        sso.SSO(torch.zeros(3))
    opt = sso.SSO(net.parameters(), m=np.int64(2))
    with pytest.raises(TypeError, match="closure"):
        opt.step(lambda: net(torch.zeros(1, 3)))
    with pytest.raises(TypeError, match="closure"):
        opt.step(None)
    X, y = torch.randn(4, 3), torch.tensor([0, 1, 1, 0])
    loss = opt.step(lambda: (lambda: net(X), lambda z: F.cross_entropy(z, y)))
    assert torch.isfinite(loss)


def test_streams_and_driver_check_arguments():
    X, y = torch.randn(20, 3, dtype=torch.float64), torch.randint(0, 2, (20,)).double()
    with pytest.raises(ValueError, match="seed_of_run"):
        sso.SupervisedStream(X, y, "logistic", 5, torch.tensor([0, 3]), 2, 4)
    with pytest.raises(ValueError, match="batch"):
        sso.SupervisedStream(X, y, "logistic", 0, torch.tensor([0]), 1, 4)
    with pytest.raises(ValueError, match="logistic"):
        sso.SupervisedStream(X, y + 1, "logistic", 5, torch.tensor([0]), 1, 4)
    st = sso.SupervisedStream(X, y, "logistic", 5, torch.tensor([0, 1]), 2, 4)
    with pytest.raises(ValueError, match="t"):
        st.sample(None, 4)  # only 4 batches were prepared
    with pytest.raises(ValueError, match="method"):
        sso.run_linear("newton", torch.ones(2), st, 2)
    with pytest.raises(ValueError, match="hp"):
        sso.run_linear("sgd", torch.ones(3), st, 2)
    with pytest.raises(ValueError, match="hp"):
        sso.run_linear("sgd", -torch.ones(2), st, 2)
    with pytest.raises(TypeError, match="stream"):
        sso.run_linear("sgd", torch.ones(2), "digits", 2)
    r = sso.run_linear("sso", torch.ones(2, dtype=torch.float64), st, np.int64(3), m=2, eval_every=2)
    assert r["at"] == [0, 2, 3] and r["curve"].shape == (3, 2)


def test_cartpole_functions_check_arguments():
    with pytest.raises(ValueError, match="s"):
        sso.cartpole_step(torch.zeros(3, 5), torch.zeros(3))
    with pytest.raises(ValueError, match="u"):
        sso.cartpole_step(torch.zeros(3, 4), torch.zeros(2))
    with pytest.raises(ValueError, match="q"):
        sso.cartpole_lqr_gain(q=(1.0, 1.0, -1.0, 1.0))
    with pytest.raises(TypeError, match="q"):
        sso.cartpole_lqr_gain(q=(1.0, 1.0))
    with pytest.raises(ValueError, match="r"):
        sso.cartpole_lqr_gain(r=0.0)
    with pytest.raises(ValueError, match="sigma"):
        sso.ImitationStream(torch.tensor([0]), 1, sigma=-1.0)
    with pytest.raises(ValueError, match="seed_of_run"):
        sso.ImitationStream(torch.tensor([1]), 1)
    st = sso.ImitationStream(torch.tensor([0, 0]), 1, horizon=20, n_eval=2, eval_horizon=30)
    X, y, w = st.sample(st.init(), 0)
    assert X.shape[2] == 5 and torch.allclose(w.sum(1), torch.ones(2, dtype=torch.float64))
    with pytest.raises(ValueError, match="theta"):
        st.evaluate(torch.zeros(3, 5, 1))
