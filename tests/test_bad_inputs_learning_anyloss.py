"Regression tests for the argument checks of P102 (learning.anyloss_transforming_classification_metrics_into_loss)."
import pytest
import torch

from minirepro.learning.anyloss_transforming_classification_metrics_into_loss import (
    LOSSES, batch_losses, make_task, null_predictions, select_by_validation, train_grid, tuned_scores)


@pytest.fixture(scope="module")
def task():
    return make_task("wine_1", 0)


@pytest.mark.parametrize("kw, exc, name", [
    (dict(name="iris", seed=0), ValueError, "name"),
    (dict(name="wine_1", seed=-1), ValueError, "seed"),
    (dict(name="wine_1", seed=1.5), TypeError, "seed"),
])
def test_make_task_refuses(kw, exc, name):
    with pytest.raises(exc, match=name):
        make_task(**kw)


def test_make_task_is_seeded_and_binary(task):
    again = make_task("wine_1", 0)
    assert all(torch.equal(task[k], again[k]) for k in task)
    assert set(torch.unique(task["y_train"]).tolist()) == {0.0, 1.0}


@pytest.mark.parametrize("kw, exc, name", [
    (dict(task={"X_train": torch.zeros(3, 2)}), TypeError, "task"),
    (dict(hidden=-1), ValueError, "hidden"),
    (dict(lrs=(0.01, -1.0)), ValueError, "lrs"),
    (dict(steps=0), ValueError, "steps"),
    (dict(eval_every=100), ValueError, "eval_every"),  # more than steps: no checkpoint would be kept
    (dict(losses=("bce", "hinge")), ValueError, "losses"),
    (dict(losses=["bce"]), ValueError, "losses"),
])
def test_train_grid_refuses(task, kw, exc, name):
    args = dict(task=task, hidden=0, lrs=(0.01,), steps=10, eval_every=5, seed=0) | kw
    with pytest.raises(exc, match=name):
        train_grid(**args)


def test_train_grid_refuses_one_class_training_labels(task):
    "Regression: a training set without positives made the weighted-BCE weight infinite."
    bad = dict(task) | {"y_train": torch.zeros_like(task["y_train"])}
    with pytest.raises(ValueError, match="task"):
        train_grid(bad, 0, (0.01,), 10, 5, 0)


def test_train_grid_shapes(task):
    pv, pt = train_grid(task, 4, (0.01, 0.1), 10, 5, 0, losses=("anyloss_f1", "bce"))
    assert pv.shape == (2, 2, 2, len(task["y_val"])) and pt.shape == (2, 2, 2, len(task["y_test"]))
    assert bool(((pv >= 0) & (pv <= 1)).all())


@pytest.mark.parametrize("kw, exc, name", [
    (dict(z=torch.zeros(2, 6)), ValueError, "z"),
    (dict(y=torch.zeros(7)), ValueError, "y"),
    (dict(losses=("bce",)), ValueError, "losses"),
    (dict(L=0.0), ValueError, "L"),
    (dict(pos_weight=float("nan")), ValueError, "pos_weight"),
])
def test_batch_losses_refuses(kw, exc, name):
    args = dict(z=torch.zeros(1, len(LOSSES), 5), y=torch.tensor([0.0, 1, 0, 1, 0])) | kw
    with pytest.raises(exc, match=name):
        batch_losses(**args)


def test_selection_and_tuning_refuse():
    with pytest.raises(ValueError, match="test_score"):
        select_by_validation(torch.zeros(2, 1, 3), torch.zeros(2, 1, 4))
    y, p = torch.tensor([0.0, 1.0, 1.0]), torch.full((2, 3), 0.4)
    with pytest.raises(ValueError, match="p_test"):
        tuned_scores(y, p, y, torch.full((3, 3), 0.4), "f1")
    with pytest.raises(ValueError, match="y_test"):
        tuned_scores(y, p, torch.tensor([0.0, 2.0, 1.0]), p, "f1")
    with pytest.raises(TypeError, match="generator"):
        null_predictions(y, 3, 0)
    with pytest.raises(ValueError, match="n_test"):
        null_predictions(y, 0, torch.Generator())
