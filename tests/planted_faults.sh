#!/usr/bin/env bash
# Opt-in: shows that the test suite catches the faults it is meant to
# catch. Each fault is planted in the working tree (a swapped column, a
# switch forced on, a cache-key field dropped, ...), the tests that should
# see it are run, and the fault is taken out again with `git checkout`.
# A fault that no test fails on is a hole in the suite: the script exits 1.
#
#   bash tests/planted_faults.sh        # needs a clean working tree
#
# Each fault costs an incremental release build (about a minute here).
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
    echo "planted_faults: the working tree has changes; commit or stash them first" >&2
    exit 2
fi
export CARGO_PROFILE_RELEASE_LTO=false
caught=0
missed=0
trap 'git checkout -- src' EXIT

# plant NAME FILE PERL_SUBSTITUTION TEST_TARGETS...
plant() {
    local name="$1" file="$2" perl="$3"
    shift 3
    local before
    before="$(sha256sum "$file")"
    perl -0pi -e "$perl" "$file"
    if [ "$(sha256sum "$file")" = "$before" ]; then
        echo "NOT PLANTED: $name (the pattern no longer matches $file)"
        missed=$((missed + 1))
        return
    fi
    local targets=()
    for t in "$@"; do targets+=(--test "$t"); done
    # A fault that does not compile proves nothing about the tests.
    if ! cargo test --release --quiet --no-run "${targets[@]}" > /dev/null 2>&1; then
        echo "NOT BUILT: $name (the planted code does not compile)"
        missed=$((missed + 1))
    elif cargo test --release --quiet "${targets[@]}" > /dev/null 2>&1; then
        echo "MISSED: $name"
        missed=$((missed + 1))
    else
        echo "caught: $name"
        caught=$((caught + 1))
    fi
    git checkout -- "$file"
}

rows=src/stages/write/rows.rs
plant "mentions: text and normalised values swapped" $rows \
    's/\.text\("text", &x\.text\)\s*\.text\("normalised", &x\.normalised\)/.text("text", &x.normalised).text("normalised", &x.text)/' \
    golden
plant "cross_references: kind and raw_text given in each other's place" $rows \
    's/(\.text\("kind", r\.kind\))(\s*)(\.text\("raw_text", &r\.raw\))/$3$2$1/' \
    golden
plant "item_topics: topic and keyword values swapped" $rows \
    's/\.text\("topic", topic\)\s*\.text\("keyword", keyword\)/.text("topic", keyword).text("keyword", topic)/' \
    golden
plant "vote_counts: for and against swapped" $rows \
    's/\.int\("votes_for", v\.for_count\)\s*\.int\("votes_against", v\.against\)/.int("votes_for", v.against).int("votes_against", v.for_count)/' \
    golden
plant "item_topics: topic and keyword declared in each other's place" src/stages/write/tables.rs \
    's/(text\("topic", [^\n]*\n)(\s*)(text\("keyword", [^\n]*\n)/$3$2$1/' \
    golden
for switch in item_kind meeting_date body clause_action money references mentions statutory topics; do
    plant "[enrich] $switch forced on" src/stages/enrich/mod.rs \
        "s/if options\\.$switch \\{/if true {/; s/if options\\.$switch && /if /" \
        switches
done
plant "incremental cache key without the configuration" src/run/cache.rs \
    's/\s*pipeline\.settings_digest\.as_bytes\(\),//' \
    incremental
plant "e-mail addresses no longer removed" src/stages/clean.rs \
    's/if has_at && EMAIL\.is_match/if false && EMAIL.is_match/' \
    pipeline

echo "planted faults: $caught caught, $missed missed"
[ "$missed" -eq 0 ]
