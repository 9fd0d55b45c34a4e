#!/bin/bash
# Run by the deployment script of infra/modules/secrets.bicep (AzureCLI, as the
# identity id-<prefix>-secrets). Creates what the chart needs in Key Vault, and
# only what is absent: an existing secret is never read, compared or overwritten,
# so a value rotated by an operator survives every re-deployment. A soft-deleted
# secret is recovered (with its old value) instead of replaced.
#
#   VAULT_NAME                 application vault
#   FUNCTION_KEY_SECRETS       space-separated names: 48 random bytes, base64url
#   MONGO_SECRET_NAME          name of the MongoDB API connection string secret
#   MONGO_CONNECTION_STRING    its value (secure environment variable; used only if absent)
#   INGRESS_VAULT_NAME         ingress vault
#   INGRESS_CERTIFICATE_NAME   TLS certificate of the ingress host: a self-signed
#   INGRESS_HOST               placeholder is created when absent (import the real
#                              one as a new version; see docs/infrastructure.md)
#
# Writes only secret names (created / kept) to $AZ_SCRIPTS_OUTPUT_PATH, never values.
set -euo pipefail

: "${VAULT_NAME:?}" "${FUNCTION_KEY_SECRETS:?}" "${MONGO_SECRET_NAME:?}" "${MONGO_CONNECTION_STRING:?}"
: "${INGRESS_VAULT_NAME:?}" "${INGRESS_CERTIFICATE_NAME:?}" "${INGRESS_HOST:?}"

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
created=()
kept=()

# Role assignments made just before this script can take minutes to reach Key
# Vault: "Forbidden" and network errors are retried for up to ~10 minutes.
ATTEMPTS=60
PAUSE=10

# exists <secret|certificate> <vault> <name>: 0 when present (or recovered from
# soft delete), 1 when absent; fails the script on any other persistent error.
exists() {
  local kind="$1" vault="$2" name="$3" out
  for ((i = 1; i <= ATTEMPTS; i++)); do
    if out="$(az keyvault "${kind}" show --vault-name "${vault}" --name "${name}" --query id --output tsv 2>&1)"; then
      return 0
    fi
    if grep -qiE '(Secret|Certificate)NotFound|was not found' <<<"${out}"; then
      if az keyvault "${kind}" show-deleted --vault-name "${vault}" --name "${name}" --query recoveryId --output tsv >/dev/null 2>&1; then
        echo "recovering soft-deleted ${kind} ${name} in ${vault}"
        az keyvault "${kind}" recover --vault-name "${vault}" --name "${name}" --output none
        wait_until_readable "${kind}" "${vault}" "${name}"
        return 0
      fi
      return 1
    fi
    echo "waiting for access to ${kind} ${name} in ${vault} (${i}/${ATTEMPTS}): ${out}" >&2
    sleep "${PAUSE}"
  done
  echo "cannot tell whether ${kind} ${name} exists in ${vault}" >&2
  exit 1
}

wait_until_readable() {
  local kind="$1" vault="$2" name="$3"
  for ((i = 1; i <= ATTEMPTS; i++)); do
    az keyvault "${kind}" show --vault-name "${vault}" --name "${name}" --query id --output none 2>/dev/null && return 0
    sleep "${PAUSE}"
  done
  echo "${kind} ${name} in ${vault} did not become readable" >&2
  exit 1
}

# set_secret <name> <value file> <content type>: retried like exists (RBAC propagation).
# The value goes through a file in a private temp folder, never the command line.
set_secret() {
  local name="$1" file="$2" type="$3" out
  for ((i = 1; i <= ATTEMPTS; i++)); do
    if out="$(az keyvault secret set --vault-name "${VAULT_NAME}" --name "${name}" --file "${file}" \
      --encoding utf-8 --content-type "${type}" --output none 2>&1)"; then
      return 0
    fi
    echo "waiting to write ${name} (${i}/${ATTEMPTS}): ${out}" >&2
    sleep "${PAUSE}"
  done
  echo "cannot write secret ${name}" >&2
  exit 1
}

ensure_secret() {
  local name="$1" kind="$2" file="${work}/value"
  if exists secret "${VAULT_NAME}" "${name}"; then
    kept+=("${name}")
    return
  fi
  case "${kind}" in
    functionKey)
      # 48 bytes from the kernel CSPRNG, base64url without padding (64 characters).
      head -c 48 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=' >"${file}"
      set_secret "${name}" "${file}" "text/plain; azure-functions-key"
      ;;
    mongoConnectionString)
      printf '%s' "${MONGO_CONNECTION_STRING}" >"${file}"
      set_secret "${name}" "${file}" "text/plain; mongodb-connection-string"
      ;;
  esac
  rm -f "${file}"
  created+=("${name}")
  echo "created secret ${name}"
}

umask 077
for name in ${FUNCTION_KEY_SECRETS}; do
  ensure_secret "${name}" functionKey
done
ensure_secret "${MONGO_SECRET_NAME}" mongoConnectionString

if exists certificate "${INGRESS_VAULT_NAME}" "${INGRESS_CERTIFICATE_NAME}"; then
  kept+=("${INGRESS_CERTIFICATE_NAME}")
else
  cat >"${work}/policy.json" <<POLICY
{
  "issuerParameters": { "name": "Self" },
  "keyProperties": { "exportable": true, "keyType": "RSA", "keySize": 2048, "reuseKey": false },
  "secretProperties": { "contentType": "application/x-pkcs12" },
  "x509CertificateProperties": {
    "subject": "CN=${INGRESS_HOST}",
    "subjectAlternativeNames": { "dnsNames": [ "${INGRESS_HOST}" ] },
    "keyUsage": [ "digitalSignature", "keyEncipherment" ],
    "ekus": [ "1.3.6.1.5.5.7.3.1" ],
    "validityInMonths": 12
  }
}
POLICY
  az keyvault certificate create --vault-name "${INGRESS_VAULT_NAME}" --name "${INGRESS_CERTIFICATE_NAME}" \
    --policy "@${work}/policy.json" --output none
  created+=("${INGRESS_CERTIFICATE_NAME}")
  echo "created self-signed placeholder certificate ${INGRESS_CERTIFICATE_NAME} for ${INGRESS_HOST}"
fi

if [[ -n "${AZ_SCRIPTS_OUTPUT_PATH:-}" ]]; then
  printf '{"created":"%s","kept":"%s"}\n' "${created[*]:-}" "${kept[*]:-}" >"${AZ_SCRIPTS_OUTPUT_PATH}"
fi
echo "created: ${created[*]:-none}; kept: ${kept[*]:-none}"
