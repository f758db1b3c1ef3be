#!/usr/bin/env bash
# Fuzzes every reader with cargo-fuzz (libFuzzer), opt-in, not part of
# tests/run.sh:
#
#   bash tests/fuzz.sh [SECONDS_PER_TARGET] [TARGET ...]
#
# Targets (tests/fuzz/fuzz_targets): pipeline (any bytes -> rows ->
# Parquet + JSON-LD, read back), moderngov (web-service XML), html (saved
# pages), config (pipeline.toml load + compile). Default: 60 s each, all;
# 0 s: only the replays below.
# Each starts from a corpus seeded from the project's fixtures
# (tests/fuzz/corpus/<target>, kept between runs) and runs with the bounds
# the readers promise: inputs up to 1 MB, 256 MB (one allocation) per
# input, and FUZZ_TIMEOUT seconds (default 1; raise it when the machine is
# busy with other work, then the corpus is replayed at the end with 1 s per
# input, alone). A crash, timeout or out-of-memory input is saved under
# tests/fuzz/artifacts/<target>/ and the script exits 1; replay it with
#   tests/fuzz/target/x86_64-unknown-linux-gnu/release/<target> <file>
# and turn it into a regression test before fixing.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
timeout=${FUZZ_TIMEOUT:-1}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pipeline moderngov html config)

if ! command -v cargo-fuzz >/dev/null; then
  cargo install cargo-fuzz --locked
fi
# Stable Rust: cargo-fuzz passes -Z flags, which RUSTC_BOOTSTRAP allows.
# No sanitizer: the crate has no unsafe code of its own, and without ASan
# the RSS limit measures the readers, not the sanitizer's shadow memory.
export RUSTC_BOOTSTRAP=1
(cd tests/fuzz && cargo fuzz build --fuzz-dir . -s none -O)
cargo build --release --quiet

seed() {
  local target=$1 dir=tests/fuzz/corpus/$1
  mkdir -p "$dir"
  case $target in
    pipeline) cp seeds/*.txt tests/corpus/pages/* tests/moderngov/* tests/fixtures/made-up/* "$dir"/ ;;
    moderngov) cp tests/moderngov/*.xml "$dir"/ ;;
    html) cp tests/moderngov/*.html "$dir"/ ;;
    config) cp pipeline.toml "$dir"/ ;;
  esac
}

status=0
bin=tests/fuzz/target/x86_64-unknown-linux-gnu/release
for target in "${targets[@]}"; do
  seed "$target"
  mkdir -p "tests/fuzz/artifacts/$target"
  log="tests/fuzz/artifacts/$target.log"
  if [ "$seconds" -gt 0 ]; then
    echo "fuzzing $target for ${seconds}s (log: $log)"
    if ! "$bin/$target" "tests/fuzz/corpus/$target" \
        -max_total_time="$seconds" -max_len=1048576 -timeout="$timeout" \
        -malloc_limit_mb=256 -rss_limit_mb=1024 -print_final_stats=1 \
        -artifact_prefix="tests/fuzz/artifacts/$target/" >"$log" 2>&1; then
      status=1
      echo "  FINDING: $(grep -m1 -E '^==[0-9]+== ERROR|panicked|ERROR: libFuzzer' "$log" || tail -1 "$log")"
    fi
  fi
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -1)
  cov=$(grep -oE '#[0-9]+.*cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+')
  echo "  $target: ${runs:-?} executions, ${cov:-no coverage line}, $(ls "tests/fuzz/artifacts/$target" | wc -l) artefacts"
  # Every input kept, once more, within the 1 s bound.
  if ! "$bin/$target" "tests/fuzz/corpus/$target" -runs=0 -timeout=1 -malloc_limit_mb=256 \
      -rss_limit_mb=1024 -artifact_prefix="tests/fuzz/artifacts/$target/" >"$log.replay" 2>&1; then
    status=1
    echo "  FINDING on replay: $(grep -m1 -E 'ERROR|panicked' "$log.replay")"
  else
    echo "  replayed $(ls "tests/fuzz/corpus/$target" | wc -l) inputs, each under 1 s"
  fi
  # The bounds at the largest size, on the real (uninstrumented) etl: the
  # 20 largest inputs, each repeated to 1 MB, one run each.
  big=$(mktemp -d)
  worst=0
  for f in $(ls -S "tests/fuzz/corpus/$target" | head -20); do
    python3 -c 'import sys; b = open(sys.argv[1], "rb").read() or b" "; open(sys.argv[2], "wb").write((b * (2**20 // len(b) + 1))[:2**20])' \
      "tests/fuzz/corpus/$target/$f" "$big/$f"
    if [ "$target" = config ]; then
      args=(validate "$big/$f")
    else
      args=(run pipeline.toml --quiet --input "$big/$f" --out "$big/out")
    fi
    /usr/bin/time -f "%e %M" -o "$big/time" target/release/etl "${args[@]}" >/dev/null 2>"$big/stderr" || true
    read -r took kb < <(tail -1 "$big/time")
    if grep -q panicked "$big/stderr" || awk -v s="$took" -v k="$kb" 'BEGIN { exit !(s > 1 || k > 262144) }'; then
      status=1
      cp "$big/$f" "tests/fuzz/artifacts/$target/slow-1mb-$f"
      echo "  FINDING at 1 MB: $f took $took s, $kb KB (saved as slow-1mb-$f)"
    fi
    worst=$(awk -v a="$worst" -v b="$took" 'BEGIN { print (b > a) ? b : a }')
  done
  echo "  20 inputs grown to 1 MB through etl: slowest $worst s"
  rm -rf "$big"
done
exit $status
