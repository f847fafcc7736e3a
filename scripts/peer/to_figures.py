#!/usr/bin/env python3
"""Write the PyTorch peer's figures as a data file glr's reports can read.

Reads the JSON that `run_peer.py --impl plain --bench all` writes (default
results/plain_full.json beside this script) and writes
experiments/data/peer/figures.json: the final average accuracy (and loss) of every
strategy on both benchmarks, the accuracy matrices R[i][j], the provenance that
RESULTS.md states in prose (torch and library versions, command, arguments, seeds,
machine), and a `comparison` object keyed by glr-vs-baselines.md's run cells, which a
`table` cell's `compare:` key reads (format glr-comparison/1, docs/ARCHITECTURE.md).
Standard library only.

Usage: scripts/peer/to_figures.py [RESULTS_JSON] [OUT_JSON]
       (RESULTS_JSON may also be an existing figures.json: its comparison object is rebuilt)
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# run_peer.py's strategy names -> glr's run names (as experiments/glr-vs-baselines.md uses them).
NAMES = {"Naive": "naive", "Replay": "replay", "EWC": "ewc", "LatentReplay": "latent-replay",
         "GLR": "glr", "GLR@1": "glr-1-component", "GLR-unsup": "glr-authors-labels"}
BENCHMARKS = {"PermutedFashionMNIST": "permuted", "RotatedFashionMNIST": "rotated"}
# glr's run names -> the cell names in experiments/glr-vs-baselines.md (after "BENCHMARK-").
CELLS = {"glr-authors-labels": "glr-authors"}
COMMAND = "python run_peer.py --impl plain --bench all --out results/plain_full.json"
MACHINE = ("2 vCPU AMD EPYC (family 26 / Zen 5, AVX-512), 24 GiB RAM, Firecracker VM, no GPU; "
           "torch.set_num_threads(2), OMP/MKL/OPENBLAS_NUM_THREADS=2; glibc malloc with malloc_env.py's tunables")


def figures(results):
    out = {"format": "glr-peer-figures/1",
           "source": "PyTorch peer, plain loops (scripts/peer/run_peer.py); see experiments/data/peer/RESULTS.md",
           "command": COMMAND,
           "driver": "scripts/peer-figures",
           "versions": results["versions"],
           "machine": MACHINE,
           "arguments": results["args"],
           "seeds": [results["args"]["seed"]],
           "final_accuracy": {}, "final_loss": {}, "accuracy_matrix": {}}
    for bench, runs in results["runs"].items():
        b = BENCHMARKS[bench]
        for key in ("final_accuracy", "final_loss", "accuracy_matrix"):
            out[key][b] = {}
        for strategy, r in runs.items():
            name = NAMES.get(strategy, strategy)
            out["final_accuracy"][b][name] = float(r["final_avg_acc"])
            out["final_loss"][b][name] = float(r["final_avg_loss"])
            out["accuracy_matrix"][b][name] = r["R"]
    out["comparison"] = comparison(out)
    return out


def comparison(out):
    """The figures by run cell of experiments/glr-vs-baselines.md, for `table` `compare:`."""
    values = {}
    for b, runs in out["final_accuracy"].items():
        for name, accuracy in runs.items():
            cell = f"{b}-{CELLS.get(name, name)}"
            values[cell] = {"final_accuracy": accuracy, "final_loss": out["final_loss"][b][name]}
    return {"format": "glr-comparison/1", "label": "PyTorch peer", "values": values}


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "results", "plain_full.json")
    target = sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, "experiments", "data", "peer", "figures.json")
    with open(source) as f:
        data = json.load(f)
    if data.get("format") == "glr-peer-figures/1":
        data["comparison"] = comparison(data)
    else:
        data = figures(data)
    with open(target, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
