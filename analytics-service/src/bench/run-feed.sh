#!/usr/bin/env bash
# analytics-service benchmark, variant "feed": sync from empty end to end (analytics-service/README.md,
# "Benchmark"). Not a test: it prints figures. patient-service seeds N prescription items with its seeder, then
# analytics-service's sync reads them through the real change feed (HTTP, JSON) until it is up to date.
# Usage (from any folder): analytics-service/src/bench/run-feed.sh [--skip-build] [items=1000000] [extra maven args]
#   --skip-build  use the patient-service jar already packaged (the tests start it) instead of packaging
#                 deploy/local and patient-service first
# Figures are the lines starting with BENCH, also written to analytics-service/target/bench-feed.txt.
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [[ "${1:-}" == "--skip-build" ]]; then shift; else
  ./mvnw -q -pl deploy/local,patient-service -am install -DskipTests
fi
items="${1:-1000000}"
shift || true
exec ./mvnw -q -pl analytics-service verify -DskipITs \
  -Dtest='FeedBenchmark' -Dquarkus.test.profile=bench -Dbench.items="$items" "$@"
