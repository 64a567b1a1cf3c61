"Regression tests for bad inputs to P034's module (theory.information_bottleneck_analysis_of_deep_neural)."
import numpy as np
import pytest

from minirepro.theory.information_bottleneck_analysis_of_deep_neural import (compressed_mi, fit_compressors, image_pair,
                                                                              rectangle_images)


def test_rectangle_images_shape_and_range():
    im = rectangle_images(np.random.default_rng(0).standard_normal((7, 4)), size=8)
    assert im.shape == (7, 64) and im.min() >= 0 and im.max() <= 1 + 1e-12


def test_image_pair_refuses_bad_mi():
    with pytest.raises(ValueError, match="mi"):
        image_pair(10, -1.0, np.random.default_rng(0))
    with pytest.raises(TypeError, match="mi"):
        image_pair(10, "2", np.random.default_rng(0))
    with pytest.raises(TypeError, match="rng"):
        image_pair(10, 1.0, 0)


def test_rectangle_images_refuses_wrong_width():
    with pytest.raises(ValueError, match="z"):
        rectangle_images(np.zeros((3, 5)))


def test_compressed_mi_needs_a_pair_of_compressors():
    X = rectangle_images(np.random.default_rng(1).standard_normal((50, 4)), size=8)
    with pytest.raises(TypeError, match="compressors"):
        compressed_mi(X, X, compressors=None)


def test_fit_compressors_and_estimate_run():
    g = np.random.default_rng(2)
    comp = fit_compressors(200, g, size=8, latent_dim=2, epochs=2, seed=0)
    _, _, X, Y = image_pair(200, 1.0, g, size=8)
    assert np.isfinite(compressed_mi(X, Y, comp, k=5))
    with pytest.raises(ValueError, match="n"):
        fit_compressors(1, g)


def test_fit_compressors_refuses_a_non_generator_rng():
    "Regression: a str rng reached rng.standard_normal and raised a raw AttributeError."
    with pytest.raises(TypeError, match="rng"):
        fit_compressors(6, "x")
