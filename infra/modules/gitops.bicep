// Flux (AKS GitOps extension) pointed at this repository's gitops/clusters/<env>
// folder. The Kustomization substitutes ${ACR_LOGIN_SERVER} (the chart's OCI
// source) so the same manifests work for any registry name.

import { names } from 'naming.bicep'

param prefix string
param suffix string
param environmentName string

@description('HTTPS URL of the Git repository holding gitops/.')
param repositoryUrl string

param branch string
param registryLoginServer string

resource cluster 'Microsoft.ContainerService/managedClusters@2025-05-01' existing = {
  name: names(prefix, suffix).aks
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  scope: cluster
  name: 'flux'
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    releaseTrain: 'Stable'
    scope: { cluster: { releaseNamespace: 'flux-system' } }
  }
}

resource dronedelivery 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  scope: cluster
  name: 'dronedelivery'
  dependsOn: [ flux ]
  properties: {
    scope: 'cluster'
    namespace: 'flux-system'
    sourceKind: 'GitRepository'
    suspend: false
    gitRepository: {
      url: repositoryUrl
      repositoryRef: { branch: branch }
      syncIntervalInSeconds: 120
      timeoutInSeconds: 600
    }
    kustomizations: {
      dronedelivery: {
        path: './gitops/clusters/${environmentName}'
        prune: true
        syncIntervalInSeconds: 120
        timeoutInSeconds: 600
        postBuild: {
          substitute: {
            ACR_LOGIN_SERVER: registryLoginServer
          }
        }
      }
    }
  }
}
