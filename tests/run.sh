#!/usr/bin/env bash
# The full test suite, from a clean clone: lints, the Rust tests, then the
# DuckDB / pandas interop tests, the linked-data checks and the gold
# scores in a local Python venv. Every check runs even when one before it
# failed; the last line counts what really ran: Rust tests (as cargo
# reports them) plus the checks below, and the exit status is 1 if any
# failed.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
log="$(mktemp)"
out="$(mktemp -d)"
trap 'rm -rf "$out" "$log"' EXIT

# check NAME COMMAND...: one check, counted.
check() {
    local name="$1"
    shift
    if "$@"; then
        passed=$((passed + 1))
        echo "ok: $name"
    else
        failed=$((failed + 1))
        echo "FAILED: $name"
    fi
}

# The Python venvs and Chromium, set up in the background while cargo
# builds (mostly downloads; `--no-compile`: a module is compiled when first
# imported, and most never are). The checks after the Rust tests wait for it.
python_setup() {
    # Python test dependencies live in a local venv, created on first use.
    if [ ! -x .venv/bin/python ] ||
        ! .venv/bin/python -c "import duckdb, pandas, pyarrow, frictionless, pyld, rdflib, pyshacl, playwright, deltalake, polars, moto, boto3" 2>/dev/null; then
        python3 -m venv .venv &&
            .venv/bin/pip install --quiet --disable-pip-version-check --no-compile \
                pyarrow pandas duckdb "frictionless[parquet]" pyld rdflib pyshacl playwright \
                deltalake polars "moto[server]" boto3 || return 1
    fi
    # CKAN's DCAT harvester parser, in a venv of its own: CKAN pins its
    # dependencies. Its "requirements" extra names them all, psycopg2 (a
    # PostgreSQL client built from source) aside, which the parser never uses.
    if [ ! -x .venv-ckan/bin/python ] ||
        ! .venv-ckan/bin/python -c "import ckanext.dcat.processors" 2>/dev/null; then
        python3 -m venv .venv-ckan &&
            .venv-ckan/bin/pip install --quiet --disable-pip-version-check --no-compile \
                ckan==2.12.0 ckanext-dcat==2.4.4 &&
            .venv-ckan/bin/python -c 'from importlib.metadata import requires
for r in requires("ckan"):
    name, _, marker = r.partition(";")
    if "requirements" in marker and not name.startswith("psycopg2"):
        print(name.strip())' > .venv-ckan/requirements.txt &&
            .venv-ckan/bin/pip install --quiet --disable-pip-version-check --no-compile \
                -r .venv-ckan/requirements.txt || return 1
    fi
    # Debian's Chromium for the landing-page test.
    if [ ! -x /usr/bin/chromium ]; then
        { apt-get update -q && apt-get install -y -q chromium; } || return 1
    fi
}
python_setup > "$out/setup.log" 2>&1 &
setup_pid=$!

# Release mode: the same build as the runs below, and faster robustness tests.
# Without link-time optimisation: it is for speed measured in benchmarks, and
# linking each test binary with it made this suite's build minutes longer.
export CARGO_PROFILE_RELEASE_LTO=false
check "cargo fmt" cargo fmt --check
# Clippy lints inside the test build: clippy-driver compiles this crate's
# targets (all of them, as `cargo clippy --all-targets` would check them)
# and rustc the dependencies. A `cargo clippy` of its own checked every
# dependency a second time: 3 min 48 s of this suite's 15 min 40 s on 2
# cores (2026-12-06). Any warning of this crate fails it, as `-D warnings`.
export RUSTC_WORKSPACE_WRAPPER=clippy-driver
lint_and_build() {
    cargo test --release --all-targets --no-run > "$out/build.log" 2>&1
    local status=$?
    if [ "$status" -ne 0 ] || grep -q '^warning: `council-etl`' "$out/build.log"; then
        grep -v '^ *\(Compiling\|Executable\|Finished\|Downloaded\|Downloading\)' "$out/build.log" | head -n 150
        return 1
    fi
}
check "cargo clippy -D warnings (in the test build)" lint_and_build
cargo test --release > "$log" 2>&1
cargo_status=$?
grep -E '^(test result|failures:|---- |error)' "$log"
count() { awk -v what="$1" '/^test result/ { for (i = 1; i <= NF; i++) if ($(i+1) ~ "^" what) n += $i } END { print n + 0 }' "$log"; }
rust_passed=$(count passed)
rust_failed=$(count failed)
# A build error, or a test binary that died, reports no failed test.
if [ "$cargo_status" -ne 0 ] && [ "$rust_failed" -eq 0 ]; then
    echo "FAILED: cargo test exited with $cargo_status"
    rust_failed=1
