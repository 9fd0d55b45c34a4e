// Private endpoints (prod) for every PaaS service the workloads and the platform
// use, in snet-private-endpoints, each registered in its privatelink DNS zone;
// the zones are linked to the virtual network, so the usual public host names
// (<vault>.vault.azure.net, <account>.blob.core.windows.net, ...) resolve to the
// endpoints' private addresses inside it. The services themselves have public
// network access disabled (privateNetworking in their modules).
//
// Storage gets three endpoints (blob, queue, table): the Functions host keeps
// its locks in blobs and the Durable Azure Storage backend uses all three. The
// secrets deployment script's own account gets a file endpoint.

import { names } from 'naming.bicep'

param location string
param prefix string
param suffix string
param tags object

param vnetId string
param subnetId string

var n = names(prefix, suffix)
var storageSuffix = environment().suffixes.storage

// One privatelink zone per endpoint kind (public-cloud names; the storage and
// registry suffixes come from environment() for sovereign clouds).
var zones = {
  vault: 'privatelink.vaultcore.azure.net'
  registry: 'privatelink${environment().suffixes.acrLoginServer}'
  serviceBus: 'privatelink.servicebus.windows.net'
  cosmosSql: 'privatelink.documents.azure.com'
  cosmosMongo: 'privatelink.mongo.cosmos.azure.com'
  redis: 'privatelink.redis.cache.windows.net'
  blob: 'privatelink.blob.${storageSuffix}'
  queue: 'privatelink.queue.${storageSuffix}'
  table: 'privatelink.table.${storageSuffix}'
  file: 'privatelink.file.${storageSuffix}'
}

// name: endpoint name suffix; type and resource: the service; groupId: its sub-resource;
// zone: key of zones.
var endpoints = [
  { name: n.appVault, type: 'Microsoft.KeyVault/vaults', resource: n.appVault, groupId: 'vault', zone: 'vault' }
  { name: n.ingressVault, type: 'Microsoft.KeyVault/vaults', resource: n.ingressVault, groupId: 'vault', zone: 'vault' }
  { name: n.registry, type: 'Microsoft.ContainerRegistry/registries', resource: n.registry, groupId: 'registry', zone: 'registry' }
  { name: n.serviceBus, type: 'Microsoft.ServiceBus/namespaces', resource: n.serviceBus, groupId: 'namespace', zone: 'serviceBus' }
  { name: n.cosmosSql, type: 'Microsoft.DocumentDB/databaseAccounts', resource: n.cosmosSql, groupId: 'Sql', zone: 'cosmosSql' }
  { name: n.cosmosMongo, type: 'Microsoft.DocumentDB/databaseAccounts', resource: n.cosmosMongo, groupId: 'MongoDB', zone: 'cosmosMongo' }
  { name: n.redis, type: 'Microsoft.Cache/redis', resource: n.redis, groupId: 'redisCache', zone: 'redis' }
  { name: '${n.storage}-blob', type: 'Microsoft.Storage/storageAccounts', resource: n.storage, groupId: 'blob', zone: 'blob' }
  { name: '${n.storage}-queue', type: 'Microsoft.Storage/storageAccounts', resource: n.storage, groupId: 'queue', zone: 'queue' }
  { name: '${n.storage}-table', type: 'Microsoft.Storage/storageAccounts', resource: n.storage, groupId: 'table', zone: 'table' }
  { name: '${n.scriptStorage}-file', type: 'Microsoft.Storage/storageAccounts', resource: n.scriptStorage, groupId: 'file', zone: 'file' }
]

resource dnsZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [for zone in items(zones): {
  name: zone.value
  location: 'global'
  tags: tags
}]

resource dnsLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [for (zone, i) in items(zones): {
  parent: dnsZones[i]
  name: 'link-${n.vnet}'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: vnetId }
  }
}]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [for endpoint in endpoints: {
  name: 'pe-${endpoint.name}'
  location: location
  tags: tags
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [
      {
        name: endpoint.groupId
        properties: {
          privateLinkServiceId: resourceId(endpoint.type, endpoint.resource)
          groupIds: [ endpoint.groupId ]
        }
      }
    ]
  }
}]

resource dnsRegistrations 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [for (endpoint, i) in endpoints: {
  parent: privateEndpoints[i]
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: endpoint.zone
        properties: { privateDnsZoneId: resourceId('Microsoft.Network/privateDnsZones', zones[endpoint.zone]) }
      }
    ]
  }
  dependsOn: [ dnsZones ]
}]
