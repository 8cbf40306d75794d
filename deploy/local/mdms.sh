#!/usr/bin/env bash
# Builds what ./mdms needs when sources changed, then hands over to the Java launcher (org.mdms.local.Main).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java_bin" >/dev/null 2>&1; then
  echo "mdms: no Java found; install a JDK 17+ or set JAVA_HOME" >&2
  exit 1
fi

launcher="deploy/local/target/mdms-local.jar"
needs_build() {
  [ -f "$launcher" ] || return 0
  for module in patient-service imaging-service analytics-service; do
    [ -f "$module/target/quarkus-app/quarkus-run.jar" ] || return 0
  done
  # anything edited since the last build?
  [ -n "$(find pom.xml deploy/local/pom.xml deploy/local/src deploy/common patient-service imaging-service analytics-service \
      \( -path '*/target' -prune \) -o \( -type f -newer "$launcher" -print \) 2>/dev/null | head -n 1)" ]
}

case "${1:-help}" in
  run|seed)
    if needs_build; then
      echo "[mdms] building (first run or sources changed; tests skipped: run ./mvnw verify for those)..."
      ./mvnw -q -DskipTests package
      touch "$launcher"
    fi
    ;;
  *)
    if [ ! -f "$launcher" ]; then
      echo "[mdms] not built yet, so nothing is running: start with ./mdms run"
      exit 0
    fi
    ;;
esac

exec "$java_bin" ${MDMS_LAUNCHER_OPTS:-} -Dmdms.root="$root" -jar "$launcher" "$@"
