"P056 (bandlimited random nets): bad-input regression tests and small values for the paper module."
import numpy as np
import pytest

from minirepro.theory.how_powerful_are_shallow_neural_networks import (bump_targets, floor_margin, lambda_star,
                                                                       lambda_star_slope, rf_error_curves,
                                                                       sine_targets, train_two_layer,
                                                                       two_layer_predict)

_x = np.linspace(-1, 1, 50)[:, None]
_Y = np.sin(2 * np.pi * _x)


def test_values():
    assert sine_targets(np.array([0.25]), [1.0]).item() == pytest.approx(1.0)
    assert np.allclose(bump_targets(np.array([[1.0, 0.0]]), [1.0]), np.exp(-0.5))
    E = rf_error_curves(_x, _Y, _x[::2], _Y[::2], [4, 16], 3.0, "tanh", [1e-8], rng=np.random.default_rng(0))
    assert E.shape == (2, 1, 1) and (E > 0).all() and E[1, 0, 0] < E[0, 0, 0]
    assert lambda_star_slope(np.array([1.0, 2.0]), np.array([2.0, 8.0])) == pytest.approx(2.0)
    p, loss = train_two_layer(_x, _Y[:, 0], 3, 2.0, steps=5)
    assert two_layer_predict(p, _x).shape == (50,) and np.isfinite(loss)


@pytest.mark.parametrize("f, kw, err", [
    (sine_targets, dict(x=np.ones((3, 2)), ks=[1]), ValueError),  # two-dimensional x
    (sine_targets, dict(x=_x, ks=[]), TypeError),
    (sine_targets, dict(x=_x, ks=[0.0]), ValueError),
    (sine_targets, dict(x=_x, ks="8"), TypeError),
    (bump_targets, dict(x=np.ones((3, 2)), widths=[-1.0]), ValueError),
    (bump_targets, dict(x=np.ones((3, 2)), widths=[0.1], center=np.ones(3)), ValueError),
    (bump_targets, dict(x=np.ones(3), widths=[0.1]), ValueError),
    (rf_error_curves, dict(x_train=_x, Y_train=_Y, x_test=_x, Y_test=np.zeros_like(_Y), widths=[4], scale=1.0), ValueError),
    (rf_error_curves, dict(x_train=_x, Y_train=_Y[:10], x_test=_x, Y_test=_Y, widths=[4], scale=1.0), ValueError),
    (rf_error_curves, dict(x_train=_x, Y_train=_Y, x_test=_x, Y_test=_Y, widths=[0], scale=1.0), ValueError),
    (rf_error_curves, dict(x_train=_x, Y_train=_Y, x_test=_x, Y_test=_Y, widths=4, scale=1.0), TypeError),
    (rf_error_curves, dict(x_train=_x, Y_train=_Y, x_test=_x, Y_test=_Y, widths=[4], scale=-1.0), ValueError),
    (rf_error_curves, dict(x_train=_x, Y_train=_Y, x_test=_x, Y_test=_Y, widths=[4], scale=1.0, activation="elu"), ValueError),
    (rf_error_curves, dict(x_train=_x, Y_train=_Y, x_test=_x, Y_test=_Y, widths=[4], scale=1.0, ridges=[-1.0]), ValueError),
    (floor_margin, dict(err_many=np.ones(2), err_few=np.ones(3)), ValueError),
    (floor_margin, dict(err_many=np.ones(2), err_few=np.ones(2), ratio=-0.1), ValueError),
    (lambda_star, dict(lams=np.array([2.0, 1.0]), errors=np.ones((2, 1))), ValueError),
    (lambda_star, dict(lams=np.array([1.0, 2.0]), errors=np.ones((3, 1))), ValueError),
    (lambda_star, dict(lams=np.array([1.0, 2.0]), errors=np.ones((2, 1)), tol=0.0), ValueError),
    (lambda_star_slope, dict(ks=np.array([1.0, 2.0]), lam_star=np.array([1.0, np.nan])), ValueError),
    (lambda_star_slope, dict(ks=np.array([1.0, -2.0]), lam_star=np.array([1.0, 2.0])), ValueError),
    (lambda_star_slope, dict(ks=np.array([1.0, 2.0]), lam_star=np.array([1.0])), ValueError),
    (train_two_layer, dict(x=_x, y=_Y[:, 0], width=0, init_scale=1.0), ValueError),
    (train_two_layer, dict(x=_x, y=_Y[:, 0], width=2, init_scale=0.0), ValueError),
    (train_two_layer, dict(x=_x, y=_Y[:10, 0], width=2, init_scale=1.0), ValueError),
    (train_two_layer, dict(x=_x, y=_Y[:, 0], width=2, init_scale=1.0, steps=1.5), TypeError),
    (train_two_layer, dict(x=_x, y=_Y[:, 0], width=2, init_scale=1.0, lr=1e30, steps=50), ValueError),
    (two_layer_predict, dict(params={"a": np.ones((2, 1))}, x=_x), TypeError),
    (two_layer_predict, dict(params={"a": np.ones((2, 1)), "b": np.ones(3), "c": np.ones(2)}, x=_x), ValueError),
    (two_layer_predict, dict(params=[1, 2, 3], x=_x), TypeError),
])
def test_bad_inputs(f, kw, err):
    with pytest.raises(err):
        f(**kw)
