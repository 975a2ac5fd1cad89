#!/usr/bin/env bash
# Re-makes the shipped example workspace's progress files and record, in order:
# the CSV files of the sample year (gen_sample_data.py), a few of them as the
# workbooks departments send (examples/csv_to_xlsx.rs), then the closes of
# 2023-01 … 2023-11 (close_sample_months.sh). Deterministic; for the shipped
# example only. Run from anywhere: bash scripts/make_sample.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf data/2023-*
python3 scripts/gen_sample_data.py
cargo run --quiet --example csv_to_xlsx
bash scripts/close_sample_months.sh
