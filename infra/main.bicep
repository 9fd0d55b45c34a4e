// Drone Delivery on AKS: the whole Azure environment, from an empty subscription.
//
//   az deployment sub create --location <region> \
//     --template-file infra/main.bicep --parameters infra/main.dev.bicepparam
//
// Outputs feed the Helm chart's values (eng/infra-outputs-to-values.sh) and the
// Flux configuration (gitops/clusters/<env>). See docs/infrastructure.md.
targetScope = 'subscription'

@description('Environment name; also selects gitops/clusters/<environmentName>.')
@allowed([ 'dev', 'prod' ])
param environmentName string

@description('Azure region for every resource.')
param location string

@description('Short lowercase name used in every resource name.')
@minLength(2)
@maxLength(7)
param baseName string = 'drone'

@description('Kubernetes namespace of the Helm release.')
param kubernetesNamespace string = 'dronedelivery'

@description('ServiceAccount per service, as the chart names them (<release>-<app>).')
param serviceAccountNames object = {
  ingestion: 'dronedelivery-ingestion'
  workflow: 'dronedelivery-workflow'
  delivery: 'dronedelivery-delivery'
  dronescheduler: 'dronedelivery-dronescheduler'
  package: 'dronedelivery-package'
}

@description('Public host name of the ingress (DNS is managed outside this template).')
param ingressHost string

@description('Name of the TLS certificate in the ingress Key Vault (imported by the operator, see docs/infrastructure.md).')
param ingressCertificateName string = 'dronedelivery-tls'

@description('Kubernetes TLS secret the ingress serves. The application routing add-on syncs the Key Vault certificate into keyvault-<ingress name>; the chart names the ingestion Ingress <release>-ingestion.')
param ingressTlsSecretName string = 'keyvault-dronedelivery-ingestion'

@description('Kubernetes version; empty takes the region default.')
param kubernetesVersion string = ''

param systemNodeVmSize string = 'Standard_D2ds_v5'
param systemNodeCount int = 2
param userNodeVmSize string = 'Standard_D4ds_v5'
param userNodeMinCount int = 2
param userNodeMaxCount int = 6

@description('Entra group (object id) of the platform operators: AKS cluster admin and Grafana Admin. Empty: none.')
param operatorsGroupObjectId string = ''

@description('Turn on Microsoft Defender for Containers (a subscription-wide plan) and the AKS sensor.')
param enableDefenderForContainers bool = false

@description('HTTPS URL of the Git repository Flux syncs gitops/ from. Empty: Flux is not installed.')
param gitopsRepositoryUrl string = ''

param gitopsBranch string = 'main'

param tags object = {}

@description('Changes on every deployment so the secrets script runs each time; it only creates what is absent.')
param deploymentTime string = utcNow()

var isProd = environmentName == 'prod'
// Prod: every PaaS service only through private endpoints, the ingress behind
// the Application Gateway WAF. Dev keeps public endpoints (Standard SKUs of
// Service Bus and ACR have no private endpoints) and the public managed NGINX.
var privateNetworking = isProd
var applicationGateway = isProd
// The one list of Key Vault secrets the chart mounts, and who reads which.
var keyVaultSecrets = loadJsonContent('keyvault-secrets.json')
var prefix = '${baseName}-${environmentName}'
var suffix = take(uniqueString(subscription().subscriptionId, baseName, environmentName, location), 6)
var allTags = union(tags, {
  application: 'dronedelivery'
  environment: environmentName
})

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${prefix}'
  location: location
  tags: allTags
}

