#!/usr/bin/env bash
# End-to-end benchmark (issues 6 and 16, docs/performance.md). From the repository root:
#
#     bash scripts/bench.sh            # example size, ~100k and ~1M progress rows
#     bash scripts/bench.sh --quick    # stops at ~100k rows
#     bash scripts/bench.sh --pin      # every run on one core (taskset -c 0)
#
# Builds release once, generates workspaces with examples/gen_workspace.rs under
# a temporary folder in /tmp, and for each size times `mingsheng check`,
# `mingsheng report --month <last> --format json` and the floor
# (examples/csv_floor.rs: read + decode + split the same files with the csv crate,
# nothing else), side by side in one run. Runs use both cores unless --pin (the
# reader reads files in parallel where it can). Besides wall seconds it gives
# CPU seconds (user + system): on a machine shared with other work the wall
# time varies a lot and the CPU time much less. Peak memory comes from
# /usr/bin/time -v (Debian package `time`). A workspace of the largest size
# with --faults 0.05 (cumulative totals that fall, 8-for-8万 unit slips: tens of
# thousands of warnings) shows what printing findings costs; the clean one with
# its task list revised mid-year (two versions) shows the look-ups across
# versions. Then it times `report --month 2023-06` on the shipped workspace.
# Files are read from the page cache (they were just written): the figures are
# CPU cost, not disk speed.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=0
PINNED=0
for a in "$@"; do
    case "$a" in
        --quick) QUICK=1 ;;
        --pin) PINNED=1 ;;
        -h | --help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "unknown option $a (use --quick, --pin)" >&2; exit 2 ;;
    esac
done

echo "building (release)…" >&2
cargo build --release --quiet --bin mingsheng --example gen_workspace --example csv_floor
BIN="$PWD/target/release/mingsheng"
GEN="$PWD/target/release/examples/gen_workspace"
FLOOR="$PWD/target/release/examples/csv_floor"

PIN=()
if [ "$PINNED" = 1 ] && command -v taskset >/dev/null 2>&1; then
    PIN=(taskset -c 0)
fi
TIMEV=0
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
    TIMEV=1
else
    echo "note: /usr/bin/time is missing (apt-get install time); peak memory is unknown" >&2
fi

HAS_REPORT=0
if "$BIN" report --help >/dev/null 2>&1; then
    HAS_REPORT=1
else
    echo "note: this build has no 'report' command yet; report rows are skipped" >&2
fi

WORK="$(mktemp -d /tmp/mingsheng-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

# run LABEL CMD… : runs CMD once; sets SECS, CPU (user + system seconds) and RSS_MB. The command's
# output goes to $WORK/out.LABEL; a non-zero exit other than check's 1
# (findings) aborts.
run() {
    local label="$1"
    shift
    local t0 t1 rc=0
    t0=$(date +%s%N)
    if [ "$TIMEV" = 1 ]; then
        /usr/bin/time -v -o "$WORK/time.$label" "${PIN[@]}" "$@" >"$WORK/out.$label" 2>"$WORK/err.$label" || rc=$?
    else
        "${PIN[@]}" "$@" >"$WORK/out.$label" 2>"$WORK/err.$label" || rc=$?
    fi
    t1=$(date +%s%N)
    if [ "$rc" -gt 1 ]; then
        echo "$label failed (exit $rc):" >&2
        tail -5 "$WORK/err.$label" >&2
        exit 1
    fi
    SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    if [ "$TIMEV" = 1 ]; then
        RSS_MB=$(awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/time.$label")
        CPU=$(awk -F: '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.3f", s }' "$WORK/time.$label")
    else
        RSS_MB="?"
        CPU="?"
    fi
}

# best LABEL N CMD… : the fastest of N runs (RSS of that run), and the least
# CPU time of the N.
best() {
    local label="$1" n="$2"
    shift 2
    local bs="" br="" bc="" i
    for ((i = 0; i < n; i++)); do
        run "$label" "$@"
        if [ -z "$bs" ] || awk -v a="$SECS" -v b="$bs" 'BEGIN { exit !(a < b) }'; then
            bs=$SECS
            br=$RSS_MB
        fi
        if [ -z "$bc" ] || [ "$CPU" = "?" ] || awk -v a="$CPU" -v b="$bc" 'BEGIN { exit !(a < b) }'; then
            bc=$CPU
        fi
    done
    SECS=$bs
    RSS_MB=$br
    CPU=$bc
}

ROWS_TABLE="$WORK/table"
printf '%-10s %-8s %10s %8s %9s %8s %12s %8s %10s %8s\n' \
    "workspace" "run" "rows" "MB" "seconds" "cpu s" "rows/s" "MB/s" "peak MB" "x floor" >"$ROWS_TABLE"

# row NAME WHAT ROWS BYTES SECS CPU RSS FLOOR_SECS
row() {
    awk -v n="$1" -v w="$2" -v r="$3" -v b="$4" -v s="$5" -v c="$6" -v m="$7" -v f="$8" 'BEGIN {
        s = (s < 0.001) ? 0.001 : s
        printf "%-10s %-8s %10d %8.1f %9.3f %8s %12.0f %8.1f %10s %8s\n",
            n, w, r, b / 1e6, s, c, r / s, b / 1e6 / s, m, (f == "" ? "-" : sprintf("%.2f", s / f))
    }' >>"$ROWS_TABLE"
}

