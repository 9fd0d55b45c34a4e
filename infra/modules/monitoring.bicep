// Log Analytics + Application Insights (apps, Container Insights, Defender),
// Azure Monitor workspace (managed Prometheus) and Azure Managed Grafana.

import { names } from 'naming.bicep'

@description('Azure region.')
param location string

@description('Name prefix, e.g. drone-dev.')
param prefix string

@description('Short unique suffix for globally unique names.')
param suffix string

@description('Log retention in days.')
@minValue(30)
param retentionInDays int

param tags object

var n = names(prefix, suffix)

resource logs 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: n.logAnalytics
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
    features: { enableLogAccessUsingOnlyResourcePermissions: true }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: n.appInsights
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    IngestionMode: 'LogAnalytics'
  }
}

// Managed Prometheus lands here; the AKS module wires the data collection rule.
resource prometheus 'Microsoft.Monitor/accounts@2023-04-03' = {
  name: n.azureMonitorWorkspace
  location: location
  tags: tags
}

resource grafana 'Microsoft.Dashboard/grafana@2024-10-01' = {
  name: n.grafana
  location: location
  tags: tags
  sku: { name: 'Standard' }
  identity: { type: 'SystemAssigned' }
  properties: {
    apiKey: 'Disabled'
    deterministicOutboundIP: 'Disabled'
    publicNetworkAccess: 'Enabled'
    zoneRedundancy: 'Disabled'
    grafanaIntegrations: {
      azureMonitorWorkspaceIntegrations: [
        { azureMonitorWorkspaceResourceId: prometheus.id }
      ]
    }
  }
}

output logAnalyticsWorkspaceId string = logs.id
output applicationInsightsName string = appInsights.name
// Not a credential: it names the ingestion endpoint and resource (Microsoft guidance).
output applicationInsightsConnectionString string = appInsights.properties.ConnectionString
output azureMonitorWorkspaceId string = prometheus.id
output azureMonitorWorkspaceName string = prometheus.name
output prometheusQueryEndpoint string = prometheus.properties.metrics.prometheusQueryEndpoint
output grafanaName string = grafana.name
output grafanaPrincipalId string = grafana.identity.principalId
output grafanaEndpoint string = grafana.properties.endpoint
