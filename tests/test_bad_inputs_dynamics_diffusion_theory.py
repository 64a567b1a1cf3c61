"Bad-input regression tests for minirepro.dynamics.a_diffusion_theory_for_deep_learning (P152)."
import numpy as np
import pytest

from minirepro.core.checks import NonFiniteError
from minirepro.dynamics import a_diffusion_theory_for_deep_learning as d


def test_twowell_rejects_bad_landscapes():
    with pytest.raises(ValueError, match="H_a"):
        d.TwoWell(-1.0, 4.0, 0.01)
    with pytest.raises(ValueError, match="dL"):
        d.TwoWell(1.0, 4.0, float("nan"))
    with pytest.raises(TypeError, match="H_b"):
        d.TwoWell(1.0, "4", 0.01)
    with pytest.raises(ValueError, match="H_a"):
        d.TwoWell([1.0, 2.0], [4.0, 4.0, 4.0], 0.01)
    with pytest.raises(ValueError, match="H_a"):
        d.TwoWell(np.ones((2, 2)), 4.0, 0.01)
    assert d.TwoWell(np.int64(1), 4, 0.01).s[0] == pytest.approx(0.8)


def test_twowell_methods_check_theta():
    w = d.TwoWell([1.0, 2.0], 4.0, 0.01)
    with pytest.raises(ValueError, match="theta"):
        w.loss(np.zeros((3, 5)))
    with pytest.raises(ValueError, match="theta"):
        w.grad(np.array([[0.0, np.nan], [0.0, 0.0]]))
    with pytest.raises(ValueError, match="xi"):
        w.sample_grad(np.zeros((2, 5)), np.ones((3, 4)))


def test_simulate_escape_rejects_bad_args():
    w = d.TwoWell([1.0], 4.0, 0.01)
    rng = np.random.default_rng(0)
    with pytest.raises(TypeError, match="land"):
        d.simulate_escape(None, 0.05, 10, np.nan, 5, 10, rng)
    with pytest.raises(ValueError, match="eta"):
        d.simulate_escape(w, -0.05, 10, np.nan, 5, 10, rng)
    with pytest.raises(ValueError, match="batch"):
        d.simulate_escape(w, 0.05, 100, np.nan, 5, 10, rng)
    with pytest.raises(ValueError, match="sigma"):
        d.simulate_escape(w, 0.05, 10, np.inf, 5, 10, rng)
    with pytest.raises(ValueError, match="n_chains"):
        d.simulate_escape(w, 0.05, 10, np.nan, 0, 10, rng)
    with pytest.raises(TypeError, match="rng"):
        d.simulate_escape(w, 0.05, 10, np.nan, 5, 10, 0)
    t, k = d.simulate_escape(w, 0.05, np.int64(10), np.nan, np.int64(5), np.int64(10), rng)
    assert t.shape == (1, 5) and k == 10


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_simulate_escape_stops_on_divergence():
    w = d.TwoWell([1.0], 4.0, 0.01)  # white noise so large that chains thrown to the left overflow to -inf, then NaN
    with pytest.raises(NonFiniteError, match="eta"):
        d.simulate_escape(w, 1e10, 1, 1e300, 20, 10, np.random.default_rng(0))


def test_mean_escape_time_args():
    with pytest.raises(ValueError, match="horizon"):
        d.mean_escape_time(np.array([[1.0]]), 0)
    with pytest.raises(ValueError, match="t_esc"):
        d.mean_escape_time(np.array([[1.0, 20.0]]), 10)  # beyond the horizon
    with pytest.raises(ValueError, match="t_esc"):
        d.mean_escape_time(np.array([[1.0, np.inf]]), 10)
    m, f = d.mean_escape_time(np.array([[2.0, np.nan]]), 10)  # NaN = censored: a documented input
    assert m[0] == 12.0 and f[0] == 0.5


def test_escape_time_formulas_reject_bad_args_and_overflow():
    with pytest.raises(ValueError, match="s"):
        d.sgd_escape_time(1.0, 4.0, 0.01, 0.05, 10, 1.5)
    with pytest.raises(ValueError, match="H_b"):
        d.sgd_escape_time(1.0, 0.0, 0.01, 0.05, 10, 0.5)
    with pytest.raises(ValueError, match="eta"):
        d.sgd_escape_time(1.0, 4.0, 10.0, 1e-6, 60, 0.5)  # exp overflow
    with pytest.raises(ValueError, match="D"):
        d.white_noise_escape_time(1.0, 4.0, 0.01, np.array([0.01, np.nan]))
    with pytest.raises(ValueError, match="dL"):
        d.white_noise_escape_time(1.0, 4.0, 1e3, 1e-3)


def test_diffusion_escape_time_args():
    w = d.TwoWell([1.0, 2.0], 4.0, 0.01)
    with pytest.raises(ValueError, match="i"):
        d.diffusion_escape_time(w, 2, 0.05)
    with pytest.raises(ValueError, match="sigma"):
        d.diffusion_escape_time(w, 0, 0.05, sigma=0.0)
    with pytest.raises(ValueError, match="n_grid"):
        d.diffusion_escape_time(w, 0, 0.05, n_grid=2)
    assert np.isfinite(d.diffusion_escape_time(w, np.int64(1), 0.05, 10, n_grid=2001))


def test_simulate_escape_takes_one_generator_per_seed():
    w = d.TwoWell([1.0, 2.0], 4.0, 0.005)
    with pytest.raises(TypeError, match="rng"):
        d.simulate_escape(w, 0.05, 10, np.nan, 5, 10, [])
    with pytest.raises(TypeError, match="rng"):
        d.simulate_escape(w, 0.05, 10, np.nan, 5, 10, [np.random.default_rng(0), 1])
    t, k = d.simulate_escape(w, 0.05, 10, [np.nan, 0.3], 20, 2000, [np.random.default_rng(s) for s in (3, 4, 5)])
    assert t.shape == (3, 2, 20) and k <= 2000
    alone, _ = d.simulate_escape(w, 0.05, 10, [np.nan, 0.3], 20, 2000, np.random.default_rng(4))
    assert np.array_equal(alone, t[1], equal_nan=True)  # a seed's chains use only their own generator
    m, f = d.mean_escape_time(t, k)
    assert m.shape == (3, 2) and f.shape == (3, 2)
