{{/*
Base name of every object: the release name when it already says "dronedelivery",
otherwise "<release>-dronedelivery". Object names are "<base>-<app>".
*/}}
{{- define "dronedelivery.fullname" -}}
{{- if .Values.nameOverride -}}
{{- .Values.nameOverride | trunc 40 | trimSuffix "-" -}}
{{- else if contains "dronedelivery" .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-dronedelivery" .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Name of an app's objects. Call with (dict "root" $ "app" "ingestion"). */}}
{{- define "dronedelivery.appFullname" -}}
{{- printf "%s-%s" (include "dronedelivery.fullname" .root) .app -}}
{{- end -}}

{{/* Labels every object carries, except the instance label. */}}
{{- define "dronedelivery.metaLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: dronedelivery
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
{{- end -}}

{{/* Labels of the release-wide objects (policies, quota). */}}
{{- define "dronedelivery.commonLabels" -}}
{{ include "dronedelivery.metaLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Selector labels of one app (stable across upgrades). (dict "root" $ "app" name) */}}
{{- define "dronedelivery.selectorLabels" -}}
app.kubernetes.io/name: {{ .app }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* All labels of one app's objects. (dict "root" $ "app" name) */}}
{{- define "dronedelivery.appLabels" -}}
{{ include "dronedelivery.metaLabels" .root }}
{{ include "dronedelivery.selectorLabels" . }}
app.kubernetes.io/component: {{ .app }}
{{- end -}}

{{/* Labels common to the chart's own pods (used by the namespace-level policies). */}}
{{- define "dronedelivery.instanceSelector" -}}
app.kubernetes.io/part-of: dronedelivery
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/*
Architecture facts per app - not configuration, so not in values:
  public:      reachable from the ingress controller, on `routes` only (ingress.yaml)
  routes:      the path prefixes its Ingress routes (each with TLS)
  adminRoutes: operators' path prefixes (a bearer token with Deliveries.Admin, checked by the app),
               on an Ingress of their own (<app>-admin; ingress.admin.sourceRanges may narrow who
               reaches it) that also lets the ingress controller reach an app that is not public
  publicReadOnly: only GET/HEAD are public (the POST/PUT/PATCH/DELETE under the route are
               internal; blocked by method when ingress.blockInternalWrites is on)
  callers:     apps allowed to call it over HTTP (NetworkPolicy ingress rules)
  calls:       apps it calls (NetworkPolicy egress rules and its Services__<App>Url settings,
               both rendered from this one list)
  egressPorts: Azure destinations (443 HTTPS/Entra ID/Storage, 5671 Service Bus AMQP,
               6380 Redis TLS, 10255 Cosmos DB for MongoDB, 10000-20000 Cosmos direct mode)
  scaler:      http (Prometheus request rate + CPU) or queue (Service Bus + Durable queues + CPU)
  customerAuth: serves customer routes: validates bearer tokens (Auth__* settings)
  internalCalls: apps whose internal (function-key) routes it calls: it gets their function keys
               (Services__<App>Key from the Secret its SecretProviderClass syncs from Key Vault).
               Ingestion calls delivery only on a customer route, with the customer's own token.
  extensionWebhooks: host extensions whose webhook URL the app's code needs (the Durable client
               binding: durabletask). The host builds that URL from WEBSITE_HOSTNAME and the system
               key `<extension>_extension`, which it would create on first use - impossible when the
               keys are read-only files (functionKeys.storage=kubernetes), so the chart mounts it.
Who calls whom (issue 4): the workflow calls package, dronescheduler and delivery; ingestion
calls delivery (GET /api/deliveries/{id} before accepting a reschedule or cancel). Drones report
to the workflow (POST /api/droneevents) through the ingress controller. The operations page
(/api/ops, served by delivery) and the admin routes it calls, /api/deadletters (workflow) and
/api/fleet (drone scheduler), are adminRoutes: one origin for the page, each route checking the
admin's token (docs/decisions.md, "The operations page"). The drone scheduler's other admin
routes (PATCH /api/drones/{id}) stay in-cluster (kubectl port-forward).
*/}}
{{- define "dronedelivery.traits" -}}
ingestion:
  public: true
  routes: [/api/deliveryrequests]
  callers: []
  calls: [delivery]
  internalCalls: []
  customerAuth: true
  extensionWebhooks: []
  scaler: http
  egressPorts: [{port: 443}, {port: 5671}, {port: 6380}]
workflow:
  public: true
  routes: [/api/droneevents]
  callers: []
  adminRoutes: [/api/deadletters]
  calls: [package, dronescheduler, delivery]
  internalCalls: [package, dronescheduler, delivery]
  customerAuth: true
  extensionWebhooks: [durabletask]
  scaler: queue
  egressPorts: [{port: 443}, {port: 5671}]
delivery:
  public: true
  routes: [/api/deliveries, /api/track]
  adminRoutes: [/api/ops]
  publicReadOnly: true
  # Customer routes that write (webhook subscriptions): public although the app is publicReadOnly.
  publicWriteRoutes: [/api/webhooks]
  callers: [ingestion, workflow]
  calls: []
  internalCalls: []
  customerAuth: true
  extensionWebhooks: []
  scaler: http
  egressPorts: [{port: 443}, {port: 6380}]
dronescheduler:
  public: false
  adminRoutes: [/api/fleet]
  callers: [workflow]
  calls: []
  internalCalls: []
  customerAuth: true
  extensionWebhooks: []
  scaler: http
  egressPorts: [{port: 443}, {port: 10000, endPort: 20000}]
package:
  public: false
  callers: [workflow]
  calls: []
  internalCalls: []
  extensionWebhooks: []
  scaler: http
  egressPorts: [{port: 443}, {port: 10255}]
{{- end -}}

{{/* Image reference of one app. (dict "root" $ "app" name "cfg" appValues) */}}
{{- define "dronedelivery.image" -}}
{{- $img := .root.Values.image -}}
{{- if .cfg.image.digest -}}
{{- printf "%s/%s@%s" $img.registry .cfg.image.repository .cfg.image.digest -}}
{{- else -}}
{{- printf "%s/%s:%s" $img.registry .cfg.image.repository $img.tag -}}
{{- end -}}
{{- end -}}

{{/* Setting that carries a callee's base URL (docs/configuration.md). (dict "app" callee) */}}
{{- define "dronedelivery.serviceUrlSetting" -}}
{{- get (dict "package" "Services__PackageUrl" "dronescheduler" "Services__DroneSchedulerUrl" "delivery" "Services__DeliveryUrl") .app | required (printf "no Services__*Url setting for %s" .app) -}}
{{- end -}}

{{/* Setting that carries a callee's function key (docs/configuration.md). (dict "app" callee) */}}
{{- define "dronedelivery.serviceKeySetting" -}}
{{- get (dict "package" "Services__PackageKey" "dronescheduler" "Services__DroneSchedulerKey" "delivery" "Services__DeliveryKey") .app | required (printf "no Services__*Key setting for %s" .app) -}}
{{- end -}}

{{/* In-cluster base URL of an app's Service. (dict "root" $ "app" name) */}}
{{- define "dronedelivery.serviceUrl" -}}
{{- printf "http://%s.%s.svc.cluster.local" (include "dronedelivery.appFullname" .) .root.Release.Namespace -}}
{{- end -}}

{{/* In-cluster host name and port of an app's Service (its WEBSITE_HOSTNAME). (dict "root" $ "app" name) */}}
{{- define "dronedelivery.serviceHost" -}}
{{- printf "%s.%s.svc.cluster.local:80" (include "dronedelivery.appFullname" .) .root.Release.Namespace -}}
{{- end -}}

{{/* Does this app need a SecretProviderClass (Key Vault CSI)? (dict "root" $ "app" name) */}}
{{- define "dronedelivery.needsKeyVault" -}}
{{- if or (eq .app "package") (eq .root.Values.functionKeys.storage "kubernetes") -}}true{{- end -}}
{{- end -}}
