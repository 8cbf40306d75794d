#!/usr/bin/env bash
# patient-service ingest benchmark (patient-service/README.md, "Devices and readings"). Not a test: it prints figures.
# Readings/s through POST /api/v1/devices/{id}/measurements (JSON batches, several clients) against a plain
# multi-row INSERT of the same rows into the same table (vital_sign) over JDBC, in one run, and their ratio.
# Usage (from any folder): patient-service/src/bench/run-ingest.sh [--skip-build]
#   environment: BENCH_HOME (default .mdms-bench/ingest), BENCH_PORT (9382), BENCH_DEVICES (8),
#   BENCH_READINGS_PER_DEVICE (25000), BENCH_BATCH (1000), BENCH_CLIENTS (4), BENCH_APP_JAR
# Figures are the lines starting with BENCH; the whole output is also written to patient-service/target/bench-ingest.txt.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
BENCH_HOME=${BENCH_HOME:-$ROOT/.mdms-bench/ingest}
PORT=${BENCH_PORT:-9382}
LOCAL_JAR=$ROOT/deploy/local/target/mdms-local.jar
APP_JAR=${BENCH_APP_JAR:-$ROOT/patient-service/target/quarkus-app/quarkus-run.jar}
BENCH=$ROOT/patient-service/src/bench/java/IngestBench.java
DRIVER=$(ls "$HOME"/.m2/repository/org/mariadb/jdbc/mariadb-java-client/*/mariadb-java-client-*.jar | sort -V | tail -1)
cd "$ROOT"
mkdir -p patient-service/target
exec > >(tee patient-service/target/bench-ingest.txt) 2>&1

if [[ "${1:-}" != "--skip-build" ]]; then
  ./mvnw -q -pl deploy/local,deploy/common,patient-service -am package -DskipTests
fi
mkdir -p "$BENCH_HOME"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "== starting embedded MariaDB (fresh) in $BENCH_HOME"
rm -f "$BENCH_HOME/infra.properties"
# as run.sh: the launcher stops when this script's pipe closes; durability relaxed (benchmark data only)
exec {INFRA_IN}> >(exec java -Dmdms.durability=relaxed -jar "$LOCAL_JAR" infra --home "$BENCH_HOME" --databases mdms_records --fresh \
   > "$BENCH_HOME/infra.log" 2>&1)
for _ in $(seq 1 120); do [[ -f "$BENCH_HOME/infra.properties" ]] && break; sleep 1; done
set -a; . "$BENCH_HOME/infra.properties"; set +a

echo "== starting patient-service on :$PORT (profile local, demo accounts, no demo records)"
QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=$PORT MDMS_DEMO_RECORDS=false \
  java -Xmx1g ${BENCH_JAVA_OPTS:-} -jar "$APP_JAR" > "$BENCH_HOME/patient-service.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null && break; sleep 1; done

java -cp "$DRIVER" "$BENCH" --url "http://127.0.0.1:$PORT" \
  --jdbc "jdbc:mariadb://$MDMS_DB_HOST:$MDMS_DB_PORT/mdms_records" --user "$MDMS_DB_USER" --password "$MDMS_DB_PASSWORD" \
  --devices "${BENCH_DEVICES:-8}" --readings-per-device "${BENCH_READINGS_PER_DEVICE:-25000}" \
  --batch "${BENCH_BATCH:-1000}" --clients "${BENCH_CLIENTS:-4}"
