"""The runner on a throw-away project of tiny notebooks: failures, mismatches, timeouts, content keys and resume,
reports with status columns, safe writes and locks, clear errors, publish and status, CLI."""
import errno
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

from minirepro.core import runner

PARAMS = 'scale = "smoke"\nseed = 0\ndevice = "auto"'
SETUP = ("import os, time\nfrom minirepro.core.claims import Ledger\n")
SLEEP_CELL = 5  # index of the body cell in the source notebook (papermill's injected cells are not counted)


def _nb(path: Path, pid: str, body: str, expected: str = "reproduced", passed: str = "True", after: str = "pass"):
    cells = [new_raw_cell(f"---\npaper_id: {pid}\n---"), new_markdown_cell(f"# Paper {pid}\n> test"),
             new_code_cell(PARAMS, metadata={"tags": ["parameters"]}), new_code_cell(SETUP),
             new_code_cell(f'ledger = Ledger("{pid}", scale, seed=seed, device=device)'), new_code_cell(body),
             new_code_cell(f'ledger.record("k", "s", "1", "Table 1", "m", 1.0, passed={passed}, target="t", expected="{expected}")'),
             new_code_cell("ledger.check()"), new_code_cell(after)]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def make_project(root: Path) -> Path:
    (root / "nbs" / "core").mkdir(parents=True)
    (root / "settings.ini").write_text("[DEFAULT]\nlib_name = x\n")
    (root / "constraints.txt").write_text("numpy==1\n")
    _nb(root / "nbs" / "area" / "good_one.ipynb", "PT1", "x = 1")
    _nb(root / "nbs" / "area" / "broken_one.ipynb", "PT2", "y = 1\nraise RuntimeError('boom in cell')")
    _nb(root / "nbs" / "area" / "mismatch_one.ipynb", "PT3", "z = 1", passed="False")
    _nb(root / "nbs" / "area" / "slow_one.ipynb", "PT4", "time.sleep(float(os.environ.get('PT_SLEEP', '0')))")
    # records a claim that passes, saves it, then fails after ledger.check(): its claim must never show as reproduced
    _nb(root / "nbs" / "area" / "late_fail.ipynb", "PT5", "w = 1", after="raise ValueError('after the ledger')")
    # fails early when PT_FAIL_EARLY is set (a rerun that fails before recording anything)
    _nb(root / "nbs" / "area" / "flaky_one.ipynb", "PT6", "assert not os.environ.get('PT_FAIL_EARLY'), 'early failure'")
    _nb(root / "nbs" / "core" / "not_a_paper.ipynb", "PX", "pass")  # core notebooks are never papers
    idx = new_notebook(cells=[new_markdown_cell("# Home\n\n<!-- papers:start -->\n<!-- papers:end -->\n")])
    nbformat.write(idx, root / "nbs" / "index.ipynb")
    return root


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "proj")


def pick(project, *ids):
    return runner.select(runner.discover(project / "nbs"), list(ids))


def procs_with_env(entry_prefix: str) -> list[int]:
    "Live processes whose environment has an entry starting with `entry_prefix` (e.g. MINIREPRO_RUN_DIR=<out>)."
    want, pids = entry_prefix.encode(), []
    for d in os.listdir("/proc"):
        if not d.isdigit() or int(d) == os.getpid():
            continue
        try:
            env = Path(f"/proc/{d}/environ").read_bytes().split(b"\0")
            state = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and any(e.startswith(want) for e in env):
            pids.append(int(d))
    return pids


def run_marker(out: Path) -> str:
    return f"MINIREPRO_RUN_DIR={out.resolve()}"


# --- discovery -----------------------------------------------------------------------------------------------------

def test_discover_and_select(project):
    papers = runner.discover(project / "nbs")
    assert [p.paper_id for p in papers] == ["PT1", "PT2", "PT3", "PT4", "PT5", "PT6"]
    assert papers[0].slug == "good-one" and papers[0].area == "area" and papers[0].title == "Paper PT1"
    assert [p.paper_id for p in runner.select(papers, ["pt2", "good-one", "good_one"])] == ["PT2", "PT1"]
    with pytest.raises(ValueError, match=r"unknown paper\(s\) \['P999'\]; valid choices: PT1 \(good-one\)"):
        runner.select(papers, ["P999"])


