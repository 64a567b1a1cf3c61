"""What pinning the CPU kernels to AVX2 costs in speed: the same workload timed under the runner's pinned kernels
(`cpu_kernel_env("avx2")`) and the machine's own (`cpu_kernel_env("native")`), interleaved in one run, each in a fresh
process. Prints the median wall time of each and their ratio (pinned / native); > 1 means pinning is slower.

    python benchmarks/kernel_pinning.py --repeats 5 --threads 1
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

from minirepro.core.config import cpu_kernel_env, with_env

# A workload shaped like the notebooks: MLP training (matmuls, elementwise), a small conv net, a float64 linear solve.
WORKLOAD = r"""
import json, time, torch
torch.manual_seed(0)
t0 = time.perf_counter()
X = torch.randn(4096, 64); y = torch.randn(4096, 1)
net = torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.Tanh(), torch.nn.Linear(256, 256), torch.nn.GELU(),
                          torch.nn.Linear(256, 1))
opt = torch.optim.Adam(net.parameters(), 1e-3)
for _ in range(150):
    opt.zero_grad(); loss = ((net(X) - y) ** 2).mean(); loss.backward(); opt.step()
conv = torch.nn.Sequential(torch.nn.Conv2d(3, 32, 3, padding=1), torch.nn.BatchNorm2d(32), torch.nn.ReLU(),
                           torch.nn.Conv2d(32, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1),
                           torch.nn.Flatten(), torch.nn.Linear(32, 10))
xi = torch.randn(128, 3, 32, 32); yi = torch.randint(0, 10, (128,))
opt = torch.optim.SGD(conv.parameters(), 0.1)
for _ in range(15):
    opt.zero_grad(); torch.nn.functional.cross_entropy(conv(xi), yi).backward(); opt.step()
A = torch.randn(800, 800, dtype=torch.float64); A = A @ A.T + 800 * torch.eye(800, dtype=torch.float64)
for _ in range(10):
    torch.linalg.solve(A, torch.randn(800, 16, dtype=torch.float64))
print(json.dumps({"seconds": time.perf_counter() - t0, "capability": torch.backends.cpu.get_cpu_capability()}))
"""


def time_once(mode: str, # 'avx2' (pinned) or 'native'
              threads: int, # torch/OMP threads of the child process
             ) -> dict:
    "Run the workload once in a fresh process under `mode`'s kernel settings; its wall time and torch's capability."
    env = with_env(os.environ, {**cpu_kernel_env(mode), "OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads)})
    out = subprocess.run([sys.executable, "-c", WORKLOAD], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    "Interleave pinned and native runs; print and return the medians and the ratio."
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=5, help="runs per setting (>= 1)")
    ap.add_argument("--threads", type=int, default=1, help="threads per run (>= 1)")
    a = ap.parse_args(argv)
    if a.repeats < 1 or a.threads < 1:
        ap.error("--repeats and --threads must be >= 1")
    times: dict[str, list[float]] = {"avx2": [], "native": []}
    caps: dict[str, str] = {}
    for i in range(a.repeats):
        for mode in (("avx2", "native") if i % 2 == 0 else ("native", "avx2")):  # alternate the order
            r = time_once(mode, a.threads)
            times[mode].append(r["seconds"]); caps[mode] = r["capability"]
    res = {m: {"median_s": statistics.median(t), "runs_s": [round(x, 3) for x in t], "torch_capability": caps[m]}
           for m, t in times.items()}
    res["ratio_pinned_over_native"] = res["avx2"]["median_s"] / res["native"]["median_s"]
    print(json.dumps(res, indent=1))
    return res


if __name__ == "__main__":
    main()
