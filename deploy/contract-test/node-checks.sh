#!/usr/bin/env bash
# The Node half of the contract checks, run by the build (exec-maven-plugin, phase process-sources):
#   1. npm ci of this folder's package-lock.json (Redocly CLI, TypeScript), only when the lock file changed;
#   2. redocly lint (ruleset `recommended`, exceptions justified in redocly.yaml) of the three documents: 0 errors;
#   3. tsc --noEmit --strict over the generated typescript-fetch clients (tsconfig.json).
# Without node/npm: a loud WARNING and exit 0 on a developer's machine, a failure when CI=true (.ci/run installs
# Node through deploy/ci/validate.sh before the build, so CI always has it).
# Usage: node-checks.sh PATIENT_DOC IMAGING_DOC ANALYTICS_DOC TYPESCRIPT_DIR
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
docs=("$1" "$2" "$3")
typescript="$4"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "${CI:-}" = "true" ]; then
    echo "FAIL contract-test: node and npm are required in CI (lint of the OpenAPI documents, tsc of the TypeScript clients)" >&2
    exit 1
  fi
  cat >&2 <<'WARN'
[WARNING] ********************************************************************************
[WARNING] contract-test: node/npm not found: the OpenAPI documents were NOT linted and the
[WARNING] TypeScript clients were NOT type-checked. Install Node.js 18.17+ (apt-get install nodejs npm).    
[WARNING] With CI=true this is a failure.
[WARNING] ********************************************************************************
WARN
  exit 0
fi

if [ ! -f "$here/node_modules/.mdms-lock" ] || ! cmp -s "$here/package-lock.json" "$here/node_modules/.mdms-lock"; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$here/node_modules/.mdms-lock"
fi

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1
echo "== redocly lint (recommended; exceptions in redocly.yaml)"
(cd "$here" && node_modules/.bin/redocly lint --config redocly.yaml --format=stylish "${docs[@]}" 2>&1 \
  | { grep -v "Node\.js\|nodejs\.org\|Deprecation warning\|^ *║ *║\|═" || true; }) \
  || { echo "FAIL contract-test: redocly lint found errors in the OpenAPI documents" >&2; exit 1; }

echo "== tsc --noEmit --strict (typescript-fetch clients)"
# the clients are generated under the build's target folder: a tsconfig there takes this folder's settings
printf '{ "extends": "%s/tsconfig.json", "include": ["**/*.ts"] }\n' "$here" > "$typescript/tsconfig.json"
"$here/node_modules/.bin/tsc" --project "$typescript/tsconfig.json" \
  || { echo "FAIL contract-test: the generated TypeScript clients do not type-check" >&2; exit 1; }
echo "contract-test: 3 documents linted, TypeScript clients type-check"
