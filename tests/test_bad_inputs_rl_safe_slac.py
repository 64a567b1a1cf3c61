"Regression tests for bad inputs to the Safe SLAC paper module (P006)."
import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.rl.safe_reinforcement_learning_from_pixels_using import (
    CostLatentModel, Decoder, Encoder, EpisodeBuffer, HazardGrid, SafeSlacAgent, SafeSlacConfig, cmdp_optimum,
    discrete_soft_value, evaluate, per_step_budgets, predict_costs, run_episodes, soft_update, train_safe_slac)


@pytest.mark.parametrize("kw,name,exc", [(dict(n_envs=0), "n_envs", ValueError), (dict(n_envs=2.5), "n_envs", TypeError),
                                         (dict(n_envs=2, size=6), "size", ValueError),
                                         (dict(n_envs=2, flicker=float("nan")), "flicker", ValueError),
                                         (dict(n_envs=2, noise=-0.1), "noise", ValueError),
                                         (dict(n_envs=2, shaping=float("inf")), "shaping", ValueError),
                                         (dict(n_envs=2, seed=-1), "seed", ValueError)])
def test_hazard_grid_args_named(kw, name, exc):
    with pytest.raises(exc, match=name):
        HazardGrid(**kw)


def test_numpy_ints_accepted():
    env = HazardGrid(np.int64(2), horizon=np.int64(4), seed=np.int64(3))
    assert env.reset().shape == (2, 3, 16, 16)
    assert per_step_budgets(2.0, np.int64(24), 0.995)[0] == pytest.approx(2 / 24)
    assert SafeSlacConfig(feat=np.int64(8)).feat == 8


def test_step_refuses_bad_actions():
    env = HazardGrid(2)
    env.reset()
    with pytest.raises(ValueError, match="action"):
        env.step(np.array([0, 4]))
    with pytest.raises(ValueError, match="action"):
        env.step(np.array([0.0, 1.0]))  # floats used to index ACTIONS (raw IndexError)
    with pytest.raises(ValueError, match="action"):
        env.step(np.array([0]))


def test_networks_named():
    with pytest.raises(ValueError, match="feat"):
        Encoder(0)
    with pytest.raises(TypeError, match="zdim"):
        Decoder(2.5)  # used to fail deep inside nn.Linear
    with pytest.raises(ValueError, match="std"):
        Decoder(4, std=float("nan"))
    with pytest.raises(ValueError, match="x"):
        Encoder(8)(torch.zeros(2, 3, 8, 8))
    with pytest.raises(ValueError, match="hidden"):
        CostLatentModel(4, hidden=())
    m = CostLatentModel(4)
    with pytest.raises(ValueError, match="frames"):
        m.loss(torch.full((2, 5, 3, 16, 16), float("nan")), torch.zeros(2, 4, 4), torch.zeros(2, 4), torch.zeros(2, 4))
    with pytest.raises(ValueError, match="actions"):
        m.loss(torch.rand(2, 5, 3, 16, 16), torch.zeros(2, 3, 4), torch.zeros(2, 4), torch.zeros(2, 4))
    with pytest.raises(ValueError, match="rewards"):
        m.loss(torch.rand(2, 5, 3, 16, 16), torch.zeros(2, 4, 4), torch.zeros(2, 3), torch.zeros(2, 4))


def test_helpers_named():
    with pytest.raises(ValueError, match="gamma_c"):
        per_step_budgets(2.0, 24, 1.0)
    with pytest.raises(ValueError, match="budget"):
        per_step_budgets(float("nan"), 24, 0.9)
    with pytest.raises(ValueError, match="tau"):
        soft_update(torch.nn.Linear(2, 2), torch.nn.Linear(2, 2), 1.5)
    with pytest.raises(ValueError, match="source"):
        soft_update(torch.nn.Linear(2, 2), torch.nn.Linear(3, 2), 0.1)
    with pytest.raises(ValueError, match="logits"):
        discrete_soft_value(torch.zeros(3, 4), torch.zeros(3, 5), 0.1)
    with pytest.raises(ValueError, match="alpha"):
        discrete_soft_value(torch.zeros(3, 4), torch.zeros(3, 4), -0.1)


