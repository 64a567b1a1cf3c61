"Regression tests for argument checks of P124 (privacy.preserving_statistical_validity_in_adaptive_data)."
import math

import numpy as np
import pytest
import torch

from minirepro.privacy.preserving_statistical_validity_in_adaptive_data import (attack_max_errors, column_sums,
                                                                               laplace_scales, m_star,
                                                                               sample_attack_bits, unpack_bits)


def test_sample_bits_shape_and_checks():
    b = sample_attack_bits(10, 13, torch.Generator().manual_seed(0))
    assert b.shape == (10, 2) and b.dtype == torch.uint8
    with pytest.raises(ValueError, match="n"):
        sample_attack_bits(1, 5)
    with pytest.raises(TypeError, match="generator"):
        sample_attack_bits(10, 5, generator=np.random.default_rng(0))


def test_unpack_and_column_sums_agree():
    b = sample_attack_bits(30, 20, torch.Generator().manual_seed(1))
    assert torch.equal(column_sums(b, 20), (2 * unpack_bits(b, 20).long() - 1).sum(0))
    with pytest.raises(ValueError, match="m"):
        unpack_bits(b, 25)  # only 24 bits stored per row
    with pytest.raises(TypeError, match="uint8"):
        column_sums(b.long(), 5)


def test_attack_checks_grid_and_scales():
    g = torch.Generator().manual_seed(2)
    b = sample_attack_bits(40, 16, g)
    out = attack_max_errors(b, np.array([3, 7, 15]), torch.zeros(2, 3), g)
    assert out.shape == (2, 3) and (out >= 0).all()
    with pytest.raises(ValueError, match="ms"):
        attack_max_errors(b, np.array([7, 3]), torch.zeros(1, 2), g)
    with pytest.raises(ValueError, match="ms"):
        attack_max_errors(b, np.array([3, 17]), torch.zeros(1, 2), g)
    with pytest.raises(ValueError, match="scales"):
        attack_max_errors(b, np.array([3, 7]), -torch.ones(1, 2), g)
    with pytest.raises(ValueError, match="scales"):
        attack_max_errors(b, np.array([3, 7]), torch.zeros(1, 3), g)


def test_m_star_interpolates_and_checks():
    assert math.isclose(m_star(np.array([10, 1000]), np.array([0.1, 0.2]), 0.15), 100.0)
    with pytest.raises(ValueError, match="level"):
        m_star(np.array([10, 100]), np.array([0.1, 0.2]), 0.0)
    with pytest.raises(ValueError, match="errors"):
        m_star(np.array([10, 100]), np.array([0.1]), 0.1)


def test_laplace_scales_shrink_with_n_and_check():
    s1, s2 = laplace_scales(np.array([9]), 100, 2.0, 1e-6), laplace_scales(np.array([9]), 200, 2.0, 1e-6)
    assert math.isclose(s1[0], 2 * s2[0], rel_tol=1e-9)
    with pytest.raises(ValueError, match="ms"):
        laplace_scales(np.array([0]), 100, 2.0, 1e-6)
