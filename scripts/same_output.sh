#!/usr/bin/env bash
# Are two builds' outputs byte-identical? (issue 16: a speed-up must not change
# a byte.) From the repository root:
#
#     bash scripts/same_output.sh OLD_BINARY [NEW_BINARY] [ROWS]
#
# NEW_BINARY defaults to target/release/mingsheng, ROWS (of the generated
# workspaces) to 100000. Keep a copy of the old binary before rebuilding
# (cp target/release/mingsheng /tmp/mingsheng-before). Both are run on the
# shipped workspace (the repository root) and on two generated ones
# (examples/gen_workspace.rs, seed 1): a clean one and one with --faults 0.05
# (thousands of warnings). For each: `check` (stdout, stderr and exit code, in
# Chinese and in English, and as JSON), `report --format json` for the last month and for
# 2023-06, `score --year 2023 --format json`. On the shipped workspace also
# every text people read, in both languages: plan, log, the notice as table,
# md, html and csv, a unit's 督办单, history, highlights, scores, and the
# refusals of report, score, close and reopen (issue 10: a refactoring must not
# change a byte). Prints one line per comparison and exits 1 if any differ.
set -euo pipefail
cd "$(dirname "$0")/.."

OLD="${1:?usage: same_output.sh OLD_BINARY [NEW_BINARY] [ROWS]}"
NEW="${2:-$PWD/target/release/mingsheng}"
ROWS="${3:-100000}"
OLD="$(realpath "$OLD")"
NEW="$(realpath "$NEW")"

cargo build --release --quiet --example gen_workspace
GEN="$PWD/target/release/examples/gen_workspace"
WORK="$(mktemp -d /tmp/mingsheng-same.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

"$GEN" --rows "$ROWS" --seed 1 "$WORK/clean" >/dev/null
"$GEN" --rows "$ROWS" --seed 1 --faults 0.05 "$WORK/faults" >/dev/null

DIFFS=0
# one NAME DIR ARGS… : runs both binaries, compares stdout, stderr and exit code.
one() {
    local name="$1" dir="$2"
    shift 2
    local b rc
    for b in old new; do
        local bin=$OLD
        [ "$b" = new ] && bin=$NEW
        rc=0
        MINGSHENG_TODAY=2024-01-15 NO_COLOR=1 "$bin" -C "$dir" "$@" \
            >"$WORK/$b.out" 2>"$WORK/$b.err" || rc=$?
        echo "$rc" >"$WORK/$b.rc"
    done
    if cmp -s "$WORK/old.out" "$WORK/new.out" && cmp -s "$WORK/old.err" "$WORK/new.err" &&
        cmp -s "$WORK/old.rc" "$WORK/new.rc"; then
        printf 'same     %-8s %s (%s bytes)\n' "$name" "$*" "$(wc -c <"$WORK/new.out")"
    else
        printf 'DIFFERS  %-8s %s\n' "$name" "$*"
        diff <(cat "$WORK/old.rc" "$WORK/old.out" "$WORK/old.err") \
            <(cat "$WORK/new.rc" "$WORK/new.out" "$WORK/new.err") | head -10 || true
        DIFFS=$((DIFFS + 1))
    fi
}

for ws in shipped clean faults; do
    dir="$WORK/$ws"
    [ "$ws" = shipped ] && dir="$PWD"
    last=$(ls "$dir/data" | grep -E '^[0-9]{4}-[0-9]{2}$' | sort | tail -1)
    one "$ws" "$dir" check
    one "$ws" "$dir" --lang en check
    one "$ws" "$dir" check --format json
    one "$ws" "$dir" report --month "$last" --format json
    one "$ws" "$dir" report --month 2023-06 --format json
    one "$ws" "$dir" score --year 2023 --format json
done
for lang in zh en; do
    for args in "plan" "plan --units" "plan --format json" "log" \
        "report --month 2023-06" "report --month 2023-06 --wide" \
        "report --month 2023-06 --format md" "report --month 2023-06 --format html" \
        "report --month 2023-12 --format csv" "report --month 2023-08 --unit 县人社局" \
        "history 1.1" "history 14.1 --format md" \
        "highlights --month 2023-06 --format md" "highlights --month 2023-06 --format html" \
        "score --quarter 2023Q2" "score --quarter 2023Q2 --format md" \
        "score --year 2023 --format html" "score --quarter 2023Q3 --unit rsj" \
        "report --month 2030-01" "score --quarter 2024Q1" "close --month 2023-06" \
        "reopen --month 2023-06" "history 99.9"; do
        # shellcheck disable=SC2086
        one "shipped" "$PWD" --lang "$lang" $args
    done
done
if [ "$DIFFS" -gt 0 ]; then
    echo "$DIFFS comparison(s) differ" >&2
    exit 1
fi
echo "all outputs byte-identical"
