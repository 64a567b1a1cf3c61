"Hierarchical CNN kernels (methods.kernels): values and bad-input regression tests."
import numpy as np
import pytest
import torch

from minirepro.methods.kernels import HierCNN, deep_kernel_sphere, hier_cnn_kernel, patch_cosines


def _x(n=5, d=8, seed=0):
    return np.random.default_rng(seed).standard_normal((n, d))


def test_full_tree_on_identical_patches_is_fully_connected():
    x = np.tile(_x(d=2), 4)
    c = patch_cosines(x, x)[0]
    assert np.allclose(hier_cnn_kernel(x), deep_kernel_sphere(c, 3, kind="ntk", log_domain=False, normalize=False))


def test_all_depths_match_single_depths():
    x = _x(7, 16)
    Ks = hier_cnn_kernel(x, all_depths=True, block_rows=3)
    assert Ks.shape == (4, 7, 7)
    for k in range(1, 5):
        assert np.allclose(Ks[k - 1], hier_cnn_kernel(x, depth=k))
    assert np.allclose(hier_cnn_kernel(x, kind="nngp", all_depths=True)[-1], hier_cnn_kernel(x, kind="nngp"))


@pytest.mark.parametrize("kw, err", [
    (dict(x1=np.ones((3, 6))), ValueError),  # 6 is not a power of 2
    (dict(x1=np.ones((3, 8)), depth=4), ValueError),  # deeper than log2(8)
    (dict(x1=np.ones((3, 8)), depth=0), ValueError),
    (dict(x1=np.ones((3, 8)), kind="rbf"), ValueError),
    (dict(x1=np.ones((3, 8)), psi_prime=None), ValueError),  # the NTK needs psi'
    (dict(x1=np.ones((3, 8)), psi=lambda r: 2 * r), ValueError),  # not normalised
    (dict(x1=np.ones((3, 8)), psi="relu"), TypeError),
    (dict(x1=np.ones((3, 8)), filter_size=1), ValueError),
    (dict(x1=np.ones((3, 8)), filter_size=2.0), TypeError),
    (dict(x1=np.ones((3, 8)), x2=np.ones((3, 4))), ValueError),
    (dict(x1=np.zeros((3, 8))), ValueError),  # zero patch: no direction
    (dict(x1=np.full((3, 8), np.nan)), ValueError),
    (dict(x1=np.ones((3, 8)), block_rows=0), ValueError),
    (dict(x1=np.ones((3, 8)), all_depths=1), TypeError),
])
def test_hier_cnn_kernel_rejects_bad_input(kw, err):
    with pytest.raises(err):
        hier_cnn_kernel(**kw)


def test_patch_cosines_rejects_bad_input():
    with pytest.raises(ValueError):
        patch_cosines(np.ones((2, 5)), np.ones((2, 5)), 2)
    with pytest.raises(TypeError):
        patch_cosines(np.ones((2, 4)), np.ones((2, 4)), "2")


def test_hiercnn_shapes_and_bad_input():
    net = HierCNN(8, width=4).double()
    assert net(torch.randn(3, 8, dtype=torch.float64)).shape == (3, 1)
    assert HierCNN(8, width=4, depth=2).m == 2
    with pytest.raises(ValueError):
        HierCNN(6)
    with pytest.raises(ValueError):
        HierCNN(8, depth=5)
    with pytest.raises(TypeError):
        HierCNN(8, activation="relu")
    with pytest.raises(ValueError):
        net(torch.randn(3, 4, dtype=torch.float64))
