#!/usr/bin/env bash
# patient-service ingest benchmark (patient-service/README.md, "Devices and readings"). Not a test: it prints figures.
# Readings/s through POST /api/v1/devices/{id}/measurements (JSON batches, several clients) against a plain
# multi-row INSERT of the same rows into the same table (vital_sign) over JDBC, in one run, and their ratio.
# Then the WebSocket path: ./mdms simulate (deploy/local's Simulator) streams BENCH_WS_DEVICES monitors, each sending
# one frame of 4 readings (one per vital type) BENCH_WS_RATE times a second for BENCH_WS_SECONDS, waits for every
# acknowledgement, and the rows it stored are counted in the database: sent = stored + duplicates + refused.
# While it streams, AlertLatencyBench measures reading sent -> alert event on GET /api/v1/alerts/stream (p50/p99).
# Last, BurstBench offers the batch path 10x its sustained rate (the rate measured above) and records the service's
# heap, the 429/503 answers with Retry-After, and that every acknowledged reading is stored.
# Usage (from any folder): patient-service/src/bench/run-ingest.sh [--skip-build]
#   environment: BENCH_HOME (default .mdms-bench/ingest), BENCH_PORT (9382), BENCH_DEVICES (8),
#   BENCH_READINGS_PER_DEVICE (25000), BENCH_BATCH (1000), BENCH_CLIENTS (4), BENCH_APP_JAR,
#   BENCH_WS_DEVICES (500), BENCH_WS_RATE (2.5: 500 x 4 x 2.5 = 5,000 readings/s offered), BENCH_WS_SECONDS (60),
#   BENCH_SKIP_HTTP=true (only the WebSocket path), BENCH_SKIP_WS=true (no WebSocket path, no alert latency),
#   BENCH_ALERTS (200 deteriorations, one every 100 ms), BENCH_SKIP_BURST=true, BENCH_BURST_BASE (readings/s;
#   default the batch path's measured rate, else 2000), BENCH_BURST_SECONDS (15),
#   BENCH_JAVA_OPTS (extra JVM options for patient-service; -Xmx1g always)
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

JDBC=(--jdbc "jdbc:mariadb://$MDMS_DB_HOST:$MDMS_DB_PORT/mdms_records" --user "$MDMS_DB_USER" --password "$MDMS_DB_PASSWORD")
http_rate=""
if [[ "${BENCH_SKIP_HTTP:-false}" != "true" ]]; then
  java -cp "$DRIVER" "$BENCH" --url "http://127.0.0.1:$PORT" "${JDBC[@]}" \
    --devices "${BENCH_DEVICES:-8}" --readings-per-device "${BENCH_READINGS_PER_DEVICE:-25000}" \
    --batch "${BENCH_BATCH:-1000}" --clients "${BENCH_CLIENTS:-4}" | tee "$BENCH_HOME/http.txt"
  http_rate=$(sed -nE 's/^BENCH ingest http: .* = ([0-9]+) readings\/s.*/\1/p' "$BENCH_HOME/http.txt")
fi

if [[ "${BENCH_SKIP_WS:-false}" != "true" ]]; then
  echo "== WebSocket path: ${BENCH_WS_DEVICES:-500} devices x 4 readings x ${BENCH_WS_RATE:-2.5}/s for ${BENCH_WS_SECONDS:-60} s"
  rm -f "$BENCH_HOME/simulate.txt" "$BENCH_HOME/alerts.go"
  # the alert probe registers its patients first and starts its deteriorations once the devices stream
  java "$ROOT/patient-service/src/bench/java/AlertLatencyBench.java" --url "http://127.0.0.1:$PORT" \
    --patients "${BENCH_ALERTS:-200}" --interval-ms 100 --go-file "$BENCH_HOME/alerts.go" > "$BENCH_HOME/alerts.txt" 2>&1 &
  alerts=$!
  pids+=($alerts)
  for _ in $(seq 1 300); do grep -q 'waiting for' "$BENCH_HOME/alerts.txt" 2>/dev/null && break; kill -0 "$alerts" 2>/dev/null || break; sleep 1; done
  MDMS_HOME="$BENCH_HOME" java -jar "$LOCAL_JAR" simulate --url "http://127.0.0.1:$PORT" --devices "${BENCH_WS_DEVICES:-500}" \
    --rate "${BENCH_WS_RATE:-2.5}" --seconds "${BENCH_WS_SECONDS:-60}" --deteriorating 0.1 > "$BENCH_HOME/simulate.txt" 2>&1 &
  simulate=$!
  pids+=($simulate)
  for _ in $(seq 1 300); do grep -q 'readings/s' "$BENCH_HOME/simulate.txt" 2>/dev/null && break; sleep 1; done
  touch "$BENCH_HOME/alerts.go"
  wait "$alerts" || true
  cat "$BENCH_HOME/alerts.txt"
  wait "$simulate" || true
  cat "$BENCH_HOME/simulate.txt"
  done_line=$(grep '^\[simulate\] done:' "$BENCH_HOME/simulate.txt")
  count() { sed -E "s/.*[ (]$1 ([0-9]+).*/\\1/" <<< "$done_line"; }
  sent=$(sed -E 's/.*sent ([0-9]+) readings.*/\1/' <<< "$done_line")
  rate=$(sed -E 's/.*readings \(([0-9]+)\/s\).*/\1/' <<< "$done_line")
  echo "BENCH ingest websocket: $sent readings sent at $rate readings/s offered and acknowledged (${BENCH_WS_DEVICES:-500} devices); $done_line"
  java -cp "$DRIVER" "$BENCH" --count-stored "device:SIM-" "${JDBC[@]}" --sent "$sent" --accepted "$(count accepted)" \
    --duplicates "$(count duplicates)" --refused "$(count refused)" --unacknowledged "$(count unacknowledged)"
fi

if [[ "${BENCH_SKIP_BURST:-false}" != "true" ]]; then
  base=${BENCH_BURST_BASE:-${http_rate:-2000}}
  echo "== burst: the batch path offered 10 x $base readings/s for ${BENCH_BURST_SECONDS:-15} s (patient-service -Xmx1g)"
  java -cp "$DRIVER" "$ROOT/patient-service/src/bench/java/BurstBench.java" --url "http://127.0.0.1:$PORT" "${JDBC[@]}" \
    --base-rate "$base" --burst-seconds "${BENCH_BURST_SECONDS:-15}" --xmx 1g
fi
