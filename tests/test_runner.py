"""The runner on a throw-away project of tiny notebooks: failures, mismatches, timeouts, resume, report, publish, CLI."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

from minirepro.core import runner

PARAMS = 'scale = "smoke"\nseed = 0\ndevice = "auto"'
SETUP = ("import os, time\nfrom minirepro.core.claims import Ledger\n")


def _nb(path: Path, pid: str, body: str, expected: str = "reproduced", passed: str = "True"):
    cells = [new_raw_cell(f"---\npaper_id: {pid}\n---"), new_markdown_cell(f"# Paper {pid}\n> test"),
             new_code_cell(PARAMS, metadata={"tags": ["parameters"]}), new_code_cell(SETUP),
             new_code_cell(f'ledger = Ledger("{pid}", scale, seed=seed, device=device)'), new_code_cell(body),
             new_code_cell(f'ledger.record("k", "s", "1", "Table 1", "m", 1.0, passed={passed}, target="t", expected="{expected}")'),
             new_code_cell("ledger.check()")]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "proj"
    (root / "nbs" / "core").mkdir(parents=True)
    (root / "settings.ini").write_text("[DEFAULT]\nlib_name = x\n")
    _nb(root / "nbs" / "area" / "good_one.ipynb", "PT1", "x = 1")
    _nb(root / "nbs" / "area" / "broken_one.ipynb", "PT2", "y = 1\nraise RuntimeError('boom in cell')")
    _nb(root / "nbs" / "area" / "mismatch_one.ipynb", "PT3", "z = 1", passed="False")
    _nb(root / "nbs" / "area" / "slow_one.ipynb", "PT4", "time.sleep(float(os.environ.get('PT_SLEEP', '0')))")
    _nb(root / "nbs" / "core" / "not_a_paper.ipynb", "PX", "pass")  # core notebooks are never papers
    idx = new_notebook(cells=[new_markdown_cell("# Home\n\n<!-- papers:start -->\n<!-- papers:end -->\n")])
    nbformat.write(idx, root / "nbs" / "index.ipynb")
    return root


def test_discover_and_select(project):
    papers = runner.discover(project / "nbs")
    assert [p.paper_id for p in papers] == ["PT1", "PT2", "PT3", "PT4"]
    assert papers[0].slug == "good-one" and papers[0].area == "area" and papers[0].title == "Paper PT1"
    assert [p.paper_id for p in runner.select(papers, ["pt2", "good-one", "good_one"])] == ["PT2", "PT1"]
    with pytest.raises(ValueError, match=r"unknown paper\(s\) \['P999'\]; valid choices: PT1 \(good-one\)"):
        runner.select(papers, ["P999"])


def test_failures_are_reported_and_do_not_stop_others(project, tmp_path, monkeypatch):
    monkeypatch.setenv("PT_SLEEP", "0")
    papers = runner.discover(project / "nbs")
    out = tmp_path / "run"
    res = {r["paper_id"]: r for r in runner.run_many(papers, out, scale="smoke", device="cpu", jobs=2, progress=False)}
    assert res["PT1"]["status"] == "ok" and res["PT4"]["status"] == "ok"
    assert res["PT2"]["status"] == "failed"
    err = res["PT2"]["error"]
    assert err["ename"] == "RuntimeError" and "boom in cell" in err["evalue"] and "raise RuntimeError" in err["source"]
    assert res["PT3"]["status"] == "mismatch" and res["PT3"]["claims"][0]["verdict"] == "not reproduced"
    # never over the sources; executed copies, results and rendered pages in the run directory
    assert (out / "notebooks" / "good-one.ipynb").exists() and (out / "html" / "good-one.html").exists()
    assert not (project / "nbs" / "area" / "good_one.ipynb").read_text().count("papermill-error")
    assert json.loads((out / "results" / "broken-one.json").read_text())["status"] == "failed"
    paths = runner.write_report(out, quiet=True)
    html = paths["html"].read_text()
    assert "boom in cell" in html and 'href="html/good-one.html"' in html and "not reproduced" in html
    assert "PT1" in paths["md"].read_text() and paths["csv"].read_text().count("\n") >= 4


def test_timeout(project, tmp_path, monkeypatch):
    monkeypatch.setenv("PT_SLEEP", "120")
    [slow] = runner.select(runner.discover(project / "nbs"), ["PT4"])
    t0 = time.time()
    r = runner.run_one(slow, tmp_path / "run", "smoke", "cpu", timeout=20, render=False)
    assert r["status"] == "timeout" and time.time() - t0 < 90


def test_interrupted_run_resumes_without_redoing_finished(project, tmp_path):
    out = tmp_path / "run"
    env = {**os.environ, "MINIREPRO_ROOT": str(project), "PT_SLEEP": "300"}
    cmd = [sys.executable, "-c", "import sys; from minirepro.core.runner import main; sys.exit(main())",
           "run", "PT1", "PT4", "--scale", "smoke", "--device", "cpu", "--jobs", "1", "--out", str(out)]
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    while not (out / "results" / "good-one.json").exists() and time.time() < deadline:
        time.sleep(0.5)
    time.sleep(3)  # PT4 is now sleeping inside its notebook: interrupt the whole run
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    first = json.loads((out / "results" / "good-one.json").read_text())
    assert first["status"] == "ok" and not (out / "results" / "slow-one.json").exists()
    env["PT_SLEEP"] = "0"
    done = subprocess.run(cmd + ["--resume"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "1 notebook(s) already finished" in done.stdout
    assert json.loads((out / "results" / "good-one.json").read_text())["finished_at"] == first["finished_at"]
    assert json.loads((out / "results" / "slow-one.json").read_text())["status"] == "ok"


def test_publish_refreshes_ledger_index_readme(project, tmp_path, monkeypatch):
    monkeypatch.setenv("PT_SLEEP", "0")
    out = tmp_path / "run"
    runner.run_many(runner.select(runner.discover(project / "nbs"), ["PT1"]), out, "smoke", "cpu", progress=False)
    written = runner.publish(out, project)
    assert written == [project / "ledger" / "smoke" / "PT1.json"]
    readme = (project / "README.md").read_text()
    assert "| PT1 | [Paper PT1](nbs/area/good_one.ipynb) | area | 1/1 reproduced" in readme
    assert "PT2" in readme and "not run" in readme
    assert "PT1" in (project / "nbs" / "claims.md").read_text()


def test_cli_errors(project, monkeypatch, capsys):
    monkeypatch.setenv("MINIREPRO_ROOT", str(project))
    assert runner.main(["run", "P999"]) == 2
    assert "valid choices" in capsys.readouterr().err
    assert runner.main(["run", "PT1", "--scale", "huge"]) == 2
    assert "scale must be one of ('smoke', 'full', 'auto')" in capsys.readouterr().err
    assert runner.main(["run", "PT1", "--device", "tpu"]) == 2
    assert "device must be one of" in capsys.readouterr().err
    assert runner.main(["run", "PT1", "--jobs", "0"]) == 2
    assert runner.main(["report", str(project / "nothing")]) == 2
    assert runner.main(["list"]) == 0
    assert "PT1" in capsys.readouterr().out