fi
if [ "$cargo_status" -ne 0 ]; then
    tail -n 80 "$log"
fi
echo "rust tests: $rust_passed passed, $rust_failed failed"
passed=$((passed + rust_passed))
failed=$((failed + rust_failed))

setup_done() { wait "$setup_pid" || { tail -n 40 "$out/setup.log"; return 1; }; }
check "Python venvs and Chromium set up" setup_done
py=.venv/bin/python

# The binary `cargo test` built for the end-to-end tests: `cargo run`
# would build it again, with the features of the dependencies that the
# tests do not share (minutes on a fresh machine).
etl() { target/release/etl "$@"; }
check "seeds run" etl run pipeline.toml --out "$out/seeds" --quiet
check "seeds: DuckDB and pandas" $py tests/interop.py "$out/seeds"
check "seeds: linked data" $py tests/linked_data.py "$out/seeds"
# DCAT-AP 3 by its official SHACL shapes. The warnings allowed are
# recommended properties no config can give (docs/publishing.md).
check "seeds: DCAT-AP 3 shapes" $py tests/dcat.py "$out/seeds" bbox centroid

# Published as a portal would: files served under a base IRI, CSV copies.
sed -e 's|^base_iri = ""|base_iri = "https://data.example.gov.uk/worcestershire/decisions/"|' \
    -e 's|^csv = false|csv = true|' pipeline.toml > "$out/publish.toml"
check "published run" etl run "$out/publish.toml" --input 'seeds/*.txt' --out "$out/published" --quiet
check "published: linked data and CSV" $py tests/linked_data.py "$out/published"
check "published: DCAT-AP 3 shapes" $py tests/dcat.py "$out/published" bbox centroid
check "published: CKAN harvest" .venv-ckan/bin/python tests/ckan_harvest.py "$out/published" \
    https://data.example.gov.uk/worcestershire/decisions/ uk-ogl
# The screenshot stays in target/test-artefacts for a person to look at.
check "published: landing page in Chromium" $py tests/landing.py "$out/published" \
    target/test-artefacts/landing.png

# Parser quality against hand-made gold (tests/corpus, copied from the
# shared corpus): the seeds exactly, and 112 pages of 37 other councils.
# tests/score.py is the project's scoring contract.
scores() { $py tests/score.py "$1" "$2" --json > "$3"; }
check "seeds: scores" scores "$out/seeds" tests/corpus/gold-seeds "$out/seeds.json"
check "seeds: score targets" $py tests/check_scores.py "$out/seeds.json" item_f1=1.0 title_exact=1.0
check "corpus run" etl run pipeline.toml --input tests/corpus/pages --out "$out/corpus" --quiet
check "corpus: scores" scores "$out/corpus" tests/corpus/gold "$out/corpus.json"
check "corpus: score targets" $py tests/check_scores.py "$out/corpus.json" item_f1=0.98 \
    title_exact=0.95 resolved_acc=0.97 truncated_acc=0.98 page_type_acc=0.95 venue_acc=0.97 \
    contact_acc=0.97 date_acc=0.97
# The same pages by halves of their councils (docs/quality.md).
check "corpus: council halves" $py tests/split_score.py "$out/corpus" tests/corpus/gold \
    tests/corpus/manifest.tsv
