"Regression tests for bad inputs to the model-zoo phase paper module (P016)."
import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.dynamics.a_model_zoo_on_phase_transitions import (
    align_average, classify_phases, count_phases, init_zoo, padding_mask, train_zoo, zoo_mode_connectivity)

SIZES = (5, 4, 3)
P = 4 * 6 + 3 * 5


def _data(n=12):
    g = torch.Generator().manual_seed(0)
    return torch.randn(n, 5, generator=g), torch.randint(0, 3, (n,), generator=g)


@pytest.mark.parametrize("sizes,exc", [((5, 4), TypeError), ("abc", TypeError), ((5, 0, 3), ValueError),
                                       ((5, 4.0, 3), TypeError), (None, TypeError), (np.array([5, 4, 3]), TypeError)])
def test_sizes_named(sizes, exc):
    with pytest.raises(exc, match="sizes"):
        padding_mask([2], sizes)
    with pytest.raises(exc, match="sizes"):
        init_zoo([2], [0], sizes)


def test_numpy_ints_accepted():
    th = init_zoo([np.int64(4), 2], [np.int64(0), 1], (np.int64(5), 4, 3))
    assert th.shape == (2, P)
    X, y = _data()
    assert train_zoo(th, np.array([4, 2]), X, y, SIZES, np.int64(4), np.int64(1)).shape == th.shape


def test_padding_is_zero_and_masked():
    th = init_zoo([4, 2, 1], [0, 1, 2], SIZES)
    m = padding_mask([4, 2, 1], SIZES)
    assert bool((th * (1 - m) == 0).all()) and m.shape == th.shape
    X, y = _data()
    trained = train_zoo(th, [4, 2, 1], X, y, SIZES, 4, 2)
    assert bool((trained * (1 - m) == 0).all())


def test_init_args_named():
    with pytest.raises(ValueError, match="widths"):
        init_zoo([5], [0], SIZES)  # wider than the padded layout
    with pytest.raises(ValueError, match="widths"):
        init_zoo([0], [0], SIZES)
    with pytest.raises(ValueError, match="widths"):
        init_zoo([], [], SIZES)
    with pytest.raises(ValueError, match="seeds"):
        init_zoo([2, 3], [0], SIZES)
    with pytest.raises(TypeError, match="seeds"):
        init_zoo([2], [0.5], SIZES)
    with pytest.raises(TypeError, match="widths"):
        init_zoo(3, [0], SIZES)


def test_train_args_named():
    th = init_zoo([4, 2], [0, 1], SIZES)
    X, y = _data()
    with pytest.raises(ValueError, match="widths"):
        train_zoo(th, [4], X, y, SIZES, 4, 1)
    with pytest.raises(ValueError, match="theta"):
        train_zoo(th[:, :-1], [4, 2], X, y, SIZES, 4, 1)
    with pytest.raises(ValueError, match="batch_size"):
        train_zoo(th, [4, 2], X, y, SIZES, 13, 1)
    with pytest.raises(ValueError, match="epochs"):
        train_zoo(th, [4, 2], X, y, SIZES, 4, 0)
    with pytest.raises(ValueError, match="lr"):
        train_zoo(th, [4, 2], X, y, SIZES, 4, 1, lr=0.0)
    with pytest.raises(ValueError, match="y"):
        train_zoo(th, [4, 2], X, y + 3, SIZES, 4, 1)  # label out of range
    with pytest.raises(ValueError, match="theta"):
        train_zoo(th * float("nan"), [4, 2], X, y, SIZES, 4, 1)
    with pytest.raises(NonFiniteError):
        train_zoo(th, [4, 2], X * 1e20, y, SIZES, 4, 3, lr=1e20)  # diverges: stops instead of returning NaN


def test_curve_and_average_args_named():
    th = init_zoo([4, 2], [0, 1], SIZES)
    X, y = _data()
    with pytest.raises(ValueError, match="theta1"):
        zoo_mode_connectivity(th, th[:1], X, y, SIZES)
    with pytest.raises(ValueError, match="theta0"):
        zoo_mode_connectivity(th[:, :-1], th[:, :-1], X, y, SIZES)
    with pytest.raises(ValueError, match="n_t"):
        zoo_mode_connectivity(th, th, X, y, SIZES, n_t=2)
    with pytest.raises(ValueError, match="steps"):
        zoo_mode_connectivity(th, th, X, y, SIZES, steps=-1)
    with pytest.raises(ValueError, match="widths"):
        align_average(th, th, [4], SIZES)
    with pytest.raises(ValueError, match="widths"):
        align_average(th, th, [4, 5], SIZES)
    with pytest.raises(ValueError, match="theta_a"):
        align_average(th[:, :-1], th[:, :-1], [4, 2], SIZES)
    with pytest.raises(ValueError, match="theta_b"):
        align_average(th, th[:1], [4, 2], SIZES)
    mc, err = zoo_mode_connectivity(th, th, X, y, SIZES, steps=0, n_t=3)
    assert torch.allclose(mc, torch.zeros(2)) and err.shape == (2, 3)  # a curve from a net to itself: no barrier


def test_phase_rule_args_named():
    with pytest.raises(ValueError, match="mc"):
        classify_phases([1.0], [0.0, 1.0], [0.5])
    with pytest.raises(ValueError, match="loss"):
        classify_phases([float("nan")], [0.0], [0.5])
    with pytest.raises(ValueError, match="mc_tol"):
        classify_phases([1.0], [0.0], [0.5], mc_tol=-0.1)
    assert count_phases(np.array(["I", "I", ""], dtype=object)) == 1
