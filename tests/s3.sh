#!/usr/bin/env bash
# Delta output on object storage, end to end: an S3-compatible server
# (moto, from the test venv) on 127.0.0.1, and five runs committing to one
# dataset at once: two councils, the same council twice, and a third
# council split in two shards, then linked. Then the dataset is read back
# from S3 with deltalake, polars and DuckDB (tests/delta_readers.py).
#
# usage: tests/s3.sh ETL PYTHON
set -euo pipefail
cd "$(dirname "$0")/.."
etl="$1"
py="$2"

work="$(mktemp -d)"
port="$($py -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$(dirname "$py")/moto_server" -H 127.0.0.1 -p "$port" > "$work/moto.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT

export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ALLOW_HTTP=true AWS_REGION=us-east-1 \
    AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
for _ in $(seq 50); do
    $py -c 'import boto3; boto3.client("s3").create_bucket(Bucket="councils")' 2>/dev/null && break
    sleep 0.2
done

# council IDENTIFIER INPUT: pipeline.toml for another council.
council() {
    sed -e "s|identifier = \"E10000034\"|identifier = \"$1\"|" \
        -e "s|inputs = \[\"seeds/\*.txt\"\]|inputs = [\"$PWD/$2\"]|" \
        -e 's|^\[publish\]$|[publish]\npublisher = "Civic Data UK"|' pipeline.toml > "$work/$1.toml"
    echo "$work/$1.toml"
}
seeds="$(council E10000034 'seeds/*.txt')"
corpus="$(council W06000001 tests/corpus/pages)"
sharded="$(council S12000036 'tests/corpus/pages/0[0-4]*.txt')"

out=s3://councils/uk
run() { "$etl" run "$@" --format delta --out "$out" --quiet; }
pids=()
run "$seeds" & pids+=($!)
run "$corpus" & pids+=($!)
# The same council from a second machine (a local directory of its own;
# on one machine, the second run would wait for the first's lock).
mkdir "$work/machine2"
TMPDIR="$work/machine2" run "$seeds" & pids+=($!)
run "$sharded" --shard 1/2 & pids+=($!)
run "$sharded" --shard 2/2 & pids+=($!)
for pid in "${pids[@]}"; do
    wait "$pid"
done
# The sharded council's people and matters, over both shards.
"$etl" link "$sharded" --shards 2 --out "$out"

$py tests/delta_readers.py "$out" 3 --linked
# The same council twice at once: the table holds one run's rows, not both.
$py - "$out" <<'EOF'
import os, sys
sys.path.insert(0, "tests")
from deltalake import DeltaTable
from delta_readers import storage_options
root = sys.argv[1]
meetings = DeltaTable(f"{root}/meetings", storage_options=storage_options(root)).to_pyarrow_table()
seeds = sum(1 for c in meetings.column("council_id").to_pylist() if c == "E10000034")
assert seeds == 5, f"{seeds} meetings of the seeds' council, expected 5"
print("ok: two runs of one council at once left one run's rows", flush=True)
os._exit(0)  # as delta_readers.py does
EOF
