"Tests of the privacy family (methods.privacy): mechanisms, accounting, zCDP, audits, argument checks."
import math

import numpy as np
import pytest
import torch

from minirepro.methods.privacy import (calibrate_laplace, clopper_pearson, compose_epsilon, dpsgd_epsilon,
                                       epsilon_lower_bound, gaussian_mechanism, gaussian_zcdp, laplace_mechanism,
                                       laplace_noise, laplace_zcdp, many_run_audit, zcdp_to_dp)


def test_laplace_noise_scale_and_reproducible():
    a = laplace_noise((50_000,), 2.0, torch.Generator().manual_seed(3))
    b = laplace_noise((50_000,), 2.0, torch.Generator().manual_seed(3))
    assert torch.equal(a, b) and abs(a.abs().mean().item() - 2.0) < 0.05


def test_mechanisms_keep_shape_and_check_args():
    x = torch.zeros(3, 4)
    assert laplace_mechanism(x, 1.0, 1.0).shape == (3, 4) and gaussian_mechanism(x, 1.0, 1.0).shape == (3, 4)
    with pytest.raises(ValueError, match="epsilon"):
        laplace_mechanism(x, 1.0, 0.0)
    with pytest.raises(ValueError, match="sensitivity"):
        gaussian_mechanism(x, -1.0, 1.0)
    with pytest.raises(TypeError, match="generator"):
        laplace_noise((3,), 1.0, generator=np.random.default_rng(0))
    with pytest.raises(TypeError, match="shape"):
        laplace_noise((3.5,), 1.0)


def test_calibration_meets_budget():
    e0 = calibrate_laplace(1.0, 1e-6, 100)
    assert compose_epsilon("laplace", e0, 100, 1e-6)[2] <= 1.0 + 1e-3
    assert e0 > 1.0 / 100  # tighter than basic composition
    with pytest.raises(ValueError, match="delta"):
        calibrate_laplace(1.0, 0.0, 10)
    with pytest.raises(ValueError, match="mechanism"):
        compose_epsilon("cauchy", 1.0, 2, 1e-6)


def test_zcdp_upper_bounds_prv():
    for k, e0 in [(5, 0.5), (400, 0.03)]:
        assert zcdp_to_dp(laplace_zcdp(e0, k), 1e-6) >= compose_epsilon("laplace", e0, k, 1e-6)[0]
    assert math.isclose(gaussian_zcdp(2.0, 8), 1.0)
    with pytest.raises(ValueError, match="rho"):
        zcdp_to_dp(-1.0, 1e-5)


def test_clopper_pearson_and_bound():
    lo, hi = clopper_pearson(5, 10)
    assert 0 < lo < 0.5 < hi < 1
    assert epsilon_lower_bound(0, 10, 0, 10) == 0.0
    with pytest.raises(ValueError, match="successes"):
        clopper_pearson(11, 10)
    with pytest.raises(ValueError, match="both"):
        epsilon_lower_bound(0, 0, 3, 3)


def test_audit_sound_and_powerful():
    run = lambda scale: (lambda on, g: on.double() + laplace_noise((len(on),), scale, g))
    ok = many_run_audit(run(1.0), 4000, generator=torch.Generator().manual_seed(0))["epsilon_lb"]
    bad = many_run_audit(run(0.05), 4000, generator=torch.Generator().manual_seed(0))["epsilon_lb"]
    assert ok <= 1.0 < bad
    with pytest.raises(ValueError, match="n_runs"):
        many_run_audit(run(1.0), 5)


def test_dpsgd_accounting():
    assert dpsgd_epsilon(2.0, 0.01, 100, 1e-5) < dpsgd_epsilon(1.0, 0.01, 100, 1e-5)
    with pytest.raises(ValueError, match="accountant"):
        dpsgd_epsilon(1.0, 0.01, 10, 1e-5, accountant="gdp2")
