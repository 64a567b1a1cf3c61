"Tests of the information family (methods.information): closed forms, scikit-learn's KSG, invariances, bad inputs."
import math

import numpy as np
import pytest
import torch

from minirepro.methods.information import (MLPAutoencoder, encode, gaussian_mi, gaussian_pair_cov, gaussian_to_rectangles,
                                           kl_entropy, kl_mutual_information, kl_mutual_information_discrete, kl_weights,
                                           ksg_mutual_information, mi_to_correlation, neural_mi, render_rectangles,
                                           sample_gaussian_pair, train_autoencoder)


@pytest.mark.parametrize("dx,dy,mi", [(1, 1, 0.5), (3, 2, 2.0), (4, 4, 4.0)])
def test_pair_covariance_has_the_set_mi(dx, dy, mi):
    cov = gaussian_pair_cov(dx, dy, mi, np.random.default_rng(0))
    assert np.isclose(gaussian_mi(cov, dx), mi) and np.allclose(np.diag(cov), 1.0)


def test_closed_form_matches_correlation():
    rho = mi_to_correlation(1.3)
    cov = np.array([[1.0, rho], [rho, 1.0]])
    assert np.isclose(gaussian_mi(cov, 1), 1.3) and np.isclose(-0.5 * math.log(1 - rho ** 2), 1.3)


def test_kl_entropy_of_a_gaussian():
    g = np.random.default_rng(1)
    A = g.normal(size=(4, 4))
    z = g.standard_normal((4000, 4)) @ A.T
    h = 0.5 * math.log(np.linalg.det(2 * math.pi * math.e * A @ A.T))
    assert abs(kl_entropy(z, k=20) - h) < 0.06
    assert abs(kl_entropy(z, k=1, weighted=False, whiten=False) - h) < 0.12


