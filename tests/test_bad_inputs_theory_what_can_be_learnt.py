"P112 (what_can_be_learnt_with_wide): bad-input regression tests for the paper module."
import numpy as np
import pytest

from minirepro.theory.what_can_be_learnt_with_wide import (learning_curves, permute_patches, sample_patch_inputs,
                                                           split_pairs_permutation)


def test_sample_patch_inputs():
    x = sample_patch_inputs(4, 8, np.random.default_rng(0))
    assert x.shape == (4, 8) and np.allclose(np.linalg.norm(x.reshape(4, 4, 2), axis=-1), 1)
    with pytest.raises(TypeError):
        sample_patch_inputs(4, 8, 3)  # not a Generator
    with pytest.raises(ValueError):
        sample_patch_inputs(4, 7, np.random.default_rng(0))
    with pytest.raises(ValueError):
        sample_patch_inputs(4, 8, np.random.default_rng(0), filter_size=1)


def test_permutations():
    assert split_pairs_permutation(4).tolist() == [0, 2, 1, 3]
    with pytest.raises(ValueError):
        split_pairs_permutation(5)
    x = np.arange(16.0).reshape(2, 8)
    assert permute_patches(x, np.array([1, 0, 2, 3]))[0, :4].tolist() == [2, 3, 0, 1]
    with pytest.raises(ValueError):
        permute_patches(x, np.array([0, 0, 1, 2]))
    with pytest.raises(ValueError):
        permute_patches(x, np.array([0.0, 1, 2, 3]))


def test_learning_curves_bad_input():
    K = np.eye(6) + 0.1
    Y = np.ones((6, 1))
    with pytest.raises(ValueError):
        learning_curves(K, Y, [5], 2)  # 5 + 2 > 6
    with pytest.raises(TypeError):
        learning_curves(K, Y, 3, 2)
    with pytest.raises(ValueError):
        learning_curves(K, np.ones((5, 1)), [2], 2)
    with pytest.raises(ValueError):
        learning_curves(K[:, :5], Y, [2], 2)
