"Tests of the classification_losses family (methods.classification_losses): metrics against sklearn, soft = hard on 0/1 outputs, argument checks."
import numpy as np
import pytest
import torch
from sklearn import metrics as skm

from minirepro.methods.classification_losses import (METRICS, amplify, anyloss, balanced_pos_weight, confusion_counts,
                                                     metric_at_threshold, metric_from_counts, probability_loss,
                                                     tune_threshold)


def _sk(metric, y, yp):
    return {"accuracy": skm.accuracy_score, "balanced_accuracy": skm.balanced_accuracy_score,
            "precision": lambda a, b: skm.precision_score(a, b, zero_division=0),
            "recall": lambda a, b: skm.recall_score(a, b, zero_division=0),
            "f1": lambda a, b: skm.f1_score(a, b, zero_division=0),
            "gmean": lambda a, b: np.sqrt(skm.recall_score(a, b, pos_label=1) * skm.recall_score(a, b, pos_label=0)),
            }[metric](y, yp)


@pytest.mark.parametrize("metric", METRICS)
def test_hard_metrics_match_sklearn(metric):
    g = np.random.default_rng(1)
    for _ in range(10):
        y = (g.random(80) < 0.2).astype(int); y[:2] = [1, 0]
        yp = (g.random(80) < 0.3).astype(int)
        got = metric_at_threshold(torch.tensor(y), torch.tensor(yp, dtype=torch.float64), metric).item()
        assert np.isclose(got, _sk(metric, y, yp))


def test_all_negative_predictions_give_zero_f1_and_precision():
    "Regression of the zero_division convention: no predicted positive gives precision = F1 = 0, not NaN."
    y, p = torch.tensor([1.0, 0.0, 0.0]), torch.zeros(3)
    assert metric_at_threshold(y, p, "f1").item() == 0 and metric_at_threshold(y, p, "precision").item() == 0


@pytest.mark.parametrize("metric", METRICS)
def test_soft_equals_hard_on_binary_outputs(metric):
    y = torch.tensor([1.0, 0, 0, 1, 0, 0, 0, 1])
    hard = torch.tensor([[1.0, 0, 1, 0, 0, 0, 1, 1], [0.0, 0, 0, 0, 0, 0, 0, 0]])
    h = metric_from_counts(confusion_counts(y, hard), metric)
    assert torch.allclose(anyloss(hard, y, metric, L=None), 1 - h)
    conf = anyloss((hard * 0.99 + 0.005).double(), y.double(), metric)
    rows = [0] if metric == "precision" else [0, 1]  # precision at 0/0 (no predicted positive) is 0 only when hard
    assert torch.allclose(conf[rows], 1 - h[rows].double(), atol=1e-12)


def test_gmean_gradient_finite_at_zero_recall():
    "Regression: sqrt at TPR * TNR = 0 had an infinite gradient (NaN after the chain rule)."
    p = torch.full((1, 4), 0.001, dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(anyloss(p, torch.tensor([1.0, 0, 0, 0]), "gmean").sum(), p)
    assert torch.isfinite(g).all()


def test_threshold_tuning_is_optimal_on_grid():
    g = torch.Generator().manual_seed(0)
    y = (torch.rand(300, generator=g) < 0.1).double(); y[:2] = torch.tensor([1.0, 0.0])
    p = torch.rand(5, 300, generator=g, dtype=torch.float64)
    t = tune_threshold(y, p, "f1")
    for k in range(5):
        best = max(metric_at_threshold(y, p[k], "f1", float(s)).item() for s in torch.linspace(0.01, 0.99, 99))
        assert np.isclose(metric_at_threshold(y, p[k], "f1", float(t[k])).item(), best)


def test_probability_losses():
    z, y = torch.randn(2, 50, dtype=torch.float64), (torch.arange(50) % 5 == 0).double()
    assert torch.allclose(probability_loss(z, y, "weighted_bce", pos_weight=1.0), probability_loss(z, y, "bce"))
    assert balanced_pos_weight(y) == 4.0


@pytest.mark.parametrize("call, exc, name", [
    (lambda: confusion_counts(torch.tensor([1.0, 0.0]), torch.tensor([0.5, -0.1])), ValueError, "p"),
    (lambda: confusion_counts(torch.tensor([1.0, 0.5]), torch.tensor([0.5, 0.1])), ValueError, "y"),
    (lambda: confusion_counts(torch.tensor([1.0, 0.0, 1.0]), torch.tensor([0.5, 0.1])), ValueError, "y"),
    (lambda: confusion_counts([1.0, 0.0], torch.tensor([0.5, 0.1])), TypeError, "y"),
    (lambda: confusion_counts(torch.tensor([1.0, 0.0]), torch.tensor([1, 0])), TypeError, "p"),
    (lambda: metric_from_counts(torch.ones(3), "f1"), ValueError, "counts"),
    (lambda: metric_from_counts(-torch.ones(4), "f1"), ValueError, "counts"),
    (lambda: metric_from_counts(torch.ones(4), "auc"), ValueError, "metric"),
    (lambda: metric_at_threshold(torch.tensor([1.0]), torch.tensor([0.5]), "f1", 1.5), ValueError, "threshold"),
    (lambda: tune_threshold(torch.tensor([1.0]), torch.tensor([0.5]), "f1", torch.ones(2, 2) / 2), ValueError, "grid"),
    (lambda: amplify(torch.tensor([0.5]), L=-1.0), ValueError, "L"),
    (lambda: anyloss(torch.tensor([float("nan")]), torch.tensor([1.0])), ValueError, "p"),
    (lambda: probability_loss(torch.zeros(2), torch.tensor([1.0, 0.0]), "hinge"), ValueError, "kind"),
    (lambda: probability_loss(torch.zeros(2), torch.tensor([1.0, 0.0]), "weighted_bce", -1.0), ValueError, "pos_weight"),
    (lambda: balanced_pos_weight(torch.zeros(3)), ValueError, "y"),
])
def test_bad_inputs_are_refused(call, exc, name):
    with pytest.raises(exc, match=name):
        call()
