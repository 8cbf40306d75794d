#!/usr/bin/env bash
# imaging-service against Orthanc (imaging-service/README.md, "Benchmark against Orthanc"; issue 16). Not a test.
# Installs Debian's orthanc when missing (apt-get, as root or through sudo), starts it with its defaults except a
# free HTTP/DICOM port and a temporary storage folder (own config file), starts the embedded MariaDB + S3Proxy, the
# real patient-service and the packaged imaging-service in its default configuration (profile prod), then runs
# OrthancBench: 1 MB DICOM instances into both, 1 MB JPEG photos into MDMS, each after a warm-up, same concurrency.
# Usage (from any folder): imaging-service/src/bench/run-orthanc.sh [--skip-build] [uploads=300] [concurrency=4]
#   environment: BENCH_HOME (data, default .mdms-bench/orthanc), WARMUP (default 300), MDMS_TARGET, PATIENT_JAR,
#   LARGE_MB (default 500, 0 skips) and LARGE_XMX (128m): the memory check, IMAGING_JAVA_OPTS, INFRA_JAVA_OPTS (the MariaDB + S3Proxy launcher), MVN_FLAGS (extra Maven options, e.g. -o -Dmaven.repo.local=...)
# Figures are the lines starting with BENCH; the whole output is also written to imaging-service/target/bench-orthanc.txt.
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$PWD
BUILD=true
if [[ "${1:-}" == "--skip-build" ]]; then BUILD=false; shift; fi
UPLOADS=${1:-300}
CONCURRENCY=${2:-4}
WORK=${BENCH_HOME:-$ROOT/.mdms-bench/orthanc}
WARMUP=${WARMUP:-300}
IMAGING_JAVA_OPTS=${IMAGING_JAVA_OPTS:-}
MVN_FLAGS=${MVN_FLAGS:-}
MDMS_TARGET=${MDMS_TARGET:-target}
PATIENT_JAR=${PATIENT_JAR:-$ROOT/patient-service/$MDMS_TARGET/quarkus-app/quarkus-run.jar}
IMAGING_JAR=$ROOT/imaging-service/$MDMS_TARGET/quarkus-app/quarkus-run.jar
rm -rf "$WORK" && mkdir -p "$WORK" "imaging-service/$MDMS_TARGET"
exec > >(tee "imaging-service/$MDMS_TARGET/bench-orthanc.txt") 2>&1

if ! command -v Orthanc >/dev/null 2>&1; then
  echo "== installing Debian's orthanc"
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get install -y -q orthanc >/dev/null || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q orthanc >/dev/null; }
  # the package starts a system service on 8042/4242; this benchmark runs its own instance and leaves that one alone
fi
if $BUILD; then
  echo "== packaging deploy/local, patient-service and imaging-service"
  ./mvnw -q $MVN_FLAGS -pl deploy/local,patient-service,imaging-service -am package -DskipTests -Dmdms.target="$MDMS_TARGET"
fi
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

echo "== compiling the benchmark"
./mvnw -q $MVN_FLAGS -pl imaging-service dependency:build-classpath -Dmdms.target="$MDMS_TARGET" -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=runtime >/dev/null
CP="$ROOT/imaging-service/$MDMS_TARGET/classes:$(cat "$WORK/cp.txt")"
javac -d "$WORK/classes" -cp "$CP" $(find imaging-service/src/bench/java -name '*.java')
CP="$WORK/classes:$CP"

echo "== starting Orthanc $(Orthanc --version 2>/dev/null | head -1 | awk '{print $NF}') (defaults; own port and storage)"
ORTHANC_PORT=$(free_port)
mkdir -p "$WORK/orthanc-storage"
cat > "$WORK/orthanc.json" <<JSON
{ "Name": "MDMS-BENCH", "HttpPort": $ORTHANC_PORT, "DicomPort": $(free_port),
  "StorageDirectory": "$WORK/orthanc-storage", "IndexDirectory": "$WORK/orthanc-storage" }
JSON
Orthanc "$WORK/orthanc.json" > "$WORK/orthanc.log" 2>&1 &
pids+=($!)
ORTHANC_PID=$!
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$ORTHANC_PORT/system" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$ORTHANC_PORT/system" >/dev/null || { echo "Orthanc did not start"; tail -20 "$WORK/orthanc.log"; exit 1; }

echo "== starting MariaDB + S3Proxy"
mkfifo "$WORK/infra.stdin"
# durability relaxed as in run.sh (no fsync per commit or object); Orthanc keeps its defaults (SQLite index)
# deploy/local builds into target/ whatever MDMS_TARGET says
LOCAL_JAR=deploy/local/$MDMS_TARGET/mdms-local.jar
[ -f "$LOCAL_JAR" ] || LOCAL_JAR=deploy/local/target/mdms-local.jar
java -Xmx256m ${INFRA_JAVA_OPTS:-} -Dmdms.durability=relaxed -jar "$LOCAL_JAR" infra --home "$WORK/infra" --fresh \
  --databases mdms_records,mdms_imaging --ready-file "$WORK/ready.properties" < "$WORK/infra.stdin" > "$WORK/infra.log" 2>&1 &
