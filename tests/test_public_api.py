"""Property-based bad-input tests over every public function and class of every minirepro module.

Callables are found by introspection (each module's `__all__`), so a new module is covered without new test code.
Arguments are drawn from pools chosen by each parameter's type hint: NaN/inf/negative/zero numbers, small and numpy
integers, wrong types (None, str, object()), and arrays or tensors of odd shapes (empty, 0-d, NaN-filled). A call passes
when it
  * raises TypeError or ValueError from minirepro's own code, with the name of one of its parameters in the message, or
  * returns within the time limit a result whose numbers are all finite, and was given no NaN/inf input.
Anything else is a defect: a raw error from deep inside numpy/torch/scipy, an unnamed error, a hang, a non-finite
result, or a finite result computed from non-finite input ("silent garbage").
"""
from __future__ import annotations

import dataclasses
import importlib
import inspect
import math
import os
import re
import signal
import traceback
from pathlib import Path

import numpy as np
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from conftest import ROOT  # noqa: E402

PKG = ROOT / "minirepro"
SKIP_MODULES = {"minirepro.core.runner",  # the CLI runner: its argument errors are tested in test_runner.py
                "minirepro._modidx",
                "minirepro.core.robustness",  # drives the runner: runs notebooks and writes run directories
                "minirepro.core.site",  # the docs-site builder: writes a site directory, tested in test_site*.py
                "minirepro.core.checks"}  # the validators themselves: `name` is the caller's argument, unit-tested in 08_checks
TIME_LIMIT_S = 5.0
MAX_EXAMPLES = int(os.environ.get("MINIREPRO_API_EXAMPLES", 25))

# Callables whose documented input may hold NaN (as "missing value"); any other NaN/inf input must be refused.
NAN_INPUT_OK: dict[str, str] = {
    "minirepro.generative.generating_and_imputing_tabular_data_via.ForestGenerator": "NaN marks a missing value",
    "minirepro.generative.generating_and_imputing_tabular_data_via.TabularTransform": "NaN marks a missing value",
    "minirepro.dynamics.a_diffusion_theory_for_deep_learning.mean_escape_time": "NaN marks a chain that did not escape",
    "minirepro.dynamics.a_diffusion_theory_for_deep_learning.simulate_escape": "sigma=NaN selects SGD noise",
    "minirepro.dynamics.a_diffusion_theory_for_deep_learning.diffusion_escape_time": "sigma=NaN selects SGD noise",
    "minirepro.optim.adaptive_extra_gradient_methods_for_min.mirror_prox": "step=NaN marks an AdaProx row",
}


def _modules() -> list[str]:
    names = []
    for p in sorted(PKG.rglob("*.py")):
        if p.name == "__init__.py":
            continue
        mod = ".".join(p.relative_to(ROOT).with_suffix("").parts)
        if mod not in SKIP_MODULES:
            names.append(mod)
    return names


def _public_callables() -> list[tuple[str, str]]:
    out = []
    for mod in _modules():
        m = importlib.import_module(mod)
        for name in getattr(m, "__all__", []):
            obj = getattr(m, name, None)
            if obj is None or getattr(obj, "__module__", None) != mod:
                continue  # re-exports are tested where they are defined
            if inspect.isclass(obj) and issubclass(obj, BaseException):
                continue
            if inspect.isfunction(obj) or inspect.isclass(obj):
                out.append((mod, name))
    return out


CALLABLES = _public_callables()


# ---------------------------------------------------------------- value pools, chosen by type hint
class _Junk:
    "An object of no expected type."
    def __repr__(self):
        return "<junk object>"


def _arrays(torch_out: bool) -> list:
    shapes = [(), (0,), (3,), (4, 2), (5, 3), (2, 3, 4), (0, 3), (6, 1)]
    vals = []
    rng = np.random.default_rng(0)
    for shape in shapes:
        base = rng.normal(size=shape)
        for fill in ("normal", "nan", "inf"):
            a = base.copy()
            if fill != "normal" and a.size:
                a.flat[0] = np.nan if fill == "nan" else np.inf
            vals.append(a)
    vals += [np.arange(6).reshape(3, 2), np.zeros((3, 3)), np.ones(4, dtype=np.int64)]
    if torch_out:
        import torch
        vals = [torch.as_tensor(v, dtype=torch.float32) if v.dtype.kind == "f" else torch.as_tensor(v) for v in vals]
    return vals + ["abc", None, [[1.0, 2.0], [3.0]]]