# --- one run: statuses, errors, tables ------------------------------------------------------------------------------

def test_failures_are_reported_and_do_not_stop_others(project, tmp_path, monkeypatch):
    monkeypatch.setenv("PT_SLEEP", "0")
    out = tmp_path / "run"
    res = {r["paper_id"]: r for r in runner.run_many(pick(project, "PT1", "PT2", "PT3", "PT5"), out, scale="smoke",
                                                     device="cpu", jobs=2, progress=False, threads=1)}
    assert res["PT1"]["status"] == "ok"
    assert res["PT2"]["status"] == "failed"
    err = res["PT2"]["error"]
    assert err["ename"] == "RuntimeError" and "boom in cell" in err["evalue"] and "raise RuntimeError" in err["source"]
    assert err["cell_index"] == SLEEP_CELL
    assert res["PT3"]["status"] == "mismatch" and res["PT3"]["claims"][0]["verdict"] == "not reproduced"
    # a record names its parameters and content key
    r1 = res["PT1"]
    assert (r1["scale"], r1["seed"], r1["device"], r1["backend"]) == ("smoke", 0, "cpu", "local")
    assert r1["key"].startswith("sha256:") and r1["key_inputs"]["params"] == {"scale": "smoke", "seed": 0, "device": "cpu"}
    # never over the sources; executed copies, results and rendered pages in the run directory
    assert (out / "notebooks" / "good-one.ipynb").exists() and (out / "html" / "good-one.html").exists()
    assert not (project / "nbs" / "area" / "good_one.ipynb").read_text().count("papermill-error")
    assert json.loads((out / "results" / "broken-one.json").read_text())["status"] == "failed"
    paths = runner.write_report(out, quiet=True)
    html = paths["html"].read_text()
    assert "boom in cell" in html and 'href="html/good-one.html"' in html and "not reproduced" in html
    assert "PT1" in paths["md"].read_text() and paths["csv"].read_text().count("\n") >= 4


def test_failed_notebook_claims_never_show_as_reproduced(project, tmp_path, capsys):
    "Issue: claims recorded before a notebook raised showed as 'reproduced' (no status column)."
    out = tmp_path / "run"
    [r] = runner.run_many(pick(project, "PT5"), out, "smoke", "cpu", progress=False, render=False, threads=1)
    assert r["status"] == "failed" and r["error"]["ename"] == "ValueError"
    assert r["claims"] and r["claims"][0]["verdict"] == "reproduced"  # what the notebook recorded before failing
    paths = runner.write_report(out)  # prints the terminal table too
    term = capsys.readouterr().out
    md, html, csv_text = paths["md"].read_text(), paths["html"].read_text(), paths["csv"].read_text()
    for table in (term, md.split("## Notebooks")[0]):
        head = [l for l in table.splitlines() if l.startswith("| paper_id")][0]
        assert "status" in head and "metric" in head
        row = [l for l in table.splitlines() if l.startswith("| PT5")][0]
        assert "not judged (failed)" in row and "✅" not in row and "| failed |" in row
    assert "<th>status</th>" in html and "<th>metric</th>" in html and "not judged (failed)" in html
    assert "b reproduced" not in html  # no green verdict badge (the expected column may say reproduced)
    import csv
    [row] = list(csv.DictReader(csv_text.splitlines()))
    assert row["status"] == "failed" and row["verdict"] == "not judged (failed)" and row["metric"] == "m"
    assert row["recorded_verdict"] == "reproduced"


def test_rerun_that_fails_early_drops_previous_claims(project, tmp_path, monkeypatch):
    "Issue: a rerun that failed early kept the previous run's claims."
    out = tmp_path / "run"
    [p] = pick(project, "PT6")
    first = runner.run_one(p, out, "smoke", "cpu", render=False)
    assert first["status"] == "ok" and first["claims"] and (out / "claims" / "PT6.json").exists()
    monkeypatch.setenv("PT_FAIL_EARLY", "1")
    second = runner.run_one(p, out, "smoke", "cpu", render=False)
    assert second["status"] == "failed" and "early failure" in second["error"]["evalue"]
    assert second["claims"] == [] and not (out / "claims" / "PT6.json").exists()
    rows = runner.claim_rows(runner.load_results(out))
    assert [r["verdict"] for r in rows] == ["not judged (failed)"]


