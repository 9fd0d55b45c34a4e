// Virtual network for AKS (Azure CNI overlay: nodes take subnet IPs, pods take
// overlay IPs) with a NAT gateway as the only egress path (outboundType
// userAssignedNATGateway), so outbound traffic leaves from known public IPs.

import { names } from 'naming.bicep'

param location string
param prefix string
param suffix string
param tags object

var n = names(prefix, suffix)

@description('Address space of the virtual network.')
param addressPrefix string = '10.40.0.0/16'

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
    ]
  }
}

output vnetName string = vnet.name
output systemSubnetId string = vnet.properties.subnets[0].id
output userSubnetId string = vnet.properties.subnets[1].id
output egressPublicIp string = natIp.properties.ipAddress
