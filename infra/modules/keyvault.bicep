// Two Key Vaults in RBAC mode:
// - the application vault holds what the pods mount through the Secrets Store
//   CSI driver: the Functions host keys and the MongoDB API connection string
//   (infra/keyvault-secrets.json). The secrets are created, only when absent, by
//   the deployment script of secrets.bicep: a Bicep secret resource would
//   overwrite a rotated value on every deployment;
// - the ingress vault holds the TLS certificate the managed NGINX ingress
//   (application routing add-on) serves. Kept apart so the add-on's identity
//   cannot read application secrets.

import { names } from 'naming.bicep'

param location string
param prefix string
param suffix string
param tags object

var n = names(prefix, suffix)

@description('Reachable only through private endpoints (prod): public network access disabled.')
param privateNetworking bool

@description('Purge protection (prod). Once on it cannot be turned off.')
param enablePurgeProtection bool

var vaultProperties = {
  tenantId: tenant().tenantId
  sku: { family: 'A', name: 'standard' }
  enableRbacAuthorization: true
  enableSoftDelete: true
  softDeleteRetentionInDays: 30
  enablePurgeProtection: enablePurgeProtection ? true : null
  publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
}

resource appVault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: n.appVault
  location: location
  tags: tags
  properties: vaultProperties
}

resource ingressVault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: n.ingressVault
  location: location
  tags: tags
  properties: vaultProperties
}

output appVaultName string = appVault.name
output appVaultUri string = appVault.properties.vaultUri
output ingressVaultName string = ingressVault.name
output ingressVaultUri string = ingressVault.properties.vaultUri
