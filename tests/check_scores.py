"""Fails when a score.py --json report falls below the given minimums.

usage: check_scores.py REPORT.json metric=minimum [...]
"""
import json
import sys

metrics = json.load(open(sys.argv[1]))["metrics"]
failed = []
for spec in sys.argv[2:]:
    name, minimum = spec.split("=")
    value = metrics[name]
    print(f"{name}: {value:.3f} (minimum {float(minimum):.3f})")
    if value + 1e-9 < float(minimum):
        failed.append(name)
if failed:
    sys.exit(f"scores below minimum: {', '.join(failed)}")
