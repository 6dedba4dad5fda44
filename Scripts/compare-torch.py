#!/usr/bin/env python3
"""PyTorch CPU against `kfopt bench` on this machine, in alternation.

Two comparisons, each timed in rounds that alternate PyTorch and kfopt so a
host whose speed drifts affects both sides alike:

  training  the 784-400-400-10 ReLU MLP on the mnist5k training part (4 000
            images scaled to [0, 1]), batch 100, float32, shuffled every epoch,
            Adam (lr 1e-3; torch's default and fused variants) and SGD (lr 0.1).
            Samples per second over an epoch of forward, backward and step;
            the first epoch of each round is a warm-up. kfopt: `kfopt bench
            --suite training`, the same model, data, batch and learning rates.
  adam      one Adam step on a single float32 tensor of --params parameters
            (torch fused and foreach) against `kfopt bench --suite optimizers
            --only adam`, with and without kfopt's NaN/∞ scan of the gradient
            (torch's default single-tensor loop is timed too);
            every time is also given as a multiple of the roofline time kfopt
            measured in the same round (28 B/param, no arithmetic).

Needs PyTorch (`pip install torch`) and NumPy; builds nothing itself:

  Scripts/compare-torch.py --kfopt .build-native/release/kfopt --threads 1 2

Prints one Markdown table per comparison: medians over the rounds, with the
range in brackets.
"""

import argparse
import gzip
import json
import os
import statistics
import struct
import subprocess
import sys
import time

import numpy as np

try:
    import torch
except ImportError:
    sys.exit("compare-torch: PyTorch is not installed (pip install torch)")

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "Data")


