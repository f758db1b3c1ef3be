#!/usr/bin/env bash
# Delta Lake output against single files, on the corpora benches/run.sh
# makes (target/bench): wall time and peak RSS of `etl run --format delta`
# into a local Delta dataset against the default single-file run, runs
# alternating so that the VM's drift falls on both alike; then one job as
# 4 shard processes at once (and `etl link`) against one whole run.
# Medians of --runs runs (default 3); peak RSS from /usr/bin/time.
#
#   bash benches/delta.sh          # A100 (100 MB of full meeting pages)
#   bash benches/delta.sh --big    # and A1000 (1 GB): memory stays flat
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=3
CORPORA=(A100)
while [ $# -gt 0 ]; do
  case "$1" in
    --big) CORPORA+=(A1000) ;;
    --runs) RUNS=$2; shift ;;
    *) echo "usage: bash benches/delta.sh [--big] [--runs N]" >&2; exit 2 ;;
  esac
  shift
done

WORK=target/bench
cargo build --release -q
ETL=$PWD/target/release/etl
for name in "${CORPORA[@]}"; do
  [ -d "$WORK/$name" ] || { echo "no $WORK/$name: run bash benches/run.sh first (--big for A1000)" >&2; exit 2; }
done

# wall seconds and peak RSS (KiB) of one run of a command
timed() {
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >/dev/null 2>&1 ||
    { echo "benches/delta.sh: failed: $*" >&2; exit 1; }
  tail -n 1 "$WORK/time.txt"
}
median() { sort -n | sed -n "$(((RUNS + 1) / 2))p"; }

# 4 shards at once, then the link: seconds of the whole job. Each shard
# gets one thread, as a worker of a cluster gets its share of the cores
# (rayon sizes its pool from the cgroup's CPU quota); with the default of
# one thread per core each, 4 processes on 2 cores run 8 workers.
sharded() { # cfg out
  local start
  start=$(date +%s.%N)
  for k in 1 2 3 4; do
    "$ETL" run "$1" --quiet --format delta --out "$2" --shard "$k/4" --threads 1 &
  done
  wait
  "$ETL" link "$1" --shards 4 --out "$2" 2>/dev/null
  awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.2f\n", e - s}'
}

for name in "${CORPORA[@]}"; do
  cfg=$WORK/$name.toml
  printf '[council]\nname = "Bench"\nidentifier = "bench"\nlicence = "OGL-UK-3.0"\n[run]\nmax_rejected = 1000000000\n[read]\ninputs = ["%s"]\n[write]\nout_dir = "%s"\n' \
    "$PWD/$WORK/$name" "$PWD/$WORK/out-$name" > "$cfg"
  files=() delta=() shards=() files_kb=0 delta_kb=0
  for _ in $(seq "$RUNS"); do
    read -r s kb < <(timed "$ETL" run "$cfg" --quiet)
    files+=("$s"); ((kb > files_kb)) && files_kb=$kb
    rm -rf "$WORK/delta-$name"
    read -r s kb < <(timed "$ETL" run "$cfg" --quiet --format delta --out "$WORK/delta-$name")
    delta+=("$s"); ((kb > delta_kb)) && delta_kb=$kb
    rm -rf "$WORK/shards-$name"
    shards+=("$(sharded "$cfg" "$WORK/shards-$name")")
  done
  f=$(printf '%s\n' "${files[@]}" | median)
  d=$(printf '%s\n' "${delta[@]}" | median)
  s=$(printf '%s\n' "${shards[@]}" | median)
  mb=$(du -sb "$WORK/$name" | awk '{printf "%.0f", $1 / 1e6}')
  awk -v n="$name" -v mb="$mb" -v f="$f" -v d="$d" -v s="$s" -v fk="$files_kb" -v dk="$delta_kb" 'BEGIN {
    printf "%-6s %5d MB | files %6.2fs, peak RSS %4.0f MiB | delta %6.2fs = %.2f x files, peak RSS %4.0f MiB | 4 shards at once + link %6.2fs = %.2f x one delta run\n", \
      n, mb, f, fk / 1024, d, d / f, dk / 1024, s, s / d
  }'
done
