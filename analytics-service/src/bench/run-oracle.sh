#!/usr/bin/env bash
# analytics-service benchmark, variant "oracle": the oracle at scale (analytics-service/README.md, "Benchmark").
# Not a test: it prints figures. patient-service's seeder creates about N prescription items (N/16 patients x 4
# visits x 1 prescription x 4 items, 2 vital signs per visit), analytics syncs them through the real change feed, and
# DuckDB, loaded from a read-only snapshot of mdms_records, answers questions 1-7 for random parameter sets; every
# API answer is compared with DuckDB's (expected: 0 different).
# Usage (from any folder): analytics-service/src/bench/run-oracle.sh [--skip-build] [items=1000000] [extra maven args]
#   --skip-build  use the patient-service jar already packaged (the tests start it) instead of packaging
#                 deploy/local and patient-service first
# Figures are the lines starting with BENCH, also written to analytics-service/target/bench-oracle.txt.
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [[ "${1:-}" == "--skip-build" ]]; then shift; else
  ./mvnw -q -pl deploy/local,patient-service -am install -DskipTests
fi
items="${1:-1000000}"
shift || true
exec ./mvnw -q -pl analytics-service verify -DskipITs \
  -Dtest='OracleBenchmark' -Dquarkus.test.profile=bench -Dbench.items="$items" "$@"
