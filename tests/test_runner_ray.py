"""The Ray backend on a local Ray instance (2 CPUs): same records, keys and report as the local backend; a failing
notebook is reported; cancelling (Ctrl-C) ends the remote notebook processes."""
import os
import signal
import tempfile
import threading
import time

import pytest

ray = pytest.importorskip("ray", reason="the Ray backend needs ray (pip install 'minirepro[ray]')")

from minirepro.core import runner  # noqa: E402
from test_runner import SLEEP_CELL, _nb, make_project, pick, procs_with_env  # noqa: E402

VOLATILE = {"wall_s", "finished_at", "started_at", "host", "backend", "log_tail"}
REMOTE = "MINIREPRO_RUN_DIR=" + os.path.join(os.path.realpath(tempfile.gettempdir()), "minirepro-ray-")  # tasks' scratch dirs
MEASURE = {}


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def _same(rec):
    r = {k: v for k, v in rec.items() if k not in VOLATILE}
    r["claims"] = [{k: v for k, v in c.items() if k != "recorded_at"} for c in rec["claims"]]
    return r


def test_ray_records_match_local(local_ray, tmp_path):
    project = make_project(tmp_path / "proj")
    papers = pick(project, "PT1", "PT3")
    t0 = time.monotonic()
    loc = runner.run_many(papers, tmp_path / "local", "smoke", "cpu", jobs=2, threads=1, progress=False)
    t1 = time.monotonic()
    rem = runner.run_many(papers, tmp_path / "ray", "smoke", "cpu", threads=1, progress=False, backend="ray")
    t2 = time.monotonic()
    MEASURE["two notebooks"] = dict(local_s=round(t1 - t0, 2), ray_s=round(t2 - t1, 2))
    print(f"\ntwo tiny notebooks: local {t1 - t0:.2f} s, ray {t2 - t1:.2f} s (one run each, same process)")
    assert [r["status"] for r in rem] == ["ok", "mismatch"] and rem[0]["backend"] == "ray"
    assert [_same(r) for r in rem] == [_same(r) for l in [loc] for r in l]
    for sub in ("notebooks/good-one.ipynb", "html/good-one.html", "claims/PT1.json", "logs/good-one.log"):
        assert (tmp_path / "ray" / sub).exists(), sub
    md = runner.write_report(tmp_path / "ray", quiet=True)["md"].read_text()
    assert "| PT3 | mismatch-one | mismatch |" in md


def test_ray_reports_failing_notebook(local_ray, tmp_path):
    project = make_project(tmp_path / "proj")
    [r] = runner.run_many(pick(project, "PT2"), tmp_path / "ray", "smoke", "cpu", threads=1, progress=False, backend="ray")
    assert r["status"] == "failed" and r["error"]["ename"] == "RuntimeError" and r["error"]["cell_index"] == SLEEP_CELL
    assert "boom in cell" in r["error"]["evalue"] and "boom in cell" in r["log_tail"]


def test_ray_refuses_gpus_it_does_not_have(local_ray, tmp_path):
    project = make_project(tmp_path / "proj")
    with pytest.raises(runner.RunnerError, match="has no GPU"):
        runner.run_many(pick(project, "PT1"), tmp_path / "r", "smoke", "cuda", backend="ray", progress=False)
    with pytest.raises(runner.RunnerError, match="--gpus-per-notebook 0.5 was asked for"):
        runner.run_many(pick(project, "PT1"), tmp_path / "r", "smoke", "auto", backend="ray", gpus_per_notebook=0.5)


def test_ray_cancel_ends_remote_processes(local_ray, tmp_path):
    project = make_project(tmp_path / "proj")
    _nb(project / "nbs" / "area" / "sleeper.ipynb", "PT9", "time.sleep(300)")
    fired = {}

    def interrupt_when_sleeping():
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if len(procs_with_env(REMOTE)) >= 3:  # guard, papermill, kernel on the worker
                time.sleep(4)  # let the kernel reach its sleeping cell
                fired["t"], fired["n"] = time.monotonic(), len(procs_with_env(REMOTE))
                os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C of the driver
                return
            time.sleep(0.2)
        fired["t"], fired["n"] = time.monotonic(), 0
        os.kill(os.getpid(), signal.SIGINT)  # never saw the remote tree: stop anyway, the test fails below

    th = threading.Thread(target=interrupt_when_sleeping, daemon=True)
    th.start()
    res = runner.run_many(pick(project, "PT9"), tmp_path / "ray", "smoke", "cpu", threads=1, progress=False, backend="ray")
    stopped = time.monotonic()
    th.join()
    assert fired["n"] >= 3, "the remote notebook processes were never seen"
    assert res.stopped_by == signal.SIGINT and [r["status"] for r in res] == ["interrupted"]
    left = procs_with_env(REMOTE)
    deadline = time.monotonic() + 10
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = procs_with_env(REMOTE)
    MEASURE["ray cancel"] = dict(stop_s=round(stopped - fired["t"], 2), tree=fired["n"], left=len(left))
    print(f"\nray cancel: run_many returned {stopped - fired['t']:.2f} s after SIGINT; {fired['n']} remote processes before, {len(left)} after")
    assert left == []
