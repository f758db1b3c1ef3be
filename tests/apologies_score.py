"""Scores who sent apologies: for every page whose gold states its
apologies (a list, or [] for "none"), the names etl wrote to
attendance.parquet with status "apologies" must be the same set (case,
surrounding space and a final full stop aside). score.py does not read
attendance, so this is the project's own measure (docs/quality.md).

usage: apologies_score.py OUT_DIR GOLD_DIR [MINIMUM]
"""
import collections
import json
import os
import sys

import pyarrow.parquet as pq

out, gold = sys.argv[1], sys.argv[2]
minimum = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
docs = pq.read_table(os.path.join(out, "source_documents.parquet"), columns=["doc_id", "path"])
path_of = dict(zip(docs["doc_id"].to_pylist(), docs["path"].to_pylist()))
rows = pq.read_table(
    os.path.join(out, "attendance.parquet"), columns=["doc_id", "person_name", "status"]
).to_pylist()
named = collections.defaultdict(list)
for row in rows:
    if row["status"] == "apologies":
        named[os.path.basename(path_of[row["doc_id"]])].append(row["person_name"])


def norm(names):
    return sorted(n.strip().rstrip(".").lower() for n in names)


right = scored = 0
for path in sorted(path_of.values()):
    page = os.path.basename(path)
    gold_file = os.path.join(gold, os.path.splitext(page)[0] + ".json")
    if not os.path.exists(gold_file):
        continue
    expected = json.load(open(gold_file)).get("apologies")
    if expected is None:
        continue
    scored += 1
    if norm(expected) == norm(named.get(page, [])):
        right += 1
    else:
        print(f"  {page}: gold {expected}, etl {named.get(page, [])}")
share = right / scored if scored else 1.0
print(f"apologies exact: {right}/{scored} pages ({share:.3f}, minimum {minimum:.3f})")
if share + 1e-9 < minimum:
    sys.exit("apologies below minimum")
