"""Unit tests of the discrete-time part of methods.diffusion: digits data, ᾱ schedules, the class-conditional denoiser,
losses, classifier-free guidance, NFE-counting samplers against Gaussian closed forms, and the digits FD."""
import math

import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.methods.diffusion import (NULL_CLASS, VPSDE, DigitsDenoiser, alpha_bar_at, alpha_bar_schedule,
                                         ancestral_sample, cfg_eps, ddim_sample, ddim_timesteps, digits_classify,
                                         digits_data, digits_fd, digits_fd_floor, eps_loss, euler_ode,
                                         flow_matching_loss, guided_fn, heun_ode, probability_flow, train_denoiser,
                                         x0_loss, x0_to_eps_fn)

MU, S = torch.tensor([1.0, -0.5], dtype=torch.float64), 0.5


def eps_star(x, t):
    a = alpha_bar_at("linear", t)[:, None]
    return (1 - a).sqrt() * (x - a.sqrt() * MU) / (a * S**2 + 1 - a)


def x0_star(x, t):
    a = alpha_bar_at("linear", t)[:, None]
    return MU + a.sqrt() * S**2 * (x - a.sqrt() * MU) / (a * S**2 + 1 - a)


def v_star(x, t):
    t = t[:, None]
    return MU + (t * S**2 - (1 - t)) / (t**2 * S**2 + (1 - t) ** 2) * (x - t * MU)


def _close(x, tol=0.03):
    return bool(torch.allclose(x.mean(0), MU, atol=tol)) and bool(torch.allclose(x.std(0), torch.full((2,), S, dtype=x.dtype), atol=tol))


@pytest.fixture(scope="module")
def xT():
    return torch.randn(20_000, 2, dtype=torch.float64, generator=torch.Generator().manual_seed(1))


def test_data_split_shapes_and_range():
    d = digits_data()
    assert [len(d[k]) for k in ("x_train", "x_val", "x_test")] == [1077, 270, 450]
    assert d["x_train"].dtype == torch.float32 and d["y_train"].dtype == torch.long
    assert float(d["x_test"].min()) == -1.0 and float(d["x_test"].max()) == 1.0
    d["x_train"][:] = 0  # a copy: the cache is not mutated
    assert float(digits_data()["x_train"].abs().sum()) > 0


def test_schedules():
    ab = alpha_bar_schedule("linear", 1000)
    assert torch.allclose(ab, VPSDE().marginal(torch.arange(1, 1001, dtype=torch.float64) / 1000)[0] ** 2)
    for kind in ("linear", "cosine"):
        a = alpha_bar_schedule(kind, 50)
        assert a.dtype == torch.float64 and bool((a[1:] < a[:-1]).all()) and 0 < float(a[-1]) < float(a[0]) < 1
    with pytest.raises(ValueError, match="n_steps"):
        alpha_bar_schedule("linear", 1)


def test_ddim_and_ancestral_reproduce_gaussian(xT):
    ab = alpha_bar_schedule("linear", 1000)
    r = ddim_sample(eps_star, ab, 100, xT)
    assert r.nfe == 100 and r.n_steps == 100 and _close(r.x)
    r = ancestral_sample(eps_star, ab, 200, xT, generator=torch.Generator().manual_seed(2))
    assert r.nfe == 200 and _close(r.x)
    r = ddim_sample(x0_to_eps_fn(x0_star), ab, 100, xT)  # an x0 predictor gives the same sampler
    assert _close(r.x)


def test_probability_flow_and_flow_integrators(xT):
    r = probability_flow(eps_star, VPSDE(), xT, 100)
    assert r.nfe == 201 and _close(r.x)
    assert euler_ode(v_star, xT, 200).nfe == 200 and _close(euler_ode(v_star, xT, 200).x)
    r = heun_ode(v_star, xT, 20)
    assert r.nfe == 40 and _close(r.x)


def test_nfe_counts_guided_calls():
    fn = lambda x, t: torch.zeros_like(x)
    fn.nfe_per_call = 2
    x = torch.randn(4, 3)
    ab = alpha_bar_schedule("linear", 100)
    assert ddim_sample(fn, ab, 10, x).nfe == 20 and euler_ode(fn, x, 5).nfe == 10 and heun_ode(fn, x, 5).nfe == 20
    assert probability_flow(fn, VPSDE(), x, 4, "heun", denoise_last=False).nfe == 16
    assert ddim_timesteps(100, 10) == sorted(set(ddim_timesteps(100, 10)), reverse=True)


