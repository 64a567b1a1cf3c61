"""No notebook process outlives the runner, whatever ends it (SIGINT, SIGTERM, SIGKILL of the runner alone), and
Ctrl-C stops within seconds with a report that marks the running notebook `interrupted`."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from minirepro.core import runner
from test_runner import SLEEP_CELL, make_project, procs_with_env, run_marker

MEASURE = {}  # printed at the end (pytest -s) for the closing note


def _start(project, out):
    env = {**os.environ, "MINIREPRO_ROOT": str(project), "PT_SLEEP": "300"}
    cmd = [sys.executable, "-c", "import sys; from minirepro.core.runner import main; sys.exit(main())",
           "run", "PT1", "PT4", "--scale", "smoke", "--device", "cpu", "--jobs", "2", "--threads", "1", "--out", str(out)]
    # a session of its own, like a terminal job; only the runner's pid is signalled below
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:  # PT1 finished, PT4's kernel is inside its sleeping cell
        at = runner.cell_progress(out / "notebooks" / "slow-one.ipynb")["running"]
        if (out / "results" / "good-one.json").exists() and at == SLEEP_CELL:
            break
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("the notebooks did not start in time")
    time.sleep(0.5)
    return proc


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["SIGINT", "SIGTERM", "SIGKILL"])
def test_no_process_survives_the_runner(tmp_path, sig):
    project = make_project(tmp_path / "proj")
    out = tmp_path / "run"
    proc = _start(project, out)
    tree = procs_with_env(run_marker(out))
    assert len(tree) >= 3, tree  # guard, papermill, kernel of the sleeping notebook
    t0 = time.monotonic()
    os.kill(proc.pid, sig)
    stdout, stderr = proc.communicate(timeout=60)
    exit_s = time.monotonic() - t0
    left = procs_with_env(run_marker(out))
    if sig == signal.SIGKILL:  # nobody is left to wait: the guards get their parent-death signal and clean up
        deadline = time.monotonic() + 15
        while left and time.monotonic() < deadline:
            time.sleep(0.1)
            left = procs_with_env(run_marker(out))
    gone_s = time.monotonic() - t0
    MEASURE[sig.name] = dict(exit_s=round(exit_s, 2), all_gone_s=round(gone_s, 2), left=len(left), tree=len(tree))
    print(f"\n{sig.name}: runner exited after {exit_s:.2f} s, notebook processes gone after {gone_s:.2f} s, left {len(left)}")
    assert left == [], [open(f"/proc/{p}/cmdline").read().replace("\0", " ") for p in left]
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
        return
    assert proc.returncode == 128 + sig, stderr
    assert exit_s < 15, exit_s
    assert "Traceback" not in stderr and f"stopped by {sig.name}" in stderr
    slow = json.loads((out / "results" / "slow-one.json").read_text())
    assert slow["status"] == "interrupted" and slow["error"]["cell_index"] == SLEEP_CELL
    assert slow["error"]["ename"] == "Interrupted" and slow["claims"] == []
    assert json.loads((out / "results" / "good-one.json").read_text())["status"] == "ok"
    md = (out / "report.md").read_text()
    assert "| PT4 | slow-one | interrupted |" in md and "| PT1 | good-one | ok |" in md
    assert "not judged (interrupted)" in md
