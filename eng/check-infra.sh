#!/usr/bin/env bash
# Builds and lints every Bicep file under infra/ with the Bicep CLI and fails on
# any diagnostic: lint rules are at "error" level (infra/bicepconfig.json) and any
# remaining Warning/Error line (compiler diagnostics such as BCP037/BCP081) fails
# the check as well. Compiles infra/main.bicep to .tools/infra/main.json (ARM JSON,
# read by tests/DroneDelivery.Infrastructure.Tests) and both .bicepparam files.
#
# The Bicep CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64
# (restored by infra/tools/bicep/bicep-tool.csproj into the NuGet cache); works
# offline once restored. Idempotent.
#
#   eng/check-infra.sh               full check
#   eng/check-infra.sh --bicep-path  only obtain bicep, print its path on stdout
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INFRA="${ROOT}/infra"
OUT="${ROOT}/.tools/infra"
TOOL_PROJECT="${INFRA}/tools/bicep/bicep-tool.csproj"
BICEP_VERSION="$(sed -n 's:.*<BicepVersion>\(.*\)</BicepVersion>.*:\1:p' "${TOOL_PROJECT}")"

log() { echo "check-infra: $*" >&2; }

find_bicep() {
  local cache="${NUGET_PACKAGES:-${HOME}/.nuget/packages}"
  echo "${cache}/azure.bicep.commandline.linux-x64/${BICEP_VERSION}/tools/bicep"
}

obtain_bicep() {
  if [[ -n "${BICEP:-}" && -x "${BICEP}" ]]; then echo "${BICEP}"; return; fi
  local bicep
  bicep="$(find_bicep)"
  if [[ ! -f "${bicep}" ]]; then
    log "restoring Azure.Bicep.CommandLine.linux-x64 ${BICEP_VERSION}"
    dotnet restore "${TOOL_PROJECT}" --verbosity quiet >&2
  fi
  [[ -f "${bicep}" ]] || { log "bicep not found at ${bicep} after restore"; exit 1; }
  [[ -x "${bicep}" ]] || chmod +x "${bicep}"
  "${bicep}" --version >/dev/null || { log "bicep at ${bicep} does not run"; exit 1; }
  echo "${bicep}"
}

BICEP="$(obtain_bicep)"
if [[ "${1:-}" == "--bicep-path" ]]; then echo "${BICEP}"; exit 0; fi

log "$("${BICEP}" --version)"
mkdir -p "${OUT}"
cd "${ROOT}"
failed=0

# Runs bicep, echoes its diagnostics, and fails on a non-zero exit or any
# Warning/Error diagnostic line.
run() {
  local what="$1"; shift
  local output rc=0
  output="$("${BICEP}" "$@" 2>&1)" || rc=$?
  if [[ -n "${output}" ]]; then echo "${output}" >&2; fi
  if (( rc != 0 )) || grep -Eq ' : (Warning|Error) ' <<<"${output}"; then
    log "FAIL ${what}"
    failed=1
  else
    log "ok   ${what}"
  fi
}

mapfile -t files < <(find infra -name '*.bicep' -not -path '*/tools/*' | sort)
log "${#files[@]} Bicep files"

run "bicep lint infra/**/*.bicep (${#files[@]} files, warnings are errors)" lint --pattern 'infra/**/*.bicep'
run "bicep build infra/**/*.bicep -> .tools/infra/" build --pattern 'infra/**/*.bicep' --outdir "${OUT}"
for params in infra/*.bicepparam; do
  name="$(basename "${params}" .bicepparam)"
  run "bicep build-params ${params} -> .tools/infra/${name}.parameters.json" \
    build-params "${params}" --outfile "${OUT}/${name}.parameters.json"
done

if [[ ! -s "${OUT}/main.json" ]]; then
  log "FAIL .tools/infra/main.json was not produced"
  failed=1
fi

if (( failed )); then
  log "infrastructure check failed"
  exit 1
fi
log "infrastructure check passed: .tools/infra/main.json ($(wc -c < "${OUT}/main.json") bytes)"