pids+=($!)
INFRA_PID=$!
exec 3>"$WORK/infra.stdin"
for _ in $(seq 1 3000); do [ -f "$WORK/ready.properties" ] && break; sleep 0.2; done
[ -f "$WORK/ready.properties" ] || { echo "MariaDB + S3Proxy not ready"; tail -20 "$WORK/infra.log"; exit 1; }
prop() { grep "^$1=" "$WORK/ready.properties" | cut -d= -f2- | sed 's/\\:/:/g'; }
export MDMS_DB_HOST=$(prop MDMS_DB_HOST) MDMS_DB_PORT=$(prop MDMS_DB_PORT) MDMS_DB_USER=$(prop MDMS_DB_USER) \
  MDMS_DB_PASSWORD=$(prop MDMS_DB_PASSWORD) MDMS_S3_ENDPOINT=$(prop MDMS_S3_ENDPOINT) \
  MDMS_S3_ACCESS_KEY=$(prop MDMS_S3_ACCESS_KEY) MDMS_S3_SECRET_KEY=$(prop MDMS_S3_SECRET_KEY)
wait_ready() { for _ in $(seq 1 3000); do curl -fs "$1/q/health/ready" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "not ready: $1"; exit 1; }

PATIENT_PORT=$(free_port)
echo "== starting patient-service (profile local: demo accounts) on $PATIENT_PORT"
# the services' collector as ./mdms run and their container images choose it (parallel)
QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=$PATIENT_PORT java -Xmx512m -XX:+UseParallelGC -jar "$PATIENT_JAR" > "$WORK/patient.log" 2>&1 &
pids+=($!)
PATIENT_PID=$!
wait_ready "http://127.0.0.1:$PATIENT_PORT"

IMAGING_PORT=$(free_port)
echo "== starting imaging-service (profile prod, default configuration) on $IMAGING_PORT"
QUARKUS_PROFILE=prod QUARKUS_HTTP_PORT=$IMAGING_PORT MDMS_PATIENT_URL=http://127.0.0.1:$PATIENT_PORT \
  java -Xmx512m -XX:+UseParallelGC $IMAGING_JAVA_OPTS -jar "$IMAGING_JAR" > "$WORK/imaging.log" 2>&1 &
pids+=($!)
IMAGING_PID=$!
wait_ready "http://127.0.0.1:$IMAGING_PORT"

# the server's own pid file (pgrep -f on its arguments can find a short-lived helper instead, reading 0.0 ms)
MYSQLD_PID=$(cat "$(find "$WORK/infra" -name mariadb.pid | head -1)" 2>/dev/null || pgrep -f "pid-file=$WORK/infra" | head -1 || true)
BENCH_PIDS="Orthanc=$ORTHANC_PID,S3Proxy=$INFRA_PID,MariaDB=$MYSQLD_PID,patient-service=$PATIENT_PID,imaging=$IMAGING_PID"
java -Xmx1g -Dbench.warmup="$WARMUP" -Dbench.pids="$BENCH_PIDS" -Dbench.clk-tck="$(getconf CLK_TCK)" -cp "$CP" \
  org.mdms.imaging.bench.OrthancBench "http://127.0.0.1:$ORTHANC_PORT" "http://127.0.0.1:$IMAGING_PORT" \
  "http://127.0.0.1:$PATIENT_PORT" "$UPLOADS" "$CONCURRENCY"
if [ "${LARGE_MB:-500}" != 0 ]; then
  LARGE_PORT=$(free_port)
  echo "== a ${LARGE_MB:-500} MB multi-frame instance into an imaging-service with -Xmx${LARGE_XMX:-128m} on $LARGE_PORT"
  QUARKUS_PROFILE=prod QUARKUS_HTTP_PORT=$LARGE_PORT MDMS_PATIENT_URL=http://127.0.0.1:$PATIENT_PORT \
    MDMS_IMAGES_MAX_SIZE=1G QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE=1100M \
    java -Xmx${LARGE_XMX:-128m} -jar "$IMAGING_JAR" > "$WORK/imaging-large.log" 2>&1 &
  pids+=($!)
  wait_ready "http://127.0.0.1:$LARGE_PORT"
  java -Xmx256m -Dbench.xmx="${LARGE_XMX:-128m}" -cp "$CP" org.mdms.imaging.bench.LargeDicomUpload \
    "http://127.0.0.1:$LARGE_PORT" "http://127.0.0.1:$PATIENT_PORT" "${LARGE_MB:-500}"
  echo "-- OutOfMemoryError lines in its log: $(grep -c OutOfMemoryError "$WORK/imaging-large.log" || true)"
fi
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
