// Virtual network for AKS (Azure CNI overlay: nodes take subnet IPs, pods take
// overlay IPs) with a NAT gateway as the only egress path (outboundType
// userAssignedNATGateway), so outbound traffic leaves from known public IPs.
//
// Subnets (10.40.0.0/16 by default):
//   snet-aks-system           10.40.0.0/24   system node pool
//   snet-aks-user             10.40.4.0/22   user node pool
//   snet-private-endpoints    10.40.16.0/24  private endpoints of every PaaS service (prod);
//                                            the chart's networkPolicy.azureEgress (output
//                                            azureEgressCidrs) narrows pod egress to it
//   snet-appgw                10.40.17.0/24  Application Gateway WAF_v2 (prod)
//   snet-ingress              10.40.18.0/24  internal load balancer of the managed NGINX
//                                            (prod; static frontend ingressPrivateIp)
//   snet-deployment-scripts   10.40.19.0/24  container of the secrets deployment script
//                                            (delegated to Azure Container Instances)

import { names } from 'naming.bicep'

param location string
param prefix string
param suffix string
param tags object

var n = names(prefix, suffix)

@description('Address space of the virtual network.')
param addressPrefix string = '10.40.0.0/16'

var privateEndpointPrefix = cidrSubnet(addressPrefix, 24, 16)
var ingressPrefix = cidrSubnet(addressPrefix, 24, 18)

resource natIp 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: n.natPublicIp
  location: location
  tags: tags
  sku: { name: 'Standard' }
  zones: [ '1', '2', '3' ]
  properties: {
    publicIPAllocationMethod: 'Static'
    publicIPAddressVersion: 'IPv4'
  }
}

resource nat 'Microsoft.Network/natGateways@2024-05-01' = {
  name: n.natGateway
  location: location
  tags: tags
  sku: { name: 'Standard' }
  properties: {
    idleTimeoutInMinutes: 4
    publicIpAddresses: [ { id: natIp.id } ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: n.vnet
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [ addressPrefix ] }
    subnets: [
      {
        name: 'snet-aks-system'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          natGateway: { id: nat.id }
        }
      }
      {
        name: 'snet-aks-user'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 22, 1)
          natGateway: { id: nat.id }
        }
      }
      {
        name: 'snet-private-endpoints'
        properties: {
          addressPrefix: privateEndpointPrefix
          privateEndpointNetworkPolicies: 'Enabled'
          defaultOutboundAccess: false
        }
      }
      {
        // Application Gateway v2 needs a dedicated subnet and its own public frontend.
        name: 'snet-appgw'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 17)
        }
      }
      {
        name: 'snet-ingress'
        properties: {
          addressPrefix: ingressPrefix
          defaultOutboundAccess: false
        }
      }
      {
        name: 'snet-deployment-scripts'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 19)
          natGateway: { id: nat.id }
          delegations: [
            {
              name: 'Microsoft.ContainerInstance.containerGroups'
              properties: { serviceName: 'Microsoft.ContainerInstance/containerGroups' }
            }
          ]
        }
      }
    ]
  }
}

output vnetName string = vnet.name
output vnetId string = vnet.id
output systemSubnetId string = vnet.properties.subnets[0].id
output userSubnetId string = vnet.properties.subnets[1].id
output privateEndpointSubnetId string = vnet.properties.subnets[2].id
output appGatewaySubnetId string = vnet.properties.subnets[3].id
output ingressSubnetName string = vnet.properties.subnets[4].name
output deploymentScriptSubnetId string = vnet.properties.subnets[5].id
output privateEndpointSubnetPrefix string = privateEndpointPrefix
// Static frontend of the internal NGINX load balancer (gitops/clusters/prod/ingress-controller.yaml).
output ingressPrivateIp string = cidrHost(ingressPrefix, 9)
output egressPublicIp string = natIp.properties.ipAddress
