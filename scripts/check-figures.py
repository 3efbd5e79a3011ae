#!/usr/bin/env python3
"""Fails (exit 1) when the annotator's dev-corpus figures fall below the floors of issue 3.
usage: check-figures.py METRICS.json   (written by ../shared/eval/score.py --metrics-json)"""
import json
import sys

FLOORS = {"direct F1": 0.95, "attribution": 0.95, "end-to-end F1": 0.90, "indirect F1": 0.50}

fig = json.load(open(sys.argv[1], encoding="utf-8"))["overall"]["figures"]
got = {
    "direct F1": fig["direct_lenient"][2],
    "attribution": fig["attribution"],
    "end-to-end F1": fig["e2e"][2],
    "indirect F1": (fig["indirect"] or [0, 0, 0])[2],
}
bad = [f"{k} {got[k]:.4f} < {v}" for k, v in FLOORS.items() if got[k] < v]
print("annotator figures:", ", ".join(f"{k} {v:.4f}" for k, v in got.items()))
if bad:
    print("below the floor:", "; ".join(bad))
    sys.exit(1)
