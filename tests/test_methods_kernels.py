"Fast tests of the kernels family (methods.kernels): closed forms, second methods and invariances."
import math

import numpy as np
import pytest
import torch

from minirepro.methods.kernels import (NTKMLP, analytic_ntk, deep_kernel_sphere, dot_product_kernel_eigenvalues,
                                       dual_activation, empirical_ntk, gaussian_random_field, harmonic_multiplicity,
                                       learning_curve_slopes, majority_vote_predict, nadaraya_watson_predict,
                                       normalized_dual, ntk_layerwise, one_nn_predict, relu_psi, relu_psi_prime,
                                       ridge_fit_predict, sample_sphere, sphere_legendre)

RHO = np.linspace(-1, 1, 21)


def test_dual_relu_and_erf_closed_forms():
    from scipy.special import erf
    th = np.arccos(RHO)
    assert np.allclose(dual_activation(lambda z: np.maximum(z, 0), RHO), (np.sin(th) + (np.pi - th) * RHO) / (2 * np.pi),
                       atol=1e-12)
    assert np.allclose(dual_activation(erf, RHO), 2 / np.pi * np.arcsin(2 * RHO / 3), atol=1e-12)
    assert dual_activation(np.tanh, RHO.reshape(3, 7)).shape == (3, 7)


def test_hermite_method_exact_for_polynomials():
    assert np.allclose(dual_activation(lambda z: z ** 3 - 3 * z, RHO, 8, "hermite"), 6 * RHO ** 3)


def test_dual_is_symmetric_psd_matrix_on_sphere():
    X = sample_sphere(12, 4, np.random.default_rng(0))
    K = dual_activation(np.tanh, np.clip(X @ X.T, -1, 1))
    assert np.allclose(K, K.T) and np.linalg.eigvalsh(K).min() > -1e-12


def test_normalized_dual_relu_matches_closed_form():
    psi, dpsi = normalized_dual(lambda z: np.maximum(z, 0), lambda z: (z > 0) * 1.0)
    assert np.allclose(psi(RHO), relu_psi(RHO), atol=1e-12) and np.allclose(dpsi(RHO), relu_psi_prime(RHO), atol=1e-12)
    assert normalized_dual(np.tanh)[1] is None


@pytest.mark.parametrize("kind", ["nngp", "ntk"])
def test_log_domain_equals_plain_at_small_depth(kind):
    p, dp = (lambda r: r ** 7 / 2 + r / 2), (lambda r: 3.5 * r ** 6 + 0.5)
    s, l = deep_kernel_sphere(RHO, 8, p, dp, kind=kind)
    assert np.allclose(s * np.exp(l), deep_kernel_sphere(RHO, 8, p, dp, kind=kind, log_domain=False), rtol=1e-10)


def test_log_domain_survives_where_plain_underflows():
    p, dp = (lambda r: np.sinh(2 * r) / np.sinh(2)), (lambda r: 2 * np.cosh(2 * r) / np.sinh(2))
    rho = np.array([0.8, 0.3, -0.3, 1.0])
    for kind in ("nngp", "ntk"):
        s, l = deep_kernel_sphere(rho, 3000, p, dp, kind=kind)
        assert np.isfinite(l).all() and l[0] > l[1] and l[3] == 0 and s[2] == -1
    plain = deep_kernel_sphere(rho, 3000, p, log_domain=False)
    assert (np.abs(plain[:3]) < 1e-300).all()  # underflowed (stuck at denormals): the order is lost


def test_relu_very_deep_is_finite():
    s, l = deep_kernel_sphere(np.array([-1.0, 0.0, 0.5]), 50_000, kind="ntk")
    assert np.isfinite(l).all() and (s == 1).all() and np.all(np.diff(l) > 0)


def test_power_psi_overflowing_log_raises():
    with pytest.raises(ValueError, match="layer"):
        deep_kernel_sphere(np.array([0.5]), 2000, lambda r: r ** 2, lambda r: 2 * r)


