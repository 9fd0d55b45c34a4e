#!/usr/bin/env bash
# Installs Azurite (the Azure Storage emulator, npm package azurite) into the git-ignored
# .tools/azurite folder and prints the path of its launcher. The local host runs it for
# `--Durable:Backend AzureStorage` when no AzureWebJobsStorage is set (and calls this script on
# first use); CI calls it before the tests. Idempotent: does nothing when the pinned version is
# already there. All chatter goes to stderr; stdout carries only the launcher's path, so callers can
# do AZURITE="$(eng/get-azurite.sh)".
set -euo pipefail

VERSION="3.37.0"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${ROOT}/.tools"
TARGET="${TOOLS}/azurite"
LAUNCHER="${TARGET}/node_modules/.bin/azurite"
STAMP="${TARGET}/.version"

if [[ -x "${LAUNCHER}" && "$(cat "${STAMP}" 2>/dev/null)" == "${VERSION}" ]]; then
  echo "${LAUNCHER}"
  exit 0
fi

command -v npm >/dev/null || { echo "get-azurite: npm is required" >&2; exit 1; }
command -v node >/dev/null || { echo "get-azurite: node is required" >&2; exit 1; }

mkdir -p "${TOOLS}"
# Install beside the target and swap it in whole: concurrent callers (parallel test runs, a local
# host started while CI installs) never see a half-installed package.
WORK="$(mktemp -d "${TOOLS}/get-azurite.XXXXXX")"
trap 'rm -rf "${WORK}"' EXIT

echo "get-azurite: npm install azurite@${VERSION}" >&2
(cd "${WORK}" && npm install --silent --no-audit --no-fund --no-save --prefix "${WORK}" "azurite@${VERSION}" >&2)
echo "${VERSION}" > "${WORK}/.version"
if [[ -x "${LAUNCHER}" && "$(cat "${STAMP}" 2>/dev/null)" == "${VERSION}" ]]; then
  # Another caller finished first.
  echo "${LAUNCHER}"
  exit 0
fi
rm -rf "${TARGET}.old"
[[ -e "${TARGET}" ]] && mv "${TARGET}" "${TARGET}.old"
mv "${WORK}" "${TARGET}"
rm -rf "${TARGET}.old"
trap - EXIT

"${LAUNCHER}" --version >&2
echo "${LAUNCHER}"
