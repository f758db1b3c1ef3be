#!/usr/bin/env bash
# Opt-in, slow (installs pyspark, ~400 MB, and a Java runtime if there is
# none): the Spark driver deploy/spark/etl_shards.py, in local mode on this
# machine's cores, runs one job as 4 shards into a Delta dataset and links
# them; the dataset must equal a single run of the same job, table by
# table, row for row.
#
# usage: bash tests/spark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin etl
if ! command -v java > /dev/null; then
    apt-get update -q && apt-get install -y -q default-jre-headless
fi
if [ ! -x .venv-spark/bin/spark-submit ] ||
    ! .venv-spark/bin/python -c "import pyspark, deltalake" 2>/dev/null; then
    python3 -m venv .venv-spark
    .venv-spark/bin/pip install --quiet --disable-pip-version-check pyspark deltalake pyarrow
fi
# Spark's scripts and its Python workers: the venv's.
export PATH="$PWD/.venv-spark/bin:$PATH" PYSPARK_PYTHON="$PWD/.venv-spark/bin/python"
SPARK_HOME="$(.venv-spark/bin/python -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export SPARK_HOME
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed -e 's|identifier = "E10000034"|identifier = "W06000001"|' \
    -e "s|inputs = \\[\"seeds/\\*.txt\"\\]|inputs = [\"$PWD/tests/corpus/pages\", \"$PWD/tests/fixtures/across\"]|" \
    pipeline.toml > "$work/pipeline.toml"

target/release/etl run "$work/pipeline.toml" --format delta --out "$work/whole" --quiet
.venv-spark/bin/spark-submit --master 'local[2]' deploy/spark/etl_shards.py \
    --etl "$PWD/target/release/etl" --config "$work/pipeline.toml" \
    --out "$work/sharded" --shards 4
.venv-spark/bin/python tests/delta_compare.py "$work/whole" "$work/sharded" --linked
