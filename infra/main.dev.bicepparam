// Dev: small, cheap, single zone. Values that differ per deployer come from
// environment variables so the file itself stays generic.
using './main.bicep'

param environmentName = 'dev'
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')
param ingressHost = readEnvironmentVariable('INGRESS_HOST', 'dronedelivery-dev.example.com')
param operatorsGroupObjectId = readEnvironmentVariable('OPERATORS_GROUP_OBJECT_ID', '')
param gitopsRepositoryUrl = readEnvironmentVariable('GITOPS_REPOSITORY_URL', '')
param gitopsBranch = readEnvironmentVariable('GITOPS_BRANCH', 'main')

param systemNodeVmSize = 'Standard_D2ds_v5'
param systemNodeCount = 1
param userNodeVmSize = 'Standard_D2ds_v5'
param userNodeMinCount = 1
param userNodeMaxCount = 4
param enableDefenderForContainers = false

param tags = {
  costCenter: 'dronedelivery-dev'
}
