"P101 (learning_hierarchical_polynomials_with_three_layer): bad-input regression tests for the paper module."
import math

import numpy as np
import pytest

from minirepro.methods.kernels import sample_sphere

from minirepro.theory.learning_hierarchical_polynomials_with_three_layer import (
    crossing_n, cubic_link, feature_step_matrix, feature_step_vector, fit_ridge_readout, hermite_he, kernel_ridge_path,
    layerwise_curve, learned_feature, moment_matrix, quadratic_feature, random_feature_layer,
    rbf_kernel, readout_features, skip_step_curve, spread_quadratic)

G = np.random.default_rng(0)


def test_hermite_and_target():
    assert np.allclose(hermite_he(np.array([2.0]), 3), [2.0])  # 8 - 6
    assert hermite_he(np.zeros(0), 2).shape == (0,)
    with pytest.raises(TypeError):
        hermite_he(np.ones(3), 2.0)
    with pytest.raises(ValueError):
        hermite_he(np.ones(3), -1)
    with pytest.raises(ValueError):
        hermite_he(np.array([np.nan]), 2)
    A = spread_quadratic(5, np.random.default_rng(1))  # odd d: still traceless, unit variance
    assert abs(np.trace(A)) < 1e-12 and abs(2 * (A ** 2).sum() - 1) < 1e-12
    with pytest.raises(TypeError):
        spread_quadratic(4, 0)
    with pytest.raises(ValueError):
        spread_quadratic(1, G)
    with pytest.raises(ValueError):
        quadratic_feature(np.ones((3, 4)), np.eye(3))
    with pytest.raises(TypeError):
        cubic_link(np.ones(2), c1="a")
    assert np.allclose(cubic_link(np.array([0.0])), [0.0])


def test_feature_step():
    x, V = G.standard_normal((30, 4)), sample_sphere(20, 4, G)
    assert np.allclose(np.linalg.norm(V, axis=1), 1)
    r = G.standard_normal(30)
    phi = learned_feature(x, feature_step_vector(x, r, V), V)
    T = feature_step_matrix(moment_matrix(x, r), V)
    assert np.allclose(phi, ((x @ T) * x).sum(1) - np.trace(T))
    with pytest.raises(ValueError):
        random_feature_layer(x, np.ones((3, 5)))
    with pytest.raises(ValueError):
        feature_step_vector(x, np.ones(29), V)
    with pytest.raises(ValueError):
        learned_feature(x, np.ones(19), V)
    with pytest.raises(ValueError):
        feature_step_matrix(np.eye(3), V)


def test_readout_and_kernels():
    s, b = np.array([1.0, -1.0]), np.array([0.0, 1.0])
    assert readout_features(np.array([1.0, -2.0]), s, b).tolist() == [[1.0, 0.0], [0.0, 3.0]]
    with pytest.raises(ValueError):
        readout_features(np.ones(3), s, np.ones(3))
    F = G.standard_normal((10, 2))
    with pytest.raises(ValueError):
        fit_ridge_readout(lambda sl: F[sl], np.ones(10), F, np.ones(10), [0.0])
    with pytest.raises(TypeError):
        fit_ridge_readout(None, np.ones(10), F, np.ones(10), [1.0])
    with pytest.raises(ValueError):
        fit_ridge_readout(lambda sl: F[sl], np.ones(10), F, np.ones(9), [1.0])
    x = G.standard_normal((5, 3))
    assert np.allclose(np.diag(rbf_kernel(x, x)), 1)
    with pytest.raises(ValueError):
        rbf_kernel(x, x, 0.0)
    with pytest.raises(ValueError):
        rbf_kernel(x, np.ones((2, 4)))
    with pytest.raises(ValueError):
        kernel_ridge_path(np.ones((3, 4)), np.ones(3), np.ones((2, 4)), [1.0])
    with pytest.raises(ValueError):
        kernel_ridge_path(np.eye(3), np.ones(3), np.ones((2, 3)), [-1.0])


def test_crossing_and_curves():
    assert crossing_n(np.array([1.0, 2.0]), np.array([0.05, 0.01])) == 1.0
    with pytest.raises(ValueError):
        crossing_n(np.array([1.0, 2.0]), np.array([0.0, 0.01]))
    with pytest.raises(ValueError):
        crossing_n(np.array([1.0, 2.0]), np.array([0.5]))
    with pytest.raises(ValueError):
        crossing_n(np.array([1.0, 2.0]), np.array([0.5, 0.2]), level=0.0)
    d, g = 4, np.random.default_rng(3)
    A = spread_quadratic(d, g)
    X, Xv, Xt = g.standard_normal((200, d)), g.standard_normal((50, d)), g.standard_normal((50, d))
    h = lambda Z: cubic_link(quadratic_feature(Z, A))
    V = sample_sphere(64, d, g)
    args = (V, np.ones(8), np.full(8, 0.5), g.uniform(-3, 3, 8), Xv, h(Xv), Xt, h(Xt), [1e-3])
    out = layerwise_curve(X, h(X), [100, 200], *args)
    assert len(out["mse"]) == 2 and all(math.isfinite(e) for e in out["mse"])
    with pytest.raises(ValueError):
        layerwise_curve(X, h(X), [200, 100], *args)  # not increasing
    with pytest.raises(ValueError):
        layerwise_curve(X, h(X), [400], *args)  # larger than the pool
    with pytest.raises(ValueError):
        layerwise_curve(X, h(X)[:-1], [100], *args)
    e = skip_step_curve(X, h(X), [100], V, g.standard_normal((8, 64)), np.zeros(8), Xv, h(Xv), Xt, h(Xt), [1e-3])
    assert len(e) == 1 and math.isfinite(e[0])
    with pytest.raises(ValueError):
        skip_step_curve(X, h(X), [100], V, np.ones((8, 63)), np.zeros(8), Xv, h(Xv), Xt, h(Xt), [1e-3])
