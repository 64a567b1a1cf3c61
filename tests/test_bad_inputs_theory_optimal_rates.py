"P179 (averaged SGD in the NTK regime): bad-input regression tests and small values for the paper module."
import numpy as np
import pytest

from minirepro.theory.optimal_rates_for_averaged_stochastic_gradient import (averaged_sgd_kernel, averaged_sgd_net,
                                                                             circle_basis, circle_ntk,
                                                                             circle_ntk_spectrum,
                                                                             kernel_ridge_coefficients, net_predict,
                                                                             source_coefficients, symmetric_init)

_g = np.random.default_rng(0)


def test_values():
    assert circle_ntk(np.array([1.0, 0.0, -1.0])).tolist() == pytest.approx([0.5, 0.0, 0.0])
    m, mu = circle_ntk_spectrum(8)
    assert m.shape == (len(mu), 2) and (np.diff(mu) <= 0).all()
    assert {tuple(r) for r in m} >= {(0, 0), (1, 0), (1, 1), (2, 0), (8, 1)} and (3, 0) not in {tuple(r) for r in m}
    c = source_coefficients(mu, 0.5)
    assert np.linalg.norm(c) == pytest.approx(1.0)
    B0, a = symmetric_init(3, 8, 2, _g)
    x = _g.standard_normal((3, 5, 2))
    Ba, Bl = averaged_sgd_net(x, np.zeros((3, 5)), B0, a, 0.5, np.zeros(3))
    assert np.allclose(Ba, B0) and np.allclose(Bl, B0)  # zero labels: the net stays at zero, no gradient
    assert net_predict(B0, a, x[0]).shape == (3, 5)
    wa, wl = averaged_sgd_kernel(np.ones((2, 4, 3)), np.ones((2, 4)), 0.1, np.zeros(2))
    assert wa.shape == wl.shape == (2, 3)


@pytest.mark.parametrize("f, kw, err", [
    (circle_ntk, dict(t=np.array([1.5])), ValueError),
    (circle_ntk, dict(t="a"), TypeError),
    (circle_ntk_spectrum, dict(k_max=0), ValueError),
    (circle_ntk_spectrum, dict(k_max=2.0), TypeError),
    (circle_basis, dict(theta=np.ones(3), modes=np.array([[1, 2]])), ValueError),
    (circle_basis, dict(theta=np.ones(3), modes=np.array([[-1, 0]])), ValueError),
    (circle_basis, dict(theta=np.ones((3, 1)), modes=np.array([[1, 0]])), ValueError),
    (source_coefficients, dict(mu=np.array([1.0, -0.1]), r=0.5), ValueError),
    (source_coefficients, dict(mu=np.array([1.0, 0.1]), r=0.0), ValueError),
    (source_coefficients, dict(mu=np.array([1.0, 0.1]), r=0.5, decay=0.5), ValueError),
    (symmetric_init, dict(n_problems=1, width=3, dim=2, rng=_g), ValueError),
    (symmetric_init, dict(n_problems=1, width=4, dim=2, rng=0), TypeError),
    (net_predict, dict(B=np.ones((1, 4, 2)), a=np.ones(3), x=np.ones((2, 2))), ValueError),
    (net_predict, dict(B=np.ones((1, 4, 2)), a=np.ones(4), x=np.ones((2, 3))), ValueError),
    (averaged_sgd_net, dict(x=np.ones((1, 3, 2)), y=np.ones((1, 4)), B0=np.ones((1, 4, 2)), a=np.ones(4), eta=0.1,
                            lam=np.zeros(1)), ValueError),
    (averaged_sgd_net, dict(x=np.ones((1, 3, 2)), y=np.ones((1, 3)), B0=np.ones((2, 4, 2)), a=np.ones(4), eta=0.1,
                            lam=np.zeros(1)), ValueError),
    (averaged_sgd_net, dict(x=np.ones((1, 3, 2)), y=np.ones((1, 3)), B0=np.ones((1, 4, 2)), a=np.ones(4), eta=0.0,
                            lam=np.zeros(1)), ValueError),
    (averaged_sgd_net, dict(x=np.ones((1, 3, 2)), y=np.ones((1, 3)), B0=np.ones((1, 4, 2)), a=np.ones(4), eta=0.1,
                            lam=-np.ones(1)), ValueError),
    (averaged_sgd_net, dict(x=np.ones((1, 3, 2)), y=np.full((1, 3), np.nan), B0=np.ones((1, 4, 2)), a=np.ones(4),
                            eta=0.1, lam=np.zeros(1)), ValueError),
    (averaged_sgd_kernel, dict(psi=np.ones((1, 3, 2)), y=np.ones((1, 2)), eta=0.1, lam=np.zeros(1)), ValueError),
    (averaged_sgd_kernel, dict(psi=np.ones((1, 3, 2)), y=np.ones((1, 3)), eta=-1.0, lam=np.zeros(1)), ValueError),
    (averaged_sgd_kernel, dict(psi=np.ones((1, 300, 2)), y=np.ones((1, 300)), eta=1e3, lam=np.zeros(1)), ValueError),
    (kernel_ridge_coefficients, dict(psi=np.ones((3, 2)), y=np.ones(4), ridges=[1e-3]), ValueError),
    (kernel_ridge_coefficients, dict(psi=np.ones((3, 2)), y=np.ones(3), ridges=[0.0]), ValueError),
    (kernel_ridge_coefficients, dict(psi=np.ones((3, 2)), y=np.ones(3), ridges=[]), TypeError),
])
def test_bad_inputs(f, kw, err):
    with pytest.raises(err):
        f(**kw)
