import numpy as np
import pytest
import torch

from minirepro.core.data import TABLES, TOY2D, GaussianMixture, load_digits_images, load_table, random_gmm, sample_toy
from minirepro.methods.diffusion import VESDE, VPSDE


@pytest.mark.parametrize("name", list(TABLES))
def test_tables_fixed_split(name):
    a, b = load_table(name, seed=1), load_table(name, seed=1)
    assert np.array_equal(a.X_train, b.X_train) and np.array_equal(a.y_test, b.y_test)
    assert len(a.X_train) + len(a.X_test) == {"iris": 150, "wine": 178, "breast_cancer": 569, "digits": 1797, "diabetes": 442}[name]
    assert a.X_train.dtype == np.float32 and a.task == TABLES[name]
    if name != "digits":
        assert np.allclose(a.X_train.mean(0), 0, atol=1e-4)  # standardised with training statistics
    assert not np.array_equal(load_table(name, seed=2).X_train, a.X_train)


def test_digits_images():
    Xtr, Xte, ytr, yte = load_digits_images()
    assert Xtr.shape[1:] == (1, 8, 8) and 0 <= Xtr.min() and Xtr.max() <= 1 and len(Xtr) == len(ytr)


def test_table_bad_input():
    with pytest.raises(ValueError, match="name must be one of"):
        load_table("mnist")
    with pytest.raises(ValueError, match="test_size"):
        load_table("iris", test_size=1.5)


@pytest.mark.parametrize("name", TOY2D)
def test_toy2d(name):
    x = sample_toy(name, 500, seed=3)
    assert x.shape == (500, 2) and x.dtype == np.float32 and np.isfinite(x).all()
    assert np.array_equal(x, sample_toy(name, 500, seed=3)) and np.abs(x).max() < 6


def test_toy_bad_input():
    with pytest.raises(ValueError, match="name must be one of"):
        sample_toy("swissroll", 10)
    with pytest.raises(ValueError, match="n must be"):
        sample_toy("moons", 0)


def test_gmm_score_matches_autograd_per_sample_time():
    gm = random_gmm(4, 3, seed=0)
    x = gm.sample(64, seed=1).requires_grad_(True)
    for sde in (VPSDE(), VESDE()):
        t = torch.rand(64, dtype=torch.float64) * 0.9 + 0.05
        a, s = sde.marginal(t)
        auto = torch.autograd.grad(gm.log_prob(x, a, s).sum(), x)[0]
        assert torch.allclose(auto, gm.score_fn(sde)(x.detach(), t), atol=1e-8)


def test_gmm_noised_marginal_matches_simulation():
    """Noising exact samples gives the mixture with means alpha*mu and covariances alpha^2 Sigma + sigma^2 I."""
    gm = GaussianMixture([0.3, 0.7], [[-2.0, 0.0], [2.0, 1.0]], [np.eye(2) * 0.1, np.diag([0.2, 0.05])])
    a, s = 0.6, 0.5
    x = a * gm.sample(200_000, seed=0) + s * torch.randn(200_000, 2, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    y = gm.sample(200_000, seed=2)
    # the average log density of noised samples under the exact noised marginal ~ its negative entropy
    assert abs(gm.log_prob(x, a, s).mean() - gm.log_prob(a * y + s * torch.randn_like(y), a, s).mean()) < 0.02
    assert torch.allclose(x.mean(0), a * (gm.weights @ gm.means), atol=0.01)


def test_gmm_bad_input():
    with pytest.raises(ValueError, match="means must have 2 dimension"):
        GaussianMixture([1.0], [0.0, 1.0])
    with pytest.raises(ValueError, match="weights"):
        GaussianMixture([0.5, 0.2], [[0.0], [1.0]])
    with pytest.raises(ValueError, match="covs must have shape"):
        GaussianMixture([1.0], [[0.0, 0.0]], np.eye(3)[None])
    with pytest.raises(ValueError, match="positive definite"):
        GaussianMixture([1.0], [[0.0, 0.0]], -np.eye(2)[None])
    with pytest.raises(ValueError, match="dim"):
        random_gmm(0, 2)
