"Bad-input regression tests for minirepro.equivariance.frame_averaging_for_invariant_and_equivariant (P132)."
import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.equivariance import frame_averaging_for_invariant_and_equivariant as fa


def _data(n=4, N=5):
    g = torch.Generator().manual_seed(0)
    return {"loc": torch.randn(n, N, 3, generator=g), "vel": torch.randn(n, N, 3, generator=g),
            "charges": torch.ones(n, N, 1), "loc_end": torch.randn(n, N, 3, generator=g)}


@pytest.mark.parametrize("pos,exc", [(torch.randn(5, 3), ValueError), (torch.randn(2, 3, 4), ValueError),
                                     (torch.full((2, 4, 3), float("nan")), ValueError),
                                     (torch.ones(2, 4, 3, dtype=torch.int64), TypeError),
                                     (np.zeros((2, 4, 3)), TypeError)])
def test_pca_frames_rejects_bad_pos(pos, exc):
    with pytest.raises(exc, match="pos"):
        fa.pca_frames(pos)


def test_pca_frames_rejects_bad_group_and_overflow():
    with pytest.raises(ValueError, match="group"):
        fa.pca_frames(torch.randn(2, 4, 3), group="E2")
    with pytest.raises(ValueError, match="pos"):
        fa.pca_frames(torch.full((1, 4, 3), 1e30) * torch.randn(1, 4, 3))


def test_frame_averaging_rejects_bad_args():
    with pytest.raises(TypeError, match="backbone"):
        fa.FrameAveraging(None)
    with pytest.raises(ValueError, match="output"):
        fa.FrameAveraging(fa.MPNN(8, 1), output="scalar")
    m = fa.FrameAveraging(fa.MPNN(8, 1))
    with pytest.raises(ValueError, match="vel"):
        m(torch.randn(2, 5, 3), torch.randn(2, 4, 3), torch.ones(2, 5, 1))


@pytest.mark.parametrize("kw,exc,name", [({"n_traj": 0}, ValueError, "n_traj"), ({"n_traj": 2.5}, TypeError, "n_traj"),
                                         ({"n_traj": 2, "n_balls": 1}, ValueError, "n_balls"),
                                         ({"n_traj": 2, "frame_in": 4, "frame_out": 4}, ValueError, "frame_in"),
                                         ({"n_traj": 2, "dt": float("nan")}, ValueError, "dt"),
                                         ({"n_traj": 2, "sample_freq": 0}, ValueError, "sample_freq")])
def test_simulate_charged_rejects_bad_args(kw, exc, name):
    with pytest.raises(exc, match=name):
        fa.simulate_charged(**kw)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_simulate_charged_accepts_numpy_ints_and_stops_on_blow_up():
    out = fa.simulate_charged(np.int64(2), frame_in=np.int64(0), frame_out=np.int64(1), sample_freq=np.int64(5))
    assert out["loc"].shape == (2, 5, 3)
    with pytest.raises(NonFiniteError, match="dt"):
        fa.simulate_charged(2, frame_in=0, frame_out=3, sample_freq=5, dt=1e200)


@pytest.mark.parametrize("cls", [fa.MPNN, fa.EGNN])
def test_gnn_constructors_reject_non_integer_sizes(cls):
    with pytest.raises(TypeError, match="hidden"):
        cls(hidden=2.5)
    with pytest.raises(ValueError, match="n_layers"):
        cls(n_layers=0)


def test_mpnn_in_dim_must_be_int():
    with pytest.raises(TypeError, match="in_dim"):
        fa.MPNN(in_dim=2.5)


def test_gnn_forward_rejects_bad_charges_and_missing_vel():
    with pytest.raises(ValueError, match="charges"):
        fa.MPNN(8, 1)(torch.randn(2, 5, 3), None, torch.ones(2, 4, 1))
    with pytest.raises(ValueError, match="vel"):
        fa.EGNN(8, 1)(torch.randn(2, 5, 3), None, torch.ones(2, 5, 1))


def test_random_orthogonal_rejects_bad_args():
    with pytest.raises(ValueError, match="n"):
        fa.random_orthogonal(0)
    with pytest.raises(TypeError, match="dtype"):
        fa.random_orthogonal(2, dtype=torch.int64)
    with pytest.raises(TypeError, match="generator"):
        fa.random_orthogonal(2, generator=3)
    assert fa.random_orthogonal(np.int64(2)).shape == (2, 3, 3)


def test_train_nbody_and_mse_reject_bad_data():
    m = fa.MPNN(8, 1)
    with pytest.raises(TypeError, match="model"):
        fa.train_nbody(3, _data())
    with pytest.raises(TypeError, match="data"):
        fa.train_nbody(m, torch.randn(5, 3))
    with pytest.raises(ValueError, match="data"):
        fa.train_nbody(m, {"loc": torch.randn(4, 5, 3)})
    bad = _data()
    bad["vel"][0, 0, 0] = float("nan")
    with pytest.raises(ValueError, match="vel"):
        fa.train_nbody(m, bad)
    with pytest.raises(ValueError, match="batch_size"):
        fa.train_nbody(m, _data(), batch_size=10)
    with pytest.raises(ValueError, match="lr"):
        fa.train_nbody(m, _data(), batch_size=2, lr=-1.0)
    with pytest.raises(ValueError, match="Q"):
        fa.nbody_mse(m, _data(), Q=torch.eye(3).expand(3, 3, 3))
    assert np.isfinite(fa.nbody_mse(m, _data(), batch_size=np.int64(2)))
