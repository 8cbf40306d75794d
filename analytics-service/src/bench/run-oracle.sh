#!/usr/bin/env bash
# The oracle at scale (not a test): patient-service's seeder creates about N prescription items (N/16 patients x 4
# visits x 1 prescription x 4 items, 2 vital signs per visit), analytics syncs them through the real change feed, and
# DuckDB, loaded from a read-only snapshot of mdms_records, answers questions 1-7 for random parameter sets; every
# API answer is compared with DuckDB's (expected: 0 different).
# Usage (from the repository root): analytics-service/src/bench/run-oracle.sh [items] [extra maven args]
# Figures are printed (lines starting with BENCH) and written to analytics-service/target/bench-oracle.txt.
set -euo pipefail
items="${1:-1000000}"
shift || true
cd "$(dirname "$0")/../../.."
exec ./mvnw -q -pl analytics-service verify \
  -Dtest='OracleBenchmark' -Dquarkus.test.profile=bench -Dbench.items="$items" "$@"
