import numpy as np
import pytest
import torch

from minirepro.core.metrics import (accuracy, fit_line, frechet_distance, loglog_slope, mmd, sliced_wasserstein,
                                     wasserstein1)

rng = np.random.default_rng(0)
A = rng.normal(size=(400, 3))


def test_wasserstein1_known_values():
    assert wasserstein1(A, A) == pytest.approx(0, abs=1e-12)
    assert wasserstein1(A, A + [2.0, 0, 0]) == pytest.approx(2.0, abs=1e-9)  # a translation costs its length
    x, y = np.array([[0.0], [1.0]]), np.array([[0.0], [3.0]])
    assert wasserstein1(x, y) == pytest.approx(1.0)


def test_sliced_wasserstein_monotone_and_seeded():
    near, far = A + 0.1, A + 1.0
    assert sliced_wasserstein(A, near) < sliced_wasserstein(A, far)
    assert sliced_wasserstein(A, far, seed=3) == sliced_wasserstein(A, far, seed=3)
    assert sliced_wasserstein(torch.tensor(A), torch.tensor(far)) == pytest.approx(sliced_wasserstein(A, far))


def test_mmd():
    B = rng.normal(size=(400, 3))
    assert abs(mmd(A, B)) < 0.01 < mmd(A, B + 1.0)
    with pytest.raises(ValueError, match="bandwidth"):
        mmd(A, B, bandwidth=-1)


def test_frechet_closed_form():
    X = rng.normal(size=(5000, 2))
    Y = rng.normal(size=(5000, 2)) * 2 + [1, 0]
    # N(0,I) vs N((1,0), 4I): |mu|^2 + tr(I + 4I - 2*2I) = 1 + 2
    assert frechet_distance(X, Y) == pytest.approx(3.0, abs=0.15)
    assert frechet_distance(X, X) == pytest.approx(0, abs=1e-6)


def test_accuracy():
    assert accuracy(np.array([1, 0, 1]), np.array([1, 1, 1])) == pytest.approx(2 / 3)
    assert accuracy(torch.tensor([[0.1, 0.9], [0.8, 0.2]]), torch.tensor([1, 0])) == 1.0
    with pytest.raises(ValueError, match="matching length"):
        accuracy(np.array([1, 0]), np.array([1]))


def test_bad_inputs():
    with pytest.raises(ValueError, match="same dimension"):
        sliced_wasserstein(A, A[:, :2])
    with pytest.raises(ValueError, match="X must have at least 1 element"):
        wasserstein1(np.zeros((0, 2)), A[:, :2])
    with pytest.raises(ValueError, match="NaN"):
        mmd(np.array([[np.nan, 0.0], [0.0, 0.0]]), A[:, :2])


def test_fit_line_matches_polyfit():
    x = rng.normal(size=50)
    y = 3 * x - 2 + 0.1 * rng.normal(size=50)
    slope, icpt, r2 = fit_line(torch.tensor(x), y)
    assert (slope, icpt) == pytest.approx(tuple(np.polyfit(x, y, 1)), abs=1e-10)
    assert 0.99 < r2 <= 1
    with pytest.raises(ValueError, match="same length"):
        fit_line([1, 2, 3], [1, 2])


def test_loglog_slope_columns_and_errors():
    x = np.array([1.0, 10, 100, 1000])
    y = np.stack([x**-0.5, 7 * x**2], 1)  # two power laws, one per column
    assert loglog_slope(x, y) == pytest.approx([-0.5, 2.0])
    assert loglog_slope(x, y[:, 0], x_min=10) == pytest.approx(-0.5)
    assert isinstance(loglog_slope(x, y[:, 1]), float)
    with pytest.raises(ValueError, match="positive"):
        loglog_slope(x, -y)
    with pytest.raises(ValueError, match="x_min"):
        loglog_slope(x, y, x_min=1e4)
    with pytest.raises(ValueError, match=r"shape \(len\(x\)"):
        loglog_slope(x, y.T)


def test_issue_cases_refused_by_name():
    "Regression: accuracy of all-NaN scores was 1.0; a constant x gave a NaN slope."
    with pytest.raises(ValueError, match="pred must be finite"):
        accuracy(np.full((3, 2), np.nan), np.array([0, 1, 1]))
    from minirepro.core.metrics import fit_line, frechet_distance
    with pytest.raises(ValueError, match="x must not be constant"):
        fit_line(np.ones(4), np.arange(4.0))
    with pytest.raises(ValueError, match="feat_x"):
        frechet_distance(np.zeros((1, 2)), np.zeros((3, 2)))
    assert np.isfinite(frechet_distance(np.random.default_rng(0).normal(size=(20, 1)), np.random.default_rng(1).normal(size=(20, 1))))
