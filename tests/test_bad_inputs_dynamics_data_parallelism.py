"Bad-input regression tests for P151 (data parallelism and sparsity)."
import numpy as np
import pytest
import torch

from minirepro.dynamics.understanding_the_effects_of_data_parallelism import regime_score, snip_mask, steps_to_result


def _args():
    g = torch.Generator().manual_seed(0)
    return torch.randn(2, 6, generator=g), torch.randn(2, 6, generator=g), torch.tensor([True] * 4 + [False] * 2)


@pytest.mark.parametrize("kw,exc,word", [(dict(sparsity=1.0), ValueError, "sparsity"),
                                          (dict(sparsity=-0.1), ValueError, "sparsity"),
                                          (dict(sparsity=None), TypeError, "sparsity"),
                                          (dict(grad=torch.ones(3, 6)), ValueError, "grad"),
                                          (dict(prunable=torch.zeros(6, dtype=torch.bool)), ValueError, "prunable"),
                                          (dict(prunable=torch.ones(5, dtype=torch.bool)), ValueError, "prunable"),
                                          (dict(theta=torch.ones(2, 6, dtype=torch.long)), TypeError, "theta")])
def test_snip_mask_bad(kw, exc, word):
    th, g, pr = _args()
    with pytest.raises(exc, match=word):
        snip_mask(**(dict(theta=th, grad=g, sparsity=0.5, prunable=pr) | kw))


def test_snip_mask_exact():
    th, g, pr = _args()
    m = snip_mask(th, g, 0.75, pr)
    assert (m[:, :4].sum(1) == 1).all() and (m[:, 4:] == 1).all()


@pytest.mark.parametrize("kw,exc,word", [(dict(batch_sizes=[4, 2, 8]), ValueError, "batch_sizes"),
                                          (dict(steps=np.array([1.0, -1, 2])), ValueError, "steps"),
                                          (dict(steps=np.array([1.0, np.inf, 2])), ValueError, "steps"),
                                          (dict(n_small=1), ValueError, "n_small"),
                                          (dict(n_large=4), ValueError, "n_large"),
                                          (dict(width="w"), TypeError, "width")])
def test_regime_score_bad(kw, exc, word):
    with pytest.raises(exc, match=word):
        regime_score(**(dict(batch_sizes=[2, 4, 8], steps=np.array([100.0, 50, 25])) | kw))


def test_steps_to_result_bad():
    th = torch.zeros(2, 6)
    f = lambda t, r: t.sum(1)
    m = lambda t: t.sum(1)
    with pytest.raises(ValueError, match="lrs"):
        steps_to_result(th, torch.ones(2, 6), [0.1, -1.0], f, m, 0.5, 10, 2, 5)
    with pytest.raises(ValueError, match="masks"):
        steps_to_result(th, torch.ones(3, 6), [0.1], f, m, 0.5, 10, 2, 5)
    with pytest.raises(ValueError, match="batch_size"):
        steps_to_result(th, torch.ones(2, 6), [0.1], f, m, 0.5, 10, 20, 5)
