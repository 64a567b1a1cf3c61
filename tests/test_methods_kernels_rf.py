"Random features (methods.kernels): values and bad-input regression tests."
import numpy as np
import pytest

from minirepro.methods.kernels import rf_features, rf_readout, rf_sample


def _problem(n=120, d=2, N=20, act="tanh", seed=0):
    g = np.random.default_rng(seed)
    x = g.uniform(-1, 1, (n, d))
    A, b = rf_sample(N, d, "uniform", 2.0, rng=g)
    return x, rf_features(x, A, b, act), np.sin(2 * x[:, 0]) + x[:, -1] ** 2


def test_uniform_law_in_box_and_gaussian_std():
    A, b = rf_sample(500, 3, "uniform", 2.5, bias_scale=0.5, rng=np.random.default_rng(1))
    assert A.shape == (500, 3) and b.shape == (500,)
    assert np.abs(A).max() <= 2.5 and np.abs(b).max() <= 0.5 and np.abs(A).max() > 2.0
    G, _ = rf_sample(20000, 1, "gaussian", 3.0, rng=np.random.default_rng(2))
    assert abs(G.std() - 3.0) < 0.1


def test_features_closed_forms():
    x = np.array([[0.5], [-1.0]])
    A, b = np.array([[2.0], [-1.0]]), np.array([0.0, 1.0])
    z = x @ A.T - b
    for act, f in [("tanh", np.tanh), ("relu", lambda u: np.maximum(u, 0)), ("cos", np.cos),
                   ("gauss", lambda u: np.exp(-u * u / 2)), ("sigmoid", lambda u: 1 / (1 + np.exp(-u)))]:
        assert np.allclose(rf_features(x, A, b, act), f(z))


def test_readout_matches_normal_equations_and_lstsq():
    x, P, y = _problem()
    G = P.T @ P / len(P)
    c = rf_readout(P, y, [1e-3])[0]
    assert np.allclose(c, np.linalg.solve(G + 1e-3 * np.trace(G) / P.shape[1] * np.eye(P.shape[1]), P.T @ y / len(P)))
    P5 = P[:, :5]
    assert np.allclose(rf_readout(P5, y, [0.0])[0], np.linalg.lstsq(P5, y, rcond=None)[0], atol=1e-8)
    Y = np.stack([y, 2 * y], 1)
    C = rf_readout(P, Y, [1e-6, 1e-2])
    assert C.shape == (2, 20, 2) and np.allclose(C[..., 1], 2 * C[..., 0])


def test_relu_is_scale_free_under_the_relative_ridge():
    x = np.random.default_rng(3).uniform(-1, 1, (80, 1))
    y = np.sin(5 * x[:, 0])
    A1, b1 = rf_sample(30, 1, "uniform", 1.0, rng=np.random.default_rng(4))
    A9, b9 = rf_sample(30, 1, "uniform", 9.0, rng=np.random.default_rng(4))
    P1, P9 = rf_features(x, A1, b1, "relu"), rf_features(x, A9, b9, "relu")
    assert np.allclose(P1 @ rf_readout(P1, y, [1e-6])[0], P9 @ rf_readout(P9, y, [1e-6])[0], atol=1e-9)


def test_zero_features_give_zero_weights():
    assert np.allclose(rf_readout(np.zeros((10, 4)), np.ones(10), [0.0, 1e-3]), 0.0)


@pytest.mark.parametrize("f, kw, err", [
    (rf_sample, dict(n_features=0, dim=1), ValueError),
    (rf_sample, dict(n_features=2.0, dim=1), TypeError),
    (rf_sample, dict(n_features=2, dim=1, law="cauchy"), ValueError),
    (rf_sample, dict(n_features=2, dim=1, law=3), TypeError),
    (rf_sample, dict(n_features=2, dim=1, scale=0.0), ValueError),
    (rf_sample, dict(n_features=2, dim=1, bias_scale=-1.0), ValueError),
    (rf_sample, dict(n_features=2, dim=1, rng=0), TypeError),
    (rf_features, dict(x=np.ones((3, 2)), weights=np.ones((4, 3)), biases=np.ones(4)), ValueError),
    (rf_features, dict(x=np.ones((3, 2)), weights=np.ones((4, 2)), biases=np.ones(5)), ValueError),
    (rf_features, dict(x=np.ones((3, 2)), weights=np.ones((4, 2)), biases=np.ones(4), activation="elu"), ValueError),
    (rf_features, dict(x=np.ones((3, 2)), weights=np.ones((4, 2)), biases=np.ones(4), activation=None), TypeError),
    (rf_features, dict(x=np.full((3, 1), np.nan), weights=np.ones((4, 1)), biases=np.ones(4)), ValueError),
    (rf_features, dict(x=np.full((3, 1), 1e300), weights=np.full((4, 1), 1e300), biases=np.ones(4),
                       activation="relu"), ValueError),
    (rf_readout, dict(phi=np.ones((5, 2)), y=np.ones(4)), ValueError),
    (rf_readout, dict(phi=np.ones(5), y=np.ones(5)), ValueError),
    (rf_readout, dict(phi=np.ones((5, 2)), y=np.ones(5), ridges=[]), TypeError),
    (rf_readout, dict(phi=np.ones((5, 2)), y=np.ones(5), ridges=1e-3), TypeError),
    (rf_readout, dict(phi=np.ones((5, 2)), y=np.ones(5), ridges=[-1.0]), ValueError),
    (rf_readout, dict(phi=np.ones((5, 2)), y=np.ones(5), ridges=["a"]), TypeError),
    (rf_readout, dict(phi=np.full((5, 2), 1e200), y=np.ones(5)), ValueError),
])
def test_bad_inputs(f, kw, err):
    with pytest.raises(err):
        f(**kw)