@pytest.mark.parametrize("dim", [1, 4, 8, 12])
def test_kl_weights_satisfy_constraints(dim):
    k = 30
    w, j = kl_weights(dim, k), np.arange(1, k + 1)
    from scipy.special import gammaln
    assert np.isclose(w.sum(), 1.0)
    for l in range(1, dim // 4 + 1):
        assert abs(w @ np.exp(gammaln(j + 2 * l / dim) - gammaln(j))) < 1e-8


@pytest.mark.parametrize("mi", [0.0, 1.0, 3.0])
def test_kl_mi_recovers_gaussian_pairs(mi):
    x, y = sample_gaussian_pair(4000, 4, 4, mi, np.random.default_rng(2))
    assert abs(kl_mutual_information(x, y, k=40) - mi) < 0.2


def test_kl_mi_is_invariant_to_invertible_linear_maps():
    g = np.random.default_rng(3)
    x, y = sample_gaussian_pair(2000, 3, 3, 1.5, g)
    A = g.normal(size=(3, 3)) + 3 * np.eye(3)
    assert np.isclose(kl_mutual_information(x @ A.T, y), kl_mutual_information(x, y), atol=0.05)


def test_discrete_mi_of_separated_classes():
    g = np.random.default_rng(4)
    c = g.integers(0, 4, 4000)
    x = 10.0 * c[:, None] + g.standard_normal((4000, 2))
    assert abs(kl_mutual_information_discrete(x, c, k=10) - math.log(4)) < 0.1


@pytest.mark.parametrize("mi,k", [(0.3, 3), (1.0, 5), (2.5, 3)])
def test_ksg_agrees_with_sklearn(mi, k):
    from sklearn.feature_selection import mutual_info_regression
    x, y = sample_gaussian_pair(1200, 1, 1, mi, np.random.default_rng(5))
    ours = ksg_mutual_information(x, y, k=k)
    ref = mutual_info_regression(x, y[:, 0], n_neighbors=k, random_state=0)[0]
    assert abs(ours - ref) < 3e-3, (ours, ref)


def test_ksg_invariances():
    g = np.random.default_rng(6)
    x, y = sample_gaussian_pair(1000, 2, 2, 1.0, g)
    base = ksg_mutual_information(x, y)
    assert np.isclose(ksg_mutual_information(5.0 * x, 0.1 * y), base)  # per-coordinate scaling (standardised)
    assert np.isclose(ksg_mutual_information(y, x), base)  # symmetry
    p = g.permutation(1000)
    assert np.isclose(ksg_mutual_information(x[p], y[p]), base)  # row order


def test_ksg_closed_form_1d():
    for mi in (0.0, 2.0, 4.0):
        x, y = sample_gaussian_pair(3000, 1, 1, mi, np.random.default_rng(7))
        assert abs(ksg_mutual_information(x, y) - mi) < 0.1


def test_renderer_is_injective_and_area_preserving():
    g = np.random.default_rng(8)
    rc = gaussian_to_rectangles(g.standard_normal((300, 4)), 0.1)
    im = render_rectangles(rc, 16)
    assert np.allclose(im.sum((1, 2)), 256 * (rc[:, 1] - rc[:, 0]) * (rc[:, 3] - rc[:, 2]))
    col = im.sum(2) / (16 * (rc[:, 3] - rc[:, 2]))[:, None]  # covered length of each column
    first = np.argmax(col > 0, 1)
    assert np.allclose((first + 1 - col[np.arange(300), first]) / 16, rc[:, 0])


def test_neural_mi_vectorised_over_tasks():
    xs, ys = zip(*(sample_gaussian_pair(2000, 1, 1, m, np.random.default_rng(9)) for m in (0.0, 1.0)))
    est = neural_mi(np.stack(xs), np.stack(ys), "nwj", hidden=32, steps=300, eval_every=100, seed=0)
    assert est.shape == (2,) and abs(est[0]) < 0.15 and 0.6 < est[1] < 1.15
    one = neural_mi(xs[1], ys[1], "mine", hidden=32, steps=300, seed=0)
    assert one.shape == (1,) and 0.6 < one[0] < 1.15


def test_autoencoder_round_trip():
    x = render_rectangles(gaussian_to_rectangles(np.random.default_rng(10).standard_normal((400, 4))), 8).reshape(400, -1)
    ae = train_autoencoder(x, 4, hidden=(32,), epochs=10, batch=32, seed=0)
    assert encode(ae, x).shape == (400, 4) and math.isfinite(ae.final_loss)
    with pytest.raises(ValueError, match="x"):
        encode(ae, np.zeros((3, 5)))
    with pytest.raises(TypeError, match="ae"):
        encode(torch.nn.Linear(2, 2), x)


def test_bad_inputs_are_refused():
    g = np.random.default_rng(0)
    with pytest.raises(ValueError, match="x and y"):
        kl_mutual_information(np.ones((5, 1)) * np.arange(5)[:, None], np.ones((6, 1)))
    with pytest.raises(ValueError, match="k"):
        kl_entropy(g.normal(size=(5, 2)), k=5)
    with pytest.raises(ValueError, match="repeated"):
        kl_entropy(np.repeat(g.normal(size=(5, 2)), 2, 0), k=1, whiten=False)
    with pytest.raises(ValueError, match="singular"):
        kl_entropy(np.c_[g.normal(size=20), np.zeros(20)], k=2)
    with pytest.raises(ValueError, match="labels"):
        kl_mutual_information_discrete(g.normal(size=(10, 2)), np.zeros(9))
    with pytest.raises(ValueError, match="k"):
        kl_mutual_information_discrete(g.normal(size=(10, 2)), np.r_[np.zeros(8), np.ones(2)], k=3)
    with pytest.raises(ValueError, match="cov"):
        gaussian_mi(np.array([[1.0, 2.0], [2.0, 1.0]]), 1)
    with pytest.raises(ValueError, match="dim_x"):
        gaussian_mi(np.eye(3), 3)
    with pytest.raises(ValueError, match="mi"):
        mi_to_correlation(-0.1)
    with pytest.raises(ValueError, match="z"):
        gaussian_to_rectangles(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="coords"):
        render_rectangles(np.array([[0.5, 0.2, 0.0, 1.0]]))
    with pytest.raises(ValueError, match="objective"):
        neural_mi(g.normal(size=(20, 1)), g.normal(size=(20, 1)), "infonce")
    with pytest.raises(ValueError, match="train_frac"):
        neural_mi(g.normal(size=(20, 1)), g.normal(size=(20, 1)), train_frac=1.0)
    with pytest.raises(ValueError, match="x and y"):
        neural_mi(g.normal(size=(2, 20, 1)), g.normal(size=(3, 20, 1)))
    with pytest.raises(TypeError, match="rng"):
        sample_gaussian_pair(10, 1, 1, 1.0, rng=np.random.RandomState(0))
    with pytest.raises(TypeError, match="hidden"):
        MLPAutoencoder(4, 2, hidden=3)
    with pytest.raises(ValueError, match="x"):
        ksg_mutual_information(np.array([[np.nan], [1.0], [2.0]]), np.zeros((3, 1)))
