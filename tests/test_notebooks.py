"""Every paper notebook at smoke scale (one parallel runner pass): it finishes, its parameters were injected,
and every verdict matches the expectation the notebook declares."""
import json

import pytest

from conftest import PAPERS, SMOKE_DEVICE, SMOKE_SEED

pytestmark = pytest.mark.skipif(not PAPERS, reason="no paper notebooks yet")


@pytest.mark.parametrize("paper", PAPERS, ids=[p.paper_id for p in PAPERS])
def test_smoke_run(paper, smoke_run):
    out, results = smoke_run
    r = results[paper.slug]
    err = r.get("error") or {}
    assert r["status"] == "ok", f"{paper.paper_id} {r['status']} at cell {err.get('cell_index')}: {err.get('ename')}: {err.get('evalue')}\n{r.get('log_tail', '')}"
    ledger = json.loads((out / "claims" / f"{paper.paper_id}.json").read_text())
    # injected parameters took effect: device defaults to "auto" in every notebook, we injected "cpu"
    assert (ledger["scale"], ledger["device"], ledger["seed"]) == ("smoke", SMOKE_DEVICE, SMOKE_SEED)
    assert ledger["paper_id"] == paper.paper_id and ledger["claims"], "no claim recorded"
    for c in ledger["claims"]:
        assert c["verdict"] == c["expected"], f"{c['key']}: {c['verdict']} != declared {c['expected']}"
        if c.get("kind", "paper") == "paper":  # sanity checks carry no paper value
            assert c["paper_value"] and c["paper_source"] and c["statement"], f"{c['key']}: paper value/source missing"
    nb = json.loads((out / r["notebook"]).read_text())
    tags = [c.get("metadata", {}).get("tags", []) for c in nb["cells"]]
    i = next(i for i, t in enumerate(tags) if "parameters" in t)
    assert "injected-parameters" in tags[i + 1], "papermill did not inject parameters right after the parameters cell"
