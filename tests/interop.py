"""Interop: every table loads in DuckDB and pandas with the intended types.

Run by tests/run.sh after `etl run pipeline.toml --out OUT`:
    python tests/interop.py OUT
"""
import glob
import os
import sys

import duckdb
import pandas as pd
import pyarrow.parquet as pq

TABLES = ["source_documents", "parse_warnings", "meetings", "agenda_items", "decisions",
          "decision_clauses", "decision_records", "vote_counts", "money_amounts", "cross_references",
          "mentions", "item_topics", "attachments", "attendance", "declarations", "votes", "people",
          "person_roles", "matters", "matter_steps"]


def main(out):
    found = sorted(os.path.basename(p)[:-8] for p in glob.glob(os.path.join(out, "*.parquet")))
    assert found == sorted(TABLES), f"tables: {found}"
    con = duckdb.connect()
    for table in TABLES:
        path = os.path.join(out, f"{table}.parquet")
        n_duck = con.execute(f"select count(*) from '{path}'").fetchone()[0]
        frame = pd.read_parquet(path)
        assert n_duck == len(frame) == pq.ParquetFile(path).metadata.num_rows, table
        meta = pq.ParquetFile(path).metadata.metadata
        assert b"council_etl.licence" in meta and b"council_etl.config_sha256" in meta, table
    meetings = os.path.join(out, "meetings.parquet")
    types = dict(con.execute(f"select column_name, column_type from (describe select * from '{meetings}')").fetchall())
    assert types["start_date"] == "DATE", types
    dates = con.execute(f"select count(*) from '{meetings}' where start_date is not null").fetchone()[0]
    assert dates >= 1, "some meeting has a date"
    frame = pd.read_parquet(meetings)
    assert str(frame["start_date"].dropna().iloc[0]) == "2018-03-29", frame["start_date"].tolist()
    items = os.path.join(out, "agenda_items.parquet")
    types = dict(con.execute(f"select column_name, column_type from (describe select * from '{items}')").fetchall())
    assert types["minutes_truncated"] == "BOOLEAN" and types["position"] == "INTEGER", types
    records = os.path.join(out, "decision_records.parquet")
    types = dict(con.execute(f"select column_name, column_type from (describe select * from '{records}')").fetchall())
    assert types["decision_date"] == "DATE" and types["key_decision"] == "BOOLEAN", types
    votes = os.path.join(out, "vote_counts.parquet")
    types = dict(con.execute(f"select column_name, column_type from (describe select * from '{votes}')").fetchall())
    assert types["votes_for"] == "INTEGER", types
    money = os.path.join(out, "money_amounts.parquet")
    types = dict(con.execute(f"select column_name, column_type from (describe select * from '{money}')").fetchall())
    assert types["amount"] == "DECIMAL(18,2)", types
    # Seed 001, Resources Report clause (c): £4.1million recommended to Council.
    row = con.execute(
        f"select m.amount, m.currency, c.action, c.target_body from '{money}' m"
        f" join '{out}/decision_clauses.parquet' c using (clause_id) where m.raw_text = '£4.1million'"
    ).fetchall()
    assert [(str(a), cur, act, body) for a, cur, act, body in row] == [("4100000.00", "GBP", "recommended", "Council")], row
    frame = pd.read_parquet(money)
    assert str(frame.loc[frame.raw_text == "£4.1million", "amount"].iloc[0]) == "4100000.00"
    joined = con.execute(
        f"select count(*) from '{out}/decision_clauses.parquet' c join '{out}/decisions.parquet' d using (decision_id)"
        f" join '{items}' i on i.item_id = d.item_id join '{meetings}' m on m.meeting_id = i.meeting_id"
    ).fetchone()[0]
    clauses = con.execute(f"select count(*) from '{out}/decision_clauses.parquet'").fetchone()[0]
    assert joined == clauses > 0, (joined, clauses)
    # People: typed dates, and every attendance row joins its person.
    people = os.path.join(out, "people.parquet")
    types = dict(con.execute(f"select column_name, column_type from (describe select * from '{people}')").fetchall())
    assert types["first_seen"] == "DATE" and types["present"] == "INTEGER", types
    unjoined = con.execute(
        f"select count(*) from '{out}/attendance.parquet' a left join '{people}' p using (person_id)"
        f" where a.person_id is not null and p.person_id is null"
    ).fetchone()[0]
    listed = con.execute(f"select count(*) from '{people}'").fetchone()[0]
    assert unjoined == 0 and listed > 0, (unjoined, listed)
    steps = os.path.join(out, "matter_steps.parquet")
    types = dict(con.execute(f"select column_name, column_type from (describe select * from '{steps}')").fetchall())
    assert types["confidence"] == "DOUBLE" and types["date"] == "DATE", types
    print(f"interop: {len(TABLES)} tables load in DuckDB and pandas; {clauses} clauses join to meetings; "
          f"{listed} people join their attendance")


if __name__ == "__main__":
    main(sys.argv[1])