# bench_ws NAME DIR ROWS BYTES LAST_MONTH RUNS
bench_ws() {
    local name="$1" dir="$2" rows="$3" bytes="$4" last="$5" runs="$6"
    echo "measuring $name ($rows rows)…" >&2
    best "floor-$name" "$runs" "$FLOOR" "$dir"
    local floor=$SECS
    row "$name" floor "$rows" "$bytes" "$SECS" "$CPU" "$RSS_MB" ""
    best "check-$name" "$runs" "$BIN" -C "$dir" check
    row "$name" check "$rows" "$bytes" "$SECS" "$CPU" "$RSS_MB" "$floor"
    if [ "$HAS_REPORT" = 1 ]; then
        best "report-$name" "$runs" "$BIN" -C "$dir" report --month "$last" --format json
        row "$name" report "$rows" "$bytes" "$SECS" "$CPU" "$RSS_MB" "$floor"
    fi
}

# The shipped workspace itself (the repository root), when it has data.
if [ -d data ]; then
    ex_rows=$("$BIN" --lang en check 2>&1 | sed -nE 's/.* ([0-9]+) rows read.*/\1/p' | tail -1)
    ex_bytes=$("$FLOOR" . | sed -E 's/.* bytes=([0-9]+).*/\1/')
    ex_last=$(ls data | grep -E '^[0-9]{4}-[0-9]{2}$' | sort | tail -1)
    bench_ws "example" "$PWD" "${ex_rows:-0}" "$ex_bytes" "$ex_last" 5
fi

# Generated workspaces: the example's size, then ~100k and ~1M rows.
SIZES=(1700 100000 1000000)
[ "$QUICK" = 1 ] && SIZES=(1700 100000)
LAST_LINE=""
for n in "${SIZES[@]}"; do
    dir="$WORK/ws-$n"
    line=$("$GEN" --rows "$n" --seed 1 "$dir")
    echo "generated: $line" >&2
    rows=$(sed -E 's/.* rows=([0-9]+).*/\1/' <<<"$line")
    bytes=$(sed -E 's/.* bytes=([0-9]+).*/\1/' <<<"$line")
    last=$(sed -E 's/.* last_month=([0-9-]+).*/\1/' <<<"$line")
    runs=3
    [ "$n" -ge 1000000 ] && runs=2
    # The plan must load and every file must pass check with no errors.
    if ! "$BIN" -C "$dir" check >/dev/null 2>"$WORK/gencheck"; then
        echo "generated workspace ws-$n does not pass check:" >&2
        grep -E '^(错误|error)' "$WORK/gencheck" | head -5 >&2
        exit 1
    fi
    bench_ws "ws-$n" "$dir" "$rows" "$bytes" "$last" "$runs"
    LAST_LINE=$line
    rm -rf "$WORK/ws-1700"
done

# The largest size again, full of warnings: check prints every one of them.
n=${SIZES[-1]}
dir="$WORK/faults"
line=$("$GEN" --rows "$n" --seed 1 --faults 0.05 "$dir")
echo "generated: $line" >&2
rows=$(sed -E 's/.* rows=([0-9]+).*/\1/' <<<"$line")
bytes=$(sed -E 's/.* bytes=([0-9]+).*/\1/' <<<"$line")
bench_ws "faults" "$dir" "$rows" "$bytes" "$(sed -E 's/.* last_month=([0-9-]+).*/\1/' <<<"$line")" 2
FAULT_WARNINGS=$("$BIN" --lang en -C "$dir" check 2>&1 | sed -nE 's/.* ([0-9]+) warning\(s\).*/\1/p' | tail -1)
FAULT_LINES=$(wc -l <"$WORK/err.check-faults")
rm -rf "$dir"

# The largest workspace with its task list revised mid-year: the same list saved
# again as seeds/2023-07.toml (version "2023-07修订", effective 2023-07), so the
# months after the revision are read against it and look back across versions.
big="$WORK/ws-${SIZES[-1]}"
dir="$WORK/revised"
mkdir -p "$dir/seeds"
ln -s "$big/data" "$dir/data"
cp "$big/seeds/plan.toml" "$dir/seeds/2023.toml"
sed -e '0,/^version = "2023"$/s//version = "2023-07修订"/' \
    -e '0,/^effective = "2023-01"$/s//effective = "2023-07"/' \
    "$big/seeds/plan.toml" >"$dir/seeds/2023-07.toml"