def test_heun_is_second_order():
    x1 = torch.ones(1, 1, dtype=torch.float64)
    err = lambda f, n: abs(float(f(lambda x, t: x, x1, n).x) - math.e)
    assert 3.5 < err(heun_ode, 10) / err(heun_ode, 20) < 4.5


def test_denoiser_cfg_and_hooks():
    torch.manual_seed(0)
    net = DigitsDenoiser()
    x, t, y = torch.randn(8, 64), torch.rand(8), torch.arange(8)
    out = net(x, t, y)
    assert torch.allclose(cfg_eps(net, x, t, y, 1.0), out, atol=1e-5)
    assert torch.allclose(cfg_eps(net, x, t, y, 0.0), net(x, t, torch.full_like(y, NULL_CLASS)), atol=1e-5)
    assert not torch.allclose(net(x, t, y, after_block=lambda i, h, c: h + 1.0), out)
    assert guided_fn(net, y, 2.5).nfe_per_call == 2 and guided_fn(net, y, 0.0).nfe_per_call == 1
    with pytest.raises(ValueError, match="y must"):
        net(x, t, y + 5)
    with pytest.raises(ValueError, match="t must"):
        net(x, t + 2, y)


def test_losses_of_zero_network():
    net = DigitsDenoiser().requires_grad_(False)
    torch.nn.init.zeros_(net.out.weight); torch.nn.init.zeros_(net.out.bias)
    d, g = digits_data(), torch.Generator().manual_seed(0)
    x, y = d["x_train"].repeat(10, 1), d["y_train"].repeat(10)
    ab = alpha_bar_schedule("linear", 1000)
    assert abs(float(eps_loss(net, x, y, ab, g)) - 1) < 0.02
    assert abs(float(x0_loss(net, x, y, ab, g)) - float((x**2).mean())) < 1e-6
    z = torch.randn(x.shape, generator=g)
    assert math.isclose(float(flow_matching_loss(net, z, x, y, torch.rand(len(x)))), float(((x - z) ** 2).mean()), rel_tol=1e-6)


def test_train_denoiser_is_deterministic_and_learns():
    d = digits_data()
    kw = dict(steps=30, batch_size=64, progress=False, device="cpu", width=32, n_blocks=1)
    a, b = train_denoiser(d["x_train"], d["y_train"], seed=3, **kw), train_denoiser(d["x_train"], d["y_train"], seed=3, **kw)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    assert a.kind == "eps" and a.alpha_bar is not None and not a.training
    f = train_denoiser(d["x_train"], d["y_train"], kind="flow", **kw)
    assert f.kind == "flow" and f.alpha_bar is None
    with pytest.raises(ValueError, match="y must"):
        train_denoiser(d["x_train"], d["y_train"] + 10, **kw)
    with pytest.raises(ValueError, match="kind"):
        train_denoiser(d["x_train"], d["y_train"], kind="score")


def test_digits_fd_zero_floor_and_noise():
    d = digits_data()
    assert abs(digits_fd(d["x_test"])) < 1e-6
    floor = digits_fd_floor()
    assert 0 < floor < 10 and digits_fd(torch.rand(450, 64) * 2 - 1) > 10 * floor
    assert float((digits_classify(d["x_test"]) == d["y_test"]).float().mean()) > 0.9
    with pytest.raises(ValueError, match="samples"):
        digits_fd(torch.zeros(5, 10))
    with pytest.raises(ValueError, match="ref"):
        digits_fd(d["x_test"], ref="all")


def test_bad_inputs_are_named():
    ab = alpha_bar_schedule("linear", 10)
    with pytest.raises(ValueError, match="alpha_bar"):
        ddim_sample(eps_star, ab.flip(0), 5, torch.zeros(3, 2))
    with pytest.raises(TypeError, match="eps_fn"):
        ddim_sample(None, ab, 5, torch.zeros(3, 2))
    with pytest.raises(ValueError, match="x_T"):
        ddim_sample(eps_star, ab, 5, torch.full((3, 2), float("nan")))
    with pytest.raises(NonFiniteError):
        euler_ode(lambda x, t: x * float("inf"), torch.ones(2, 2), 3)
    with pytest.raises(TypeError, match="sde"):
        probability_flow(eps_star, "vp", torch.zeros(3, 2), 4)
    with pytest.raises(ValueError, match="method"):
        probability_flow(eps_star, VPSDE(), torch.zeros(3, 2), 4, method="rk4")
