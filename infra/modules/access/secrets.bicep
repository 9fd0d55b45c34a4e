// Grants of the secrets deployment script's identity (modules/secrets.bicep):
// - secretsScript (the deployment script of secrets.bicep): Key Vault Secrets
//   Officer on the application vault (create absent secrets; the secrets do not
//   exist yet, so the vault is the narrowest scope), Key Vault Certificates Officer
//   on the ingress vault (placeholder TLS certificate).
// Made before the script runs. The apps' grants, one per secret, are in
// workloads.bicep.

import { names } from '../naming.bicep'

param prefix string
param suffix string

@description('principalIds.secretsScript.')
param principalIds object

var n = names(prefix, suffix)
var keyVaultSecretsOfficer = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
var keyVaultCertificatesOfficer = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'a4417e6f-fecd-4de8-b567-7b0420556985')

resource appVault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: n.appVault
}

resource ingressVault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: n.ingressVault
}

resource scriptWritesSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appVault
  name: guid(appVault.id, 'secretsScript', keyVaultSecretsOfficer)
  properties: {
    principalId: principalIds.secretsScript
    principalType: 'ServicePrincipal'
    roleDefinitionId: keyVaultSecretsOfficer
    description: 'secretsScript: create the application secrets that are absent'
  }
}

resource scriptWritesCertificate 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: ingressVault
  name: guid(ingressVault.id, 'secretsScript', keyVaultCertificatesOfficer)
  properties: {
    principalId: principalIds.secretsScript
    principalType: 'ServicePrincipal'
    roleDefinitionId: keyVaultCertificatesOfficer
    description: 'secretsScript: create the placeholder ingress TLS certificate when absent'
  }
}
