// User-assigned managed identities: one per service (workload identity), one for
// the KEDA operator (reads queue depth and Prometheus metrics for scaling), and
// the AKS control-plane identity (needs subnet rights before the cluster exists),
// the secrets deployment script's identity (creates absent Key Vault secrets; see
// secrets.bicep) and the Application Gateway's identity (reads the TLS certificate).
// Federated credentials are added by federation.bicep once the cluster's OIDC
// issuer URL is known.

import { names } from 'naming.bicep'

param location string
param prefix string
param suffix string
param tags object

var n = names(prefix, suffix)

resource ingestion 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: n.serviceIdentities.ingestion
  location: location
  tags: union(tags, { 'dronedelivery-service': 'ingestion' })
}

resource workflow 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: n.serviceIdentities.workflow
  location: location
  tags: union(tags, { 'dronedelivery-service': 'workflow' })
}

resource delivery 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: n.serviceIdentities.delivery
  location: location
  tags: union(tags, { 'dronedelivery-service': 'delivery' })
}

resource dronescheduler 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: n.serviceIdentities.dronescheduler
  location: location
  tags: union(tags, { 'dronedelivery-service': 'dronescheduler' })
}

resource package 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: n.serviceIdentities.package
  location: location
  tags: union(tags, { 'dronedelivery-service': 'package' })
}

resource keda 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: n.kedaIdentity
  location: location
  tags: tags
}

resource controlPlane 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: n.controlPlaneIdentity
  location: location
  tags: tags
}

resource secretsScript 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: n.secretsScriptIdentity
  location: location
  tags: tags
}

resource appGateway 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: n.appGatewayIdentity
  location: location
  tags: tags
}

output servicePrincipalIds object = {
  ingestion: ingestion.properties.principalId
  workflow: workflow.properties.principalId
  delivery: delivery.properties.principalId
  dronescheduler: dronescheduler.properties.principalId
  package: package.properties.principalId
}
output serviceClientIds object = {
  ingestion: ingestion.properties.clientId
  workflow: workflow.properties.clientId
  delivery: delivery.properties.clientId
  dronescheduler: dronescheduler.properties.clientId
  package: package.properties.clientId
}
output kedaPrincipalId string = keda.properties.principalId
output kedaClientId string = keda.properties.clientId
output controlPlaneIdentityId string = controlPlane.id
output controlPlanePrincipalId string = controlPlane.properties.principalId
output secretsScriptIdentityId string = secretsScript.id
output secretsScriptPrincipalId string = secretsScript.properties.principalId
output appGatewayIdentityId string = appGateway.id
output appGatewayPrincipalId string = appGateway.properties.principalId
