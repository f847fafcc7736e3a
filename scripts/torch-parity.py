#!/usr/bin/env python3
"""Reference figures for glr's engine-parity test, computed by PyTorch.

Builds the peer's reference CNN (../shared/peer/model_def.py, repeated here so the
script stands alone), sets every parameter from a fixed integer hash that glr's test
reproduces bit for bit, and trains it with torch.optim.SGD (lr 0.01, momentum 0.9,
weight decay 5e-4) on the first STEPS × 64 Fashion-MNIST training images in file
order, normalised as the peer does ((x/255 − 0.2860) / 0.3530). It writes, as JSON:

  * the loss of every step (before that step's update),
  * the logits of the first image before any update,
  * after steps 1, 10 and 100: every parameter's sum of squares and first values.

Usage: python scripts/torch-parity.py --out Tests/EngineTests/TorchParity.json
(needs torch; the data comes from Debian's dataset-fashion-mnist).
"""
import argparse
import gzip
import json

import numpy as np
import torch
import torch.nn as nn

DATA = "/usr/share/datasets/fashion-mnist"
MEAN, STD = 0.2860, 0.3530
BATCH = 64
STEPS = 100
CHECKPOINTS = (1, 10, 100)
HEAD_VALUES = 8


def reference_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(288, 64), nn.ReLU(),
        nn.Linear(64, 32), nn.ReLU(),
        nn.Linear(32, 10),
    )


def mix32(x):
    """Murmur3's 32-bit finaliser: the integer hash glr's test also implements."""
    x &= 0xFFFFFFFF
    x ^= x >> 16
    x = (x * 0x85EBCA6B) & 0xFFFFFFFF
    x ^= x >> 13
    x = (x * 0xC2B2AE35) & 0xFFFFFFFF
    x ^= x >> 16
    return x


def hashed_values(parameter_index, count, fan_in):
    """Uniform values in [−1/√fan_in, 1/√fan_in): PyTorch's default bounds, from a hash."""
    bound = 1.0 / np.sqrt(fan_in)
    out = np.empty(count, dtype=np.float32)
    for i in range(count):
        u = (mix32(parameter_index * 1_000_003 + i) >> 8) / float(1 << 24)
        out[i] = np.float32(bound * (2.0 * u - 1.0))
    return out


def load_idx(name, header):
    with gzip.open(f"{DATA}/{name}.gz", "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8)[header:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    torch.set_num_threads(1)

    model = reference_cnn()
    for k, (name, p) in enumerate(model.named_parameters()):
        weight = dict(model.named_parameters())[name.replace("bias", "weight")]
        fan_in = int(np.prod(weight.shape[1:]))
        with torch.no_grad():
            p.copy_(torch.from_numpy(hashed_values(k, p.numel(), fan_in)).view_as(p))

    n = STEPS * BATCH
    pixels = load_idx("train-images-idx3-ubyte", 16)[: n * 784]
    labels = load_idx("train-labels-idx1-ubyte", 8)[:n]
    x = torch.from_numpy(pixels.astype(np.float32)).view(n, 1, 28, 28) / 255
    x = (x - MEAN) / STD
    y = torch.from_numpy(labels.astype(np.int64))

    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    loss_fn = nn.CrossEntropyLoss()
    with torch.no_grad():
        first_logits = model(x[:1])[0].tolist()
    losses, snapshots = [], {}
    for step in range(STEPS):
        xb, yb = x[step * BATCH:(step + 1) * BATCH], y[step * BATCH:(step + 1) * BATCH]
        loss = loss_fn(model(xb), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if step + 1 in CHECKPOINTS:
            snapshots[str(step + 1)] = {
                name: {"sum_of_squares": float((p.detach().double() ** 2).sum()),
                       "first": p.detach().flatten()[:HEAD_VALUES].tolist()}
                for name, p in model.named_parameters()
            }

    with open(args.out, "w") as f:
        json.dump({"generator": "scripts/torch-parity.py", "torch": torch.__version__,
                   "batch": BATCH, "steps": STEPS, "mean": MEAN, "std": STD,
                   "learning_rate": 0.01, "momentum": 0.9, "weight_decay": 5e-4,
                   "first_logits": first_logits, "losses": losses, "parameters": snapshots},
                  f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
