"""Regression tests for the bad-input cases of the diffusion family (methods.diffusion, P010, P005, P002)."""
import time

import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.core.data import GaussianMixture
from minirepro.generative.diffusion_models_with_location_scale_noise import (BatchedMLP, LocationScaleNoise,
                                                                             compare_to_gaussian, sample_reverse)
from minirepro.generative.generating_and_imputing_tabular_data_via import ForestGenerator, TabularTransform, mcar_mask
from minirepro.generative.gotta_go_fast_when_generating_data import adaptive_sample, em_nfe_to_match, next_step
from minirepro.methods.diffusion import VESDE, VPSDE, euler_maruyama, improved_euler


def _score():
    gm = GaussianMixture([1.0], [[1.5, -0.5]], (0.3**2 * torch.eye(2, dtype=torch.float64))[None])
    return gm.score_fn(VPSDE())


def test_vp_marginal_refuses_a_negative_time():
    with pytest.raises(ValueError, match=r"\bt\b"):
        VPSDE().marginal(-1)
    with pytest.raises(ValueError, match=r"\bt\b"):
        VESDE().marginal(torch.tensor([-0.1, 0.5]))
    with pytest.raises(ValueError, match=r"\bt\b"):
        VPSDE().diffusion(2.0)


def test_adaptive_sample_with_a_nan_start_raises_quickly():
    x_T = torch.full((8, 2), float("nan"), dtype=torch.float64)
    t0 = time.perf_counter()
    with pytest.raises(ValueError, match="x_T"):
        adaptive_sample(_score(), VPSDE(), x_T)
    assert time.perf_counter() - t0 < 2.0


def test_adaptive_sample_stops_on_a_nan_state():
    t0 = time.perf_counter()
    with pytest.raises(NonFiniteError):
        adaptive_sample(lambda x, t: x * float("nan"), VPSDE(), torch.ones(8, 2, dtype=torch.float64))
    assert time.perf_counter() - t0 < 2.0


def test_forest_generator_checks_label_length_before_masking():
    X = np.random.default_rng(0).normal(size=(40, 3))
    y = np.arange(40) % 2
    with pytest.raises(ValueError, match="label"):
        ForestGenerator("flow", n_t=3, duplicate_K=2, n_estimators=2).fit(X, y[:10])


def test_euler_maruyama_accepts_numpy_integer_steps():
    x_T = VPSDE().prior_sample((16, 2), generator=torch.Generator().manual_seed(0)).double()
    r = euler_maruyama(_score(), VPSDE(), x_T, n_steps=np.int64(10), generator=torch.Generator().manual_seed(0))
    assert r.nfe == 11 and torch.isfinite(r.x).all()
    assert improved_euler(_score(), VPSDE(), x_T, n_steps=np.int32(2)).nfe == 5
    with pytest.raises(ValueError, match="n_steps"):
        euler_maruyama(_score(), VPSDE(), x_T, n_steps=np.int64(0))
    with pytest.raises(TypeError, match="n_steps"):
        euler_maruyama(_score(), VPSDE(), x_T, n_steps=10.0)


def test_more_named_errors():
    with pytest.raises(ValueError, match="target_sw"):
        em_nfe_to_match([dict(nfe=10, sw=0.5)], float("nan"))
    with pytest.raises(ValueError, match="err"):
        next_step(torch.tensor([0.1]), torch.tensor([-1.0]), torch.tensor([0.5]), 1e-3)
    with pytest.raises(ValueError, match="nu"):
        LocationScaleNoise("student_t", nu=2.0)
    with pytest.raises(ValueError, match="dist"):
        compare_to_gaussian({"gaussian": [1.0, float("nan")], "laplace": [1.0, 2.0]})
    m = BatchedMLP(2, 2, width=4, depth=1)
    with pytest.raises(ValueError, match="noises"):
        sample_reverse(m, [LocationScaleNoise("gaussian")], 4, VPSDE())
    with pytest.raises(ValueError, match="p"):
        mcar_mask((4, 3), 1.5)
    with pytest.raises(TypeError, match="cat_indexes"):
        TabularTransform(cat_indexes="ab")
    with pytest.raises(ValueError, match="X"):
        TabularTransform().fit(np.array([[1.0, np.inf], [0.0, 1.0]]))
