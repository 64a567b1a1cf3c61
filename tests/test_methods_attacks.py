"Regression tests of methods.attacks: argument checks and exact answers on linear models."
import math

import pytest
import torch

from minirepro.methods.attacks import fgsm, margin, pgd_attack, pgd_linf, robust_accuracy


def _lin(seed=0, K=3, d=5):
    g = torch.Generator().manual_seed(seed)
    W, b = torch.randn(K, d, generator=g), torch.randn(K, generator=g)
    return (lambda x: x @ W.T + b), g


def test_margin_sign_matches_misclassification():
    z = torch.tensor([[2.0, 1.0, 0.0], [0.0, 3.0, 1.0]])
    y = torch.tensor([0, 0])
    m = margin(z, y)
    assert torch.allclose(m, torch.tensor([-1.0, 3.0]))


def test_pgd_stays_in_ball_and_box_with_stacked_models():
    f, g = _lin()
    x = torch.rand(4, 7, 5, generator=g)
    y = torch.randint(0, 3, (4, 7), generator=g)
    xa = pgd_linf(f, x, y, 0.3, steps=5, restarts=2, loss="ce", generator=g)
    assert xa.shape == x.shape
    assert bool(((xa - x).abs() <= 0.3 + 1e-6).all()) and bool((xa >= 0).all()) and bool((xa <= 1).all())


def test_robust_accuracy_le_clean_and_eps0_equal():
    f, g = _lin(1)
    x = torch.rand(30, 5, generator=g)
    y = torch.randint(0, 3, (30,), generator=g)
    clean = f(x).argmax(-1) == y
    assert torch.equal(robust_accuracy(f, x, y, 0.0, steps=2, restarts=1), clean)
    rob = robust_accuracy(f, x, y, 0.2, steps=10, restarts=2, generator=g)
    assert bool((rob <= clean).all())


def test_fgsm_is_one_full_step():
    f, g = _lin(2)
    x = torch.full((3, 5), 0.5)
    y = torch.zeros(3, dtype=torch.long)
    xa = fgsm(f, x, y, 0.1)
    assert torch.allclose((xa - x).abs(), torch.full_like(x, 0.1))


@pytest.mark.parametrize("kw, err, name", [
    (dict(eps=-1.0), ValueError, "eps"), (dict(steps=0), ValueError, "steps"), (dict(restarts=0), ValueError, "restarts"),
    (dict(loss="hinge"), ValueError, "loss"), (dict(loss=3), TypeError, "loss"), (dict(step_size=-0.1), ValueError, "step_size"),
    (dict(lo=1.0, hi=0.0), ValueError, "lo"), (dict(generator="g"), TypeError, "generator"),
    (dict(random_start="yes"), TypeError, "random_start"),
])
def test_pgd_linf_bad_args(kw, err, name):
    f, g = _lin()
    x, y = torch.rand(4, 5), torch.zeros(4, dtype=torch.long)
    args = dict(eps=0.1) | kw
    with pytest.raises(err, match=name):
        pgd_linf(f, x, y, **args)


def test_bad_inputs_labels_and_model():
    f, _ = _lin()
    x = torch.rand(4, 5)
    with pytest.raises(TypeError, match="y"):
        pgd_linf(f, x, torch.zeros(4), 0.1)
    with pytest.raises(ValueError, match="y"):
        robust_accuracy(f, x, torch.zeros(3, dtype=torch.long), 0.1)
    with pytest.raises(ValueError, match="y"):
        pgd_linf(f, x, None, 0.1, loss="ce")
    with pytest.raises(TypeError, match="model"):
        pgd_linf(3, x, torch.zeros(4, dtype=torch.long), 0.1)
    with pytest.raises(ValueError, match="x"):
        fgsm(f, torch.full((4, 5), math.nan), torch.zeros(4, dtype=torch.long), 0.1)
    with pytest.raises(ValueError, match="logits"):
        margin(torch.zeros(3, 1), torch.zeros(3, dtype=torch.long))
    with pytest.raises(ValueError, match="y"):
        margin(torch.zeros(3, 2), torch.full((3,), 5))


def test_pgd_attack_moved_keeps_old_path():
    from minirepro.verification import neural_network_verification_with_branch_and as p012
    assert p012.pgd_attack is pgd_attack
