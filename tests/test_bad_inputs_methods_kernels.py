"Regression tests for bad inputs to the kernels family (methods.kernels)."
import numpy as np
import pytest
import torch

from minirepro.methods.kernels import (NTKMLP, analytic_ntk, deep_kernel_sphere, dot_product_kernel_eigenvalues,
                                       dual_activation, gaussian_random_field, harmonic_multiplicity,
                                       kernel_gd_predict, learning_curve_slopes, majority_vote_predict,
                                       nadaraya_watson_predict, normalized_dual, one_nn_predict, relu_psi,
                                       ridge_fit_predict, sample_sphere, sphere_legendre)

G = np.random.default_rng(0)


@pytest.mark.parametrize("rho", [np.array([1.5]), np.array([-1.01, 0.0])])
def test_correlation_outside_unit_interval(rho):
    with pytest.raises(ValueError, match="rho"):
        dual_activation(np.tanh, rho)
    with pytest.raises(ValueError, match="rho"):
        deep_kernel_sphere(rho, 2)


def test_nan_correlation():
    with pytest.raises(ValueError, match="rho"):
        relu_psi(np.array([0.1, np.nan]))


def test_sigma_returning_wrong_shape_or_nan():
    with pytest.raises(ValueError, match="sigma"):
        dual_activation(lambda z: np.zeros(3), np.array([0.2, 0.4]))
    with pytest.raises(ValueError, match="sigma"):
        dual_activation(lambda z: z / 0.0, np.array([0.2]))
    with pytest.raises(TypeError, match="sigma"):
        dual_activation("relu", np.array([0.2]))


def test_quadrature_arguments():
    with pytest.raises(ValueError, match="n_nodes"):
        dual_activation(np.tanh, np.array([0.2]), n_nodes=1)
    with pytest.raises(ValueError, match="method"):
        dual_activation(np.tanh, np.array([0.2]), method="simpson")
    with pytest.raises(ValueError, match="sigma"):
        normalized_dual(lambda z: 0 * z)


def test_psi_not_normalised_or_not_a_map_of_the_interval():
    with pytest.raises(ValueError, match="psi"):
        deep_kernel_sphere(np.array([0.3]), 3, psi=lambda r: 2 * r)
    with pytest.raises(ValueError, match="psi"):
        deep_kernel_sphere(np.array([0.3]), 3, psi=lambda r: r ** 2 + 0.5 * (1 - r) * 4)


def test_ntk_needs_psi_prime_and_kind_checked():
    with pytest.raises(ValueError, match="psi_prime"):
        deep_kernel_sphere(np.array([0.3]), 3, psi=lambda r: r, psi_prime=None, kind="ntk")
    with pytest.raises(ValueError, match="kind"):
        deep_kernel_sphere(np.array([0.3]), 3, kind="cntk")
    with pytest.raises(ValueError, match="depth"):
        deep_kernel_sphere(np.array([0.3]), -1)
    with pytest.raises(TypeError, match="log_domain"):
        deep_kernel_sphere(np.array([0.3]), 1, log_domain="yes")


def test_ridge_bad_kernels():
    K = np.eye(3)
    with pytest.raises(ValueError, match="K_train"):
        ridge_fit_predict(np.array([[1.0, 2.0], [0.0, 1.0]]), np.ones(2), np.ones((1, 2)))
    with pytest.raises(ValueError, match="K_train"):
        ridge_fit_predict(np.ones((2, 3)), np.ones(2), np.ones((1, 3)))
    with pytest.raises(ValueError, match="y"):
        ridge_fit_predict(K, np.ones(4), np.ones((1, 3)))
    with pytest.raises(ValueError, match="K_test_train"):
        ridge_fit_predict(K, np.ones(3), np.ones((1, 2)))
    with pytest.raises(ValueError, match="ridge"):
        ridge_fit_predict(K, np.ones(3), np.ones((1, 3)), ridge=-1.0)
    with pytest.raises(ValueError, match="K_train"):
        ridge_fit_predict(np.full((2, 2), np.nan), np.ones(2), np.ones((1, 2)))


def test_zero_kernel_ridgeless_gives_zero():
    assert np.allclose(ridge_fit_predict(np.zeros((3, 3)), np.ones(3), np.ones((2, 3))), 0)


def test_local_rules_shapes():
    X = G.normal(size=(5, 2))
    with pytest.raises(ValueError, match="x_test"):
        one_nn_predict(X, np.ones(5), np.ones((2, 3)))
    with pytest.raises(ValueError, match="y_train"):
        nadaraya_watson_predict(X, np.ones(4), np.ones((2, 2)), 2.0)
    with pytest.raises(ValueError, match="alpha"):
        nadaraya_watson_predict(X, np.ones(5), np.ones((2, 2)), -1.0)
    with pytest.raises(ValueError, match="n_test"):
        majority_vote_predict(np.ones(3), -1)
    assert one_nn_predict(X, np.ones(5), np.ones((0, 2))).shape == (0,)


def test_sphere_and_spectra_arguments():
    with pytest.raises(TypeError, match="generator"):
        sample_sphere(3, 2, 0)
    with pytest.raises(ValueError, match="d"):
        sample_sphere(3, 1, G)
    with pytest.raises(ValueError, match="degrees"):
        dot_product_kernel_eigenvalues(np.exp, 3, np.array([1.5]))
    with pytest.raises(ValueError, match="degrees"):
        harmonic_multiplicity(3, np.array([-1]))
    with pytest.raises(ValueError, match="kappa"):
        dot_product_kernel_eigenvalues(lambda t: np.log(t), 3, 2)
    with pytest.raises(ValueError, match="t"):
        sphere_legendre(np.array([2.0]), 3, 2)


def test_random_field_rejects_indefinite_or_asymmetric():
    with pytest.raises(ValueError, match="K"):
        gaussian_random_field(np.diag([1.0, -1.0]), 2, G)
    with pytest.raises(ValueError, match="K"):
        gaussian_random_field(np.array([[1.0, 0.5], [0.0, 1.0]]), 2, G)
    with pytest.raises(TypeError, match="generator"):
        gaussian_random_field(np.eye(2), 2, torch.Generator())


def test_learning_curve_slopes_arguments():
    with pytest.raises(ValueError, match="errors"):
        learning_curve_slopes(np.array([1, 2, 4]), np.ones((2, 2)))
    with pytest.raises(ValueError, match="positive"):
        learning_curve_slopes(np.array([1, 2]), np.array([[1.0, 0.0]]))
    with pytest.raises(ValueError, match="ns"):
        learning_curve_slopes(np.array([2, 2]), np.ones((1, 2)))
    with pytest.raises(ValueError, match="n_min"):
        learning_curve_slopes(np.array([1, 2, 4]), np.ones((1, 3)), n_min=3)


def test_ntk_functions_refuse_bad_arguments():
    with pytest.raises(ValueError, match="activation"):
        NTKMLP([3, 4, 1], activation="tanh")
    with pytest.raises(ValueError, match="depth"):
        analytic_ntk(torch.randn(3, 2), depth=0)
    K = torch.eye(3, dtype=torch.float64)
    with pytest.raises(ValueError, match="lr"):
        kernel_gd_predict(K, K, torch.ones(3, dtype=torch.float64), torch.zeros(3, dtype=torch.float64),
                          torch.zeros(3, dtype=torch.float64), -1.0, 3)
