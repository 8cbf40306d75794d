#!/usr/bin/env bash
# Sync from empty end to end (not a test): patient-service seeds N prescription items with its seeder, then
# analytics-service's sync reads them through the real change feed (HTTP, JSON) until it is up to date.
# Usage (from the repository root): analytics-service/src/bench/run-feed.sh [items] [extra maven args]
# Figures are printed (lines starting with BENCH) and written to analytics-service/target/bench-feed.txt.
set -euo pipefail
items="${1:-1000000}"
shift || true
cd "$(dirname "$0")/../../.."
exec ./mvnw -q -pl analytics-service verify \
  -Dtest='FeedBenchmark' -Dquarkus.test.profile=bench -Dbench.items="$items" "$@"
