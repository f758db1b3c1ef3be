"""Reads the made-up pages (or any pages) as the variants of
tests/variants.py print them, and lists each page whose rows differ from
the page as written: its number of items, their titles, its page type, its
meetings' dates and bodies. The made-up pages have no gold; the page as
written is the reference, so a change of print alone must not change what
is read (docs/quality.md). Pages rejected (a variant that prints two pages
alike is a duplicate) are left out.

usage: variant_consistency.py BASE_OUT VARIANTS_OUT
  BASE_OUT     `etl run` output of the pages as written
  VARIANTS_OUT a directory with one `etl run` output per variant
"""
import os
import sys

import duckdb

base_out, variants_out = sys.argv[1], sys.argv[2]
db = duckdb.connect()


def read(out):
    """Page file name -> (page type, items, meetings), as comparable tuples."""
    items = db.sql(f"""
        select regexp_extract(s.path, '[^/]+$') page, s.page_type,
               list(lower(coalesce(i.title, '')) order by i.position) filter (where i.item_id is not null)
        from '{out}/source_documents.parquet' s
        left join '{out}/agenda_items.parquet' i using (doc_id)
        where s.parse_status <> 'rejected'
        group by all""").fetchall()
    meetings = dict(db.sql(f"""
        select regexp_extract(s.path, '[^/]+$') page,
               list(coalesce(cast(m.start_date as varchar), '-') || ' ' || coalesce(m.body_name, '-') order by m.start_date, m.body_name)
        from '{out}/source_documents.parquet' s
        join '{out}/meetings.parquet' m using (doc_id)
        group by all""").fetchall())
    return {page: (kind, titles or [], meetings.get(page, [])) for page, kind, titles in items}


base = read(base_out)
differ = compared = 0
for variant in sorted(os.listdir(variants_out)):
    pages = read(os.path.join(variants_out, variant))
    for page, (kind, titles, meetings) in sorted(pages.items()):
        if page not in base:
            continue
        compared += 1
        if base[page] == (kind, titles, meetings):
            continue
        differ += 1
        b_kind, b_titles, b_meetings = base[page]
        what = []
        if kind != b_kind:
            what.append(f"page type {b_kind} -> {kind}")
        if titles != b_titles:
            what.append(f"items {len(b_titles)} -> {len(titles)}" if len(titles) != len(b_titles) else "item titles")
        if meetings != b_meetings:
            what.append(f"meetings {b_meetings} -> {meetings}")
        print(f"{variant}/{page}: {'; '.join(what)}")
print(f"pages read differently in a variant: {differ} of {compared}")
