#!/usr/bin/env bash
# Closes the example workspace's months 2023-01 … 2023-11 (docs/closing.md), as the
# office would have done month by month, so that a fresh clone shows the whole
# cycle: closed months read from archive/, 2023-12 still open.
#
# Deterministic: every file's received time (its modified time, which `close`
# records in the manifest) is set with `touch -d` before its month is closed,
# in Beijing time; the close itself is dated with MINGSHENG_NOW and signed by
# USER=office. Two files arrive after the due day (5th of the next month):
# 县林业局 for 2023-03 (received 7 April) and 县城管局 for 2023-06 (received
# 6 July). 2023-05 is closed with --allow-missing (县林业局 never filed).
#
# It rewrites archive/ from scratch: for the shipped example only, never on a
# real workspace, whose archive is the record. Run from the repository root:
#   bash scripts/close_sample_months.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=Asia/Shanghai USER=office
unset USERNAME || true
cargo build --quiet
bin=target/debug/mingsheng
rm -rf archive

for m in 01 02 03 04 05 06 07 08 09 10 11; do
  month="2023-$m"
  next=$(date -d "2023-$m-01 +1 month" +%Y-%m)
  i=0
  for f in data/$month/*; do
    # On time: the 2nd to the 4th of the next month, spread over the working day.
    day=$(( 2 + i % 3 ))
    hour=$(( 9 + (i * 7) % 8 ))
    minute=$(( (i * 13) % 60 ))
    touch -d "$next-0$day $hour:$(printf %02d $minute):00" "$f"
    i=$(( i + 1 ))
  done
  case "$month" in
    2023-03) touch -d "2023-04-07 16:20:00" "data/$month/县林业局.csv" ;;
    2023-06) touch -d "2023-07-06 08:45:00" "data/$month/县城管局.csv" ;;
  esac
  extra=()
  [ "$month" = 2023-05 ] && extra=(--allow-missing)
  MINGSHENG_NOW="$next-06T10:00:00+08:00" "$bin" close --month "$month" "${extra[@]}" >/dev/null
  echo "closed $month"
done
"$bin" log
