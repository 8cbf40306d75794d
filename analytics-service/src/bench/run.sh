#!/usr/bin/env bash
# The analytics benchmark (not a test): a load of N prescription items (with their visits and vital signs) from empty
# through the sync's apply path (bulk catch-up: facts, then one rollup rebuild per month); DuckDB copies the facts
# into its own in-memory database; p50/p95 of questions 1-7 over HTTP from the rollups vs DuckDB answering the same
# parameter sets in SQL (answers compared on a sample); then freshness on top of the loaded warehouse with the real
# patient-service and the scheduled sync (every 5 s).
# Usage (from the repository root): analytics-service/src/bench/run.sh [items] [extra maven args]
# Figures are printed (lines starting with BENCH) and written to analytics-service/target/bench-*.txt.
# The bench classes are src/test/java/org/mdms/analytics/bench/*Benchmark.java: surefire's default includes
# (*Test, Test*, *Tests, *TestCase) never pick them up, so the normal test run does not run them. (They cannot live
# in a separate source folder: Quarkus' test bootstrap does not recognise classes compiled from an extra folder.)
set -euo pipefail
items="${1:-1000000}"
shift || true
cd "$(dirname "$0")/../../.."
exec ./mvnw -q -pl analytics-service verify \
  -Dtest='WarehouseBenchmark' -Dquarkus.test.profile=bench -Dbench.items="$items" "$@"
