"""Bad-input regression tests for P039 (theory.wide_and_deep_neural_networks_achieve)."""
import numpy as np
import pytest

from minirepro.theory.wide_and_deep_neural_networks_achieve import (DeepKernelTable, deep_net_fit, deep_net_predict,
                                                                    dirichlet_bayes_predict, dirichlet_sphere_data,
                                                                    hermite_activation, polynomial_dual, sinh_activation,
                                                                    sinh_dual)

AP, AN = np.array([1.0, 2.0]), np.array([2.0, 1.0])
PSI7 = polynomial_dual([0, 0.5, 0, 0, 0, 0, 0, 0.5])[0]


@pytest.mark.parametrize("kw, err", [(dict(n=0), ValueError), (dict(n=2.0), TypeError), (dict(prior=1.0), ValueError),
                                     (dict(prior=float("nan")), ValueError), (dict(alpha_pos=[1.0, -1.0]), ValueError),
                                     (dict(alpha_pos=[1.0]), ValueError), (dict(alpha_neg=[1.0, 1.0, 1.0]), ValueError),
                                     (dict(generator=0), TypeError), (dict(alpha_pos="ab"), TypeError)])
def test_dirichlet_sphere_data_rejects(kw, err):
    args = dict(n=5, alpha_pos=AP, alpha_neg=AN, prior=0.4, generator=np.random.default_rng(0)) | kw
    with pytest.raises(err):
        dirichlet_sphere_data(**args)


def test_dirichlet_data_and_bayes():
    X, y, S = dirichlet_sphere_data(500, AP, AN, 0.4, np.random.default_rng(0))
    assert X.shape == (500, 2) and np.allclose(np.linalg.norm(X, axis=1), 1) and set(np.unique(y)) <= {-1.0, 1.0}
    assert (dirichlet_bayes_predict(S, AP, AN, 0.4) == np.where(S[:, 0] < 0.4, 1.0, -1.0)).all()
    with pytest.raises(ValueError):
        dirichlet_bayes_predict(np.array([[0.5, 0.6]]), AP, AN, 0.4)  # not on the simplex
    with pytest.raises(ValueError):
        dirichlet_bayes_predict(np.array([[0.2, 0.3, 0.5]]), AP, AN, 0.4)  # wrong dimension
    with pytest.raises(ValueError):
        dirichlet_bayes_predict(S, AP, AN, 0.0)


@pytest.mark.parametrize("coeffs", [[0.5, 0.6], [-0.1, 1.1], [np.nan, 1.0]])
def test_duals_reject_unnormalised(coeffs):
    with pytest.raises(ValueError):
        polynomial_dual(coeffs)
    with pytest.raises(ValueError):
        hermite_activation(coeffs)


@pytest.mark.parametrize("a, err", [(0.0, ValueError), (-1.0, ValueError), (1000.0, ValueError), ("1", TypeError),
                                    (float("inf"), ValueError)])
def test_sinh_rejects(a, err):
    with pytest.raises(err):
        sinh_dual(a)
    with pytest.raises(err):
        sinh_activation(a)


@pytest.mark.parametrize("kw, err", [(dict(depth=0), ValueError), (dict(depth=1.0), TypeError),
                                     (dict(kind="gp"), ValueError), (dict(n_grid=3), ValueError),
                                     (dict(u_min=0.0), ValueError), (dict(psi=3), TypeError),
                                     (dict(log_domain=1), TypeError), (dict(kind="ntk", psi_prime=None), ValueError)])
def test_table_rejects(kw, err):
    args = dict(psi=PSI7, depth=3) | kw
    with pytest.raises(err):
        DeepKernelTable(**args)


def test_table_rejects_negative_kernel_and_bad_rho():
    with pytest.raises(ValueError):
        DeepKernelTable(lambda r: 2 * np.asarray(r) ** 2 - 1, 1)  # psi(1) = 1 but negative near 0
    t = DeepKernelTable(PSI7, 3)
    for bad in ([-0.5], [1.5], [np.nan]):
        with pytest.raises(ValueError):
            t(np.array(bad))
    with pytest.raises(TypeError):
        t("0.5")
    assert t(np.array([1.0]))[0] == 0.0 and t(np.array([0.0]))[0] == -np.inf


def test_net_rejects():
    X, y, _ = dirichlet_sphere_data(20, AP, AN, 0.4, np.random.default_rng(0))
    t = DeepKernelTable(PSI7, 3)
    with pytest.raises(ValueError):
        deep_net_fit(t, 2 * X, y)  # not on the sphere
    with pytest.raises(ValueError):
        deep_net_fit(t, X, y[:-1])
    with pytest.raises(TypeError):
        deep_net_fit("table", X, y)
    coef = deep_net_fit(t, X, y)
    with pytest.raises(ValueError):
        deep_net_predict(t, X, coef[:-1], X)
    with pytest.raises(ValueError):
        deep_net_predict(t, X, coef, X[:, :1] / np.abs(X[:, :1]))
    with pytest.raises(ValueError):
        deep_net_predict(t, X, coef, X, chunk=0)
    f, M = deep_net_predict(t, X, coef, X)
    assert (np.sign(f) == y).all() and np.isfinite(M).all()  # the interpolant fits its training labels
