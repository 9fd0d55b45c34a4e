// The AKS control-plane identity joins the node subnets (and manages the load
// balancer/NAT associations on them). Network Contributor scoped to the two
// subnets only, not the virtual network or resource group. Must exist before
// the cluster is created. With the internal ingress (prod) it also places the
// managed NGINX's internal load balancer frontend in snet-ingress.

import { names } from '../naming.bicep'

param prefix string
param suffix string

@description('principalIds.aksControlPlane: control-plane identity.')
param principalIds object

@description('The managed NGINX runs behind an internal load balancer in snet-ingress (prod).')
param internalIngress bool

var networkContributor = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4d97b98b-1d4f-4787-a291-c67834d212e7')

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: names(prefix, suffix).vnet
}

resource systemSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' existing = {
  parent: vnet
  name: 'snet-aks-system'
}

resource userSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' existing = {
  parent: vnet
  name: 'snet-aks-user'
}

resource ingressSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' existing = {
  parent: vnet
  name: 'snet-ingress'
}

resource systemSubnetJoin 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: systemSubnet
  name: guid(systemSubnet.id, 'aksControlPlane', networkContributor)
  properties: {
    principalId: principalIds.aksControlPlane
    principalType: 'ServicePrincipal'
    roleDefinitionId: networkContributor
    description: 'aksControlPlane: join and manage the system node pool subnet'
  }
}

resource userSubnetJoin 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: userSubnet
  name: guid(userSubnet.id, 'aksControlPlane', networkContributor)
  properties: {
    principalId: principalIds.aksControlPlane
    principalType: 'ServicePrincipal'
    roleDefinitionId: networkContributor
    description: 'aksControlPlane: join and manage the user node pool subnet'
  }
}

resource ingressSubnetJoin 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (internalIngress) {
  scope: ingressSubnet
  name: guid(ingressSubnet.id, 'aksControlPlane', networkContributor)
  properties: {
    principalId: principalIds.aksControlPlane
    principalType: 'ServicePrincipal'
    roleDefinitionId: networkContributor
    description: 'aksControlPlane: internal load balancer of the managed NGINX in snet-ingress'
  }
}
