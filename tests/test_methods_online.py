"Tests of minirepro.methods.online: closed-form mirror steps, regret bookkeeping, fully mixed games, bad inputs."
import numpy as np
import pytest
import torch
from scipy.optimize import linprog, minimize

from minirepro.core.checks import NonFiniteError
from minirepro.methods import online as ol


def _z(B=4, n=5, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.softmax(torch.randn(B, n, generator=g, dtype=torch.float64), -1), torch.randn(B, n, generator=g, dtype=torch.float64)


@pytest.mark.parametrize("geometry", ol.GEOMETRIES)
def test_mirror_step_matches_numerical_prox(geometry):
    z, g = _z()
    x = ol.mirror_step(z, g, geometry)
    for b in range(z.shape[0]):
        zb, gb = z[b].numpy(), g[b].numpy()
        if geometry == "euclidean":
            f = lambda u: gb @ u + 0.5 * np.sum((u - zb) ** 2)
        else:
            f = lambda u: gb @ u + np.sum(u * np.log(np.maximum(u, 1e-300) / zb))
        r = minimize(f, zb, method="SLSQP", bounds=[(1e-12, 1)] * len(zb),
                     constraints=[{"type": "eq", "fun": lambda u: u.sum() - 1}], options={"ftol": 1e-14, "maxiter": 500})
        assert f(x[b].numpy()) <= r.fun + 1e-8


def test_projection_keeps_simplex_points_and_handles_large_inputs():
    z, _ = _z()
    assert torch.allclose(ol.project_simplex(z), z)
    v = torch.tensor([[1e6, 0.0, -1e6]], dtype=torch.float64)
    assert torch.equal(ol.project_simplex(v), torch.tensor([[1.0, 0.0, 0.0]], dtype=torch.float64))
    x = ol.project_simplex(torch.zeros(2, 4))  # ties: the centre
    assert torch.allclose(x, torch.full((2, 4), 0.25))


def test_best_response_matches_linprog():
    G = torch.randn(3, 6, generator=torch.Generator().manual_seed(3), dtype=torch.float64)
    val, vert = ol.best_response(G)
    for b in range(3):
        r = linprog(G[b].numpy(), A_eq=np.ones((1, 6)), b_eq=[1.0], bounds=[(0, 1)] * 6)
        assert abs(r.fun - float(val[b])) < 1e-9
    assert torch.allclose(vert.sum(-1), torch.ones(3, dtype=torch.float64))


def test_fully_mixed_game_is_an_equilibrium():
    A, xs, ys, v = ol.fully_mixed_game(np.int64(4), 3, 6, torch.Generator().manual_seed(0))
    assert A.shape == (4, 3, 6) and torch.allclose(ol.duality_gap(A, xs, ys), torch.zeros(4, dtype=torch.float64), atol=1e-12)
    A2 = ol.fully_mixed_game(4, 3, 6, torch.Generator().manual_seed(0))[0]
    assert torch.equal(A, A2)  # reproducible from the generator


def test_bad_inputs():
    z, g = _z()
    with pytest.raises(ValueError, match="geometry"):
        ol.mirror_step(z, g, "burg")
    with pytest.raises(ValueError, match="z"):
        ol.euclidean_step(-z, g)
    with pytest.raises(ValueError, match="z and g"):
        ol.mirror_step(z, g[:, :3])
    with pytest.raises(TypeError, match="v"):
        ol.project_simplex(torch.ones(3, dtype=torch.int64))
    with pytest.raises(ValueError, match="v"):
        ol.project_simplex(torch.tensor(1.0))
    with pytest.raises(ValueError, match="x"):
        ol.bregman(-z, z)
    with pytest.raises(ValueError, match="z"):
        ol.bregman(z, torch.zeros_like(z), "entropic")
    with pytest.raises(ValueError, match="played"):
        ol.regret(torch.zeros(3), torch.zeros(4, 5))
    with pytest.raises(ValueError, match="g and x"):
        ol.regret_curve(torch.zeros(3, 4), torch.zeros(3, 5))
    with pytest.raises(ValueError, match="m"):
        ol.fully_mixed_game(2, 1, 3, torch.Generator())
    with pytest.raises(TypeError, match="generator"):
        ol.fully_mixed_game(2, 2, 3, 0)
    with pytest.raises(ValueError, match="dtype"):
        ol.fully_mixed_game(2, 2, 3, torch.Generator(), dtype=torch.int64)
    with pytest.raises(ValueError, match="y"):
        ol.duality_gap(torch.zeros(2, 3, 4), torch.zeros(2, 3), torch.zeros(2, 3))
    with pytest.raises(ValueError, match="iters"):
        ol.burg_step(z, g, iters=0)
    with pytest.raises(NonFiniteError):
        ol.burg_step(torch.tensor([[1e-300, 1.0 - 1e-300]], dtype=torch.float64), torch.tensor([[0.0, 1e308]], dtype=torch.float64))