INT_POOL = [-3, -1, 0, 1, 2, 3, 6, np.int64(2), np.int64(0), 2.5, "3", None, True, float("nan")]
FLOAT_POOL = [float("nan"), float("inf"), -float("inf"), -1.0, 0.0, 1e-3, 0.5, 1.0, 3.0, np.float32(0.5),
              np.int64(1), "x", None]
POOLS = {
    "int": INT_POOL,
    "float": FLOAT_POOL,
    "bool": [True, False, None, "yes", 2],
    "str": ["", "bogus", None, 3],
    "ndarray": _arrays(False),
    "tensor": _arrays(True),
    "callable": [lambda *a, **k: np.zeros(3), lambda x: x, None, 3],
    "sequence": [[], [3, 0, 2], [2, 3], [-1, 2], (2,), [1.5, float("nan")], "abc", None],
    "dict": [{}, {"a": 1}, None, 3],
    "other": [None, 3, "x", _Junk()],
}
KIND_PATTERNS = [  # first match wins, per union member
    ("tensor", r"tensor|nn\.parameter"),
    ("ndarray", r"ndarray|arraylike|array_like|np\.array"),
    ("callable", r"callable|scorefn|fn\b"),
    ("dict", r"^dict|mapping"),
    ("sequence", r"sequence|^list|^tuple|iterable"),
    ("bool", r"^bool$"),
    ("int", r"^int$|integral"),
    ("float", r"^float$|real|number"),
    ("str", r"^str$|literal"),
]


def _top_level(text: str, seps: str = "|,") -> list[str]:
    "Split a type expression at separators outside brackets: 'Callable[[A], B] | None' -> ['Callable[[A], B]', 'None']."
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "["
        depth -= ch == "]"
        if ch in seps and depth == 0:
            parts.append(cur); cur = ""
        else:
            cur += ch
    return parts + [cur]


def _kinds(annotation) -> set[str]:
    "The value pools a parameter's annotation calls for (classified by each union member's outer type)."
    if annotation is inspect.Parameter.empty:
        return {"other", "float", "ndarray"}
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", None) or str(annotation)
    kinds = set()
    for part in _top_level(text.replace("typing.", ""), "|"):
        part = part.strip(" '\"")
        outer = part.split("[", 1)[0].strip().lower()
        if outer in ("optional", "union"):
            kinds |= _kinds(part[part.index("[") + 1: part.rindex("]")].replace(",", "|"))
            continue
        if not outer or outer == "none":
            continue
        for kind, pat in KIND_PATTERNS:
            if re.search(pat, outer):
                kinds.add(kind)
                break
        else:
            kinds.add("other")
    return kinds or {"other"}


OMIT = object()


def _param_strategy(p: inspect.Parameter):
    pool = []
    for k in sorted(_kinds(p.annotation)):
        pool += POOLS[k]
    s = st.sampled_from(pool)
    if p.default is not inspect.Parameter.empty:
        s = st.one_of(st.just(OMIT), s)
    return s


def _target(mod: str, name: str):
    obj = getattr(importlib.import_module(mod), name)
    return obj, inspect.signature(obj)


# ---------------------------------------------------------------- outcome checks
class _Hang(BaseException):
    "Raised by the alarm: the call ran past the time limit."


def _alarm(signum, frame):
    raise _Hang()


def _non_finite(x, depth: int = 0) -> bool:
    "True when x holds a NaN or infinity anywhere (numbers, arrays, tensors, containers, modules)."
    if depth > 4 or x is None or isinstance(x, (str, bytes, bool)):
        return False
    if isinstance(x, (int, np.integer)):
        return False
    if isinstance(x, (float, np.floating)):
        return not math.isfinite(float(x))
    if isinstance(x, np.ndarray):
        return x.dtype.kind in "fc" and not np.isfinite(x).all()
    try:
        import torch
        if isinstance(x, torch.Tensor):
            return (x.is_floating_point() or x.is_complex()) and not bool(torch.isfinite(x).all())
        if isinstance(x, torch.nn.Module):
            return any(_non_finite(t, depth + 1) for t in list(x.parameters()) + list(x.buffers()))
    except ImportError:
        pass
    if isinstance(x, dict):
        return any(_non_finite(v, depth + 1) for v in x.values())
    if isinstance(x, (list, tuple)):
        return any(_non_finite(v, depth + 1) for v in x[:1000])
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return any(_non_finite(getattr(x, f.name), depth + 1) for f in dataclasses.fields(x))
    return False


