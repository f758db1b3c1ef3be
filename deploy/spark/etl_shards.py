"""Run one council-etl job as N shards on a Spark cluster.

Each Spark task runs `etl run CONFIG --format delta --out OUT --shard K/N`
for one K: the shard indices are an RDD of N partitions, so Spark places,
retries and reports the shards as it does any task. Every shard commits
its part to the same Delta tables (delta-rs resolves the concurrent
commits); a task that dies commits nothing, and Spark's retry of it
replaces nothing but its own part. Once every shard has committed, the
driver runs `etl link` (people and matters over all shards, and each
decision's matter), so the dataset holds what one whole run would. The
driver exits 1 if any shard failed (nothing is linked then).

The etl binary, the configuration and the inputs must be at the same paths
on every executor (a shared volume, or baked into the image); OUT is a
directory all of them share or object storage (s3://, gs://, az://, with
credentials in the executors' environment).

usage: spark-submit etl_shards.py --etl /opt/etl/etl --config pipeline.toml \
           --out s3://bucket/councils --shards 16
"""

import argparse
import subprocess
import sys

from pyspark.sql import SparkSession


def run_shard(etl, config, out, index, count, extra):
    """One shard, on an executor: (K, exit status, the end of its stderr)."""
    command = [etl, "run", config, "--format", "delta", "--out", out,
               "--shard", f"{index}/{count}", "--quiet", *extra]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return index, done.returncode, done.stderr[-2000:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--etl", required=True, help="path of the etl binary on the executors")
    parser.add_argument("--config", required=True, help="pipeline.toml, same path on every executor")
    parser.add_argument("--out", required=True, help="the Delta dataset: a shared directory or s3://...")
    parser.add_argument("--shards", type=int, required=True, help="N: how many shards (tasks)")
    parser.add_argument("--no-link", action="store_true",
                        help="leave out `etl link` (run it yourself once all shards have committed)")
    parser.add_argument("--etl-arg", action="append", default=[],
                        help="an extra argument for every `etl run` (repeatable), e.g. --threads=2")
    args = parser.parse_args()

    spark = SparkSession.builder.appName("council-etl shards").getOrCreate()
    etl, config, out, count, extra = args.etl, args.config, args.out, args.shards, args.etl_arg
    results = (
        spark.sparkContext.parallelize(range(1, count + 1), count)
        .map(lambda k: run_shard(etl, config, out, k, count, extra))
        .collect()
    )
    spark.stop()
    failed = [(k, status, err) for k, status, err in sorted(results) if status != 0]
    for k, status, err in failed:
        print(f"shard {k}/{count} exited with {status}:\n{err}", file=sys.stderr)
    print(f"{count - len(failed)} of {count} shards committed to {out}")
    if failed:
        sys.exit(1)
    if not args.no_link:
        # On the driver: it needs the etl binary and the configuration too.
        linked = subprocess.run([etl, "link", config, "--shards", str(count), "--out", out],
                                check=False)
        sys.exit(linked.returncode)


if __name__ == "__main__":
    main()
