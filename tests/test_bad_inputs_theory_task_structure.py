"Bad-input regression tests for P065 (theory.task_structure_and_nonlinearity_jointly_determine)."
import numpy as np
import pytest

from minirepro.theory.task_structure_and_nonlinearity_jointly_determine import geometry, make_task, train_one_hidden

X, Y, Z = make_task(0.5, n_per=4, seed=0)


def test_make_task_refuses_bad_parameters():
    with pytest.raises(ValueError, match="alignment"):
        make_task(1.5)
    with pytest.raises(ValueError, match="n_targets"):
        make_task(0.5, k=3, n_targets=4)
    with pytest.raises(ValueError, match="dim"):
        make_task(0.5, k=4, dim=3)
    with pytest.raises(TypeError, match="k"):
        make_task(0.5, k=2.5)
    assert X.shape == (32, 100) and Z.shape == (32, 3) and Y.shape == (32, 2)


def test_train_refuses_bad_inputs():
    with pytest.raises(ValueError, match="act"):
        train_one_hidden(X, Y, "sigmoid", steps=1)
    with pytest.raises(ValueError, match="X"):
        train_one_hidden(X[:10], Y, steps=1)
    with pytest.raises(ValueError, match="X"):
        train_one_hidden(np.full_like(X, np.nan), Y, steps=1)
    h0, h, loss = train_one_hidden(X, Y, "relu", width=8, steps=3, seed=1)
    assert h0.shape == h.shape == (32, 8) and np.isfinite(loss)


def test_geometry_needs_matching_rows_and_a_non_target_latent():
    H = train_one_hidden(X, Y, "tanh", width=8, steps=0)[1]
    with pytest.raises(ValueError, match="rows"):
        geometry(H[:10], X, Y, Z)
    with pytest.raises(ValueError, match="Z"):
        geometry(H, X, Y, Z[:, :2])
    g = geometry(H, X, Y, Z)
    assert set(g) == {"cka_target", "cka_input", "ps_target", "ps_other", "ccgp_target", "ccgp_other"}