// Subscription-wide plan: only when asked (it bills every cluster in the subscription).
resource defenderForContainers 'Microsoft.Security/pricings@2024-01-01' = if (enableDefenderForContainers) {
  name: 'Containers'
  properties: {
    pricingTier: 'Standard'
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  name: 'monitoring'
  params: {
    location: location
    prefix: prefix
    suffix: suffix
    tags: allTags
    retentionInDays: isProd ? 90 : 30
  }
}

module network 'modules/network.bicep' = {
  scope: group
  name: 'network'
  params: {
    location: location
    prefix: prefix
    suffix: suffix
    tags: allTags
  }
}

module registry 'modules/registry.bicep' = {
  scope: group
  name: 'registry'
  params: {
    privateNetworking: privateNetworking
    location: location
    prefix: prefix
    suffix: suffix
    tags: allTags
    sku: isProd ? 'Premium' : 'Standard'
  }
}

module messaging 'modules/messaging.bicep' = {
  scope: group
  name: 'messaging'
  params: {
    privateNetworking: privateNetworking
    location: location
    prefix: prefix
    suffix: suffix
    tags: allTags
    sku: isProd ? 'Premium' : 'Standard'
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  name: 'storage'
  params: {
    privateNetworking: privateNetworking
    location: location
    prefix: prefix
    suffix: suffix
    tags: allTags
    skuName: isProd ? 'Standard_ZRS' : 'Standard_LRS'
  }
}

module cosmos 'modules/cosmos.bicep' = {
  scope: group
  name: 'cosmos'
  params: {
    privateNetworking: privateNetworking
    location: location
    prefix: prefix
    suffix: suffix
    tags: allTags
    serverless: !isProd
    zoneRedundant: isProd
  }
}

module redis 'modules/redis.bicep' = {
  scope: group
  name: 'redis'
  params: {
    privateNetworking: privateNetworking
    location: location
    prefix: prefix
    suffix: suffix
    tags: allTags
    skuName: isProd ? 'Premium' : 'Standard'
    skuFamily: isProd ? 'P' : 'C'
    skuCapacity: 1
  }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: group
  name: 'keyvault'
  params: {
    privateNetworking: privateNetworking
    location: location
    prefix: prefix
    suffix: suffix
    tags: allTags
    enablePurgeProtection: isProd
  }
}

module identities 'modules/identities.bicep' = {
  scope: group
  name: 'identities'
  params: {
    location: location
    prefix: prefix
    suffix: suffix
    tags: allTags
  }
}

module clusterNetworkAccess 'modules/access/cluster-network.bicep' = {
  scope: group
  name: 'access-cluster-network'
  dependsOn: [ network ]
  params: {
    prefix: prefix
    suffix: suffix
    internalIngress: applicationGateway
    principalIds: {
      aksControlPlane: identities.outputs.controlPlanePrincipalId
    }
  }
}

module privateEndpoints 'modules/private-endpoints.bicep' = if (privateNetworking) {
  scope: group
  name: 'private-endpoints'
  dependsOn: [ registry, messaging, storage, cosmos, redis, keyVault ]
  params: {
    location: location
    prefix: prefix
    suffix: suffix
    tags: allTags
    vnetId: network.outputs.vnetId
    subnetId: network.outputs.privateEndpointSubnetId
  }
}

module secretsAccess 'modules/access/secrets.bicep' = {
  scope: group
  name: 'access-secrets'
  dependsOn: [ keyVault, storage ]
  params: {
    prefix: prefix
    suffix: suffix
    privateNetworking: privateNetworking
    principalIds: {
      secretsScript: identities.outputs.secretsScriptPrincipalId
    }
  }
}

module secrets 'modules/secrets.bicep' = {
  scope: group
  name: 'secrets'
  dependsOn: [ secretsAccess, privateEndpoints, cosmos ]
  params: {
    location: location
    prefix: prefix
    suffix: suffix
    tags: allTags
    secrets: keyVaultSecrets.secrets
    privateNetworking: privateNetworking
    scriptSubnetId: network.outputs.deploymentScriptSubnetId
    scriptIdentityId: identities.outputs.secretsScriptIdentityId
    ingressHost: ingressHost
    ingressCertificateName: ingressCertificateName
    forceUpdateTag: deploymentTime
  }
}

module edgeAccess 'modules/access/edge.bicep' = if (applicationGateway) {
  scope: group
  name: 'access-edge'
  dependsOn: [ secrets ]
  params: {
    prefix: prefix
    suffix: suffix
    ingressCertificateName: ingressCertificateName
    principalIds: {
      appGateway: identities.outputs.appGatewayPrincipalId
    }
  }
}

module edge 'modules/edge.bicep' = if (applicationGateway) {
  scope: group
  name: 'edge'
  dependsOn: [ edgeAccess, privateEndpoints ]
  params: {
    location: location
    prefix: prefix
    suffix: suffix
    tags: allTags
    subnetId: network.outputs.appGatewaySubnetId
    identityId: identities.outputs.appGatewayIdentityId
    ingressHost: ingressHost
    backendAddress: network.outputs.ingressPrivateIp
    tlsCertificateUri: '${keyVault.outputs.ingressVaultUri}secrets/${ingressCertificateName}'
    wafMode: 'Prevention'
    availabilityZones: isProd ? [ '1', '2', '3' ] : []
  }
}

module aks 'modules/aks.bicep' = {
  scope: group
  name: 'aks'
  dependsOn: [ clusterNetworkAccess ]
  params: {
    location: location
    prefix: prefix
    suffix: suffix
    tags: allTags
    kubernetesVersion: kubernetesVersion
    tier: isProd ? 'Standard' : 'Free'
    controlPlaneIdentityId: identities.outputs.controlPlaneIdentityId
    systemSubnetId: network.outputs.systemSubnetId
    userSubnetId: network.outputs.userSubnetId
    systemNodeVmSize: systemNodeVmSize
    systemNodeCount: systemNodeCount
    userNodeVmSize: userNodeVmSize
    userNodeMinCount: userNodeMinCount
    userNodeMaxCount: userNodeMaxCount
    availabilityZones: isProd ? [ '1', '2', '3' ] : []
    adminGroupObjectIds: empty(operatorsGroupObjectId) ? [] : [ operatorsGroupObjectId ]
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    azureMonitorWorkspaceId: monitoring.outputs.azureMonitorWorkspaceId
    enableDefender: enableDefenderForContainers
    ingressLoadBalancer: applicationGateway ? 'Internal' : 'External'
  }
}

module federation 'modules/federation.bicep' = {
  scope: group
  name: 'federation'
  params: {
    oidcIssuerUrl: aks.outputs.oidcIssuerUrl
    kubernetesNamespace: kubernetesNamespace
    serviceAccountNames: serviceAccountNames
    prefix: prefix
    suffix: suffix
  }
}

module platformAccess 'modules/access/platform.bicep' = {
  scope: group
  name: 'access-platform'
  dependsOn: [ registry, keyVault ]
  params: {
    prefix: prefix
    suffix: suffix
    operatorsGroupObjectId: operatorsGroupObjectId
    principalIds: {
      kubelet: aks.outputs.kubeletPrincipalId
      grafana: monitoring.outputs.grafanaPrincipalId
      appRouting: aks.outputs.appRoutingPrincipalId
    }
  }
}

module workloadAccess 'modules/access/workloads.bicep' = {
  scope: group
  name: 'access-workloads'
  dependsOn: [ messaging, storage, cosmos, redis, secrets, monitoring ]
  params: {
    prefix: prefix
    suffix: suffix
    secretReads: keyVaultSecrets.reads
    principalIds: {
      ingestion: identities.outputs.servicePrincipalIds.ingestion
      workflow: identities.outputs.servicePrincipalIds.workflow
      delivery: identities.outputs.servicePrincipalIds.delivery
      dronescheduler: identities.outputs.servicePrincipalIds.dronescheduler
      package: identities.outputs.servicePrincipalIds.package
      keda: identities.outputs.kedaPrincipalId
    }
  }
}

module gitops 'modules/gitops.bicep' = if (!empty(gitopsRepositoryUrl)) {
  scope: group
  name: 'gitops'
  dependsOn: [ aks, platformAccess ]
  params: {
    prefix: prefix
    suffix: suffix
    environmentName: environmentName
    repositoryUrl: gitopsRepositoryUrl
    branch: gitopsBranch
    registryLoginServer: registry.outputs.loginServer
  }
}

// ---- Outputs: eng/infra-outputs-to-values.sh maps these to chart values. ----
output environmentName string = environmentName
output resourceGroupName string = group.name
output aksClusterName string = aks.outputs.name
output oidcIssuerUrl string = aks.outputs.oidcIssuerUrl
output kubernetesNamespace string = kubernetesNamespace
output serviceAccountNames object = serviceAccountNames

// image.registry
output acrLoginServer string = registry.outputs.loginServer
output acrName string = registry.outputs.name

// azure.*
output tenantId string = tenant().tenantId
output serviceBusNamespaceFqdn string = messaging.outputs.namespaceFqdn
output serviceBusQueueName string = messaging.outputs.queueName
output storageAccountName string = storage.outputs.name
output cosmosEndpoint string = cosmos.outputs.sqlEndpoint
output cosmosDatabaseName string = cosmos.outputs.droneDatabaseName
output cosmosContainerName string = cosmos.outputs.dronesContainerName
output mongoDatabaseName string = cosmos.outputs.packagesDatabaseName
output redisHost string = redis.outputs.hostName
output keyVaultName string = keyVault.outputs.appVaultName
output mongoSecretName string = filter(keyVaultSecrets.secrets, s => s.value == 'mongoConnectionString')[0].name
// Every Key Vault secret the deployment creates when absent (infra/keyvault-secrets.json);
// names only, never values.
output keyVaultSecretNames array = map(keyVaultSecrets.secrets, s => s.name)
output applicationInsightsName string = monitoring.outputs.applicationInsightsName
output applicationInsightsConnectionString string = monitoring.outputs.applicationInsightsConnectionString

// apps.<service>.clientId (and the KEDA operator's identity for TriggerAuthentication)
output serviceClientIds object = identities.outputs.serviceClientIds
output kedaClientId string = identities.outputs.kedaClientId

// keda.prometheus.serverAddress
output prometheusQueryEndpoint string = monitoring.outputs.prometheusQueryEndpoint

// ingress.*
output ingressHost string = ingressHost
output ingressTlsSecretName string = ingressTlsSecretName
output ingressKeyVaultUri string = keyVault.outputs.ingressVaultUri
output ingressTlsCertificateUri string = '${keyVault.outputs.ingressVaultUri}certificates/${ingressCertificateName}'

// networkPolicy.azureEgress: where pods reach Azure services. Prod: the private
// endpoint subnet only; dev: public endpoints.
output azureEgressCidrs array = privateNetworking ? [ network.outputs.privateEndpointSubnetPrefix ] : [ '0.0.0.0/0' ]

// Prod edge: the ingress host's DNS A record points at applicationGatewayPublicIp;
// the WAF forwards to the internal NGINX load balancer at ingressPrivateIp
// (gitops/clusters/prod/ingress-controller.yaml). Dev: both empty, the managed
// NGINX has a public load balancer of its own.
output applicationGatewayPublicIp string = applicationGateway ? edge!.outputs.publicIpAddress : ''
output ingressPrivateIp string = applicationGateway ? network.outputs.ingressPrivateIp : ''

// operations
output grafanaEndpoint string = monitoring.outputs.grafanaEndpoint
output egressPublicIp string = network.outputs.egressPublicIp
