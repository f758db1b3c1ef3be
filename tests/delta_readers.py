"""A Delta dataset of several councils read as its users read it: Python
deltalake, polars and DuckDB (through Arrow: DuckDB's delta extension is
downloaded at run time, which CI cannot). Checks every table loads with
its partition column, that IDs are unique across councils, that foreign
keys hold across the whole dataset, and that the three readers agree.

usage: delta_readers.py ROOT COUNCILS [--linked]
  ROOT      a directory or s3://bucket/prefix (AWS_* from the environment)
  COUNCILS  how many councils the dataset must hold
  --linked  the linked tables (people, matters) must have rows too
"""

import os
import sys

from deltalake import DeltaTable

# (table, columns, referenced table): the schema's keys (etl schema).
FOREIGN_KEYS = [
    ("meetings", ["doc_id"], "source_documents"),
    ("agenda_items", ["meeting_id", "doc_id"], "meetings"),
    ("decisions", ["item_id", "doc_id"], "agenda_items"),
    ("decision_clauses", ["decision_id", "doc_id"], "decisions"),
    ("attendance", ["meeting_id", "doc_id"], "meetings"),
    ("attachments", ["item_id", "doc_id"], "agenda_items"),
    ("matter_steps", ["decision_id", "doc_id"], "decisions"),
    ("person_roles", ["person_id"], "people"),
]
PRIMARY_KEYS = {
    "source_documents": ["doc_id"],
    "meetings": ["meeting_id", "doc_id"],
    "agenda_items": ["item_id", "doc_id"],
    "decisions": ["decision_id", "doc_id"],
    "people": ["person_id"],
    "matters": ["matter_id"],
}
TABLES = sorted(
    {t for t, _, _ in FOREIGN_KEYS} | {r for _, _, r in FOREIGN_KEYS} | set(PRIMARY_KEYS)
)


def storage_options(root):
    if not root.startswith("s3://"):
        return None
    options = {
        "AWS_ENDPOINT_URL": os.environ["AWS_ENDPOINT_URL"],
        "AWS_REGION": os.environ.get("AWS_REGION", "us-east-1"),
        "AWS_ACCESS_KEY_ID": os.environ["AWS_ACCESS_KEY_ID"],
        "AWS_SECRET_ACCESS_KEY": os.environ["AWS_SECRET_ACCESS_KEY"],
        "AWS_ALLOW_HTTP": "true",
        "AWS_S3_ALLOW_UNSAFE_RENAME": "true",
    }
    return options


def main():
    import duckdb  # here: delta_compare.py imports `report` without them
    import polars as pl

    root, councils = sys.argv[1].rstrip("/"), int(sys.argv[2])
    linked = "--linked" in sys.argv
    options = storage_options(root)
    con = duckdb.connect()
    failures = []
    for table in TABLES:
        uri = f"{root}/{table}"
        delta = DeltaTable(uri, storage_options=options)
        arrow = delta.to_pyarrow_table()
        frame = pl.read_delta(uri, storage_options=options)
        con.register(table, arrow)
        if arrow.num_rows != frame.height:
            failures.append(f"{table}: deltalake {arrow.num_rows} rows, polars {frame.height}")
        if "council_id" not in arrow.column_names:
            failures.append(f"{table}: no council_id column")
        if delta.metadata().partition_columns != ["council_id"]:
            failures.append(f"{table}: partitioned by {delta.metadata().partition_columns}")
        empty_ok = table in ("people", "person_roles", "matters", "matter_steps") and not linked
        if arrow.num_rows == 0 and not empty_ok:
            failures.append(f"{table}: no rows")
    found = con.sql("SELECT count(DISTINCT council_id) FROM meetings").fetchall()[0][0]
    if found != councils:
        failures.append(f"meetings hold {found} councils, expected {councils}")
    kind = con.sql("SELECT typeof(start_date) FROM meetings LIMIT 1").fetchall()[0][0]
    if kind != "DATE":
        failures.append(f"meetings.start_date is {kind}, not DATE")
    for table, key in PRIMARY_KEYS.items():
        cols = ", ".join(key)
        dupes = con.sql(
            f"SELECT count(*) FROM (SELECT {cols} FROM {table} GROUP BY {cols} HAVING count(*) > 1)"
        ).fetchall()[0][0]
        if dupes:
            failures.append(f"{table}: {dupes} keys ({cols}) held twice across councils")
    for table, cols, parent in FOREIGN_KEYS:
        on = " AND ".join(f"c.{c} = p.{c}" for c in cols)
        not_null = " AND ".join(f"c.{c} IS NOT NULL" for c in cols)
        orphans = con.sql(
            f"SELECT count(*) FROM {table} c WHERE {not_null} "
            f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE {on})"
        ).fetchall()[0][0]
        if orphans:
            failures.append(f"{table}({', '.join(cols)}) -> {parent}: {orphans} orphans")
    # The query the README shows: decisions of every council, by meeting date.
    rows = con.sql(
        "SELECT m.council_id, count(*) FROM decisions d "
        "JOIN agenda_items i ON i.item_id = d.item_id AND i.doc_id = d.doc_id "
        "JOIN meetings m ON m.meeting_id = i.meeting_id AND m.doc_id = i.doc_id GROUP BY 1"
    ).fetchall()
    if len(rows) != councils:
        failures.append(f"decisions of {len(rows)} councils, expected {councils}")
    check_date_statistics(root, options, con, failures)
    check_catalogs(root, options, councils, failures)
    report(failures, f"{len(TABLES)} tables of {councils} councils read by deltalake, polars, DuckDB; catalogs list every part")


