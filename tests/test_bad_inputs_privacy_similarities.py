"Bad-input regression tests for minirepro.privacy.efficiently_computing_similarities_to_private_datasets (P113)."
import numpy as np
import pytest
import torch

from minirepro.privacy import efficiently_computing_similarities_to_private_datasets as ps

X = torch.rand(50, 3, dtype=torch.float64)
Y = torch.rand(4, 3, dtype=torch.float64)


def test_tree_and_histogram_reject_bad_args():
    with pytest.raises(ValueError, match="eps"):
        ps.build_l1_tree(X, 0.0, 3)
    with pytest.raises(ValueError, match="eps"):
        ps.build_l1_tree(X, float("inf"), 3)  # eps -> infinity is eps=None, not inf
    with pytest.raises(ValueError, match="levels"):
        ps.build_l1_tree(X, 1.0, -1)
    with pytest.raises(ValueError, match="radius"):
        ps.build_l1_tree(X, 1.0, 3, radius=0.0)
    with pytest.raises(TypeError, match="generator"):
        ps.build_l1_tree(X, 1.0, 3, generator=0)
    with pytest.raises(TypeError, match="X"):
        ps.build_l1_tree(X.long(), 1.0, 3)
    with pytest.raises(ValueError, match="bins"):
        ps.build_l1_histogram(X, 1.0, 0)
    tree = ps.build_l1_tree(X, None, np.int64(3))
    with pytest.raises(ValueError, match="Y"):
        ps.l1_tree_query(tree, Y[:, :2])
    with pytest.raises(TypeError, match="tree"):
        ps.l1_tree_query("tree", Y)
    with pytest.raises(ValueError, match="Y"):
        ps.l1_histogram_query(ps.build_l1_histogram(X, None, 8), Y[:, :2])


def test_l1tree_validates_fields():
    with pytest.raises(TypeError, match="counts"):
        ps.L1Tree([], [], 2, 1.0)
    with pytest.raises(ValueError, match="radius"):
        ps.L1Tree([torch.zeros(3, 1)], [torch.zeros(3, 1)], 0, float("nan"))
    with pytest.raises(ValueError, match="counts"):
        ps.L1Tree([torch.zeros(3, 2)], [torch.zeros(3, 1)], 0, 1.0)


def test_exact_and_control_and_error():
    with pytest.raises(ValueError, match="columns"):
        ps.exact_l1_sums(X, Y[:, :2])
    with pytest.raises(ValueError, match="n"):
        ps.uniform_l1_answer(-1, Y)
    with pytest.raises(ValueError, match="true"):
        ps.mean_relative_error(torch.ones(3), torch.zeros(3))
    assert torch.allclose(ps.exact_l1_sums(X, Y, block=7), torch.cdist(Y, X, p=1).sum(1))


def test_classifier_rejects_bad_labels_and_trees():
    y = torch.arange(50) % 3
    with pytest.raises(ValueError, match="y"):
        ps.fit_l1_classifier(X, y + 5, 3, 1.0, 2)
    with pytest.raises(ValueError, match="n_classes"):
        ps.fit_l1_classifier(X, y, 1, 1.0, 2)
    trees = ps.fit_l1_classifier(X, y, 3, None, 2)
    with pytest.raises(TypeError, match="trees"):
        ps.predict_l1_classifier(trees[:1], Y)
    with pytest.raises(ValueError, match="share"):
        ps.predict_l1_classifier([trees[0], ps.build_l1_tree(X, None, 3)], Y)
    assert ps.predict_l1_classifier(trees, Y).shape == (4,)


def test_dpsgd_rejects_bad_args():
    y = torch.arange(50) % 3
    with pytest.raises(ValueError, match="delta"):
        ps.dpsgd_logistic(X, y, Y, y[:4], 3, 1.0, 1.5)
    with pytest.raises(ValueError, match="eps"):
        ps.dpsgd_logistic(X, y, Y, y[:4], 3, -1.0, 1e-5)
    with pytest.raises(ValueError, match="X_test"):
        ps.dpsgd_logistic(X, y, Y[:, :2], y[:4], 3, 1.0, 1e-5)


def test_gmm_box_in_unit_box():
    Z = ps.gmm_box(100, 4, generator=torch.Generator().manual_seed(0))
    assert Z.shape == (100, 4) and float(Z.min()) >= 0 and float(Z.max()) <= 1
    with pytest.raises(ValueError, match="std"):
        ps.gmm_box(10, 2, std=0.0)


def test_dpsgd_validation_split_args():
    y = torch.arange(50) % 3
    with pytest.raises(ValueError, match="X_val and y_val"):
        ps.dpsgd_logistic(X, y, Y, y[:4], 3, 1.0, 1e-5, X_val=Y)
    with pytest.raises(ValueError, match="X_val"):
        ps.dpsgd_logistic(X, y, Y, y[:4], 3, 1.0, 1e-5, X_val=Y[:, :2], y_val=y[:4])


def test_gaussian_structures_reject_bad_args_and_agree():
    with pytest.raises(ValueError, match="bandwidth"):
        ps.build_projected_kde(X, 1.0, 2, 8, 0.0)
    with pytest.raises(ValueError, match="dim"):
        ps.build_projected_kde(X, 1.0, 0, 8, 0.5)
    with pytest.raises(ValueError, match="bins"):
        ps.build_projected_kde(X, 1.0, 8, 64, 0.5)
    with pytest.raises(ValueError, match="repeats"):
        ps.build_projected_kde(X, 1.0, 2, 8, 0.5, repeats=0)
    with pytest.raises(ValueError, match="eps"):
        ps.build_rff_sketch(X, 0.0, 10, 0.5)
    with pytest.raises(ValueError, match="features"):
        ps.build_rff_sketch(X, 1.0, 0, 0.5)
    with pytest.raises(TypeError, match="S"):
        ps.projected_kde_query("S", Y)
    with pytest.raises(TypeError, match="sk"):
        ps.rff_query("sk", Y)
    S = ps.build_projected_kde(X, None, 2, 16, 0.5, generator=torch.Generator().manual_seed(0))
    assert float(S.counts.sum()) == 50.0  # no noise: every point lands in one cell
    with pytest.raises(ValueError, match="Y"):
        ps.projected_kde_query(S, Y[:, :2])
    with pytest.raises(ValueError, match="Y"):
        ps.rff_query(ps.build_rff_sketch(X, None, 10, 0.5), Y[:, :2])
    true = ps.exact_gauss_sums(X, Y, 0.5, block=7)
    assert torch.allclose(true, torch.exp(-torch.cdist(Y, X).pow(2) / 0.25).sum(1))
    assert ps.uniform_gauss_answer(3, Y, 0.5).shape == (4,)