# Who sent apologies, on the pages whose gold states it (score.py does not
# read attendance).
check "corpus: apologies" $py tests/apologies_score.py "$out/corpus" tests/corpus/gold 0.9
# The same pages printed as other sites print them: blank lines lost, item
# numbers on their title's line (after a dot, a bare space, or in brackets), the committee line
# as a page title or over a labelled date, markdown marks, a site menu above,
# the header as a table of two cells a row, lines hard-wrapped at 80 columns
# (tests/variants.py). Floors just under
# what the parser scores; see docs/quality.md.
check "corpus variants" $py tests/variants.py tests/corpus/pages "$out/variants"
for shape in single inline bare paren titled dated markdown menu table wrap; do
    check "corpus variant $shape: run" etl run pipeline.toml --input "$out/variants/$shape" \
        --out "$out/variant-$shape" --quiet
    check "corpus variant $shape: scores" scores "$out/variant-$shape" tests/corpus/gold \
        "$out/variant-$shape.json"
done
check "corpus variant single: score targets" $py tests/check_scores.py "$out/variant-single.json" \
    item_f1=0.97 title_exact=0.97 resolved_acc=0.97
check "corpus variant inline: score targets" $py tests/check_scores.py "$out/variant-inline.json" \
    item_f1=0.98 title_exact=0.97 resolved_acc=0.97
check "corpus variant bare: score targets" $py tests/check_scores.py "$out/variant-bare.json" \
    item_f1=0.98 title_exact=0.97 resolved_acc=0.97
check "corpus variant paren: score targets" $py tests/check_scores.py "$out/variant-paren.json" \
    item_f1=0.98 title_exact=0.97 resolved_acc=0.97
for shape in titled dated; do
    check "corpus variant $shape: score targets" $py tests/check_scores.py \
        "$out/variant-$shape.json" item_f1=0.98 date_acc=0.97
done
check "corpus variant markdown: score targets" $py tests/check_scores.py \
    "$out/variant-markdown.json" item_f1=0.98 title_exact=0.97 page_type_acc=0.98
check "corpus variant menu: score targets" $py tests/check_scores.py "$out/variant-menu.json" \
    item_f1=0.98 title_exact=0.97 resolved_acc=0.97 page_type_acc=0.98
check "corpus variant table: score targets" $py tests/check_scores.py "$out/variant-table.json" \
    item_f1=0.98 page_type_acc=0.98 venue_acc=0.97 contact_acc=0.97 date_acc=0.97
check "corpus variant wrap: score targets" $py tests/check_scores.py "$out/variant-wrap.json" \
    item_f1=0.97 title_exact=0.97 resolved_acc=0.97 venue_acc=0.97
check "corpus: linked data" $py tests/linked_data.py "$out/corpus"
check "corpus: DCAT-AP 3 shapes" $py tests/dcat.py "$out/corpus" bbox centroid
# ModernGov web-service XML, saved HTML pages and a text twin together.
check "moderngov run" etl run pipeline.toml --input 'tests/moderngov/*.xml' \
    --input 'tests/moderngov/*.html' --input 'tests/moderngov/*.txt' --out "$out/moderngov" --quiet
check "moderngov: linked data" $py tests/linked_data.py "$out/moderngov"

# Delta Lake: two councils into one dataset, read back by deltalake,
# polars and DuckDB, its catalogs checked against the tables and the
# DCAT-AP shapes; then the same on an S3 server with concurrent commits.
sed -e 's|identifier = "E10000034"|identifier = "W06000001"|' \
    -e "s|inputs = \\[\"seeds/\\*.txt\"\\]|inputs = [\"$PWD/tests/corpus/pages\"]|" \
    -e 's|^\[publish\]$|[publish]\npublisher = "Civic Data UK"|' \
    pipeline.toml > "$out/other-council.toml"
delta_councils() {
    etl run pipeline.toml --format delta --out "$out/delta" --quiet &&
        etl run "$out/other-council.toml" --format delta --out "$out/delta" --quiet &&
        $py tests/delta_readers.py "$out/delta" 2 --linked
}
check "delta: two councils read back" delta_councils
# A Delta dataset has no landing page; its publisher is not the council.
check "delta: root catalog, DCAT-AP 3 shapes" \
    $py tests/dcat.py "$out/delta" bbox centroid landingPage homepage type
check "delta: a council's catalog, DCAT-AP 3 shapes" \
    $py tests/dcat.py "$out/delta/councils/council_id=W06000001" bbox centroid landingPage homepage type
check "delta: on S3 (moto), concurrent commits" bash tests/s3.sh target/release/etl $py

echo "total: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