def test_timeout_names_the_running_cell(project, tmp_path, monkeypatch):
    "Issue: a timeout was reported at 'cell None' although papermill marks the running cell."
    monkeypatch.setenv("PT_SLEEP", "120")
    [slow] = pick(project, "PT4")
    out = tmp_path / "run"
    t0 = time.time()
    r = runner.run_one(slow, out, "smoke", "cpu", timeout=15, render=False)
    assert r["status"] == "timeout" and time.time() - t0 < 60
    assert r["error"]["cell_index"] == SLEEP_CELL and r["error"]["ename"] == "Timeout"
    assert "time.sleep" in r["error"]["source"] and f"cell {SLEEP_CELL}" in r["error"]["evalue"]
    assert procs_with_env(run_marker(out)) == []  # the kernel went with papermill


# --- content keys and resume ----------------------------------------------------------------------------------------

def test_content_key_covers_code_modules_constraints_params(project, tmp_path):
    [p] = pick(project, "PT1")
    ki = runner.key_inputs(p, "smoke", 0, "cpu", project)
    assert {"minirepro", "minirepro.core", "minirepro.core.claims", "minirepro.core.config"} <= set(ki["modules"])
    k0 = runner.content_key(ki)
    assert runner.content_key(runner.key_inputs(p, "smoke", 1, "cpu", project)) != k0
    assert runner.content_key(runner.key_inputs(p, "full", 0, "cpu", project)) != k0
    assert runner.content_key(runner.key_inputs(p, "smoke", 0, "auto", project)) != k0
    (project / "constraints.txt").write_text("numpy==2\n")
    assert runner.key_changes(ki, runner.key_inputs(p, "smoke", 0, "cpu", project)) == ["constraints"]
    nb = nbformat.read(p.path, as_version=4)
    nb.cells[5].source = "x = 2"
    nbformat.write(nb, p.path)
    assert "notebook" in runner.key_changes(ki, runner.key_inputs(p, "smoke", 0, "cpu", project))
    # a module imported transitively (claims -> config) is part of the key
    lib = tmp_path / "lib" / "minirepro"
    (lib / "core").mkdir(parents=True)
    for f in ("__init__.py", "core/__init__.py"):
        (lib / f).write_text("")
    (lib / "core" / "a.py").write_text("from .b import thing\n")
    (lib / "core" / "b.py").write_text("thing = 1\n")
    mods = runner.imported_modules(["from minirepro.core.a import thing"], lib)
    assert list(mods) == ["minirepro", "minirepro.core", "minirepro.core.a", "minirepro.core.b"]


def test_resume_skips_only_matching_keys(project, tmp_path, capsys):
    "Issue: `run P --seed 1 --resume --out <seed-0 run>` ran nothing."
    out = tmp_path / "run"
    papers = pick(project, "PT1")
    [r0] = runner.run_many(papers, out, "smoke", "cpu", seed=0, render=False, progress=False, threads=1)
    [r1] = runner.run_many(papers, out, "smoke", "cpu", seed=1, resume=True, render=False, threads=1)
    assert r1["seed"] == 1 and r1["key"] != r0["key"] and r1["finished_at"] >= r0["finished_at"]
    assert "0 notebook(s) already finished" in capsys.readouterr().out
    [r2] = runner.run_many(papers, out, "smoke", "cpu", seed=1, resume=True, render=False, threads=1)
    assert r2 == r1 and "1 notebook(s) already finished" in capsys.readouterr().out
    assert json.loads((out / "claims" / "PT1.json").read_text())["seed"] == 1


def test_interrupted_run_resumes_without_redoing_finished(project, tmp_path):
    out = tmp_path / "run"
    env = {**os.environ, "MINIREPRO_ROOT": str(project), "PT_SLEEP": "300"}
    cmd = [sys.executable, "-c", "import sys; from minirepro.core.runner import main; sys.exit(main())",
           "run", "PT1", "PT4", "--scale", "smoke", "--device", "cpu", "--jobs", "1", "--threads", "1", "--out", str(out)]
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    while not (out / "results" / "good-one.json").exists() and time.time() < deadline:
        time.sleep(0.5)
    time.sleep(3)  # PT4 is now running: kill the runner's whole process group
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


