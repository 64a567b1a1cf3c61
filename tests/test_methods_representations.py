"Fast tests of the representations family (methods.representations): reference packages, invariances, brute force."
import itertools

import numpy as np
import pytest
import torch

from minirepro.methods.representations import (cca_correlations, ccgp, cka, kernel_target_alignment, lasso_r2,
                                               linear_cka, match_units, matched_r2, parallelism_score, rbf_gram, rdm,
                                               rsa, spectral_cluster_units, svcca, unit_correlations)

G = np.random.default_rng(0)
X, Y = G.normal(size=(50, 8)), G.normal(size=(50, 6)) + 0.0
Y[:, :3] += X[:, :3]  # partly shared


def _torch_cka(X, Y):
    "CKA from torch-cka 0.21: identity models, one batch, its unbiased HSIC (Nguyen et al. 2021, Eq. 3)."
    torch_cka = pytest.importorskip("torch_cka")
    from torch.utils.data import DataLoader, TensorDataset

    class Id(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.out = torch.nn.Identity()

        def forward(self, x):
            return self.out(x)

    m1, m2 = Id(), Id()
    c = torch_cka.CKA(m1, m2, "a", "b", model1_layers=["out"], model2_layers=["out"], device="cpu")
    dl1 = DataLoader(TensorDataset(torch.tensor(X, dtype=torch.float32)), batch_size=len(X))
    dl2 = DataLoader(TensorDataset(torch.tensor(Y, dtype=torch.float32)), batch_size=len(Y))
    c.compare(dl1, dl2)
    return float(c.hsic_matrix[0, 0])


def test_debiased_linear_cka_agrees_with_torch_cka():
    ref = _torch_cka(X, Y)
    assert linear_cka(X, Y, debiased=True) == pytest.approx(ref, abs=1e-4)
    assert linear_cka(X, X, debiased=True) == pytest.approx(_torch_cka(X, X), abs=1e-4)


def test_cka_invariances():
    Q = np.linalg.qr(G.normal(size=(8, 8)))[0]
    for kernel in ("linear", "rbf"):
        for deb in (False, True):
            c = cka(X, Y, kernel, deb)
            assert cka(X @ Q, Y, kernel, deb) == pytest.approx(c, abs=1e-10)  # orthogonal transform
            assert cka(5.0 * X, 0.1 * Y, kernel, deb) == pytest.approx(c, abs=1e-10)  # isotropic scaling
            assert cka(X, Y, kernel, deb) == pytest.approx(cka(Y, X, kernel, deb), abs=1e-12)  # symmetric
    assert 0 <= linear_cka(X, Y) <= 1 and linear_cka(X, X) == pytest.approx(1.0)
    A = G.normal(size=(50, 8))
    assert linear_cka(X, A @ np.diag([1, 10, 1, 1, 1, 1, 1, 1])) != pytest.approx(linear_cka(X, A))  # not scale-per-unit


def test_rbf_gram_properties():
    K = rbf_gram(X)
    assert np.allclose(np.diag(K), 1) and np.allclose(K, K.T) and np.linalg.eigvalsh(K).min() > -1e-10


def test_rdms_and_rsa_agree_with_rsatoolbox():
    pytest.importorskip("rsatoolbox")
    from rsatoolbox.data import Dataset
    from rsatoolbox.rdm import calc_rdm, compare
    iu = np.triu_indices(len(X), 1)
    for ours, theirs in (("correlation", "correlation"), ("sqeuclidean", "euclidean")):
        r1, r2 = calc_rdm(Dataset(X), method=theirs), calc_rdm(Dataset(Y), method=theirs)
        assert np.allclose(rdm(X, ours)[iu], r1.get_vectors()[0], atol=1e-10)
        assert rsa(X, Y, ours, "spearman") == pytest.approx(float(compare(r1, r2, method="spearman")[0, 0]), abs=1e-8)
        assert rsa(X, Y, ours, "pearson") == pytest.approx(float(compare(r1, r2, method="corr")[0, 0]), abs=1e-8)


def test_rsa_invariant_to_unit_permutation_and_rotation():
    P = G.permutation(8)
    Q = np.linalg.qr(G.normal(size=(8, 8)))[0]
    assert rsa(X, Y) == pytest.approx(rsa(X[:, P], Y), abs=1e-12)
    assert rsa(X, Y, "euclidean") == pytest.approx(rsa(X @ Q, Y, "euclidean"), abs=1e-10)


def test_svcca_and_cca():
    assert svcca(X, X @ G.normal(size=(8, 8))) == pytest.approx(1.0)
    r = cca_correlations(X, Y)
    assert len(r) == 6 and np.all(np.diff(r) <= 1e-12) and r.max() <= 1


def test_matching_brute_force_and_permutation_equivariance():
    for s in range(3):
        S = np.random.default_rng(s).normal(size=(6, 6))
        best = max(itertools.permutations(range(6)), key=lambda p: S[np.arange(6), list(p)].sum())
        assert np.array_equal(match_units(S)[0], np.array(best))
    P = G.permutation(6)
    C = unit_correlations(X[:, :6], Y)
    cols, vals = match_units(C)
    cols2, vals2 = match_units(C[:, P])  # permuting B's units permutes the partners
    assert np.array_equal(P[cols2], cols) and np.allclose(vals, vals2)
    assert np.allclose(match_units(unit_correlations(X, X[:, G.permutation(8)]))[1], 1.0)


def test_unit_correlations_match_numpy():
    C = unit_correlations(X, Y)
    assert np.allclose(C, np.corrcoef(X.T, Y.T)[:8, 8:])


def test_lasso_beats_one_to_one_on_mixed_units():
    B = X @ G.normal(size=(8, 8))
    l = lasso_r2(X[:35], B[:35], X[35:], B[35:], alpha=1e-4)
    part = match_units(unit_correlations(B[:35], X[:35]), "semi")[0]
    m = matched_r2(X[:35], B[:35], X[35:], B[35:], part)
    assert l.min() > 0.99 and m.mean() < l.mean()


def test_ccgp_ps_and_kta():
    Z = np.array(list(itertools.product([0, 1], repeat=2)))[np.arange(80) % 4]
    H = Z @ G.normal(size=(2, 10)) + 0.05 * G.normal(size=(80, 10))
    assert ccgp(H, Z).min() == 1.0 and parallelism_score(H, Z).min() > 0.95
    xor = np.eye(4)[Z @ [2, 1]] @ G.normal(size=(4, 10))
    assert parallelism_score(xor, Z).max() < 0.9
    assert kernel_target_alignment(H, Z[:, 0]) == pytest.approx(linear_cka(H, np.eye(2)[Z[:, 0]]))


def test_spectral_clusters_blocks():
    B = np.repeat(G.normal(size=(60, 3)), 3, axis=1) + 0.05 * G.normal(size=(60, 9))
    lab = spectral_cluster_units(np.corrcoef(B.T), 3)
    assert all(len(set(lab[3 * i:3 * i + 3])) == 1 for i in range(3))


@pytest.mark.parametrize("call", [lambda: linear_cka(X, Y[:10]), lambda: linear_cka(X[:3], Y[:3], debiased=True),
                                  lambda: match_units(np.ones((5, 3))), lambda: rdm(X, "cosine"),
                                  lambda: ccgp(X, np.ones((50, 2))), lambda: spectral_cluster_units(np.ones((3, 4)), 2),
                                  lambda: lasso_r2(X[:30], Y[:30], X[30:], np.ones((20, 6)))])
def test_bad_values_raise_value_error(call):
    with pytest.raises(ValueError):
        call()


def test_bad_types_raise_type_error():
    with pytest.raises(TypeError, match="X"):
        linear_cka("x", Y)
    with pytest.raises(TypeError, match="debiased"):
        linear_cka(X, Y, debiased="yes")
