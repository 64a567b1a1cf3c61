"""methods.gflownets: the trajectory-balance loss against torchgfn (the reference implementation) on identical
trajectories, plus fast regression tests of the family's argument checks.

torchgfn 2.4.1 requires numpy<2, which this project does not pin, so it is not a dependency: the comparison skips with
a message when `gfn` cannot be imported (install it beside the venv, e.g. `pip install --no-deps --target DIR torchgfn
tensordict ...` and `PYTHONPATH=DIR`, to run it)."""
import math

import pytest
import torch
import torch.nn as nn

from minirepro.methods.gflownets import (CellGrid, Hypergrid, PolicyMLP, Trajectories, igd, l1_to_exact, modes_found,
                                         mo_objectives, one_hot_states, pareto_front, sample_trajectories,
                                         standard_reward, tb_log_reward, terminal_distribution, trajectory_balance_loss,
                                         trajectory_log_pf)


def _torchgfn_setup(H=8, d=2, R0=0.1, seed=0):
    "torchgfn's HyperGrid, TBGFlowNet and uniform P_B around our PolicyMLP; torchgfn 2.x and 1.2 APIs both work."
    pytest.importorskip("gfn.gflownet", reason="torchgfn is not installed; TB comparison skipped")
    from gfn.gflownet import TBGFlowNet
    from gfn.gym import HyperGrid
    torch.manual_seed(seed)
    pol = PolicyMLP(d * H, d + 1)

    class Wrap(nn.Module):
        def __init__(self):
            super().__init__()
            self.m, self.input_dim = pol, d

        def forward(self, x):
            return pol(one_hot_states(x.long(), H))

    try:  # torchgfn >= 2
        from gfn.estimators import DiscretePolicyEstimator
        from gfn.preprocessors import IdentityPreprocessor
        env = HyperGrid(ndim=d, height=H, reward_fn_str="original", reward_fn_kwargs={"R0": R0, "R1": 0.5, "R2": 2.0})
        pre = IdentityPreprocessor(output_dim=d)
        pf = DiscretePolicyEstimator(Wrap(), d + 1, preprocessor=pre)
        pb = DiscretePolicyEstimator.uniform(d + 1, preprocessor=pre)
        gfl = TBGFlowNet(pf=pf, pb=pb, init_logZ=0.37)
        sample = lambda n: gfl.sample_trajectories(env, n=n)
    except ImportError:  # torchgfn 1.2
        from gfn.modules import DiscretePolicyEstimator
        from gfn.utils.modules import DiscreteUniform
        env = HyperGrid(ndim=d, height=H, R0=R0, R1=0.5, R2=2.0, preprocessor_name="Identity")
        pf = DiscretePolicyEstimator(Wrap(), d + 1, preprocessor=env.preprocessor)
        pb = DiscretePolicyEstimator(DiscreteUniform(d), d + 1, preprocessor=env.preprocessor, is_backward=True)
        gfl = TBGFlowNet(pf=pf, pb=pb, logZ=0.37)
        sample = lambda n: gfl.sample_trajectories(env, n_samples=n, save_logprobs=False)
    return env, gfl, pol, sample


def _from_torchgfn(tr, ours_env):
    "torchgfn Trajectories (T+1, n, d) with sink states -1 and dummy actions -1 -> our (n, T+1, d) convention."
    S = tr.states.tensor.permute(1, 0, 2).long()
    A = tr.actions.tensor[..., 0].T.long()
    mask = A >= 0
    term = (tr.terminating_states if hasattr(tr, "terminating_states") else tr.last_states).tensor.long()
    S = torch.where(S < 0, term[:, None, :], S)
    nxt = torch.where((A == ours_env.stop)[..., None], S[:, :-1], S[:, 1:])
    log_pb = torch.where(mask, ours_env.log_pb(nxt.reshape(-1, S.shape[-1]), A.reshape(-1).clamp_min(0)).reshape(A.shape),
                         torch.zeros((), dtype=torch.float64))
    return Trajectories(S, A, torch.zeros(A.shape), log_pb, mask, term)


