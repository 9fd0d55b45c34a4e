// AKS cluster set up for the Drone Delivery workloads:
// - Entra ID auth with Azure RBAC for Kubernetes, local accounts disabled;
// - OIDC issuer + workload identity (one federated identity per service);
// - KEDA add-on, application routing (managed NGINX; behind an internal load
//   balancer and the Application Gateway WAF in prod), Key Vault Secrets Store CSI;
// - Azure CNI overlay with Cilium (network policy engine + dataplane);
// - system pool (critical add-ons only) and an autoscaled user pool;
// - egress through the NAT gateway only (userAssignedNATGateway);
// - managed Prometheus (Azure Monitor workspace) and Container Insights, both
//   through data collection rules with managed-identity auth;
// - Microsoft Defender for Containers sensor when enabled.

import { names } from 'naming.bicep'

param location string
param prefix string
param suffix string
param tags object

@description('Kubernetes version; empty takes the region default.')
param kubernetesVersion string

@description('Free tier for dev, Standard (uptime SLA) for prod.')
@allowed([ 'Free', 'Standard' ])
param tier string

param controlPlaneIdentityId string
param systemSubnetId string
param userSubnetId string

param systemNodeVmSize string
param systemNodeCount int
param userNodeVmSize string
param userNodeMinCount int
param userNodeMaxCount int

@description('Availability zones for node pools; empty for none.')
param availabilityZones array

@description('Entra group object ids with cluster admin through the AAD profile.')
param adminGroupObjectIds array

param logAnalyticsWorkspaceId string
param azureMonitorWorkspaceId string

param enableDefender bool

@description('Load balancer of the managed NGINX: Internal (behind the Application Gateway WAF, prod) or External.')
@allowed([ 'Internal', 'External' ])
param ingressLoadBalancer string

var clusterName = names(prefix, suffix).aks

resource cluster 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: clusterName
  location: location
  tags: tags
  sku: { name: 'Base', tier: tier }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${controlPlaneIdentityId}': {} }
  }
  properties: {
    kubernetesVersion: empty(kubernetesVersion) ? null : kubernetesVersion
    dnsPrefix: clusterName
    enableRBAC: true
    disableLocalAccounts: true
    aadProfile: {
      managed: true
      enableAzureRBAC: true
      tenantID: tenant().tenantId
      adminGroupObjectIDs: adminGroupObjectIds
    }
    oidcIssuerProfile: { enabled: true }
    securityProfile: {
      workloadIdentity: { enabled: true }
      imageCleaner: { enabled: true, intervalHours: 168 }
      defender: enableDefender
        ? {
            logAnalyticsWorkspaceResourceId: logAnalyticsWorkspaceId
            securityMonitoring: { enabled: true }
          }
        : null
    }
    workloadAutoScalerProfile: {
      keda: { enabled: true }
    }
    ingressProfile: {
      webAppRouting: {
        enabled: true
        // Internal: the default NginxIngressController gets an internal load balancer
        // (its subnet and static address: gitops/clusters/prod/ingress-controller.yaml).
        nginx: { defaultIngressControllerType: ingressLoadBalancer }
      }
    }
    addonProfiles: {
      azureKeyvaultSecretsProvider: {
        enabled: true
        config: {
          enableSecretRotation: 'true'
          rotationPollInterval: '2m'
        }
      }
      omsagent: {
        enabled: true
        config: {
          logAnalyticsWorkspaceResourceID: logAnalyticsWorkspaceId
          useAADAuth: 'true'
        }
      }
      azurepolicy: { enabled: true }
    }
    azureMonitorProfile: {
      metrics: {
        enabled: true
        kubeStateMetrics: {
          metricLabelsAllowlist: ''
          metricAnnotationsAllowList: ''
        }
      }
    }
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      networkPolicy: 'cilium'
      networkDataplane: 'cilium'
      podCidr: '192.168.0.0/16'
      serviceCidr: '172.16.0.0/16'
      dnsServiceIP: '172.16.0.10'
      loadBalancerSku: 'standard'
      outboundType: 'userAssignedNATGateway'
    }
    autoScalerProfile: {
      'balance-similar-node-groups': 'true'
      expander: 'least-waste'
      'max-graceful-termination-sec': '600'
      'scale-down-delay-after-add': '10m'
      'scale-down-unneeded-time': '10m'
      'scale-down-utilization-threshold': '0.5'
      'skip-nodes-with-local-storage': 'false'
    }
    autoUpgradeProfile: {
      upgradeChannel: 'patch'
      nodeOSUpgradeChannel: 'NodeImage'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        osType: 'Linux'
        osSKU: 'AzureLinux'
        vmSize: systemNodeVmSize
        count: systemNodeCount
        enableAutoScaling: false
        availabilityZones: empty(availabilityZones) ? null : availabilityZones
        vnetSubnetID: systemSubnetId
        maxPods: 110
        nodeTaints: [ 'CriticalAddonsOnly=true:NoSchedule' ]
        upgradeSettings: { maxSurge: '33%' }
      }
      {
        name: 'user'
        mode: 'User'
        osType: 'Linux'
        osSKU: 'AzureLinux'
        vmSize: userNodeVmSize
        count: userNodeMinCount
        enableAutoScaling: true
        minCount: userNodeMinCount
        maxCount: userNodeMaxCount
        availabilityZones: empty(availabilityZones) ? null : availabilityZones
        vnetSubnetID: userSubnetId
        maxPods: 110
        nodeLabels: { workload: 'dronedelivery' }
        upgradeSettings: { maxSurge: '33%' }
      }
    ]
  }
}

