"Bad-input regression tests for minirepro.privacy.generating_private_synthetic_data_with_genetic (P125)."
import numpy as np
import pytest

from minirepro.privacy import generating_private_synthetic_data_with_genetic as g

W = g.threshold_workload(3, 4, 4, seed=0)
X = np.random.default_rng(0).uniform(size=(20, 3))


def test_tables_and_workloads_reject_bad_args():
    with pytest.raises(ValueError, match="name"):
        g.load_unit_table("iris")
    with pytest.raises(ValueError, match="n_cols"):
        g.load_unit_table("wine", n_cols=0)
    with pytest.raises(ValueError, match="d"):
        g.threshold_workload(1)
    with pytest.raises(ValueError, match="n_halfspace"):
        g.threshold_workload(3, 0, 0)
    with pytest.raises(TypeError, match="workload"):
        g.threshold_row_values(X, {"theta": 1})
    with pytest.raises(ValueError, match="workload"):
        g.threshold_row_values(X[:, :2], W)
    with pytest.raises(ValueError, match="C"):
        g.marginal_row_values(np.full((5, 3), 4), 4)
    with pytest.raises(ValueError, match="bins"):
        g.discretize(X, 1)
    assert g.threshold_row_values(X, W).shape == (20, 8)
    assert g.load_unit_table("mixed", n_cols=np.int64(6), n_rows=50).shape == (50, 6)


def test_mechanism_and_fitters_reject_bad_args():
    t = g.threshold_row_values(X, W).mean(0)
    with pytest.raises(ValueError, match="rho"):
        g.measure(t, 1.0, 0.0)
    with pytest.raises(ValueError, match="sensitivity"):
        g.measure(t, -1.0, 0.5)
    with pytest.raises(ValueError, match="answers"):
        g.measure(np.full(3, np.nan), 1.0, 0.5)
    rv = lambda Z: g.threshold_row_values(Z, W)
    with pytest.raises(TypeError, match="row_values"):
        g.private_gsd(t, 3, [0, 0, 0])
    with pytest.raises(TypeError, match="domain"):
        g.private_gsd(t, rv, [0.5, 0, 0])
    with pytest.raises(ValueError, match="target"):
        g.private_gsd(t[:3], rv, [0, 0, 0], generations=1)
    with pytest.raises(ValueError, match="n_syn"):
        g.private_gsd(t, rv, [0, 0, 0], n_syn=1)
    with pytest.raises(ValueError, match="target"):
        g.rap_pp(t[:3], W)
    with pytest.raises(ValueError, match="taus"):
        g.rap_pp(t, W, taus=(-1.0,))
    with pytest.raises(ValueError, match="lrs"):
        g.rap_pp(t, W, lrs=())
    with pytest.raises(ValueError, match="target"):
        g.rap_marginals(np.zeros(5), 3, 2)
    with pytest.raises(ValueError, match="domain"):
        g.independent_synthetic(X, [0, 0], 0.5)
    best, trace = g.private_gsd(t, rv, [0, 0, 0], n_syn=10, generations=50, seed=np.int64(1))
    assert best.shape == (10, 3) and np.all(np.diff(trace) <= 1e-12)
    assert g.independent_synthetic(X, [0, 0, 0], 0.5, n_syn=7).shape == (7, 3)
