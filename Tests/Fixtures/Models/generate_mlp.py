#!/usr/bin/env python3
"""PyTorch reference losses and gradients for the Swift MLP (float64).

    pip install numpy torch
    python generate_mlp.py          # writes mlp-*.json next to this file

Each case builds torch.nn.Linear layers with torch's default initialisation
(after torch.manual_seed), evaluates the mean loss of a batch with
F.cross_entropy / F.binary_cross_entropy_with_logits / F.mse_loss and its
gradient by autograd, and records the flat parameters in parameters() order
(W1, b1, W2, b2, ..., W row-major), the batch, the loss and the gradient.
One case runs on real MNIST images from ../../../Data.
"""
import gzip
import json
import os
import platform

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "Data")


def mnist(n):
    with gzip.open(os.path.join(DATA, "mnist5k-train-images-idx3-ubyte.gz")) as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 784)[:n] / 255.0
    with gzip.open(os.path.join(DATA, "mnist5k-train-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)[:n].astype(int)
    return torch.tensor(images), torch.tensor(labels)


ACT = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid}
CASES = [
    # name, sizes, activation, loss, batch
    ("mlp-relu-ce", [5, 7, 6, 3], "relu", "softmax-cross-entropy", 8),
    ("mlp-tanh-ce", [4, 6, 3], "tanh", "softmax-cross-entropy", 5),
    ("mlp-sigmoid-mse", [3, 5, 1], "sigmoid", "mse", 6),
    ("mlp-relu-bce", [6, 4, 1], "relu", "binary-cross-entropy", 10),
    ("logistic", [6, 1], "relu", "binary-cross-entropy", 10),
    ("linear", [4, 1], "relu", "mse", 7),
    ("softmax", [8, 4], "relu", "softmax-cross-entropy", 9),
    ("mlp-mnist", [784, 16, 10], "relu", "softmax-cross-entropy", 12),
]


def run(name, sizes, activation, loss_name, batch, seed):
    torch.manual_seed(seed)
    layers = [torch.nn.Linear(sizes[i], sizes[i + 1]) for i in range(len(sizes) - 1)]
    if name == "mlp-mnist":
        x, labels = mnist(batch)
    else:
        x = torch.randn(batch, sizes[0])
        labels = torch.randint(0, max(2, sizes[-1]), (batch,))
    targets = torch.randn(batch)
    h = x
    for i, layer in enumerate(layers):
        h = layer(h)
        if i < len(layers) - 1:
            h = ACT[activation](h)
    if loss_name == "softmax-cross-entropy":
        loss = F.cross_entropy(h, labels)
    elif loss_name == "binary-cross-entropy":
        loss = F.binary_cross_entropy_with_logits(h[:, 0], labels.double())
    else:
        loss = F.mse_loss(h[:, 0], targets)
    params = [p for layer in layers for p in (layer.weight, layer.bias)]
    grads = torch.autograd.grad(loss, params)
    flat = lambda ts: [float(v) for t in ts for v in t.detach().reshape(-1)]
    return {
        "schema": "kfopt-mlp-fixture/1", "id": name, "sizes": sizes, "activation": activation, "loss": loss_name,
        "batch": batch, "seed": seed,
        "features": [float(v) for v in x.reshape(-1)],
        "labels": [int(v) for v in labels] if loss_name != "mse" else [],
        "targets": [float(v) for v in targets] if loss_name == "mse" else [],
        "parameters": flat(params), "value": float(loss), "gradient": flat(grads),
        "generator": {"torch": torch.__version__, "numpy": np.__version__, "python": platform.python_version(),
                      "dtype": "float64", "init": "torch.nn.Linear default (after torch.manual_seed(seed))",
                      "script": "generate_mlp.py"},
    }


if __name__ == "__main__":
    for k, (name, sizes, act, loss, batch) in enumerate(CASES):
        fixture = run(name, sizes, act, loss, batch, seed=k)
        with open(os.path.join(HERE, name + ".json"), "w") as out:
            json.dump(fixture, out, allow_nan=False)
            out.write("\n")
        print(f"{name}: loss {fixture['value']:.6f}, {len(fixture['parameters'])} parameters")
