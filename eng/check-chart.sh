#!/usr/bin/env bash
# CI gate for the Helm chart: fetch helm, `helm lint --strict` with the default, production and
# KEDA demo values, render each with `helm template` into .tools/rendered/. Non-zero exit on any
# failure. The manifest rules themselves are tested by tests/DroneDelivery.Deployment.Tests.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHART="${ROOT}/charts/dronedelivery"
OUT="${ROOT}/.tools/rendered"
HELM="$("${ROOT}/eng/get-helm.sh")"

mkdir -p "${OUT}"
echo "helm: $("${HELM}" version --short)"

declare -A VALUES=(
  [default]=""
  [production]="${CHART}/values-production.yaml"
  [keda-demo]="${ROOT}/keda/values-scale-demo.yaml"
)

status=0
for name in default production keda-demo; do
  args=()
  [[ -n "${VALUES[$name]}" ]] && args=(--values "${VALUES[$name]}")
  echo "== helm lint --strict (${name})"
  if ! "${HELM}" lint --strict "${CHART}" "${args[@]}"; then status=1; fi
  echo "helm template (${name}) -> ${OUT}/${name}.yaml"
  if "${HELM}" template dronedelivery "${CHART}" --namespace dronedelivery "${args[@]}" > "${OUT}/${name}.yaml"; then
    echo "  $(grep -c '^kind:' "${OUT}/${name}.yaml") objects: $(grep '^kind:' "${OUT}/${name}.yaml" | sort | uniq -c | awk '{printf "%s %s, ", $1, $3}' | sed 's/, $//')"
  else
    status=1
  fi
done

# A values file that breaks the schema must be rejected.
broken="$(mktemp)"
trap 'rm -f "${broken}"' EXIT
printf 'apps:\n  ingestion:\n    replicas:\n      min: two\n' > "${broken}"
if "${HELM}" template dronedelivery "${CHART}" --values "${broken}" >/dev/null 2>&1; then
  echo "ERROR: values.schema.json accepted replicas.min: two"; status=1
else
  echo "schema rejects broken values: ok"
fi

exit "${status}"
