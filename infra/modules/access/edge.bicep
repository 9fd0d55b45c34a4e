// The Application Gateway (WAF in front of the ingress, prod) reads the ingress
// TLS certificate from the ingress vault as a secret: Key Vault Secrets User on
// that one secret. Made after the secrets script, which creates a placeholder
// certificate when none was imported.

import { names } from '../naming.bicep'

param prefix string
param suffix string

@description('principalIds.appGateway.')
param principalIds object

param ingressCertificateName string

var keyVaultSecretsUser = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource ingressVault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: names(prefix, suffix).ingressVault
}

resource ingressCertificateSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' existing = {
  parent: ingressVault
  name: ingressCertificateName
}

// Exists once the secrets script has created (or found) the certificate.
resource appGatewayReadsCertificate 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: ingressCertificateSecret
  name: guid(ingressCertificateSecret.id, 'appGateway', keyVaultSecretsUser)
  properties: {
    principalId: principalIds.appGateway
    principalType: 'ServicePrincipal'
    roleDefinitionId: keyVaultSecretsUser
    description: 'appGateway: read the ingress TLS certificate'
  }
}