def _raised_in_minirepro(exc: BaseException) -> tuple[bool, str]:
    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1] if frames else None
    where = f"{last.filename}:{last.lineno}" if last else "?"
    return bool(last and str(PKG) in str(Path(last.filename).resolve())), where


REPORT = os.environ.get("MINIREPRO_API_REPORT")  # a JSON path: tally every call's outcome class there (for notes)
_TALLY: dict[str, int] = {}


def _call_outcome(qualname: str, fn, sig: inspect.Signature, kwargs: dict) -> str | None:
    "None when the outcome is acceptable, else a description of the defect."
    out = _classify(qualname, fn, sig, kwargs)
    if REPORT:
        kind = "ok" if out is None else out.split(" ")[0].rstrip(":")
        _TALLY[kind] = _TALLY.get(kind, 0) + 1
        Path(REPORT).write_text(__import__("json").dumps(_TALLY, indent=1))
    return out


def _classify(qualname: str, fn, sig: inspect.Signature, kwargs: dict) -> str | None:
    "None when the outcome is acceptable, else a description of the defect."
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    names = [n for n in sig.parameters if n not in ("self", "cls")]
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT_S)
    try:
        out = fn(**kwargs)
    except _Hang:
        return f"hang: no result or error within {TIME_LIMIT_S} s"
    except (TypeError, ValueError) as e:
        ok, where = _raised_in_minirepro(e)
        msg = str(e)
        if not ok:
            return f"raw {type(e).__name__} from outside minirepro ({where}): {msg[:200]}"
        if not any(re.search(rf"(?<![A-Za-z0-9_]){re.escape(n)}(?![A-Za-z0-9_])", msg) for n in names):
            return f"unnamed {type(e).__name__} that names no argument of {names} ({where}): {msg[:200]}"
        return None
    except Exception as e:  # noqa: BLE001
        _, where = _raised_in_minirepro(e)
        return f"raw {type(e).__name__} ({where}): {str(e)[:200]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        plt.close("all")
    if qualname not in NAN_INPUT_OK and any(_non_finite(v) for v in kwargs.values()):
        bad = [k for k, v in kwargs.items() if _non_finite(v)]
        return f"silent garbage: accepted non-finite input in {bad} and returned {type(out).__name__}"
    if _non_finite(out):
        return f"non-finite result ({type(out).__name__})"
    return None


@pytest.fixture(autouse=True)
def _sandbox(tmp_path, monkeypatch):
    "Keep side effects (figures, ledgers) in a temp run directory; one thread."
    monkeypatch.setenv("MINIREPRO_RUN_DIR", str(tmp_path))
    monkeypatch.setenv("IN_TEST", "1")
    import torch
    torch.set_num_threads(1)


@pytest.mark.parametrize("mod,name", CALLABLES, ids=[f"{m.removeprefix('minirepro.')}.{n}" for m, n in CALLABLES])
def test_bad_inputs_are_refused_cleanly(mod, name):
    fn, sig = _target(mod, name)
    params = [p for p in sig.parameters.values()
              if p.name not in ("self", "cls") and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    qualname = f"{mod}.{name}"
    strategy = st.fixed_dictionaries({p.name: _param_strategy(p) for p in params})
    failures: list[str] = []

    @settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(drawn):
        kwargs = {k: v for k, v in drawn.items() if v is not OMIT}
        problem = _call_outcome(qualname, fn, sig, kwargs)
        if problem:
            shown = {k: (type(v).__name__ + str(getattr(v, "shape", "")) if hasattr(v, "shape") else v)
                     for k, v in kwargs.items()}
            failures.append(f"{name}({shown}): {problem}")

    run()
    assert not failures, f"{len(failures)} of the generated calls misbehaved, e.g.:\n" + "\n".join(failures[:4])


def test_every_module_is_covered():
    "Every exported public callable is in the suite (guards against a module silently dropping out)."
    mods = {m for m, _ in CALLABLES}
    missing = [m for m in _modules() if getattr(importlib.import_module(m), "__all__", None) and m not in mods]
    assert not missing, f"modules with __all__ but no tested callable: {missing}"