@pytest.mark.parametrize("d,H,R0", [(2, 8, 0.1), (3, 8, 1e-3)])
def test_tb_loss_equals_torchgfn(d, H, R0):
    env, gfl, pol, sample = _torchgfn_setup(H=H, d=d, R0=R0)
    tr = sample(64)
    ref = gfl.loss(env, tr)  # mean of (logZ + sum log pf - sum log pb - log R)^2
    ours_env = Hypergrid(d, H, R0=R0)
    t = _from_torchgfn(tr, ours_env)
    fn = lambda s: pol(one_hot_states(s, H))
    log_pf = trajectory_log_pf(ours_env, fn, t)
    assert torch.allclose(ours_env.log_reward(t.terminal).float(), tr.log_rewards.float(), atol=1e-5)
    ours = trajectory_balance_loss(gfl.logZ, log_pf, t.log_pb, ours_env.log_reward(t.terminal), t.mask)
    ours, ref = ours, ref
    assert abs(float(ours.detach()) - float(ref.detach())) < 1e-4 * max(1.0, float(ref.detach())), (float(ours.detach()), float(ref.detach()))
    # gradients agree too (same parameters, same trajectories)
    g_ours = torch.autograd.grad(ours, [gfl.logZ, *pol.parameters()])
    g_ref = torch.autograd.grad(gfl.loss(env, tr), [gfl.logZ, *pol.parameters()])
    for a, b in zip(g_ours, g_ref):
        assert torch.allclose(a, b, atol=1e-4, rtol=1e-3)


def test_bad_inputs():
    env = Hypergrid(2, 4)
    with pytest.raises(ValueError, match="R0"):
        Hypergrid(2, 4, R0=0.0)
    with pytest.raises(ValueError, match="ndim"):
        Hypergrid(0, 4)
    with pytest.raises(TypeError, match="H"):
        Hypergrid(2, 4.0)
    with pytest.raises(TypeError, match="logits_fn"):
        sample_trajectories(env, None, 4)
    with pytest.raises(ValueError, match="epsilon"):
        sample_trajectories(env, lambda s: torch.zeros(len(s), 3), 4, epsilon=1.5)
    with pytest.raises(ValueError, match="log_Z"):
        trajectory_balance_loss(torch.zeros(3), torch.zeros(4, 2), torch.zeros(4, 2), torch.zeros(4))
    with pytest.raises(ValueError, match="log_reward"):
        trajectory_balance_loss(0.0, torch.zeros(4, 2), torch.zeros(4, 2), torch.zeros(5))
    with pytest.raises(ValueError, match="log_pb"):
        tb_log_reward(0.0, torch.zeros(4, 2), torch.zeros(4, 3))
    with pytest.raises(ValueError, match="reduction"):
        trajectory_balance_loss(0.0, torch.zeros(4, 2), torch.zeros(4, 2), torch.zeros(4), reduction="max")
    with pytest.raises(TypeError, match="env"):
        terminal_distribution(CellGrid(2, 2), lambda s: s)
    with pytest.raises(ValueError, match="q"):
        l1_to_exact(torch.ones(3) / 3, torch.ones(4) / 4)
    with pytest.raises(ValueError, match="terminal_index"):
        modes_found(torch.tensor([5]), torch.zeros(3, dtype=torch.bool))
    with pytest.raises(ValueError, match="names"):
        mo_objectives(env.all_states(), 4, "branin")
    with pytest.raises(ValueError, match="too many"):
        CellGrid(30, 4).all_states()


def test_tb_reduction_and_sampler_shapes():
    env = Hypergrid(3, 5)
    g = torch.Generator().manual_seed(1)
    tr = sample_trajectories(env, lambda s: torch.zeros(len(s), 4), 50, generator=g, epsilon=0.2, temperature=2.0)
    assert tr.states.shape[0] == 50 and tr.actions.shape == tr.mask.shape == tr.log_pf.shape
    assert bool((tr.actions[~tr.mask] == -1).all()) and torch.equal(tr.lengths, tr.terminal.sum(1) + 1)
    lr = env.log_reward(tr.terminal)
    per = trajectory_balance_loss(0.1, tr.log_pf, tr.log_pb, lr, tr.mask, reduction="none")
    assert per.shape == (50,) and math.isclose(float(per.mean()), float(trajectory_balance_loss(0.1, tr.log_pf, tr.log_pb, lr, tr.mask)), rel_tol=1e-6)
    assert torch.allclose(standard_reward(env.all_states(), 5), env.reward(env.all_states()))
    Y = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [0.4, 0.4]])
    assert pareto_front(Y).tolist() == [True, True, True, False]
    assert igd(Y[:3], Y[pareto_front(Y)]) == 0.0
