// Prod: zone-redundant node pools, Standard AKS tier, Premium Service Bus, Redis
// and ACR (selected in main.bicep from environmentName), Defender for Containers.
using './main.bicep'

param environmentName = 'prod'
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')
param ingressHost = readEnvironmentVariable('INGRESS_HOST', 'dronedelivery.example.com')
param operatorsGroupObjectId = readEnvironmentVariable('OPERATORS_GROUP_OBJECT_ID', '')
param gitopsRepositoryUrl = readEnvironmentVariable('GITOPS_REPOSITORY_URL', '')
param gitopsBranch = readEnvironmentVariable('GITOPS_BRANCH', 'main')

param systemNodeVmSize = 'Standard_D4ds_v5'
param systemNodeCount = 3
param userNodeVmSize = 'Standard_D4ds_v5'
param userNodeMinCount = 3
param userNodeMaxCount = 12
param enableDefenderForContainers = true

param tags = {
  costCenter: 'dronedelivery-prod'
}
