// User-assigned managed identities: one per service (workload identity), one for
// the KEDA operator (reads queue depth and Prometheus metrics for scaling), and
// the AKS control-plane identity (needs subnet rights before the cluster exists).
// Federated credentials are added by federation.bicep once the cluster's OIDC
// issuer URL is known.

param location string
param prefix string
param tags object

var services = [ 'ingestion', 'workflow', 'delivery', 'dronescheduler', 'package' ]

resource serviceIdentities 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = [for service in services: {
  name: 'id-${prefix}-${service}'
  location: location
  tags: union(tags, { 'dronedelivery-service': service })
}]

resource kedaIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${prefix}-keda'
  location: location
  tags: tags
}

resource controlPlaneIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${prefix}-aks'
  location: location
  tags: tags
}

output serviceIdentityNames object = toObject(range(0, length(services)), i => services[i], i => serviceIdentities[i].name)
output servicePrincipalIds object = toObject(range(0, length(services)), i => services[i], i => serviceIdentities[i].properties.principalId)
output serviceClientIds object = toObject(range(0, length(services)), i => services[i], i => serviceIdentities[i].properties.clientId)
output kedaIdentityName string = kedaIdentity.name
output kedaPrincipalId string = kedaIdentity.properties.principalId
output kedaClientId string = kedaIdentity.properties.clientId
output controlPlaneIdentityId string = controlPlaneIdentity.id
output controlPlanePrincipalId string = controlPlaneIdentity.properties.principalId
