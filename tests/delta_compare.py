"""Two Delta datasets hold the same rows: a whole run and the union of its
shards. Compares every table row for row (as sorted lists), the linked
tables and decisions.matter_id aside unless --linked (people and matters
are linked by a whole run; shards leave them out).

usage: delta_compare.py WHOLE SHARDED [--linked]
"""

import sys

from deltalake import DeltaTable

from delta_readers import report

DOCUMENT_TABLES = [
    "source_documents", "parse_warnings", "meetings", "agenda_items", "decisions",
    "decision_clauses", "decision_records", "vote_counts", "votes", "money_amounts",
    "cross_references", "mentions", "item_topics", "attachments", "attendance",
    "declarations",
]
LINKED_TABLES = ["people", "person_roles", "matters", "matter_steps"]


def rows(root, table, drop=()):
    data = DeltaTable(f"{root}/{table}").to_pyarrow_table()
    data = data.drop_columns([c for c in drop if c in data.column_names])
    return sorted(repr(sorted(row.items())) for row in data.to_pylist())


def main():
    whole, sharded = sys.argv[1], sys.argv[2]
    linked = "--linked" in sys.argv
    tables = DOCUMENT_TABLES + (LINKED_TABLES if linked else [])
    failures = []
    for table in tables:
        drop = () if linked or table != "decisions" else ("matter_id",)
        a, b = rows(whole, table, drop), rows(sharded, table, drop)
        if a != b:
            failures.append(f"{table}: {len(a)} rows in one run, {len(b)} in the shards' union"
                            f" ({len(set(a) ^ set(b))} differ)")
    report(failures, f"{len(tables)} tables, the shards' union equals the whole run row for row")


if __name__ == "__main__":
    main()
