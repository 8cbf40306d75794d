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
# BENCH_KAFKA=true adds the batch path through Kafka in the same run: a one-node KRaft broker (KafkaBroker, Kafka's
# test kit from patient-service's test class path, free ports, temporary log folder) and a second patient-service
# on BENCH_KAFKA_PORT with mdms.ingest.kafka.enabled=true on the same database; IngestBench sends the same batches to
# it and reports readings/s accepted (in the topic) and stored (rows in vital_sign) against the direct path's.
# The benches (IngestBench, AlertLatencyBench, BurstBench and their BenchApi) are compiled together with javac.
# Usage (from any folder): patient-service/src/bench/run-ingest.sh [--skip-build]
#   environment: BENCH_HOME (default .mdms-bench/ingest), BENCH_PORT (9382), BENCH_DEVICES (8),
#   BENCH_READINGS_PER_DEVICE (25000), BENCH_BATCH (1000), BENCH_CLIENTS (4), BENCH_APP_JAR,
#   BENCH_WARMUP_PER_DEVICE (5000: both paths first take 8 x 5,000 readings of other devices, not counted),
#   BENCH_ROUNDS (3: the batch path and the plain INSERT alternate this many times on new devices; totals and each
#   round's ratio are printed),
#   BENCH_WS_DEVICES (500), BENCH_WS_RATE (2.5: 500 x 4 x 2.5 = 5,000 readings/s offered), BENCH_WS_SECONDS (60),
#   BENCH_WS_FRAMES_AHEAD (16: frames a simulated device sends ahead of its acknowledgements, and the service's
#   mdms.devices.ingest.stream-frames-ahead for this run, with stream-max-queued raised to hold them all; a device
#   that is that far ahead skips its tick),
#   BENCH_SKIP_HTTP=true (only the WebSocket path), BENCH_SKIP_WS=true (no WebSocket path, no alert latency),
#   BENCH_ALERTS (200 deteriorations, one every 100 ms), BENCH_ALERTS_AFTER (15: seconds of streaming before they start),
#   BENCH_SKIP_BURST=true, BENCH_BURST_BASE (readings/s;
#   default the batch path's measured rate, else 2000), BENCH_BURST_SECONDS (15),
#   BENCH_JAVA_OPTS (extra JVM options for patient-service; -Xmx1g always),
#   BENCH_KAFKA=true (also through Kafka), BENCH_KAFKA_PORT (BENCH_PORT + 1); Maven options for the test class path
#   (offline, a local repository) go in MAVEN_ARGS
# Figures are the lines starting with BENCH; the whole output is also written to patient-service/target/bench-ingest.txt.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
BENCH_HOME=${BENCH_HOME:-$ROOT/.mdms-bench/ingest}
PORT=${BENCH_PORT:-9382}
LOCAL_JAR=$ROOT/deploy/local/target/mdms-local.jar
APP_JAR=${BENCH_APP_JAR:-$ROOT/patient-service/target/quarkus-app/quarkus-run.jar}
SRC=$ROOT/patient-service/src/bench/java
KAFKA_PORT=${BENCH_KAFKA_PORT:-$((PORT + 1))}
FRAMES_AHEAD=${BENCH_WS_FRAMES_AHEAD:-16}
ALERTS_AFTER=${BENCH_ALERTS_AFTER:-15}
# the streams' queue holds every frame the devices may have out (the service's default, 20,000 readings, holds 8
# frames of 4 readings from 500 devices): a device waits for its acknowledgements instead of being closed with 1013
QUEUED=$(( ${BENCH_WS_DEVICES:-500} * FRAMES_AHEAD * 4 > 20000 ? ${BENCH_WS_DEVICES:-500} * FRAMES_AHEAD * 4 : 20000 ))
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

echo "== compiling the benches"
rm -rf "$BENCH_HOME/classes"
javac -d "$BENCH_HOME/classes" "$SRC/BenchApi.java" "$SRC/IngestBench.java" "$SRC/AlertLatencyBench.java" "$SRC/BurstBench.java"
BENCH_CP="$BENCH_HOME/classes:$DRIVER"

echo "== starting embedded MariaDB (fresh) in $BENCH_HOME"
rm -f "$BENCH_HOME/infra.properties"
# as run.sh: the launcher stops when this script's pipe closes; durability relaxed (benchmark data only)
exec {INFRA_IN}> >(exec java -Dmdms.durability=relaxed -jar "$LOCAL_JAR" infra --home "$BENCH_HOME" --databases mdms_records --fresh \
   > "$BENCH_HOME/infra.log" 2>&1)
for _ in $(seq 1 120); do [[ -f "$BENCH_HOME/infra.properties" ]] && break; sleep 1; done
set -a; . "$BENCH_HOME/infra.properties"; set +a

echo "== starting patient-service on :$PORT (profile local, demo accounts, no demo records)"
QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=$PORT MDMS_DEMO_RECORDS=false \
  MDMS_DEVICES_INGEST_STREAM_FRAMES_AHEAD=$FRAMES_AHEAD MDMS_DEVICES_INGEST_STREAM_MAX_QUEUED=$QUEUED java -Xmx1g ${BENCH_JAVA_OPTS:-} -jar "$APP_JAR" > "$BENCH_HOME/patient-service.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null && break; sleep 1; done

