// Grants of the secrets deployment script's identity (modules/secrets.bicep):
// - secretsScript (the deployment script of secrets.bicep): Key Vault Secrets
//   Officer on the application vault (create absent secrets; the secrets do not
//   exist yet, so the vault is the narrowest scope), Key Vault Certificates Officer
//   on the ingress vault (placeholder TLS certificate) and, with private
//   networking, Storage File Data Privileged Contributor on its own script storage.
// Made before the script runs. The apps' grants, one per secret, are in
// workloads.bicep; the Application Gateway's in edge.bicep.

import { names } from '../naming.bicep'

param prefix string
param suffix string

@description('principalIds.secretsScript.')
param principalIds object

param privateNetworking bool

var n = names(prefix, suffix)
var keyVaultSecretsOfficer = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
var keyVaultCertificatesOfficer = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'a4417e6f-fecd-4de8-b567-7b0420556985')
var storageFileDataPrivilegedContributor = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69566ab7-960f-475b-8e7c-b3118f30c6bd')

resource appVault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: n.appVault
}

resource ingressVault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: n.ingressVault
}

resource scriptStorage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: n.scriptStorage
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

resource scriptMountsShare 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (privateNetworking) {
  scope: scriptStorage
  name: guid(scriptStorage.id, 'secretsScript', storageFileDataPrivilegedContributor)
  properties: {
    principalId: principalIds.secretsScript
    principalType: 'ServicePrincipal'
    roleDefinitionId: storageFileDataPrivilegedContributor
    description: 'secretsScript: the deployment script share in its private storage account'
  }
}