// Managed Prometheus: data collection endpoint + rule + associations.
resource prometheusEndpoint 'Microsoft.Insights/dataCollectionEndpoints@2023-03-11' = {
  name: 'dce-prom-${prefix}'
  location: location
  tags: tags
  kind: 'Linux'
  properties: {}
}

resource prometheusRule 'Microsoft.Insights/dataCollectionRules@2023-03-11' = {
  name: 'dcr-prom-${prefix}'
  location: location
  tags: tags
  kind: 'Linux'
  properties: {
    dataCollectionEndpointId: prometheusEndpoint.id
    dataSources: {
      prometheusForwarder: [
        {
          name: 'PrometheusDataSource'
          streams: [ 'Microsoft-PrometheusMetrics' ]
          labelIncludeFilter: {}
        }
      ]
    }
    destinations: {
      monitoringAccounts: [
        { name: 'MonitoringAccount1', accountResourceId: azureMonitorWorkspaceId }
      ]
    }
    dataFlows: [
      { streams: [ 'Microsoft-PrometheusMetrics' ], destinations: [ 'MonitoringAccount1' ] }
    ]
  }
}

resource prometheusRuleAssociation 'Microsoft.Insights/dataCollectionRuleAssociations@2023-03-11' = {
  scope: cluster
  name: 'dcra-prom-${prefix}'
  properties: {
    dataCollectionRuleId: prometheusRule.id
    description: 'Managed Prometheus scraping for the AKS cluster'
  }
}

resource prometheusEndpointAssociation 'Microsoft.Insights/dataCollectionRuleAssociations@2023-03-11' = {
  scope: cluster
  name: 'configurationAccessEndpoint'
  properties: {
    dataCollectionEndpointId: prometheusEndpoint.id
  }
}

// Container Insights (logs, inventory, events) into Log Analytics.
resource containerInsightsRule 'Microsoft.Insights/dataCollectionRules@2023-03-11' = {
  name: 'dcr-ci-${prefix}'
  location: location
  tags: tags
  kind: 'Linux'
  properties: {
    dataSources: {
      extensions: [
        {
          name: 'ContainerInsightsExtension'
          extensionName: 'ContainerInsights'
          streams: [ 'Microsoft-ContainerInsights-Group-Default' ]
          extensionSettings: {
            dataCollectionSettings: {
              interval: '1m'
              namespaceFilteringMode: 'Off'
              enableContainerLogV2: true
            }
          }
        }
      ]
    }
    destinations: {
      logAnalytics: [
        { name: 'ciworkspace', workspaceResourceId: logAnalyticsWorkspaceId }
      ]
    }
    dataFlows: [
      { streams: [ 'Microsoft-ContainerInsights-Group-Default' ], destinations: [ 'ciworkspace' ] }
    ]
  }
}

resource containerInsightsAssociation 'Microsoft.Insights/dataCollectionRuleAssociations@2023-03-11' = {
  scope: cluster
  name: 'ContainerInsightsExtension'
  properties: {
    dataCollectionRuleId: containerInsightsRule.id
    description: 'Container Insights for the AKS cluster'
  }
}

output name string = cluster.name
output oidcIssuerUrl string = cluster.properties.oidcIssuerProfile.issuerURL
output kubeletPrincipalId string = cluster.properties.identityProfile.kubeletidentity.objectId
output appRoutingPrincipalId string = cluster.properties.ingressProfile.webAppRouting.identity.objectId
