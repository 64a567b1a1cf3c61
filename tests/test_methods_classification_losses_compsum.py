"Comp-sum losses (P118's section of methods.classification_losses): values, Bayes risk, transforms, bad inputs."
import pytest
import torch
import torch.nn.functional as F

from minirepro.methods.classification_losses import (comp_sum_bayes_risk, comp_sum_gamma, comp_sum_loss,
                                                     comp_sum_regrets, comp_sum_transform)


def test_named_members():
    z, y = torch.tensor([[1.0, 0.0, -1.0]]), torch.tensor([0])
    p = torch.softmax(z, -1)[0, 0]
    assert torch.allclose(comp_sum_loss(z, y, 1.0), F.cross_entropy(z, y, reduction="none"))
    assert torch.allclose(comp_sum_loss(z, y, 2.0), 1 - p)
    assert torch.allclose(comp_sum_loss(z, y, 0.0), torch.exp(torch.tensor(-1.0)) + torch.exp(torch.tensor(-2.0)))
    assert torch.allclose(comp_sum_loss(z * 2, y, 1.0, rho=2.0), comp_sum_loss(z, y, 1.0))


def test_bayes_risk_closed_forms_and_regrets():
    p = torch.tensor([[0.5, 0.3, 0.2]], dtype=torch.float64)
    assert torch.allclose(comp_sum_bayes_risk(p, 0.0), p.sqrt().sum(-1) ** 2 - 1)
    assert torch.allclose(comp_sum_bayes_risk(p, 2.0), torch.tensor([0.5], dtype=torch.float64))
    d01, dl = comp_sum_regrets(p, torch.log(p), 1.0)
    assert float(d01) == 0.0 and abs(float(dl)) < 1e-12
    d01, dl = comp_sum_regrets(p, torch.tensor([[0.0, 1.0, 0.0]], dtype=torch.float64), 1.0)
    assert abs(float(d01) - 0.2) < 1e-12 and float(dl) >= float(comp_sum_transform(d01, 1.0, 3))


def test_transform_known_values():
    t = torch.tensor([0.0, 0.6])
    assert torch.allclose(comp_sum_transform(t, 0.0, 3), 1 - torch.sqrt(1 - t.double() ** 2))
    assert torch.allclose(comp_sum_gamma(torch.tensor([0.0, 100.0]), 1.0, 3), torch.tensor([0.0, 1.0], dtype=torch.float64))


@pytest.mark.parametrize("call, err, name", [
    (lambda: comp_sum_loss(torch.zeros(3, 2), torch.zeros(3, dtype=torch.long), tau=-1.0), ValueError, "tau"),
    (lambda: comp_sum_loss(torch.zeros(3, 2), torch.zeros(3, dtype=torch.long), rho=0.0), ValueError, "rho"),
    (lambda: comp_sum_loss(torch.zeros(3, 2), torch.full((3,), 2), 1.0), ValueError, "y"),
    (lambda: comp_sum_loss(torch.zeros(3, 1), torch.zeros(3, dtype=torch.long)), ValueError, "logits"),
    (lambda: comp_sum_bayes_risk(torch.tensor([[0.5, 0.6]])), ValueError, "p"),
    (lambda: comp_sum_regrets(torch.tensor([[0.5, 0.5]]), torch.zeros(1, 3)), ValueError, "logits"),
    (lambda: comp_sum_transform(torch.tensor([1.5])), ValueError, "t"),
    (lambda: comp_sum_gamma(torch.tensor([-1.0])), ValueError, "v"),
    (lambda: comp_sum_gamma(torch.tensor([1.0]), n=1), ValueError, "n"),
])
def test_bad_inputs(call, err, name):
    with pytest.raises(err, match=name):
        call()
