"Gradient-Lipschitz estimates of methods.landscape (helper hD's section)."
import pytest
import torch

from minirepro.methods.landscape import gradient_lipschitz


def _quad():
    g = torch.Generator().manual_seed(1)
    Q = torch.randn(2, 5, 5, generator=g, dtype=torch.float64)
    H = Q @ Q.transpose(1, 2)
    return H, (lambda th: 0.5 * torch.einsum("bp,bpq,bq->b", th, H, th)), torch.randn(2, 5, generator=g,
                                                                                    dtype=torch.float64)


def test_quadratic_gives_spectral_norm():
    H, f, th = _quad()
    est = gradient_lipschitz(f, th, radius=0.5, n_iter=300, generator=torch.Generator().manual_seed(0))
    assert torch.allclose(est, torch.linalg.eigvalsh(H).abs().max(1).values, rtol=1e-5)


def test_mask_restricts_subspace():
    H, f, th = _quad()
    m = torch.tensor([1.0, 1.0, 0.0, 0.0, 1.0], dtype=torch.float64)
    idx = torch.tensor([0, 1, 4])
    want = torch.linalg.eigvalsh(H[:, idx][:, :, idx]).abs().max(1).values
    est = gradient_lipschitz(f, th, radius=0.1, n_iter=300, mask=m, generator=torch.Generator().manual_seed(0))
    assert torch.allclose(est, want, rtol=1e-5)


def test_linear_loss_is_zero_and_bad_inputs():
    th = torch.randn(3, 4)
    assert (gradient_lipschitz(lambda t: t.sum(1), th) == 0).all()
    with pytest.raises(ValueError, match="radius"):
        gradient_lipschitz(lambda t: t.sum(1), th, radius=0.0)
    with pytest.raises(ValueError, match="mask"):
        gradient_lipschitz(lambda t: t.sum(1), th, mask=torch.zeros(4))
    with pytest.raises(TypeError, match="loss_fn"):
        gradient_lipschitz(3, th)
