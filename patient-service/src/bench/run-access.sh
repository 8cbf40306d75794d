#!/usr/bin/env bash
# patient-service benchmark, variant "access": sign-in and guarded reads (patient-service/README.md, "Benchmark").
# Not a test: it prints figures. In one run, against one seeded database, it compares the current build with a
# baseline release (BASELINE_REF, default 9caf661: the last commit before accounts, revocation and the care
# relationship):
#   - POST /api/v1/auth/login, closed loop (bcrypt at the configured cost dominates);
#   - GET /api/v1/patients/{id} as a seeded doctor, reading only patients that doctor treats (so the current
#     build runs its care-relationship and revocation checks on every request), closed loop.
# The two builds take turns (baseline, current, baseline, current) so that drift of the machine hits both.
# Usage (from any folder): patient-service/src/bench/run-access.sh [--skip-build]
#   --skip-build  use the current jars already packaged (the baseline is built once and kept in BENCH_HOME)
#   environment: BENCH_HOME (data, default .mdms-bench/access; never under /tmp), BENCH_PORT, BENCH_PATIENTS
#   (20000), BENCH_DURATION (20 s), BENCH_CALLERS (32), BENCH_LOGIN_CALLERS (4), BENCH_ROUNDS (2), BASELINE_REF
# Figures are the lines starting with BENCH; the whole output is also written to
# patient-service/target/bench-access.txt. Loopback only.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
BENCH_HOME=${BENCH_HOME:-$ROOT/.mdms-bench/access}
BASELINE_REF=${BASELINE_REF:-9caf661}
PORT=${BENCH_PORT:-9391}
PATIENTS=${BENCH_PATIENTS:-20000}
DURATION=${BENCH_DURATION:-20}
CALLERS=${BENCH_CALLERS:-32}
LOGIN_CALLERS=${BENCH_LOGIN_CALLERS:-4}
ROUNDS=${BENCH_ROUNDS:-2}
LOCAL_JAR=$ROOT/deploy/local/target/mdms-local.jar
CURRENT_JAR=$ROOT/patient-service/target/quarkus-app/quarkus-run.jar
BASELINE_SRC=$BENCH_HOME/baseline-$BASELINE_REF
BASELINE_JAR=$BASELINE_SRC/patient-service/target/quarkus-app/quarkus-run.jar
LOADGEN=$ROOT/patient-service/src/bench/java/LoadGenerator.java
cd "$ROOT"
mkdir -p "$BENCH_HOME" patient-service/target
exec > >(tee patient-service/target/bench-access.txt) 2>&1

if [[ "${1:-}" != "--skip-build" ]]; then
  echo "== building the current patient-service"
  ./mvnw -q -pl deploy/local,patient-service -am package -DskipTests
fi
if [[ ! -f "$BASELINE_JAR" ]]; then
  echo "== building the baseline $BASELINE_REF (once; kept in $BASELINE_SRC)"
  rm -rf "$BASELINE_SRC" && mkdir -p "$BASELINE_SRC"
  git archive "$BASELINE_REF" | tar -x -C "$BASELINE_SRC"
  (cd "$BASELINE_SRC" && ./mvnw -q -pl deploy/local,patient-service -am package -DskipTests)
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "== starting embedded MariaDB (fresh) in $BENCH_HOME"
rm -f "$BENCH_HOME/infra.properties"
# the launcher runs until its standard input closes: this script holds the pipe, so its exit stops MariaDB cleanly.
# Durability relaxed (redo log synced once a second), as in run.sh: benchmark data only, the same for both builds.
exec {INFRA_IN}> >(exec java -Dmdms.durability=relaxed -jar "$LOCAL_JAR" infra --home "$BENCH_HOME" --databases mdms_records --fresh \
   > "$BENCH_HOME/infra.log" 2>&1)
for _ in $(seq 1 120); do [[ -f "$BENCH_HOME/infra.properties" ]] && break; sleep 1; done
set -a; . "$BENCH_HOME/infra.properties"; set +a

service=""
start() { # $1 = label, $2 = jar
  echo "-- $(date -u +%H:%M:%S) starting $1 patient-service on :$PORT"
  # the baseline must not refuse the current build's newer migrations (Flyway validates applied ones it lacks)
  local validate=true; [[ $1 == baseline ]] && validate=false
  QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=$PORT MDMS_DEMO_RECORDS=false QUARKUS_FLYWAY_VALIDATE_ON_MIGRATE=$validate \
    java -Xmx2g -jar "$2" > "$BENCH_HOME/patient-service-$1.log" 2>&1 &
  service=$!
  pids+=("$service")
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null && return 0; sleep 1; done
  echo "patient-service ($1) did not become ready" >&2; exit 1
}
stop() { kill "$service"; wait "$service" 2>/dev/null || true; }
api() { curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT$1"; }
field() { grep -o "\"$1\":[^,}]*" | sed 's/^[^:]*://; s/"//g'; } # the values of one JSON field, one a line

# The baseline creates the schema it knows; the current build's Flyway then adds its migrations, and the baseline
# starts without validating them (QUARKUS_FLYWAY_VALIDATE_ON_MIGRATE=false), so both can run on the same data.
start baseline "$BASELINE_JAR"
echo "== seeding $PATIENTS patients x 4 visits (generated doctors sign in as doc<staffId> / mdms-demo)"
java -Dmdms.patient.port="$PORT" -jar "$LOCAL_JAR" seed --patients "$PATIENTS" --visits-per-patient 4 \
  --prescriptions-per-visit 1 --items-per-prescription 3 --exams-per-visit 0 --vitals-per-visit 0 --seed 7 \
  | awk 'NR<=2 || /^done|^ERROR/'
token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"admin","password":"mdms-demo"}' \
  "http://127.0.0.1:$PORT/api/v1/auth/login" | field access_token)
doctor=$(api "/api/v1/visits?size=1&sort=id" | field doctorId | head -n 1)
ids=$(api "/api/v1/visits?doctorId=$doctor&size=200" | field patientId | sort -un | paste -sd, -)
echo "== doctor doc$doctor treats $(echo "$ids" | tr ',' '\n' | wc -l) of the seeded patients; reads use only those"
stop

for round in $(seq 1 "$ROUNDS"); do
  for label in baseline current; do
    jar=$BASELINE_JAR; [[ $label == current ]] && jar=$CURRENT_JAR
    start "$label" "$jar"
    echo "== round $round, $label: sign-in"
    java "$LOADGEN" --url "http://127.0.0.1:$PORT" --mode login --user "doc$doctor" --concurrency "$LOGIN_CALLERS" \
      --duration "$DURATION" --warmup 5
    echo "== round $round, $label: GET /api/v1/patients/{id} as doc$doctor"
    java "$LOADGEN" --url "http://127.0.0.1:$PORT" --mode id --user "doc$doctor" --ids "$ids" \
      --concurrency "$CALLERS" --duration "$DURATION" --warmup 10
    stop
  done
done
