# Vendored from ../shared/eval/score.py (the scoring contract of this project), so the
# regression check runs on a fresh clone. Keep it identical to the original.
#!/usr/bin/env python3
"""Score a council-etl output directory against hand-made gold annotations.

usage: score.py OUT_DIR GOLD_DIR [--json] [--min-f1 X]

OUT_DIR holds the Parquet tables written by `etl run` (see README.md beside
this file for the columns it reads). GOLD_DIR holds one JSON file per input
document. Prints one line per metric and a last line `item_f1=...`.
Exit status 1 if --min-f1 is given and the item F1 falls below it.
"""
import argparse, glob, json, os, re, sys, unicodedata
from difflib import SequenceMatcher

import pyarrow.parquet as pq


def norm(s):
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", s).replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"pdf icon\s*PDF\s*[\d.,]+\s*[KM]B", " ", s, flags=re.I)
    s = re.sub(r"\(\s*agenda item\s*[\w.]+\s*\)", " ", s, flags=re.I)
    s = re.sub(r"\s+", " ", s).strip().strip(".:;,-").strip()
    return s.lower()


def norm_num(s):
    return re.sub(r"[\s.()]", "", (s or "")).lower()


def table(out, name, required):
    path = os.path.join(out, f"{name}.parquet")
    if not os.path.exists(path):
        sys.exit(f"score: {path} is missing")
    t = pq.read_table(path)
    missing = [c for c in required if c not in t.column_names]
    if missing:
        sys.exit(f"score: {name}.parquet lacks columns {missing}")
    return t.select([c for c in required]).to_pylist()


def align(gold, pred):
    """Order-preserving alignment of gold and predicted items (LCS on similarity)."""
    n, m = len(gold), len(pred)

    def sim(g, p):
        if g["number"] and norm_num(g["number"]) == norm_num(p["minute_number"]):
            return 1.0
        return SequenceMatcher(None, norm(g["title"]), norm(p["title"])).ratio()

    S = [[sim(g, p) for p in pred] for g in gold]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = best[i + 1][j + 1] + S[i][j] if S[i][j] >= 0.6 else -1
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if S[i][j] >= 0.6 and best[i][j] == best[i + 1][j + 1] + S[i][j]:
            pairs.append((gold[i], pred[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("gold")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--min-f1", type=float)
    a = ap.parse_args()

    docs = table(a.out, "source_documents", ["doc_id", "path", "page_type", "parse_status"])
    meetings = table(a.out, "meetings", ["doc_id", "venue", "contact_name", "start_date"])
    items = table(a.out, "agenda_items", ["item_id", "doc_id", "position", "minute_number", "title", "minutes_text", "minutes_truncated"])
    decisions = table(a.out, "decisions", ["item_id"])

    by_base = {os.path.basename(d["path"]): d for d in docs}
    meeting_by_doc = {m["doc_id"]: m for m in meetings}
    items_by_doc = {}
    for it in items:
        items_by_doc.setdefault(it["doc_id"], []).append(it)
    decided = {d["item_id"] for d in decisions}

    c = {k: 0 for k in "gold pred matched title number resolved truncated minutes page_type docs_missing "
                       "venue_n venue_ok contact_n contact_ok date_n date_ok".split()}
    per_doc = []
    for gpath in sorted(glob.glob(os.path.join(a.gold, "*.json"))):
        g = json.load(open(gpath, encoding="utf-8"))
        d = by_base.get(g["file"])
        if d is None:
            c["docs_missing"] += 1
            c["gold"] += len(g["items"])
            per_doc.append((g["file"], "missing from source_documents"))
            continue
        pred = sorted(items_by_doc.get(d["doc_id"], []), key=lambda r: r["position"])
        pairs = align(g["items"], pred)
        c["gold"] += len(g["items"]); c["pred"] += len(pred); c["matched"] += len(pairs)
        for gi, pi in pairs:
            c["title"] += norm(gi["title"]) == norm(pi["title"])
            c["number"] += norm_num(gi.get("number")) == norm_num(pi["minute_number"])
            c["resolved"] += bool(gi["resolved"]) == (pi["item_id"] in decided)
            c["truncated"] += bool(gi["truncated"]) == bool(pi["minutes_truncated"])
            c["minutes"] += bool(gi["has_minutes"]) == bool((pi["minutes_text"] or "").strip())
        c["page_type"] += (g.get("page_type") or "") == (d["page_type"] or "")
        m = meeting_by_doc.get(d["doc_id"], {})
        for key, col, gk in (("venue", "venue", "venue"), ("contact", "contact_name", "contact_name"), ("date", "start_date", "meeting_date")):
            if g.get(gk):
                c[key + "_n"] += 1
                c[key + "_ok"] += norm(str(g[gk])) == norm(str(m.get(col) or ""))
        if len(pairs) != len(g["items"]) or len(pairs) != len(pred):
            per_doc.append((g["file"], f"gold {len(g['items'])} items, predicted {len(pred)}, matched {len(pairs)}"))

    ratio = lambda x, y: (x / y) if y else 1.0
    p, r = ratio(c["matched"], c["pred"]), ratio(c["matched"], c["gold"])
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    n_docs = len(glob.glob(os.path.join(a.gold, "*.json")))
    res = {
        "docs": n_docs, "docs_missing": c["docs_missing"],
        "item_precision": p, "item_recall": r, "item_f1": f1,
        "title_exact": ratio(c["title"], c["matched"]), "number_exact": ratio(c["number"], c["matched"]),
        "resolved_acc": ratio(c["resolved"], c["matched"]), "truncated_acc": ratio(c["truncated"], c["matched"]),
        "has_minutes_acc": ratio(c["minutes"], c["matched"]), "page_type_acc": ratio(c["page_type"], n_docs - c["docs_missing"]),
        "venue_acc": ratio(c["venue_ok"], c["venue_n"]), "contact_acc": ratio(c["contact_ok"], c["contact_n"]),
        "date_acc": ratio(c["date_ok"], c["date_n"]),
    }
    if a.json:
        print(json.dumps({"metrics": res, "mismatches": per_doc}, indent=1))
    else:
        for f, why in per_doc:
            print(f"  {f}: {why}")
        for k, v in res.items():
            print(f"{k}: {v:.3f}" if isinstance(v, float) else f"{k}: {v}")
        print(f"item_f1={f1:.3f} title_exact={res['title_exact']:.3f} resolved_acc={res['resolved_acc']:.3f}")
    if a.min_f1 is not None and f1 < a.min_f1:
        sys.exit(1)


if __name__ == "__main__":
    main()
