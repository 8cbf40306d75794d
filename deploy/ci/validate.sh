#!/usr/bin/env bash
# Offline validation of everything under deploy/ (no Docker engine, no cluster, no GraalVM needed):
#   1. shell scripts parse (bash -n / sh -n);
#   2. Dockerfiles, .dockerignore files and the dev overlay's keys are consistent (check-files.mjs);
#   3. Compose: `docker-compose config -q` of the JVM file and of the native variant, with .env.example;
#   4. Kubernetes: `kubectl kustomize` of each overlay (dev, prod, dev-kafka), with current kustomize (kubectl) and, where it can be
#      had, Debian's kubectl 1.20 (kustomize v2) as well, which must render the same objects;
#   5. the rendered manifests: schema, unknown fields, references, MDMS rules and Compose parity
#      (check-manifests.mjs, on the npm package kubernetes-models and TypeScript).
# Installs what it needs on a fresh Debian 12 (as root): docker-compose (--no-install-recommends, so no Docker
# engine), Node.js if absent, the npm packages of deploy/ci (npm ci), and kubectl if absent (Debian's
# kubernetes-client, unpacked under $MDMS_TOOLS_DIR, not installed). Idempotent; a second run installs nothing.
# Exits non-zero on the first broken file; the last line is "deploy: N passed, 0 failed".
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ci="$repo/deploy/ci"
tools="${MDMS_TOOLS_DIR:-${HOME:-/root}/.cache/mdms/deploy-tools}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0

