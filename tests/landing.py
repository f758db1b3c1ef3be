"""index.html in headless Chromium (Debian's, driven by Playwright), as a
person opens it from the server that publishes the dataset.

Usage: landing.py OUT_DIR SCREENSHOT.png
Serves OUT_DIR on 127.0.0.1 and checks that the page loads with no console
error, no page error and no failed request; that every chart draws bars
of non-zero size; that every link inside the page resolves (a file of the
dataset, served, or an anchor of the page) and every other link is an
absolute http(s) URL; that the row counts and the downloads (size,
SHA-256) are those of the files; that the DuckDB and pandas snippets run.
Keeps a full-page screenshot.
"""
import contextlib
import functools
import io
import hashlib
import http.server
import os
import sys
import threading
from urllib.parse import urljoin, urlparse

import duckdb
import pyarrow.parquet as pq
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# As root in a closed network: no sandbox, and nothing in the background
# that would try to reach the outside.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(root):
    handler = functools.partial(Quiet, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(out, screenshot):
    server = serve(out)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    problems = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
        response = page.goto(base + "index.html", wait_until="load")
        assert response.ok, response.status

        charts = page.locator("svg.chart")
        drawn_charts = charts.count()
        assert drawn_charts >= 1, "no chart"
        for i in range(charts.count()):
            chart = charts.nth(i)
            box = chart.bounding_box()
            assert box and box["width"] > 100 and box["height"] > 20, (i, box)
            bars = chart.locator("rect.bar")
            drawn = [b for b in (bars.nth(j).bounding_box() for j in range(bars.count()))
                     if b and b["width"] > 0 and b["height"] > 0]
            assert drawn, f"chart {i} ({chart.locator('title').first.text_content()}) draws no bar"

        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
        served = set()
        for href in hrefs:
            if href.startswith("#"):
                assert page.locator(f"[id='{href[1:]}']").count() == 1, f"anchor {href}"
                continue
            url = urljoin(base + "index.html", href)
            if not url.startswith(base):
                assert urlparse(href).scheme in ("http", "https") and urlparse(href).netloc, href
                continue
            name = url[len(base):]
            assert os.path.isfile(os.path.join(out, name)), f"link to {name}: no such file"
            if name not in served:
                r = page.request.get(url)
                assert r.ok and len(r.body()) == os.path.getsize(os.path.join(out, name)), name
                served.add(name)

        for row in page.locator("table.counts tbody tr").all():
            table, rows = [c.text_content() for c in row.locator("td").all()[:2]]
            expected = pq.read_metadata(os.path.join(out, f"{table}.parquet")).num_rows
            assert rows == str(expected), (table, rows, expected)
        listed = page.locator("table.files tbody tr").all()
        for row in listed:
            cells = [c.text_content() for c in row.locator("td").all()]
            data = open(os.path.join(out, cells[0]), "rb").read()
            assert cells[3] == hashlib.sha256(data).hexdigest(), cells[0]
        files = sorted(f for f in os.listdir(out) if f not in ("index.html", "catalog.jsonld"))
        assert sorted(r.locator("td").first.text_content() for r in listed) == files

        # The "Load it" snippets run as shown, in the dataset's directory.
        snippets = page.locator("#load ~ pre code").all_text_contents()
        assert len(snippets) == 2, snippets
        here = os.getcwd()
        os.chdir(out)
        try:
            rows = duckdb.sql(snippets[0]).fetchall()
            assert rows, "the DuckDB query returns rows"
            with contextlib.redirect_stdout(io.StringIO()):
                exec(snippets[1], {})
        finally:
            os.chdir(here)

        os.makedirs(os.path.dirname(os.path.abspath(screenshot)), exist_ok=True)
        page.screenshot(path=screenshot, full_page=True)
        browser.close()
    server.shutdown()
    assert not problems, problems
    print(f"landing page: {drawn_charts} charts drawn, {len(hrefs)} links resolve "
          f"({len(served)} files served), {len(listed)} downloads match; screenshot {screenshot}")


if __name__ == "__main__":
    main(*sys.argv[1:])
