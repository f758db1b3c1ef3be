"""Scores the corpus by halves of its councils, to see how the parser does
on councils that a change was not tuned on.

usage: split_score.py OUT_DIR GOLD_DIR MANIFEST.tsv [--json FILE]

The councils in MANIFEST.tsv (column `council`) are split in two fixed
halves: sorted by name, alternately into A and B, so that the split does not
depend on the order of the pages or on the parser. Each half is scored with
tests/score.py (the scoring contract) on the gold of its pages only. To use
it as a held-out check, tune on the mismatches of one half and read the
score of the other.
"""
import csv, json, os, subprocess, sys, tempfile

out, gold, manifest = sys.argv[1:4]
report = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None
with open(manifest, encoding="utf-8") as f:
    pages = list(csv.DictReader(f, delimiter="\t"))
councils = sorted({p["council"] for p in pages})
half_of = {c: "AB"[i % 2] for i, c in enumerate(councils)}
score = os.path.join(os.path.dirname(os.path.abspath(__file__)), "score.py")
keys = ["docs", "item_f1", "title_exact", "resolved_acc", "truncated_acc", "page_type_acc", "date_acc"]
results = {}
for half in "AB":
    with tempfile.TemporaryDirectory() as subset:
        for page in pages:
            name = os.path.splitext(page["file"])[0] + ".json"
            if half_of[page["council"]] == half and os.path.exists(os.path.join(gold, name)):
                os.symlink(os.path.abspath(os.path.join(gold, name)), os.path.join(subset, name))
        text = subprocess.run([sys.executable, score, out, subset, "--json"], check=True,
                              capture_output=True, text=True).stdout
    metrics = json.loads(text)["metrics"]
    councils_in = sum(1 for c in councils if half_of[c] == half)
    results[half] = {"councils": councils_in, **{k: metrics[k] for k in keys}}
    row = " ".join(f"{k}={metrics[k]:.3f}" if isinstance(metrics[k], float) else f"{k}={metrics[k]}" for k in keys)
    print(f"half {half} ({councils_in} councils): {row}")
if report:
    with open(report, "w") as f:
        json.dump(results, f, indent=1)