# --- safe writes, lock, clear errors ----------------------------------------------------------------------------------

def test_concurrent_writes_never_fail_or_tear(tmp_path):
    "Issue: a fixed <name>.tmp raced (43/1200 writes failed with 4 writers)."
    path, errors, torn = tmp_path / "results" / "x.json", [], []

    def writer(i):
        for n in range(300):
            try:
                runner._write_json(path, {"writer": i, "n": n, "pad": "x" * 2000})
            except Exception as e:  # noqa: BLE001
                errors.append(e)

    def reader():
        while any(t.is_alive() for t in ts):
            try:
                json.loads(path.read_text())
            except FileNotFoundError:
                pass
            except ValueError as e:
                torn.append(e)

    ts = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    for t in ts:
        t.start()
    reader()
    for t in ts:
        t.join()
    assert errors == [] and torn == []
    assert [p.name for p in path.parent.iterdir()] == ["x.json"]  # no temp file left


def test_second_runner_on_same_out_is_refused(project, tmp_path, monkeypatch, capsys):
    out = tmp_path / "run"
    out.mkdir()
    with runner.RunLock(out):
        with pytest.raises(runner.RunnerError, match=r"is in use by another minirepro run \(pid \d+"):
            runner.run_many(pick(project, "PT1"), out, "smoke", "cpu", progress=False)
        monkeypatch.setenv("MINIREPRO_ROOT", str(project))
        t0 = time.time()
        assert runner.main(["run", "PT1", "--device", "cpu", "--out", str(out), "--wait-lock", "1"]) == 2
        assert time.time() - t0 >= 1 and "in use by another minirepro run" in capsys.readouterr().err
    assert not (out / "results").exists()


def test_corrupt_result_is_named_and_skipped(project, tmp_path, capsys, monkeypatch):
    out = tmp_path / "run"
    runner.run_many(pick(project, "PT1"), out, "smoke", "cpu", render=False, progress=False, threads=1)
    bad = out / "results" / "broken-one.json"
    bad.write_text('{"paper_id": "PT2", "sta')
    (out / "results" / "other.json").write_text("[1, 2]")
    recs = runner.load_results(out)
    err = capsys.readouterr().err
    assert [r["paper_id"] for r in recs] == ["PT1"]
    assert f"skipping unreadable result {bad}" in err and "JSONDecodeError" in err and "other.json" in err
    runner.write_report(out, quiet=True)  # report carries on
    monkeypatch.setenv("MINIREPRO_ROOT", str(project))
    assert runner.main(["list", "--out", str(out)]) == 0
    assert "PT1" in capsys.readouterr().out
    res = runner.run_many(pick(project, "PT1", "PT2"), out, "smoke", "cpu", resume=True, render=False, threads=1)
    assert {r["paper_id"]: r["status"] for r in res} == {"PT1": "ok", "PT2": "failed"}  # the corrupt one was rerun


def test_disk_full_names_the_file(project, tmp_path, monkeypatch, capsys):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    out = tmp_path / "run"
    runner.run_many(pick(project, "PT1"), out, "smoke", "cpu", render=False, progress=False, threads=1)
    monkeypatch.setattr(runner, "_sync", full)
    with pytest.raises(runner.RunnerError, match=r"writing .*claims\.csv failed: no space left on the device"):
        runner.write_report(out, quiet=True)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.setenv("MINIREPRO_ROOT", str(project))
    assert runner.main(["report", str(out)]) == 2
    assert "claims.csv failed: no space left on the device" in capsys.readouterr().err
    # during a run: the runner stops cleanly, names the result file, and leaves no process behind
    with pytest.raises(runner.RunnerError, match=r"writing .*results/good-one\.json failed: no space left"):
        runner.run_many(pick(project, "PT1"), out, "smoke", "cpu", render=False, progress=False, threads=1)
    assert procs_with_env(run_marker(out)) == []