def check_date_statistics(root, options, con, failures):
    """Each meetings part's Delta statistics hold the span of its meeting
    dates: readers skip parts by them, so they must agree with the rows."""
    import pyarrow as pa

    actions = pa.table(
        DeltaTable(f"{root}/meetings", storage_options=options).get_add_actions(flatten=True)
    ).to_pylist()
    spans = {}
    for action in actions:
        council = action["partition.council_id"]
        first, last = action.get("min.start_date"), action.get("max.start_date")
        if first is None or last is None:
            continue
        old = spans.get(council, (first, last))
        spans[council] = (min(old[0], first), max(old[1], last))
    rows = dict(
        (c, (first, last))
        for c, first, last in con.sql(
            "SELECT council_id, min(start_date), max(start_date) FROM meetings "
            "WHERE start_date IS NOT NULL GROUP BY 1"
        ).fetchall()
    )
    if spans != rows:
        failures.append(f"meetings: parts' date statistics {spans}, rows {rows}")


def read_file(root, options, path):
    """A file under the dataset's root, local or on S3."""
    if options is None:
        with open(f"{root}/{path}", "rb") as f:
            return f.read()
    import boto3

    bucket, _, prefix = root.removeprefix("s3://").partition("/")
    s3 = boto3.client("s3", endpoint_url=options["AWS_ENDPOINT_URL"])
    return s3.get_object(Bucket=bucket, Key=f"{prefix}/{path}".lstrip("/"))["Body"].read()


def check_catalogs(root, options, councils, failures):
    """The root catalog holds every council's dataset, and each dataset's
    Parquet distributions are exactly that council's active parts."""
    import json

    catalog = json.loads(read_file(root, options, "catalog.jsonld"))
    datasets = catalog["dcat:dataset"]
    if len(datasets) != councils:
        failures.append(f"catalog.jsonld lists {len(datasets)} datasets, expected {councils}")
    tables = {}
    for dataset in datasets:
        for dist in dataset["dcat:distribution"]:
            file = dist["dct:title"]
            if file.endswith(".parquet"):
                table, partition, _ = file.split("/")
                tables.setdefault(table, set()).add(f"{partition}/{file.rsplit('/', 1)[1]}")
    for table in TABLES:
        active = set(DeltaTable(f"{root}/{table}", storage_options=options).file_uris())
        active = {"/".join(uri.rsplit("/", 2)[-2:]) for uri in active}
        listed = tables.get(table, set())
        if active != listed:
            failures.append(
                f"{table}: catalog lists {len(listed)} parts, the table has {len(active)} "
                f"(unlisted {sorted(active - listed)[:2]}, gone {sorted(listed - active)[:2]})"
            )


def report(failures, success):
    """Prints the failures, or the success, and exits with the status."""
    for failure in failures:
        print("FAIL:", failure)
    if not failures:
        print("ok:", success)
    sys.stdout.flush()
    # Straight out: deltalake's runtime can abort the interpreter's exit
    # ("terminate called without an active exception") after the checks.
    os._exit(1 if failures else 0)


if __name__ == "__main__":
    main()
