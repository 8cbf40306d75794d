#!/usr/bin/env bash
# The analytics benchmark (not a test): freshness with the real patient-service and scheduled sync, then a bulk
# load of N prescription items through the sync's apply path and p50/p95 of questions 1-4 from rollups vs raw facts.
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
  -Dtest='FreshnessBenchmark,WarehouseBenchmark' -Dquarkus.test.profile=bench -Dbench.items="$items" "$@"
