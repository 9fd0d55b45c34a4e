// Azure Cache for Redis for the delivery service, Entra ID authentication only
// (access keys disabled). Data access is granted with an access policy
// assignment (see access/workloads.bicep), not an ARM role.

import { names } from 'naming.bicep'

param location string
param prefix string
param suffix string
param tags object

var n = names(prefix, suffix)

@description('Reachable only through private endpoints (prod): public network access disabled.')
param privateNetworking bool

@allowed([ 'Basic', 'Standard', 'Premium' ])
param skuName string

@allowed([ 'C', 'P' ])
param skuFamily string

param skuCapacity int

resource cache 'Microsoft.Cache/redis@2024-11-01' = {
  name: n.redis
  location: location
  tags: tags
  properties: {
    sku: { name: skuName, family: skuFamily, capacity: skuCapacity }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    disableAccessKeyAuthentication: true
    redisConfiguration: {
      'aad-enabled': 'true'
    }
  }
}

output name string = cache.name
output hostName string = cache.properties.hostName
output sslPort int = cache.properties.sslPort