step() { printf '\n== %s\n' "$*"; }
ok() { passed=$((passed + 1)); printf 'ok   %s\n' "$*"; }
die() { printf 'FAIL %s\n' "$*" >&2; printf 'deploy: %d passed, 1 failed\n' "$passed"; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_ready=0
apt_install() {
  if [ "$apt_ready" -eq 0 ]; then as_root apt-get update -qq; apt_ready=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# ---------------------------------------------------------------- tools
step "tools"
if ! command -v docker-compose >/dev/null; then
  echo "installing Debian's docker-compose (client only)"
  apt_install docker-compose
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "installing Node.js"
  apt_install nodejs npm
fi
# current kubectl (kustomize v5) if the machine has one; Debian's kubectl 1.20 (kustomize v2) unpacked aside
kubectl_new=""
if command -v kubectl >/dev/null && kubectl kustomize --help >/dev/null 2>&1; then kubectl_new="$(command -v kubectl)"; fi
kubectl_old="$tools/kubernetes-client/usr/bin/kubectl"
if [ ! -x "$kubectl_old" ]; then
  echo "fetching Debian's kubernetes-client into $tools"
  mkdir -p "$tools/deb"
  if [ "$apt_ready" -eq 0 ]; then as_root apt-get update -qq && apt_ready=1 || true; fi
  if (cd "$tools/deb" && apt-get download -qq kubernetes-client 2>/dev/null) \
      && dpkg-deb -x "$(ls "$tools"/deb/kubernetes-client_*.deb | head -n 1)" "$tools/kubernetes-client"; then
    rm -rf "$tools/deb"
  else
    echo "note: Debian's kubernetes-client could not be fetched"
  fi
fi
[ -x "$kubectl_old" ] || kubectl_old=""
[ -n "$kubectl_new$kubectl_old" ] || die "no kubectl: neither on the machine nor from Debian's kubernetes-client"
# npm packages pinned by package-lock.json; reinstalled only when the lock file changed
if [ ! -f "$ci/node_modules/.mdms-lock" ] || ! cmp -s "$ci/package-lock.json" "$ci/node_modules/.mdms-lock"; then
  (cd "$ci" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$ci/package-lock.json" "$ci/node_modules/.mdms-lock"
fi
echo "docker-compose: $(docker-compose version --short 2>/dev/null || docker-compose --version)"
[ -n "$kubectl_new" ] && echo "kubectl:        $("$kubectl_new" version --client 2>/dev/null | head -n 2 | tr '\n' ' ')"
[ -n "$kubectl_old" ] && echo "kubectl (v2):   $("$kubectl_old" version --client --short 2>/dev/null || echo 1.20)"
echo "node:           $(node --version)"

# ---------------------------------------------------------------- 1. scripts
step "scripts"
bash -n "$repo/deploy/k8s/base/mysql/init-mdms.sh" || die "deploy/k8s/base/mysql/init-mdms.sh does not parse"
sh -n "$repo/deploy/k8s/base/minio/init-minio.sh" || die "deploy/k8s/base/minio/init-minio.sh does not parse"
bash -n "$ci/validate.sh" || die "deploy/ci/validate.sh does not parse"
ok "init scripts and validate.sh parse"

# ---------------------------------------------------------------- 2. files
step "Dockerfiles"
node "$ci/check-files.mjs" "$repo" || die "Dockerfiles / .dockerignore / dev keys"
ok "Dockerfiles"

# ---------------------------------------------------------------- 3. Compose
step "Compose"
compose=(docker-compose --project-directory "$repo/deploy/compose" --env-file "$repo/deploy/compose/.env.example")
"${compose[@]}" -f "$repo/deploy/compose/docker-compose.yml" config -q \
  || die "deploy/compose/docker-compose.yml"
ok "docker-compose.yml (JVM images)"
"${compose[@]}" -f "$repo/deploy/compose/docker-compose.yml" -f "$repo/deploy/compose/docker-compose.native.yml" config -q \
  || die "deploy/compose/docker-compose.native.yml"
ok "docker-compose.native.yml (native images)"
"${compose[@]}" --profile kafka -f "$repo/deploy/compose/docker-compose.yml" config -q \
  || die "deploy/compose/docker-compose.yml with the profile kafka"
ok "docker-compose.yml with the profile kafka"
"${compose[@]}" -f "$repo/deploy/compose/docker-compose.yml" config > "$work/compose.yaml"
# Docker's own Compose v2, where the client has it, reads the same files
if docker compose version >/dev/null 2>&1; then
  (cd "$repo/deploy/compose" && docker compose --env-file .env.example -f docker-compose.yml -f docker-compose.native.yml config -q) \
    || die "docker compose (v2) rejects deploy/compose"
  ok "docker compose v2 config"
fi

# ---------------------------------------------------------------- 4 + 5. Kubernetes
# dev-kafka: dev plus the optional Kafka (deploy/k8s/kafka) with patient-service switched over to it
for overlay in dev prod dev-kafka; do
  step "Kubernetes overlay $overlay"
  dir="$repo/deploy/k8s/overlays/$overlay"
  first=""
  if [ -n "$kubectl_new" ]; then
    # the deprecation notes of kustomize v5 (bases, patchesStrategicMerge: kept for kustomize v2) are not errors
    "$kubectl_new" kustomize "$dir" > "$work/$overlay.yaml" 2> "$work/$overlay.err" \
      || { cat "$work/$overlay.err" >&2; die "kubectl kustomize deploy/k8s/overlays/$overlay"; }
    grep -v "^# Warning: '\(bases\|patchesStrategicMerge\)' is deprecated" "$work/$overlay.err" >&2 || true
    first="$work/$overlay.yaml"
    ok "kubectl kustomize overlays/$overlay"
  fi
  if [ -n "$kubectl_old" ]; then
    "$kubectl_old" kustomize "$dir" > "$work/$overlay-v2.yaml" || die "kustomize v2 (Debian kubectl 1.20) deploy/k8s/overlays/$overlay"
    if [ -n "$first" ]; then
      node "$ci/compare-renders.mjs" "$first" "$work/$overlay-v2.yaml" || die "overlays/$overlay renders differently in kustomize v2 and v5"
      ok "kustomize v2 (Debian kubectl 1.20) renders overlays/$overlay the same"
    else
      first="$work/$overlay-v2.yaml"
      ok "kubectl kustomize overlays/$overlay (kustomize v2, Debian kubectl 1.20)"
    fi
  fi
  node "$ci/check-manifests.mjs" --overlay "$overlay" --manifests "$first" --compose "$work/compose.yaml" \
    || die "rendered manifests of overlays/$overlay"
  ok "overlays/$overlay manifests"
done

printf '\ndeploy: %d passed, 0 failed\n' "$passed"