if grep -q '^effective = "2023-07"$' "$dir/seeds/2023-07.toml"; then
    rows=$(sed -E 's/.* rows=([0-9]+).*/\1/' <<<"$LAST_LINE")
    bytes=$(sed -E 's/.* bytes=([0-9]+).*/\1/' <<<"$LAST_LINE")
    bench_ws "revised" "$dir" "$rows" "$bytes" "$(sed -E 's/.* last_month=([0-9-]+).*/\1/' <<<"$LAST_LINE")" 1
else
    echo "note: the generated plan is not of 2023-01; the revised workspace is skipped" >&2
fi
rm -rf "$dir"

# Memory against rows with the plan held fixed: the largest plan with 3 months
# of files instead of 12 (same seed, so the same plan).
units=$(sed -E 's/.*units=([0-9]+).*/\1/' <<<"$LAST_LINE")
items=$(sed -E 's/.* items=([0-9]+).*/\1/' <<<"$LAST_LINE")
dir="$WORK/ws-3m"
line=$("$GEN" --units "$units" --items "$items" --indicators-per-item 2 --months 3 --seed 1 "$dir")
echo "generated: $line" >&2
rows=$(sed -E 's/.* rows=([0-9]+).*/\1/' <<<"$line")
bytes=$(sed -E 's/.* bytes=([0-9]+).*/\1/' <<<"$line")
bench_ws "same-3mo" "$dir" "$rows" "$bytes" "2023-03" 1
rm -rf "$dir"

# Plan loading alone for the largest plan: the workspace with its data removed.
big="$WORK/ws-${SIZES[-1]}"
mkdir -p "$WORK/plan-only"
cp -r "$big/seeds" "$WORK/plan-only/"
best "plan-only" 2 "$BIN" -C "$WORK/plan-only" check
PLAN_SECS=$SECS
PLAN_CPU=$CPU
PLAN_RSS=$RSS_MB
plan_bytes=$(sed -E 's/.* plan_bytes=([0-9]+).*/\1/' <<<"$LAST_LINE")
indicators=$(sed -E 's/.* indicators=([0-9]+).*/\1/' <<<"$LAST_LINE")

echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); pinned: ${PIN[*]:-no}"
echo
cat "$ROWS_TABLE"
echo
echo "x floor = seconds / floor's seconds for the same files (floor: read + decode + csv split only)."
echo "seconds = wall, best of the runs; cpu s = user + system seconds (least of the runs)."
echo "faults = the largest size with --faults 0.05: $FAULT_WARNINGS warnings, $FAULT_LINES lines on stderr."
echo "revised = the largest clean size, its task list saved again as a revision effective 2023-07 (two versions)."
echo "same-3mo = the largest plan with 3 months of files: peak memory against rows at a fixed plan."
printf 'plan alone (%s indicators, %.1f MB TOML, no data): check %s s (cpu %s s), peak %s MB\n' \
    "$indicators" "$(awk -v b="$plan_bytes" 'BEGIN { print b / 1e6 }')" "$PLAN_SECS" "$PLAN_CPU" "$PLAN_RSS"

# The shipped workspace: report --month 2023-06, many runs, mean per run.
if [ "$HAS_REPORT" = 1 ] && [ -d data/2023-06 ]; then
    N=50
    t0=$(date +%s%N)
    for ((i = 0; i < N; i++)); do
        "${PIN[@]}" /bin/true
    done
    t1=$(date +%s%N)
    awk -v a="$t0" -v b="$t1" -v n="$N" \
        'BEGIN { printf "process start alone (/bin/true, same pinning): %.2f ms per run\n", (b - a) / 1e6 / n }'
    "${PIN[@]}" "$BIN" report --month 2023-06 >/dev/null 2>&1 || true
    t0=$(date +%s%N)
    for ((i = 0; i < N; i++)); do
        "${PIN[@]}" "$BIN" report --month 2023-06 >/dev/null 2>&1 || true
    done
    t1=$(date +%s%N)
    awk -v a="$t0" -v b="$t1" -v n="$N" \
        'BEGIN { printf "shipped workspace: report --month 2023-06: %.2f ms per run (mean of %d runs, process start included)\n", (b - a) / 1e6 / n, n }'
    if [ "$TIMEV" = 1 ]; then
        /usr/bin/time -v -o "$WORK/time.example" "$BIN" report --month 2023-06 >/dev/null 2>&1 || true
        awk -F: '/Maximum resident set size/ { printf "shipped workspace: peak %.1f MB\n", $2 / 1024 }' "$WORK/time.example"
    fi
else
    echo "shipped workspace: report not measured (no report command or no data/2023-06 in this checkout)"
fi
