// Two Key Vaults in RBAC mode:
// - the application vault holds the one remaining secret, the MongoDB API
//   connection string ("mongo-connection-string"), read by the package pod
//   through the Secrets Store CSI driver with the package identity;
// - the ingress vault holds the TLS certificate the managed NGINX ingress
//   (application routing add-on) serves. Kept apart so the add-on's identity
//   cannot read application secrets.

import { names } from 'naming.bicep'

param location string
param prefix string
param suffix string
param tags object

var n = names(prefix, suffix)

@description('Purge protection (prod). Once on it cannot be turned off.')
param enablePurgeProtection bool

resource mongoAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: n.cosmosMongo
}

var vaultProperties = {
  tenantId: tenant().tenantId
  sku: { family: 'A', name: 'standard' }
  enableRbacAuthorization: true
  enableSoftDelete: true
  softDeleteRetentionInDays: 30
  enablePurgeProtection: enablePurgeProtection ? true : null
  publicNetworkAccess: 'Enabled'
}

resource appVault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: n.appVault
  location: location
  tags: tags
  properties: vaultProperties
}

resource mongoSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: appVault
  // Fixed name: the chart's apps.package.mongo.keyVaultSecretName.
  name: 'mongo-connection-string'
  properties: {
    contentType: 'text/plain'
    value: mongoAccount.listConnectionStrings().connectionStrings[0].connectionString
  }
}

resource ingressVault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: n.ingressVault
  location: location
  tags: tags
  properties: vaultProperties
}

output appVaultName string = appVault.name
output appVaultUri string = appVault.properties.vaultUri
output mongoSecretName string = mongoSecret.name
output ingressVaultName string = ingressVault.name
output ingressVaultUri string = ingressVault.properties.vaultUri