def test_deep_kernel_matches_analytic_ntk():
    x = torch.nn.functional.normalize(torch.randn(5, 3, generator=torch.Generator().manual_seed(1),
                                                  dtype=torch.float64), dim=1)
    th, sg = analytic_ntk(x, depth=4, activation="relu", beta=0.0)
    rho = (x @ x.T).numpy()
    assert np.allclose(deep_kernel_sphere(rho, 3, kind="ntk", log_domain=False, normalize=False) / (3 * 8), th.numpy())
    assert np.allclose(deep_kernel_sphere(rho, 3, log_domain=False, normalize=False) / (3 * 8), sg.numpy())


def test_empirical_and_layerwise_ntk_agree():
    torch.manual_seed(0)
    net = NTKMLP([3, 9, 7, 1], activation="erf").double()
    x = torch.randn(4, 3, dtype=torch.float64)
    assert torch.allclose(empirical_ntk(net, x), ntk_layerwise(net, x), atol=1e-10)


def test_ridge_and_ridgeless():
    g = np.random.default_rng(0)
    X = g.normal(size=(20, 2))
    K = np.exp(-((X[:, None] - X[None]) ** 2).sum(-1))
    y = g.normal(size=20)
    assert np.allclose(ridge_fit_predict(K, y, K), y, atol=1e-8)
    assert np.allclose(ridge_fit_predict(K, y, K[:3], 1e-11), ridge_fit_predict(K, y, K[:3]), atol=1e-4)
    P = g.normal(size=(20, 3))
    assert np.allclose(ridge_fit_predict(P @ P.T, y, P @ P.T), P @ P.T @ np.linalg.pinv(P @ P.T) @ y, atol=1e-8)


def test_local_rules():
    g = np.random.default_rng(1)
    X, Q = g.normal(size=(25, 3)), g.normal(size=(8, 3))
    y = np.sign(g.normal(size=25))
    assert np.allclose(nadaraya_watson_predict(X, y, Q, 1e5), one_nn_predict(X, y, Q))
    assert np.allclose(nadaraya_watson_predict(X, y, Q, 0.0), y.mean())
    assert np.allclose(nadaraya_watson_predict(X, y, X[:4], 3.0), y[:4])
    assert (majority_vote_predict(np.array([2, 2, 5, 5, 1]), 4) == 2).all()


def test_funk_hecke_circle_fft_and_reconstruction():
    kappa = lambda t: deep_kernel_sphere(t, 2, kind="ntk", log_domain=False, normalize=False)
    mu = dot_product_kernel_eigenvalues(kappa, 2, 16)
    th = 2 * np.pi * np.arange(2 ** 14) / 2 ** 14
    assert np.allclose(mu, np.fft.rfft(kappa(np.cos(th))).real[:17] / 2 ** 14, atol=1e-7)
    t = np.linspace(-1, 1, 7)
    mu4 = dot_product_kernel_eigenvalues(np.exp, 4, 25)
    assert np.allclose(sphere_legendre(t, 4, 25) @ (harmonic_multiplicity(4, 25) * mu4), np.exp(t), atol=1e-12)
    assert np.allclose(dot_product_kernel_eigenvalues(np.exp, 3, np.array([0, 3])),
                       dot_product_kernel_eigenvalues(np.exp, 3, 3)[[0, 3]])


def test_random_field_covariance():
    g = np.random.default_rng(2)
    X = sample_sphere(5, 3, g)
    K = relu_psi(np.clip(X @ X.T, -1, 1))
    F = gaussian_random_field(K, 50_000, g)
    assert np.abs(np.cov(F.T) - K).max() < 0.05


def test_learning_curve_slopes():
    ns = np.array([10, 20, 40, 80])
    r = learning_curve_slopes(ns, np.stack([ns ** -1.0, 2 * ns ** -1.0, 3 * ns ** -1.0]))
    assert np.allclose(r["slopes"], -1) and np.allclose(r["interval"], -1)