def test_out_must_be_a_writable_folder(project, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MINIREPRO_ROOT", str(project))
    f = tmp_path / "afile"
    f.write_text("x")
    assert runner.main(["run", "PT1", "--device", "cpu", "--out", str(f)]) == 2
    assert f"--out {f} is a file, not a folder" in capsys.readouterr().err
    assert runner.main(["run", "PT1", "--device", "cpu", "--out", str(f / "sub")]) == 2
    assert "a parent of this path is a file" in capsys.readouterr().err

    def read_only(out):
        raise OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr(runner, "_probe", read_only)  # (root ignores permission bits, so simulate a read-only mount)
    ro = tmp_path / "ro"
    assert runner.main(["run", "PT1", "--device", "cpu", "--out", str(ro)]) == 2
    assert f"using the run directory {ro} failed: the file system is read-only" in capsys.readouterr().err


def test_cli_refuses_out_of_range_values(project, monkeypatch, capsys):
    monkeypatch.setenv("MINIREPRO_ROOT", str(project))
    assert runner.main(["run", "P999"]) == 2
    assert "valid choices" in capsys.readouterr().err
    cases = {("--scale", "huge"): "scale must be one of ('smoke', 'full', 'auto')",
             ("--device", "tpu"): "device must be one of", ("--jobs", "0"): "jobs must be a positive integer, got 0",
             ("--threads", "0"): "threads must be a positive integer, got 0",
             ("--timeout", "0"): "timeout must be a positive number of seconds, got 0.0",
             ("--timeout", "-5"): "timeout must be a positive number", ("--timeout", "nan"): "timeout must be",
             ("--backend", "slurm"): "backend must be one of", ("--gpus-per-notebook", "1"): "apply to backend='ray' only"}
    for (opt, val), msg in cases.items():
        assert runner.main(["run", "PT1", opt, val, "--out", str(project / "r")]) == 2, (opt, val)
        assert msg in capsys.readouterr().err, (opt, val)
    from minirepro.core.config import _cuda_available
    if not _cuda_available():
        assert runner.main(["run", "PT1", "--device", "cuda", "--out", str(project / "r")]) == 2
        assert "torch sees no CUDA device" in capsys.readouterr().err
    assert not (project / "r" / "results").exists()
    assert runner.main(["report", str(project / "nothing")]) == 2
    with pytest.raises(ValueError, match="seed must be a non-negative integer"):
        runner.run_many([], project / "r", seed=-1)


# --- progress and order -----------------------------------------------------------------------------------------------

def test_progress_reads_the_running_cell(project, tmp_path):
    nb = nbformat.read(project / "nbs" / "area" / "good_one.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for c in code[:2]:
        c.metadata["papermill"] = {"status": "completed"}
    code[2].metadata["papermill"] = {"status": "running"}
    nbformat.write(nb, tmp_path / "x.ipynb")
    w = runner.cell_progress(tmp_path / "x.ipynb")
    assert (w["running"], w["number"], w["done"], w["total"]) == (4, 3, 2, len(code))
    assert runner.cell_progress(tmp_path / "missing.ipynb")["running"] is None
    papers = pick(project, "PT1", "PT2", "PT3")
    order = runner.longest_first(papers, {"PT1": 5.0, "PT3": 50.0})
    assert [p.paper_id for p in order] == ["PT2", "PT3", "PT1"]  # never timed first, then longest


def test_progress_lines_name_paper_time_and_cell(project, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PT_SLEEP", "6")
    monkeypatch.setattr(runner, "PROGRESS_EVERY_S", 0.0)  # a line at every change of cell (not a terminal here)
    runner.run_many(pick(project, "PT4"), tmp_path / "run", "smoke", "cpu", render=False, threads=1)
    text = capsys.readouterr().out
    assert f"PT4 slow-one:" in text and f"cell {SLEEP_CELL - 1}/" in text  # code cell 5 of 7 is the sleep
    assert "[1/1] PT4 slow-one: ok in" in text


# --- publish, status ---------------------------------------------------------------------------------------------------

def test_publish_records_key_and_status_says_current(project, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MINIREPRO_ROOT", str(project))
    assert runner.main(["status"]) == 0
    assert "smoke: not published  full: not published" in capsys.readouterr().out
    out = tmp_path / "run"
    [r] = runner.run_many(pick(project, "PT1"), out, "smoke", "cpu", progress=False, threads=1)
    written = runner.publish(out, project)
    assert written == [project / "ledger" / "smoke" / "PT1.json", project / "ledger" / "smoke" / "PT1.ipynb"]
    pub = json.loads(written[1].read_text())  # the executed notebook is kept, outputs and all, without widget state
    assert "widgets" not in pub.get("metadata", {}) and any(c.get("outputs") for c in pub["cells"])
    led = json.loads(written[0].read_text())
    assert led["key"] == r["key"] and led["device"] == "cpu" and led["seed"] == 0 and led["key_inputs"]
    readme = (project / "README.md").read_text()
    assert "| PT1 | [Paper PT1](nbs/area/good_one.ipynb) | area | no v2 headline published yet | 1/1 reproduced" in readme
    assert "PT2" in readme and "not run" in readme
    assert "PT1" in (project / "nbs" / "claims.md").read_text()
    assert runner.main(["list"]) == 0
    line = [l for l in capsys.readouterr().out.splitlines() if l.startswith("PT1")][0]
    assert "smoke: 1/1 reproduced" in line and "[current]" in line and "full: not published" in line
    (project / "constraints.txt").write_text("numpy==3\n")
    assert runner.main(["status", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    line = [l for l in text.splitlines() if l.startswith("PT1")][0]
    assert "[stale: constraints]" in line and "run: ok" in line
    assert "full collection: 0 of 6 papers have a published full wall time" in text


def test_published_notebook_budget(tmp_path):
    "An executed notebook over the size budget is refused with its size; widget state is dropped."
    nb = {"cells": [{"cell_type": "code", "source": "x", "metadata": {}, "execution_count": 1,
                     "outputs": [{"output_type": "display_data", "metadata": {},
                                  "data": {"image/png": "A" * 5000,
                                           "application/vnd.jupyter.widget-view+json": {"model_id": "m"}}}]}],
          "metadata": {"widgets": {"state": "B" * 10000}}, "nbformat": 4, "nbformat_minor": 5}
    src = tmp_path / "run.ipynb"
    src.write_text(json.dumps(nb))
    out = runner.publish_notebook(src, tmp_path / "pub.ipynb")
    kept = json.loads(out.read_text())
    assert "widgets" not in kept["metadata"] and list(kept["cells"][0]["outputs"][0]["data"]) == ["image/png"]
    with pytest.raises(ValueError, match="over the 0.0 MB budget"):
        runner.publish_notebook(src, tmp_path / "pub2.ipynb", budget=1000)


PUBLISHED = sorted((Path(__file__).resolve().parents[1] / "ledger").glob("*/*.ipynb"))


@pytest.mark.parametrize("path", PUBLISHED, ids=[f"{p.parent.name}/{p.name}" for p in PUBLISHED])
def test_committed_published_notebooks_within_budget(path):
    "Every executed notebook kept in ledger/ fits the per-paper budget."
    assert path.stat().st_size <= runner.PUBLISHED_NOTEBOOK_BUDGET, f"{path}: {path.stat().st_size} bytes"


def test_robust_passes_threads_and_restores_kernel_env(monkeypatch, tmp_path):
    "minirepro-robust hands --threads to every run and leaves MINIREPRO_CPU_KERNELS as it found it."
    import minirepro.core.runner as runner
    from minirepro.core import robustness
    calls = []
    def fake_run_many(papers, out, **kw):
        calls.append((os.environ.get(robustness.KERNEL_ENV), kw["seed"], kw["threads"]))
        return []
    monkeypatch.setattr(runner, "run_many", fake_run_many)
    monkeypatch.delenv(robustness.KERNEL_ENV, raising=False)
    robustness.run_settings([], tmp_path, seeds=(0, 1), kernels=("avx2", "native"), threads=1)
    assert calls == [("avx2", 0, 1), ("avx2", 1, 1), ("native", 0, 1), ("native", 1, 1)]
    assert robustness.KERNEL_ENV not in os.environ
    with pytest.raises(ValueError, match="threads"):
        robustness.run_settings([], tmp_path, threads=0)
    with pytest.raises(SystemExit):
        robustness.main(["--threads", "0"])
