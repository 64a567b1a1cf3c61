import pytest
import torch

from minirepro.core.data import load_table
from minirepro.core.train import evaluate, fit, mlp, predict


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
