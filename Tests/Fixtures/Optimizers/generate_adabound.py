#!/usr/bin/env python3
"""Fixtures for AdaBound and AMSBound, from the authors' published package.

    pip install numpy torch adabound==0.0.5
    python generate_adabound.py

Runs `adabound.AdaBound` (Luolc/AdaBound, the PyPI release of the authors'
code) in torch float64 on the three objectives of generate.py, reading their
definitions (quad10's A and b, the diabetes problem) from the fixture files in
this folder, and writes `<config>-<objective>.json` in the same schema
(kfopt-optimizer-fixture/1). An independent numpy implementation of the
update rule replays the recorded gradients as a check (`verification`).
"""
import json
import math
import os
import platform

import adabound
import numpy as np
import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
T = 200


def load(name):
    with open(os.path.join(HERE, name)) as f:
        return json.load(f)


quad = load("adam-quad10.json")["objective"]
A_q, b_q = torch.tensor(quad["A"]), torch.tensor(quad["b"])
problem = load("problem-diabetes_ls.json")
X_d, y_d = torch.tensor(problem["X"]), torch.tensor(problem["y"])

OBJECTIVES = {
    "rosenbrock2": (lambda x: (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2, [-1.2, 1.0],
                    {"name": "rosenbrock2", "dim": 2, "f": "(1 - x0)^2 + 100 (x1 - x0^2)^2"}),
    "quad10": (lambda x: 0.5 * x @ A_q @ x - b_q @ x, [0.0] * 10,
               {"name": "quad10", "dim": 10, "f": "0.5 * x^T A x - b^T x", "A": quad["A"], "b": quad["b"]}),
    "diabetes_ls": (lambda w: ((X_d @ w - y_d) ** 2).mean(), [0.0] * 10,
                    {"name": "diabetes_ls", "dim": 10, "f": "(1/n) sum_i (X[i,:] w - y[i])^2", "data": "problem-diabetes_ls.json"}),
}

# lr and final_lr per objective: stable for 200 steps and still moving.
RATES = {"rosenbrock2": (1e-2, 1e-3), "quad10": (1e-2, 5e-4), "diabetes_ls": (2e-2, 0.1)}
CONFIGS = {
    "adabound": dict(betas=(0.9, 0.999), gamma=1e-3, eps=1e-8, weight_decay=0.0, amsbound=False),
    "amsbound": dict(betas=(0.9, 0.999), gamma=1e-3, eps=1e-8, weight_decay=0.0, amsbound=True),
    "adabound-l2": dict(betas=(0.9, 0.999), gamma=1e-3, eps=1e-8, weight_decay=1e-2, amsbound=False),
}


def textbook(kw, n):
    """An independent numpy transcription of the update rule in README.md."""
    b1, b2 = kw["betas"]
    st = {"t": 0, "m": np.zeros(n), "v": np.zeros(n), "vm": np.zeros(n)}

    def step(x, g):
        st["t"] += 1
        t = st["t"]
        g = g + kw["weight_decay"] * x
        st["m"] = b1 * st["m"] + (1 - b1) * g
        st["v"] = b2 * st["v"] + (1 - b2) * g * g
        v = st["v"]
        if kw["amsbound"]:
            st["vm"] = np.maximum(st["vm"], st["v"])
            v = st["vm"]
        s = kw["lr"] * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        final = kw["final_lr"]
        lo, hi = final * (1 - 1 / (kw["gamma"] * t + 1)), final * (1 + 1 / (kw["gamma"] * t))
        return x - np.clip(s / (np.sqrt(v) + kw["eps"]), lo, hi) * st["m"]
    return step


def run(config, objective):
    f, start, info = OBJECTIVES[objective]
    lr, final_lr = RATES[objective]
    kw = dict(lr=lr, final_lr=final_lr, **CONFIGS[config])
    x = torch.tensor(start, requires_grad=True)
    opt = adabound.AdaBound([x], **kw)
    trajectory, gradients, losses = [list(map(float, start))], [], []
    for _ in range(T):
        opt.zero_grad()
        loss = f(x)
        loss.backward()
        losses.append(float(loss))
        gradients.append([float(v) for v in x.grad])
        opt.step()
        trajectory.append([float(v) for v in x.detach()])
    losses.append(float(f(x.detach())))
    state = opt.state[x]
    final_state = {"step": state["step"], "exp_avg": state["exp_avg"].tolist(), "exp_avg_sq": state["exp_avg_sq"].tolist()}
    if kw["amsbound"]:
        final_state["max_exp_avg_sq"] = state["max_exp_avg_sq"].tolist()
    replay, xs = textbook(kw, len(start)), np.array(start)
    err = 0.0
    for t in range(T):
        xs = replay(xs, np.array(gradients[t]))
        err = max(err, float(np.max(np.abs(xs - np.array(trajectory[t + 1])))))
    assert all(math.isfinite(v) for row in trajectory for v in row)
    return {
        "schema": "kfopt-optimizer-fixture/1", "set": "public", "id": f"{config}-{objective}", "tier": "core",
        "generator": {"library": "torch", "version": torch.__version__, "implementation": f"adabound.AdaBound {adabound.__version__ if hasattr(adabound, '__version__') else '0.0.5'} (PyPI release of Luolc/AdaBound)",
                      "gradients_from": f"torch {torch.__version__} autograd", "python": platform.python_version(),
                      "numpy": np.__version__, "torch": torch.__version__, "dtype": "float64", "script": "generate_adabound.py"},
        "optimizer": {"name": "AdaBound", "config": config, "kwargs": {k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items()}, "param_group": None},
        "objective": info, "x0": list(map(float, start)), "T": T, "trajectory": trajectory, "gradients": gradients,
        "losses": losses, "final": {"x": trajectory[-1], "loss": losses[-1]}, "final_state": final_state,
        "verification": {"replay_max_abs_err": err, "note": "numpy textbook() replaying the recorded gradients"},
    }


if __name__ == "__main__":
    for config in CONFIGS:
        for objective in OBJECTIVES:
            fixture = run(config, objective)
            path = os.path.join(HERE, fixture["id"] + ".json")
            with open(path, "w") as out:
                json.dump(fixture, out, allow_nan=False)
                out.write("\n")
            print(f"{fixture['id']}: loss {fixture['losses'][0]:.4g} -> {fixture['losses'][-1]:.4g}, "
                  f"textbook replay {fixture['verification']['replay_max_abs_err']:.1e}")
