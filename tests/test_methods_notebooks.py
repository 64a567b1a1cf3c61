"""Every methods family notebook executes top to bottom: its assert cells are the family's unit checks (closed forms,
brute force, agreement with reference packages), so they must run in CI, not only when someone opens the notebook."""
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
FAMILY_NBS = sorted((ROOT / "nbs" / "methods").glob("*.ipynb"))


@pytest.mark.parametrize("path", FAMILY_NBS, ids=[p.stem for p in FAMILY_NBS])
def test_family_notebook_checks_pass(path, monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError (with the failing cell and traceback) if any check fails
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"{path.name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"
