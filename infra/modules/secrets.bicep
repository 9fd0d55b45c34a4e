// Creates, when absent, every Key Vault secret the chart mounts (the list in
// infra/keyvault-secrets.json) and a self-signed placeholder for the ingress TLS
// certificate, with one deployment script (scripts/ensure-secrets.sh) that runs on
// every deployment and never overwrites: function keys are generated in the
// script's container (48 random bytes), the MongoDB API connection string is
// handed to it as a secure environment variable. No secret value is a template
// output or a committed file.
//
// The script runs as its own identity (id-<prefix>-secrets: Key Vault Secrets
// Officer on the application vault, Key Vault Certificates Officer on the ingress
// vault; see access/secrets.bicep). With private networking (prod) the vaults are
// reachable only through their private endpoints, so the script's container runs
// in snet-deployment-scripts and uses a storage account of its own (storage.bicep:
// Azure Files, shared key required by the deployment script service) that is
// itself reachable only through a private endpoint (private-endpoints.bicep).

import { names } from 'naming.bicep'

param location string
param prefix string
param suffix string
param tags object

@description('infra/keyvault-secrets.json secrets: [{ name, value: functionKey|mongoConnectionString }].')
param secrets array

@description('Run the script in the virtual network (prod: the vaults have no public access).')
param privateNetworking bool

@description('snet-deployment-scripts (delegated to Azure Container Instances).')
param scriptSubnetId string

param scriptIdentityId string

param ingressHost string
param ingressCertificateName string

@description('Changes on every deployment so the script runs each time (it only adds what is missing).')
param forceUpdateTag string

var n = names(prefix, suffix)

resource mongoAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: n.cosmosMongo
}

resource scriptStorage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: n.scriptStorage
}

resource ensureSecrets 'Microsoft.Resources/deploymentScripts@2023-08-01' = {
  name: n.secretsScript
  location: location
  tags: tags
  kind: 'AzureCLI'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${scriptIdentityId}': {} }
  }
  properties: {
    azCliVersion: '2.67.0'
    timeout: 'PT30M'
    retentionInterval: 'PT1H'
    cleanupPreference: 'OnSuccess'
    forceUpdateTag: forceUpdateTag
    containerSettings: privateNetworking ? { subnetIds: [ { id: scriptSubnetId } ] } : null
    storageAccountSettings: privateNetworking ? { storageAccountName: scriptStorage.name } : null
    environmentVariables: [
      { name: 'VAULT_NAME', value: n.appVault }
      { name: 'FUNCTION_KEY_SECRETS', value: join(map(filter(secrets, s => s.value == 'functionKey'), s => s.name), ' ') }
      { name: 'MONGO_SECRET_NAME', value: filter(secrets, s => s.value == 'mongoConnectionString')[0].name }
      { name: 'MONGO_CONNECTION_STRING', secureValue: mongoAccount.listConnectionStrings().connectionStrings[0].connectionString }
      { name: 'INGRESS_VAULT_NAME', value: n.ingressVault }
      { name: 'INGRESS_CERTIFICATE_NAME', value: ingressCertificateName }
      { name: 'INGRESS_HOST', value: ingressHost }
    ]
    scriptContent: loadTextContent('../scripts/ensure-secrets.sh')
  }
}

output scriptName string = ensureSecrets.name