kafka_url=()
if [[ "${BENCH_KAFKA:-false}" == "true" ]]; then
  echo "== starting a one-node Kafka (KRaft, Kafka's test kit) and patient-service with Kafka on :$KAFKA_PORT"
  ./mvnw -B -o -q -pl patient-service dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$BENCH_HOME/kafka-cp.txt" > "$BENCH_HOME/kafka-cp.log" 2>&1 || { cat "$BENCH_HOME/kafka-cp.log"; exit 1; }
  rm -f "$BENCH_HOME/kafka.ready"
  # as the infra: the broker stops when this script's pipe closes
  exec {KAFKA_IN}> >(exec java -Xmx512m -cp "$(cat "$BENCH_HOME/kafka-cp.txt")" "$SRC/KafkaBroker.java" "$BENCH_HOME/kafka.ready" \
     > "$BENCH_HOME/kafka.log" 2>&1)
  for _ in $(seq 1 120); do [[ -f "$BENCH_HOME/kafka.ready" ]] && break; sleep 1; done
  [[ -f "$BENCH_HOME/kafka.ready" ]] || { echo "Kafka did not start"; tail -20 "$BENCH_HOME/kafka.log"; exit 1; }
  QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=$KAFKA_PORT MDMS_DEMO_RECORDS=false MDMS_INGEST_KAFKA_ENABLED=true \
    KAFKA_BOOTSTRAP_SERVERS=$(cat "$BENCH_HOME/kafka.ready") \
    java -Xmx1g ${BENCH_JAVA_OPTS:-} -jar "$APP_JAR" > "$BENCH_HOME/patient-service-kafka.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$KAFKA_PORT/q/health/ready" > /dev/null && break; sleep 1; done
  kafka_url=(--kafka-url "http://127.0.0.1:$KAFKA_PORT")
fi

JDBC=(--jdbc "jdbc:mariadb://$MDMS_DB_HOST:$MDMS_DB_PORT/mdms_records" --user "$MDMS_DB_USER" --password "$MDMS_DB_PASSWORD")
http_rate=""
if [[ "${BENCH_SKIP_HTTP:-false}" != "true" ]]; then
  java -cp "$BENCH_CP" IngestBench --url "http://127.0.0.1:$PORT" "${JDBC[@]}" "${kafka_url[@]}" \
    --devices "${BENCH_DEVICES:-8}" --readings-per-device "${BENCH_READINGS_PER_DEVICE:-25000}" \
    --batch "${BENCH_BATCH:-1000}" --clients "${BENCH_CLIENTS:-4}" --warmup-per-device "${BENCH_WARMUP_PER_DEVICE:-5000}" --rounds "${BENCH_ROUNDS:-3}" \
    | tee "$BENCH_HOME/http.txt"
  http_rate=$(sed -nE 's/^BENCH ingest http: .* = ([0-9]+) readings\/s.*/\1/p' "$BENCH_HOME/http.txt")
fi

if [[ "${BENCH_SKIP_WS:-false}" != "true" ]]; then
  echo "== WebSocket path: ${BENCH_WS_DEVICES:-500} devices x 4 readings x ${BENCH_WS_RATE:-2.5}/s for ${BENCH_WS_SECONDS:-60} s"
  rm -f "$BENCH_HOME/simulate.txt" "$BENCH_HOME/alerts.go"
  # the alert probe registers its patients first and starts its deteriorations once the devices stream
  java -cp "$BENCH_CP" AlertLatencyBench --url "http://127.0.0.1:$PORT" \
    --patients "${BENCH_ALERTS:-200}" --interval-ms 100 --go-file "$BENCH_HOME/alerts.go" > "$BENCH_HOME/alerts.txt" 2>&1 &
  alerts=$!
  pids+=($alerts)
  for _ in $(seq 1 300); do grep -q 'waiting for' "$BENCH_HOME/alerts.txt" 2>/dev/null && break; kill -0 "$alerts" 2>/dev/null || break; sleep 1; done
  MDMS_HOME="$BENCH_HOME" java -jar "$LOCAL_JAR" simulate --url "http://127.0.0.1:$PORT" --devices "${BENCH_WS_DEVICES:-500}" \
    --rate "${BENCH_WS_RATE:-2.5}" --seconds "${BENCH_WS_SECONDS:-60}" --deteriorating 0.1 --frames-ahead "$FRAMES_AHEAD" > "$BENCH_HOME/simulate.txt" 2>&1 &
  simulate=$!
  pids+=($simulate)
  # the deteriorations start once the monitors have streamed BENCH_ALERTS_AFTER seconds (a multiple of 5): the first
  # seconds are 500 connections' start-up backlog, not the steady streams the latency target is about
  # (0: from the moment the simulator says its devices stream, the start-up backlog included)
  if [[ "$ALERTS_AFTER" == "0" ]]; then started_line="devices assigned and streaming"; else started_line="^\[simulate\] ${ALERTS_AFTER} s:"; fi
  for _ in $(seq 1 300); do grep -q "$started_line" "$BENCH_HOME/simulate.txt" 2>/dev/null && break; sleep 1; done
  echo "BENCH ingest alert probe: deteriorations start after ${ALERTS_AFTER} s of streaming"
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
  java -cp "$BENCH_CP" IngestBench --count-stored "device:SIM-" "${JDBC[@]}" --sent "$sent" --accepted "$(count accepted)" \
    --duplicates "$(count duplicates)" --refused "$(count refused)" --unacknowledged "$(count unacknowledged)"
fi

if [[ "${BENCH_SKIP_BURST:-false}" != "true" ]]; then
  base=${BENCH_BURST_BASE:-${http_rate:-2000}}
  echo "== burst: the batch path offered 10 x $base readings/s for ${BENCH_BURST_SECONDS:-15} s (patient-service -Xmx1g)"
  java -cp "$BENCH_CP" BurstBench --url "http://127.0.0.1:$PORT" "${JDBC[@]}" \
    --base-rate "$base" --burst-seconds "${BENCH_BURST_SECONDS:-15}" --xmx 1g
fi
