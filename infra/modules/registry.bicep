// Azure Container Registry for the five images and the Helm chart (OCI).
// No admin user, no anonymous pull: AKS pulls with its kubelet identity (AcrPull),
// CI pushes with its own federated identity (granted outside this template).

import { names } from 'naming.bicep'

param location string
param prefix string
param suffix string
param tags object

var n = names(prefix, suffix)

@description('Reachable only through private endpoints (prod): public network access disabled.')
param privateNetworking bool

@allowed([ 'Standard', 'Premium' ])
param sku string

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' = {
  name: n.registry
  location: location
  tags: tags
  sku: { name: sku }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    networkRuleBypassOptions: 'AzureServices'
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    policies: {
      retentionPolicy: sku == 'Premium' ? { days: 30, status: 'enabled' } : null
    }
  }
}

output name string = registry.name
output loginServer string = registry.properties.loginServer
