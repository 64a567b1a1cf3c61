"""Bad-input regression tests for P197 (minirepro.dynamics.mechanistic_mode_connectivity)."""
import pytest
import torch

from minirepro.dynamics.mechanistic_mode_connectivity import (CueCNN, accuracy_members, add_box_cue, align_members,
                                                              cbft_members, member_outputs, pad_digits,
                                                              retrain_head, train_members)

NET = CueCNN(width=2, hidden=4)
P = sum(p.numel() for p in NET.parameters())
TH = torch.zeros(2, P)
X = torch.zeros(2, 6, 1, 12, 12)
Y = torch.zeros(2, 6, dtype=torch.long)
LR = torch.full((2,), 0.01)


@pytest.mark.parametrize("call, exc, name", [
    (lambda: pad_digits(torch.zeros(3, 8)), ValueError, "images"),
    (lambda: pad_digits(torch.zeros(3, 8, 8, dtype=torch.long)), TypeError, "images"),
    (lambda: pad_digits(torch.zeros(3, 8, 8), pad=-1), ValueError, "pad"),
    (lambda: add_box_cue(torch.zeros(3, 1, 12, 12), torch.tensor([0, 1, 10])), ValueError, "labels"),
    (lambda: add_box_cue(torch.zeros(3, 1, 12, 12), torch.tensor([0, 1, 2]), mode="conflict"), ValueError, "mode"),
    (lambda: add_box_cue(torch.zeros(3, 1, 12, 10), torch.tensor([0, 1, 2])), ValueError, "images"),
    (lambda: add_box_cue(torch.zeros(3, 1, 12, 12), torch.tensor([0, 1, 2]), size=5), ValueError, "size"),
    (lambda: add_box_cue(torch.zeros(3, 1, 12, 12), torch.tensor([0, 1, 2]), value=float("nan")), ValueError, "value"),
    (lambda: CueCNN(side=10), ValueError, "side"),
    (lambda: CueCNN(width=0), ValueError, "width"),
    (lambda: member_outputs(torch.nn.Linear(2, 2), TH, X), TypeError, "model"),
    (lambda: member_outputs(NET, TH[:, :-1], X), ValueError, "theta"),
    (lambda: member_outputs(NET, TH, torch.zeros(3, 6, 1, 12, 12)), ValueError, "X"),
    (lambda: train_members(NET, TH, X, Y, torch.tensor([0.01, -1.0]), 1), ValueError, "lrs"),
    (lambda: train_members(NET, TH, X, Y.float(), LR, 1), ValueError, "y"),
    (lambda: train_members(NET, TH, X, Y, LR, 0), ValueError, "epochs"),
    (lambda: train_members(NET, TH, X, Y, LR, 1, generator=3), TypeError, "generator"),
    (lambda: retrain_head(NET, TH, X, Y, LR, 1, batch=0), ValueError, "batch"),
    (lambda: cbft_members(NET, TH, TH, X, Y, X, Y, LR, 1, batch=3, lambd=-1.0), ValueError, "lambd"),
    (lambda: cbft_members(NET, TH, TH, X, Y, X[:, :2], Y[:, :2], LR, 1, batch=3), ValueError, "Xq"),
    (lambda: cbft_members(NET, TH, TH[:1], X, Y, X, Y, LR, 1, batch=3), ValueError, "theta_cue"),
    (lambda: accuracy_members(NET, TH, X[0], Y[0, :3]), ValueError, "y"),
    (lambda: accuracy_members(NET, TH, X[0], Y[0], chunk=0), ValueError, "chunk"),
    (lambda: align_members(NET, TH, TH[:1]), ValueError, "theta_b"),
    (lambda: member_outputs(NET, torch.full((2, P), float("nan")), X), ValueError, "theta"),
])
def test_bad_inputs(call, exc, name):
    with pytest.raises(exc, match=name):
        call()


def test_diverging_member_is_frozen_not_nan():
    g = torch.Generator().manual_seed(0)
    th = torch.stack([torch.cat([p.detach().reshape(-1) for p in CueCNN(width=2, hidden=4).parameters()]) for _ in range(2)])
    x = torch.randn(2, 8, 1, 12, 12, generator=g)
    y = torch.randint(0, 10, (2, 8), generator=g)
    out = train_members(NET, th, x, y, torch.tensor([0.01, 1e6]), 3, 4, g)
    assert torch.isfinite(out).all()