@pytest.mark.parametrize("kw,name", [(dict(gamma=1.0), "gamma"), (dict(lr_sac=0.0), "lr_sac"),
                                     (dict(start_lagrange=float("nan")), "start_lagrange"), (dict(seq_len=0), "seq_len"),
                                     (dict(hidden=(64, 0)), "hidden"), (dict(safe="yes"), "safe"),
                                     (dict(tau=0.0), "tau"), (dict(budget=-1.0), "budget")])
def test_config_fields_named(kw, name):
    with pytest.raises((TypeError, ValueError), match=name):
        SafeSlacConfig(**kw)


def test_agent_and_buffer_named():
    with pytest.raises(TypeError, match="cfg"):
        SafeSlacAgent(None, 4, 24)
    with pytest.raises(ValueError, match="device"):
        SafeSlacAgent(SafeSlacConfig(), 4, 24, device="bogus")
    ag = SafeSlacAgent(SafeSlacConfig(), 4, 24)
    with pytest.raises(ValueError, match="mean_step_cost"):
        ag.update_lagrange(float("nan"))
    with pytest.raises(ValueError, match="frames"):
        ag.act(np.zeros((2, 3, 8, 8), np.uint8))
    with pytest.raises(ValueError, match="a"):
        ag.update_sac(torch.zeros(3, 48), torch.zeros(3, 48), torch.tensor([0, 1, 7]), torch.zeros(3), torch.zeros(3))
    with pytest.raises(TypeError, match="batch"):
        ag.update({"frames": np.zeros((2, 3, 3, 16, 16), np.uint8)})
    buf = EpisodeBuffer(4, 6, (3, 16, 16))
    with pytest.raises(ValueError, match="batch"):
        buf.sample(2, 3)  # empty buffer
    with pytest.raises(ValueError, match="seq_len"):
        buf.sample(2, 7)
    with pytest.raises(ValueError, match="actions"):
        buf.add(np.zeros((1, 7, 3, 16, 16), np.uint8), np.zeros((1, 5)), np.zeros((1, 6)), np.zeros((1, 6)))


def test_loop_functions_named():
    env = HazardGrid(2, horizon=4)
    with pytest.raises(TypeError, match="env"):
        run_episodes(None, "grid")
    with pytest.raises(TypeError, match="on_step"):
        run_episodes(None, env, on_step=3)
    with pytest.raises(ValueError, match="rounds"):
        train_safe_slac(SafeSlacConfig(seq_len=2), env, rounds=2, random_rounds=2)
    with pytest.raises(ValueError, match="seq_len"):
        train_safe_slac(SafeSlacConfig(), env, rounds=3, random_rounds=1)  # seq_len 8 > horizon 4
    ag = SafeSlacAgent(SafeSlacConfig(), 4, 4)
    with pytest.raises(ValueError, match="episodes"):
        evaluate(ag, env, 0)
    with pytest.raises(TypeError, match="traj"):
        predict_costs(ag, None)
    with pytest.raises(ValueError, match="budget"):
        cmdp_optimum(env, -1.0)
    with pytest.raises(TypeError, match="env"):
        cmdp_optimum(None, 1.0)


def test_non_finite_model_loss_stops_training():
    ag = SafeSlacAgent(SafeSlacConfig(), 4, 6)
    with torch.no_grad():
        for p in ag.model.decoder.parameters():
            p.fill_(float("inf"))
    batch = dict(frames=np.zeros((2, 3, 3, 16, 16), np.uint8), actions=np.zeros((2, 2), np.int64),
                 rewards=np.zeros((2, 2), np.float32), costs=np.zeros((2, 2), np.float32))
    with pytest.raises(NonFiniteError):
        ag.update_latent(batch)
