// Storage for the Functions host (AzureWebJobsStorage) and the Durable Functions
// Azure Storage backend (task hub "dronedelivery": queues, tables, lease blobs).
// Shared keys are disabled: every app connects with AzureWebJobsStorage__accountName
// and its workload identity.

import { names } from 'naming.bicep'

param location string
param prefix string
param suffix string
param tags object

var n = names(prefix, suffix)

@description('Reachable only through private endpoints (prod): public network access disabled.')
param privateNetworking bool

@allowed([ 'Standard_LRS', 'Standard_ZRS' ])
param skuName string

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: n.storage
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: skuName }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
}

// The Functions host keeps its host-id locks here. The HTTP-only apps get a
// role on this container only, never on the task hub's queues and tables.
resource hostContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobs
  name: 'azure-webjobs-hosts'
  properties: { publicAccess: 'None' }
}

// The secrets deployment script's own account (secrets.bicep), with private
// networking only: the deployment script service mounts an Azure Files share
// with the account key, which the main account does not allow.
resource scriptStorage 'Microsoft.Storage/storageAccounts@2024-01-01' = if (privateNetworking) {
  name: n.scriptStorage
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Disabled'
    networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' }
  }
}

output name string = account.name
output hostContainerName string = hostContainer.name
