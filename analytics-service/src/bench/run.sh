#!/usr/bin/env bash
# analytics-service benchmark (analytics-service/README.md, "Benchmark"). Not a test: it prints figures.
# A load of N prescription items (with their visits and vital signs) from empty through the sync's apply path (bulk
# catch-up: facts, then one rollup rebuild per month); DuckDB copies the facts into its own in-memory database;
# p50/p95 of questions 1-7 over HTTP from the rollups vs DuckDB answering the same parameter sets in SQL (answers
# compared on a sample); then freshness on top of the loaded warehouse with the real patient-service and the
# scheduled sync (every 5 s).
# Usage (from any folder): analytics-service/src/bench/run.sh [--skip-build] [items=1000000] [extra maven args]
#   --skip-build  use the patient-service jar already packaged (the tests start it) instead of packaging
#                 deploy/local and patient-service first
# Figures are the lines starting with BENCH, also written to analytics-service/target/bench-report.txt and bench-freshness.txt.
# The bench classes are src/test/java/org/mdms/analytics/bench/*Benchmark.java: surefire's default includes
# (*Test, Test*, *Tests, *TestCase) never pick them up, so the normal test run does not run them. (They cannot live
# in a separate source folder: Quarkus' test bootstrap does not recognise classes compiled from an extra folder.)
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [[ "${1:-}" == "--skip-build" ]]; then shift; else
  ./mvnw -q -pl deploy/local,patient-service -am install -DskipTests
fi
items="${1:-1000000}"
shift || true
exec ./mvnw -q -pl analytics-service verify -DskipITs \
  -Dtest='WarehouseBenchmark' -Dquarkus.test.profile=bench -Dbench.items="$items" "$@"
