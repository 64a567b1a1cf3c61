import numpy as np
import pytest
import torch

from minirepro.core.data import load_table
from minirepro.core.checks import NonFiniteError
from minirepro.core.train import Callback, EarlyStopping, evaluate, fit, mlp, predict, train_loop


def test_fit_learns_and_is_reproducible():
    sp = load_table("iris")
    hists = []
    for _ in range(2):
        torch.manual_seed(0)
        net = mlp([4, 16, 3])
        hists.append(fit(net, sp.X_train, sp.y_train, epochs=30, lr=1e-2, X_val=sp.X_test, y_val=sp.y_test,
                         progress=False, device="cpu"))
    assert hists[0]["loss"] == hists[1]["loss"]  # same seed, same numbers
    assert hists[0]["loss"][-1] < 0.5 * hists[0]["loss"][0] and hists[0]["val_acc"][-1] > 0.85
    loss, acc = evaluate(net, sp.X_test, sp.y_test, device="cpu")
    assert acc == pytest.approx(hists[1]["val_acc"][-1])
    assert predict(net, sp.X_test, device="cpu").shape == (len(sp.X_test), 3)


def test_fit_regression_mse():
    sp = load_table("diabetes")
    torch.manual_seed(0)
    net = mlp([10, 16, 1])
    y = (sp.y_train - sp.y_train.mean()) / sp.y_train.std()
    h = fit(net, sp.X_train, y[:, None], loss="mse", epochs=20, lr=1e-2, progress=False, device="cpu")
    assert h["loss"][-1] < 0.7


def test_fit_bad_input():
    net = mlp([4, 3])
    with pytest.raises(ValueError, match="loss must be one of"):
        fit(net, torch.zeros(4, 4), torch.zeros(4), loss="hinge", progress=False)
    with pytest.raises(ValueError, match="same length"):
        fit(net, torch.zeros(4, 4), torch.zeros(3), progress=False)
    with pytest.raises(ValueError, match="epochs"):
        fit(net, torch.zeros(4, 4), torch.zeros(4), epochs=0, progress=False)
    with pytest.raises(ValueError, match="sizes"):
        mlp([4])


def test_fit_rejects_bad_values():
    net = mlp([4, 3])
    X, y = torch.zeros(4, 4), torch.zeros(4)
    with pytest.raises(TypeError, match="model"):
        fit(None, X, y, progress=False)
    with pytest.raises(ValueError, match="lr"):
        fit(net, X, y, lr=float("nan"), progress=False)
    with pytest.raises(ValueError, match="X must be finite"):
        fit(net, torch.full((4, 4), float("nan")), y, progress=False)
    with pytest.raises(ValueError, match="batch_size"):
        fit(net, X, y, batch_size=0, progress=False)


def test_mlp_rejects_zero_and_negative_widths():
    "Regression: mlp([3, 0, 2]) used to build a constant network (its output is the last bias)."
    with pytest.raises(ValueError, match=r"sizes\[1\]"):
        mlp([3, 0, 2])
    with pytest.raises(ValueError, match=r"sizes\[0\]"):
        mlp([-1, 2])
    with pytest.raises(TypeError, match=r"sizes\[1\]"):
        mlp([3, 2.5, 1])
    with pytest.raises(TypeError, match="act"):
        mlp([3, 2], act="relu")
    assert mlp((np.int64(3), np.int64(2)))[0].out_features == 2  # numpy ints are fine


def test_train_loop_records_and_matches_hand_loop():
    def run(use_loop):
        torch.manual_seed(0)
        w = torch.zeros(3, requires_grad=True)
        opt = torch.optim.SGD([w], lr=0.1)
        X, Y = torch.randn(32, 3), torch.randn(32)

        def step(i):
            opt.zero_grad()
            loss = ((X @ w - Y) ** 2).mean()
            loss.backward()
            opt.step()
            return {"loss": loss, "w0": w[0]}
        if use_loop:
            return train_loop(step, 15, progress=False)
        return {"loss": [float(step(i)["loss"].detach()) for i in range(15)]}
    h = run(True)
    assert h["loss"] == run(False)["loss"] and len(h["w0"]) == 15
    assert train_loop(lambda i: i, 3, progress=False) == {"loss": [0.0, 1.0, 2.0]}
    assert train_loop(lambda i: None, 3, progress=False) == {}
    assert train_loop(lambda i: 1.0, np.int64(0), progress=False) == {}


def test_train_loop_callbacks_and_stops():
    seen, ends = [], []

    class Rec(Callback):
        def on_train_begin(self, n_steps):
            seen.append(("begin", n_steps))

        def on_train_end(self, history):
            ends.append(len(history["loss"]))
    es = EarlyStopping(patience=3)
    h = train_loop(lambda i: max(5.0 - i, 2.0), 50, callbacks=[Rec(), es], progress=False)
    assert len(h["loss"]) == 7 and es.stopped_at == 6 and seen == [("begin", 50)] and ends == [7]
    up = EarlyStopping(monitor="acc", patience=2, mode="max")
    h = train_loop(lambda i: {"acc": min(i, 3)}, 50, callbacks=up, progress=False)
    assert h["acc"] == [0, 1, 2, 3, 3, 3]
    stop_at_2 = train_loop(lambda i: 1.0, 10, callbacks=lambda s, logs: s == 2, progress=False)
    assert len(stop_at_2["loss"]) == 3
    with pytest.raises(NonFiniteError, match="step 2"):
        train_loop(lambda i: [1.0, 1.0, float("inf")][i], 3, progress=False)
    assert train_loop(lambda i: float("nan"), 2, progress=False, check_finite=False)["loss"][0] != 0  # opt-out


def test_train_loop_bad_input():
    with pytest.raises(TypeError, match="step_fn"):
        train_loop(None, 3)
    with pytest.raises(ValueError, match="n_steps"):
        train_loop(lambda i: 1.0, -1)
    with pytest.raises(TypeError, match="callbacks"):
        train_loop(lambda i: 1.0, 3, callbacks=[3])
    with pytest.raises(TypeError, match="step_fn must return"):
        train_loop(lambda i: "x", 3, progress=False)
    with pytest.raises(ValueError, match="patience"):
        EarlyStopping(patience=0)
    with pytest.raises(ValueError, match="monitor"):
        train_loop(lambda i: 1.0, 3, callbacks=EarlyStopping(monitor="val_loss"), progress=False)
