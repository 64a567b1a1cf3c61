"""Regression tests for the argument checks of P158 (conditional generative modeling via learning the latent space)."""
import pytest
import torch

from minirepro.generative.conditional_generative_modeling_via_learning_the import (
    RunAdam, best_of_k_mse, fit, init_method, latent_descent, mlp, mlp_init, sample, sphere, split_halves, toy_data,
    toy_modes, worse_mode_error)


def test_mlp_init_and_mlp_name_the_bad_argument():
    with pytest.raises(ValueError, match="sizes"):
        mlp_init(2, [3])
    with pytest.raises(ValueError, match="n_runs"):
        mlp_init(0, [3, 4])
    P = mlp_init(2, [3, 8, 1], torch.Generator().manual_seed(0))
    with pytest.raises(ValueError, match=r"\bx must have shape"):
        mlp(P, torch.zeros(3, 5, 3))  # 3 runs for 2 networks
    with pytest.raises(ValueError, match=r"\bx must have 3"):
        mlp(P, torch.zeros(5, 3))
    assert mlp(P, torch.zeros(2, 5, 3)).shape == (2, 5, 1)


def test_run_adam_refuses_bad_learning_rates_and_moves_each_run_by_its_own_rate():
    P = mlp_init(2, [1, 1], torch.Generator().manual_seed(0))
    with pytest.raises(ValueError, match=r"\blr must be > 0"):
        RunAdam(P, torch.tensor([1e-3, 0.0]))
    with pytest.raises(ValueError, match=r"\blr must have shape"):
        RunAdam(P, torch.tensor([1e-3]))
    with pytest.raises(TypeError, match="params"):
        RunAdam([torch.zeros(2, 1, 1)], torch.tensor([1e-3, 1e-3]))
    before = [p.detach().clone() for p in P]
    RunAdam(P, torch.tensor([1e-3, 1e-1])).step(mlp(P, torch.ones(2, 4, 1)).sum())
    step = (P[0].detach() - before[0]).abs().flatten()
    assert float(step[0]) == pytest.approx(1e-3, rel=1e-3) and float(step[1]) == pytest.approx(1e-1, rel=1e-3)


def test_sphere_and_latent_descent_check_shapes_and_stay_on_the_sphere():
    with pytest.raises(ValueError, match="shape"):
        sphere((4, 1))
    G = mlp_init(1, [1 + 3, 8, 2], torch.Generator().manual_seed(0))
    z0 = sphere((1, 6, 3), torch.Generator().manual_seed(1))
    with pytest.raises(ValueError, match="share their"):
        latent_descent(G, torch.zeros(1, 5, 1), torch.zeros(1, 6, 2), z0)
    with pytest.raises(ValueError, match=r"\bsteps must be"):
        latent_descent(G, torch.zeros(1, 6, 1), torch.zeros(1, 6, 2), z0, steps=-1)
    z = latent_descent(G, torch.zeros(1, 6, 1), torch.zeros(1, 6, 2), z0, steps=3)
    assert torch.allclose(z.norm(dim=-1), torch.ones(1, 6), atol=1e-6)


def test_init_method_and_sample_refuse_unknown_methods_and_bad_sizes():
    with pytest.raises(ValueError, match="method"):
        init_method("vae", 1, 1, 3)
    with pytest.raises(ValueError, match=r"\bdz must be"):
        init_method("cgml", 1, 1, 3, dz=1)
    nets = init_method("cgml", 2, 1, 3, dz=4, width=8, generator=torch.Generator().manual_seed(0))
    with pytest.raises(ValueError, match=r"\bk must be"):
        sample("cgml", nets, torch.zeros(2, 5, 1), k=0)
    assert sample("cgml", nets, torch.zeros(2, 5, 1), k=3, dz=4).shape == (2, 3, 5, 3)


def test_metrics_check_shapes_and_score_the_two_modes():
    x, y = toy_data(50, torch.Generator().manual_seed(0))
    m = toy_modes(x)
    with pytest.raises(ValueError, match=r"\bx must have shape"):
        toy_modes(torch.zeros(5, 2))
    with pytest.raises(ValueError, match="disagree"):
        worse_mode_error(torch.zeros(1, 2, 49, 3), m)
    with pytest.raises(ValueError, match="target"):
        best_of_k_mse(torch.zeros(1, 2, 50, 3), torch.zeros(50, 2))
    assert bool(((y - m[:, 0]).norm(dim=1).lt(1e-6) | (y - m[:, 1]).norm(dim=1).lt(1e-6)).all())
    two = torch.stack([m[:, 0], m[:, 1]])[None]  # (1, 2, N, 3)
    assert float(worse_mode_error(two, m)) == pytest.approx(0.0, abs=1e-6)
    assert float(best_of_k_mse(two, m[:, 1])) == pytest.approx(0.0, abs=1e-6)


def test_split_halves_and_fit_name_the_bad_argument():
    with pytest.raises(ValueError, match="64 columns"):
        split_halves(torch.zeros(3, 63))
    up, low = split_halves(torch.arange(128.0).reshape(2, 64))
    assert up.shape == low.shape == (2, 32) and float(low[0, 0]) == 32.0
    x, y = toy_data(20, torch.Generator().manual_seed(0))
    with pytest.raises(ValueError, match="run_seeds"):
        fit("regressor", x, y, torch.tensor([1e-3, 1e-3]), [0], steps=1, progress=False)
    with pytest.raises(ValueError, match="method"):
        fit("gan", x, y, torch.tensor([1e-3]), [0], steps=1, progress=False)
