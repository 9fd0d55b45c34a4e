#!/usr/bin/env bash
# Turns the outputs of the infrastructure deployment into a Helm values file for
# charts/dronedelivery (the values contract: image.registry, image.tag, azure.*,
# apps.<service>.clientId, ingress.host, ingress.tlsSecretName; plus keda.identityId,
# keda.prometheus.serverAddress, the ingress Key Vault certificate annotation and
# networkPolicy.azureEgress: the private endpoint subnet in prod, where every
# Azure service the pods use has its private endpoint).
#
#   az deployment sub show --name <deployment> --query properties.outputs -o json \
#     | eng/infra-outputs-to-values.sh - > gitops/clusters/dev/infra-values.yaml
#
#   eng/infra-outputs-to-values.sh [--image-tag TAG] [--output FILE] <outputs.json|->
#
# Accepts the outputs object ({"name": {"type": .., "value": ..}}), or a whole
# `az deployment sub show` document. image.tag is written only when --image-tag
# is given: under GitOps the tag lives in the HelmRelease (bumped by CI), and
# these values only carry what the infrastructure decides.
set -euo pipefail

command -v python3 >/dev/null || { echo "infra-outputs-to-values: python3 is required" >&2; exit 1; }

read -r -d '' PROGRAM <<'PY' || true
import json, sys

SERVICES = ["ingestion", "workflow", "delivery", "dronescheduler", "package"]

def usage(message):
    sys.stderr.write(f"infra-outputs-to-values: {message}\n"
                     "usage: infra-outputs-to-values.sh [--image-tag TAG] [--output FILE] <outputs.json|->\n")
    sys.exit(2)

args = sys.argv[1:]
image_tag = None
output = None
source = None
while args:
    arg = args.pop(0)
    if arg == "--image-tag":
        image_tag = args.pop(0) if args else usage("--image-tag needs a value")
    elif arg == "--output":
        output = args.pop(0) if args else usage("--output needs a value")
    elif arg in ("-h", "--help"):
        usage("help")
    elif source is None:
        source = arg
    else:
        usage(f"unexpected argument {arg}")
if source is None:
    usage("missing outputs file")

document = json.load(sys.stdin if source == "-" else open(source, encoding="utf-8"))
if "properties" in document and "outputs" in document["properties"]:
    document = document["properties"]["outputs"]
elif "outputs" in document and isinstance(document["outputs"], dict):
    document = document["outputs"]

def value(name):
    if name not in document:
        sys.stderr.write(f"infra-outputs-to-values: deployment output '{name}' is missing\n")
        sys.exit(1)
    entry = document[name]
    result = entry["value"] if isinstance(entry, dict) and "value" in entry else entry
    if result is None or result == "":
        sys.stderr.write(f"infra-outputs-to-values: deployment output '{name}' is empty\n")
        sys.exit(1)
    return result

client_ids = value("serviceClientIds")
missing = [s for s in SERVICES if not client_ids.get(s)]
if missing:
    sys.stderr.write(f"infra-outputs-to-values: serviceClientIds lacks {', '.join(missing)}\n")
    sys.exit(1)

values = {
    "image": {"registry": value("acrLoginServer")},
    "azure": {
        "tenantId": value("tenantId"),
        "serviceBusNamespace": value("serviceBusNamespaceFqdn"),
        "storageAccountName": value("storageAccountName"),
        "cosmosEndpoint": value("cosmosEndpoint"),
        "redisHost": value("redisHost"),
        "keyVaultName": value("keyVaultName"),
        "applicationInsightsConnectionString": value("applicationInsightsConnectionString"),
    },
    "apps": {s: {"clientId": client_ids[s]} for s in SERVICES},
    # One dedicated KEDA identity (federated with kube-system/keda-operator) holds
    # the scaler read roles, so the app identities keep only what the apps use.
    "keda": {
        "identityId": value("kedaClientId"),
        "prometheus": {"serverAddress": value("prometheusQueryEndpoint")},
    },
    "ingress": {
        "host": value("ingressHost"),
        "tlsSecretName": value("ingressTlsSecretName"),
        # Application routing add-on: syncs the certificate from the ingress Key
        # Vault into the secret keyvault-<ingress name> (= tlsSecretName).
        "annotations": {
            "kubernetes.azure.com/tls-cert-keyvault-uri": value("ingressTlsCertificateUri"),
        },
    },
}
egress = value("azureEgressCidrs")
if not isinstance(egress, list) or not all(isinstance(c, str) and c for c in egress):
    sys.stderr.write("infra-outputs-to-values: deployment output 'azureEgressCidrs' must be a list of CIDRs\n")
    sys.exit(1)
# Replaces the chart's list (Helm replaces lists): pods reach Azure services only here.
values["networkPolicy"] = {"azureEgress": [{"cidr": c} for c in egress]}
if image_tag:
    values["image"]["tag"] = image_tag

def emit(node, indent=0):
    lines = []
    for key, item in node.items():
        pad = "  " * indent
        key = key if key.isidentifier() else json.dumps(key)
        if isinstance(item, dict):
            lines.append(f"{pad}{key}:")
            lines.extend(emit(item, indent + 1))
        elif isinstance(item, list):
            # Lists of flat mappings ({"cidr": ..}) as block sequences.
            lines.append(f"{pad}{key}:")
            for entry in item:
                first = True
                for k, v in entry.items():
                    lines.append(f"{pad}  {'- ' if first else '  '}{k}: {json.dumps(str(v))}")
                    first = False
        else:
            # JSON strings are valid YAML double-quoted scalars.
            lines.append(f"{pad}{key}: {json.dumps(str(item))}")
    return lines

environment = document.get("environmentName", {})
environment = environment.get("value") if isinstance(environment, dict) else environment
header = [
    "# Generated by eng/infra-outputs-to-values.sh from the infrastructure deployment",
    f"# outputs{' (environment ' + environment + ')' if environment else ''}. Do not edit: re-run the script.",
]
text = "\n".join(header + emit(values)) + "\n"
if output:
    with open(output, "w", encoding="utf-8") as handle:
        handle.write(text)
else:
    sys.stdout.write(text)
PY

exec python3 -c "${PROGRAM}" "$@"
