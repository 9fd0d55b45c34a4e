// Role assignments for platform identities (not workloads):
// - kubelet: AcrPull on the registry (image and OCI chart pulls, incl. Flux);
// - grafana: Monitoring Data Reader on the Azure Monitor workspace (Prometheus);
// - appRouting: Key Vault Certificate User on the ingress vault only (TLS cert);
// - operators (optional Entra group): Grafana Admin and AKS RBAC Cluster Admin.

import { names } from '../naming.bicep'

param prefix string
param suffix string

@description('Entra group of the platform operators; empty: no operator grants.')
param operatorsGroupObjectId string

@description('principalIds.kubelet, .grafana, .appRouting.')
param principalIds object

var n = names(prefix, suffix)
var acrPull = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
var monitoringDataReader = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b0d8363b-8ddd-447d-831f-62ca05bff136')
var keyVaultCertificateUser = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba')
var grafanaAdmin = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '22926164-76b3-42b3-bc55-97df8dab3e41')
var aksRbacClusterAdmin = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b')

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = {
  name: n.registry
}

resource prometheus 'Microsoft.Monitor/accounts@2023-04-03' existing = {
  name: n.azureMonitorWorkspace
}

resource grafana 'Microsoft.Dashboard/grafana@2024-10-01' existing = {
  name: n.grafana
}

resource ingressVault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: n.ingressVault
}

resource cluster 'Microsoft.ContainerService/managedClusters@2025-05-01' existing = {
  name: n.aks
}

resource kubeletAcrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, 'kubelet', acrPull)
  properties: {
    principalId: principalIds.kubelet
    principalType: 'ServicePrincipal'
    roleDefinitionId: acrPull
    description: 'kubelet: pull images and the OCI Helm chart'
  }
}

resource grafanaReadsPrometheus 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: prometheus
  name: guid(prometheus.id, 'grafana', monitoringDataReader)
  properties: {
    principalId: principalIds.grafana
    principalType: 'ServicePrincipal'
    roleDefinitionId: monitoringDataReader
    description: 'grafana: query managed Prometheus'
  }
}

resource appRoutingReadsCertificates 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: ingressVault
  name: guid(ingressVault.id, 'appRouting', keyVaultCertificateUser)
  properties: {
    principalId: principalIds.appRouting
    principalType: 'ServicePrincipal'
    roleDefinitionId: keyVaultCertificateUser
    description: 'appRouting: read the ingress TLS certificate'
  }
}

resource operatorsGrafanaAdmin 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorsGroupObjectId)) {
  scope: grafana
  name: guid(grafana.id, 'operators', grafanaAdmin)
  properties: {
    principalId: operatorsGroupObjectId
    principalType: 'Group'
    roleDefinitionId: grafanaAdmin
    description: 'operators: administer dashboards'
  }
}

resource operatorsClusterAdmin 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorsGroupObjectId)) {
  scope: cluster
  name: guid(cluster.id, 'operators', aksRbacClusterAdmin)
  properties: {
    principalId: operatorsGroupObjectId
    principalType: 'Group'
    roleDefinitionId: aksRbacClusterAdmin
    description: 'operators: Kubernetes cluster admin through Azure RBAC'
  }
}
