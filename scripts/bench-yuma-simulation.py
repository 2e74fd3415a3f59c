#!/usr/bin/env python3
"""Times yuma-simulation's Yuma 3 (torch, CPU) on the input float mode is compared with.

The input is the 64 permitted validators x 256 uids of `yuma3-random` in
../shared/bench/inputs/epoch-256.json (or $DTAO_BENCH/inputs/epoch-256.json), built the way
packages/yuma/src/float/approxEpoch.bench.ts builds it for our port: raw u16 weights, stake =
alpha + tao weight x root TAO, old bonds 0.01, old consensus 1/n, bond_moving_avg 0.975.

Needs torch (Debian: apt-get install --no-install-recommends python3-torch) and a checkout of
https://github.com/bactensor/yuma-simulation, whose `src` folder is given as
YUMA_SIMULATION_SRC. TORCH_THREADS sets torch's thread count (default: torch's own).

Prints one JSON line: median, minimum and 10th percentile in ns over 3,000 epochs after 300 of
warm-up. Run `node ../shared/bench/calibrate.mjs` in the same shell to express it in units.

    YUMA_SIMULATION_SRC=~/yuma-simulation/src /usr/bin/python3 scripts/bench-yuma-simulation.py
"""
import json
import os
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
bench = os.environ.get("DTAO_BENCH", os.path.join(here, "..", "..", "shared", "bench"))
sys.path.insert(0, os.environ["YUMA_SIMULATION_SRC"])

import torch  # noqa: E402
from yuma_simulation._internal.yumas import (  # noqa: E402
    SimulationHyperparameters,
    Yuma3,
    YumaConfig,
    YumaParams,
)

if "TORCH_THREADS" in os.environ:
    torch.set_num_threads(int(os.environ["TORCH_THREADS"]))

with open(os.path.join(bench, "inputs", "epoch-256.json")) as f:
    doc = json.load(f)
g = next(x for x in doc["groups"] if x["id"] == "yuma3-random")["input"]
n = g["n"]
tau = int(g["tao_weight"]) / (2**64 - 1)
stake = [int(a) + int(t) * tau for a, t in zip(g["alpha_stake"], g["tao_stake"])]
validators = [i for i, p in enumerate(g["validator_permit"]) if p]
W = torch.zeros(len(validators), n)
for r, i in enumerate(validators):
    for j, v in g["weights"][i]:
        W[r, j] = v
S = torch.tensor([stake[i] for i in validators], dtype=torch.float32)
B = torch.full((len(validators), n), 0.01)
C = torch.full((n,), 1 / n)
config = YumaConfig(
    simulation=SimulationHyperparameters(), yuma_params=YumaParams(bond_moving_avg=0.975)
)


def epoch():
    Yuma3(W, S, num_servers=n, num_validators=len(validators), use_full_matrices=True,
          B_old=B, C_old=C, config=config)


for _ in range(300):
    epoch()
times = []
for _ in range(3000):
    t0 = time.perf_counter_ns()
    epoch()
    times.append(time.perf_counter_ns() - t0)
times.sort()
print(json.dumps({
    "torch": torch.__version__,
    "threads": torch.get_num_threads(),
    "shape": list(W.shape),
    "median_ns": times[len(times) // 2],
    "min_ns": times[0],
    "p10_ns": times[len(times) // 10],
}))