def read_idx(name):
    """An IDX file of unsigned bytes (images or labels) as a NumPy array."""
    path = os.path.join(DATA, name)
    with gzip.open(path, "rb") as f:
        raw = f.read()
    zero, kind, rank = struct.unpack(">HBB", raw[:4])
    if zero != 0 or kind != 0x08:
        sys.exit(f"compare-torch: {path}: not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * rank, raw[4:4 + 4 * rank])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


def mnist5k_train():
    images = read_idx("mnist5k-train-images-idx3-ubyte.gz")
    labels = read_idx("mnist5k-train-labels-idx1-ubyte.gz")
    x = torch.from_numpy(images.reshape(len(images), -1).astype(np.float32) / 255)
    return x, torch.from_numpy(labels.astype(np.int64))


def torch_epochs(x, y, optimizer, epochs, batch=100, seed=0):
    """Seconds per epoch of `epochs` timed epochs after one warm-up."""
    torch.manual_seed(seed)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 400), torch.nn.ReLU(),
        torch.nn.Linear(400, 400), torch.nn.ReLU(),
        torch.nn.Linear(400, 10))
    if optimizer == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
    else:
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, fused=(optimizer == "adam-fused"))
    loss_fn = torch.nn.CrossEntropyLoss()
    seconds = []
    for epoch in range(epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(len(x))
        for i in range(0, len(x), batch):
            rows = order[i:i + batch]
            opt.zero_grad(set_to_none=False)
            loss = loss_fn(model(x[rows]), y[rows])
            loss.backward()
            opt.step()
        if epoch > 0:
            seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def torch_adam_step(n, variant, repetitions):
    """Median seconds of one Adam step on one float32 tensor of n parameters."""
    p = torch.zeros(n, dtype=torch.float32, requires_grad=True)
    p.grad = torch.full((n,), 1e-3, dtype=torch.float32)
    flags = {"fused": {"fused": True}, "foreach": {"foreach": True}, "default": {}}[variant]
    opt = torch.optim.Adam([p], lr=1e-3, **flags)
    opt.step()
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        opt.step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def kfopt_rows(kfopt, arguments):
    out = subprocess.run([kfopt, "bench", "--json", *arguments], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def summary(values):
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"


def ratio(values):
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def compare_training(kfopt, x, y, threads, rounds, epochs):
    torch_variants = ["adam", "adam-fused", "sgd"]
    rates = {}
    for _ in range(rounds):
        torch.set_num_threads(threads)
        for variant in torch_variants:
            rates.setdefault(("torch", variant), []).append(len(x) / torch_epochs(x, y, variant, epochs))
        for row in kfopt_rows(kfopt, ["--suite", "training", "--threads", str(threads), "--repetitions", str(5 * epochs)]):
            optimizer = row["name"].split()[-1].split("/")[0]
            rates.setdefault(("kfopt", optimizer), []).append(1e9 / row["ns_per_param"])
    print(f"\n### MLP 784-400-400-10, mnist5k, batch 100, float32, {threads} thread(s): samples/s, {rounds} rounds\n")
    print("| optimizer | kfopt | torch default | torch fused | kfopt ÷ fastest torch (per round) |")
    print("|---|---:|---:|---:|---:|")
    for optimizer, torch_names in [("adam", ["adam", "adam-fused"]), ("sgd", ["sgd"])]:
        ours = rates[("kfopt", optimizer)]
        theirs = [rates[("torch", name)] for name in torch_names]
        fastest = [max(values) for values in zip(*theirs)]
        fused = summary(theirs[1]) if len(theirs) > 1 else "—"
        print(f"| {optimizer} | {summary(ours)} | {summary(theirs[0])} | {fused} | "
              f"{ratio([a / b for a, b in zip(ours, fastest)])} |")


def compare_adam_step(kfopt, n, threads, rounds, repetitions):
    times = {}
    for _ in range(rounds):
        torch.set_num_threads(threads)
        for variant in ["fused", "foreach", "default"]:
            times.setdefault(variant, []).append(torch_adam_step(n, variant, repetitions) / n * 1e9)
        for policy in ["propagate", "refuse"]:
            (row,) = kfopt_rows(kfopt, ["--suite", "optimizers", "--only", "adam", "--params", str(n),
                                        "--threads", str(threads), "--repetitions", str(repetitions),
                                        "--nonfinite-gradients", policy])
            times.setdefault("kfopt " + policy, []).append(row["ns_per_param"])
            if policy == "propagate":
                times.setdefault("roofline", []).append(row["reference_ns_per_param"])
                build = row["build"]
    print(f"\n### Adam step, {n:,} float32 parameters, {threads} thread(s), {rounds} rounds "
          f"(kfopt {build} build)\n")
    print("| implementation | ns/param | × the roofline time of the same round |")
    print("|---|---:|---:|")
    roof = times["roofline"]
    for name, label in [("kfopt propagate", "kfopt, no scan (`--nonfinite-gradients propagate`)"),
                        ("kfopt refuse", "kfopt, gradient scanned for NaN/∞ (default)"),
                        ("fused", "torch fused"), ("foreach", "torch foreach"), ("default", "torch default")]:
        values = times[name]
        print(f"| {label} | {statistics.median(values):.3f} ({min(values):.3f}–{max(values):.3f}) | "
              f"{ratio([t / r for t, r in zip(values, roof)])} |")
    print(f"| roofline (28 B/param, timed by kfopt) | {statistics.median(roof):.3f} | 1.00 |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kfopt", required=True, help="the kfopt executable to compare")
    parser.add_argument("--threads", type=int, nargs="+", default=[2], help="thread counts (default: 2)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (default: 5)")
    parser.add_argument("--epochs", type=int, default=3, help="timed epochs per round and side (default: 3)")
    parser.add_argument("--params", type=int, default=10_000_000, help="Adam step size (default: 10M)")
    parser.add_argument("--repetitions", type=int, default=15, help="Adam steps timed per round (default: 15)")
    parser.add_argument("--only", choices=["training", "adam"], help="run one comparison")
    args = parser.parse_args()
    for name in ["rounds", "epochs", "params", "repetitions"]:
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1, got {getattr(args, name)}")
    if any(t < 1 for t in args.threads):
        parser.error(f"--threads must be at least 1, got {args.threads}")
    if not os.access(args.kfopt, os.X_OK):
        sys.exit(f"compare-torch: --kfopt {args.kfopt}: not an executable")
    print(f"torch {torch.__version__} ({torch.backends.cpu.get_cpu_capability()}), numpy {np.__version__}")
    x, y = mnist5k_train()
    for threads in args.threads:
        if args.only in (None, "training"):
            compare_training(args.kfopt, x, y, threads, args.rounds, args.epochs)
        if args.only in (None, "adam"):
            compare_adam_step(args.kfopt, args.params, threads, args.rounds, args.repetitions)


if __name__ == "__main__":
    main()
