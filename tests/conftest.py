"""Shared fixtures: the project root, the paper notebooks, and one parallel smoke run of all of them."""
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MPLBACKEND", "Agg")

from minirepro.core.runner import discover, run_many  # noqa: E402

PAPERS = discover(ROOT / "nbs")
SMOKE_DEVICE = "cpu"  # injected on purpose: the notebooks default to "auto", so the ledger proves injection worked
SMOKE_SEED = 0


def pytest_report_header(config):
    return f"minirepro: {len(PAPERS)} paper notebook(s): {', '.join(p.paper_id for p in PAPERS)}"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def smoke_run(tmp_path_factory):
    """Run every paper notebook once at smoke scale, in parallel on the machine's cores; returns {slug: result}."""
    out = Path(os.environ.get("MINIREPRO_TEST_RUN_DIR") or tmp_path_factory.mktemp("smoke"))
    jobs = int(os.environ.get("MINIREPRO_TEST_JOBS", max(1, min(2, os.cpu_count() or 1))))
    results = run_many(PAPERS, out, scale="smoke", device=SMOKE_DEVICE, jobs=jobs, seed=SMOKE_SEED,
                       timeout=float(os.environ.get("MINIREPRO_TEST_TIMEOUT", 600)), resume=True)
    return out, {r["slug"]: r for r in results}


@pytest.fixture(autouse=True)
def _seed_global_rngs():
    "Every test starts from the same global RNG state, so its outcome does not depend on which tests ran before."
    import random

    import numpy as np
    random.seed(0)
    np.random.seed(0)
    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(0)
    yield
