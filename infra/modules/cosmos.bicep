// Cosmos DB accounts, one per owning service:
// - SQL API for the drone scheduler: database "dronescheduler", containers "drones" and
//   "dronecredentials" (the drones' own credentials: one document per drone holding the
//   SHA-256 of each live secret, never a secret; partition key /id = the drone id).
//   Identity auth only (disableLocalAuth); data access through a Cosmos SQL role
//   assignment (Built-in Data Contributor), not an ARM role.
//   Container "drones" is partitioned by area (/area: the one-degree cell a drone is in,
//   ~111 x 75 km at Seattle's latitude). An assignment reads the areas around the pickup
//   only, with ST_DISTANCE on the GeoJSON /location (spatial index below), a page at a
//   time: its cost follows the drones nearby, not the fleet. Claims stay single-partition
//   ETag replaces; a drone that lands in another area moves there (delete + create: a
//   partition key is immutable), which one-degree areas make rare. A delivery's drone is
//   found by point reads through a small assignment document in the same container (its
//   own partition, per-item TTL: defaultTtl -1 keeps drones for ever). See
//   docs/decisions.md, "Drone lookup by place". The partition key of an existing
//   container cannot change: a deployment from before moves to this one by recreating it.
// - API for MongoDB for the package service: database "packages". Cosmos DB for
//   MongoDB (RU) has no Entra data-plane auth, so its connection string goes to
//   Key Vault (see keyvault.bicep) and reaches the pod through the CSI driver.

import { names } from 'naming.bicep'

param location string
param prefix string
param suffix string
param tags object

var n = names(prefix, suffix)

@description('Reachable only through private endpoints (prod): public network access disabled.')
param privateNetworking bool

@description('Serverless capacity (dev) instead of provisioned autoscale throughput (prod).')
param serverless bool

@description('Zone redundancy for the account region (prod).')
param zoneRedundant bool

@description('Max autoscale RU/s for provisioned databases; ignored when serverless.')
param autoscaleMaxThroughput int = 1000

var capabilities = serverless ? [ { name: 'EnableServerless' } ] : []
var throughputOptions = serverless ? {} : { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } }

resource sqlAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: n.cosmosSql
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    capabilities: capabilities
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: zoneRedundant }
    ]
  }
}

resource droneDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: sqlAccount
  name: 'dronescheduler'
  properties: {
    resource: { id: 'dronescheduler' }
    options: throughputOptions
  }
}

resource drones 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: droneDatabase
  name: 'drones'
  properties: {
    resource: {
      id: 'drones'
      partitionKey: { paths: [ '/area' ], kind: 'Hash', version: 2 }
      defaultTtl: -1
      indexingPolicy: {
        indexingMode: 'consistent'
        includedPaths: [ { path: '/*' } ]
        excludedPaths: [ { path: '/"_etag"/?' } ]
        spatialIndexes: [ { path: '/location/?', types: [ 'Point' ] } ]
      }
    }
  }
}

resource droneCredentials 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: droneDatabase
  name: 'dronecredentials'
  properties: {
    resource: {
      id: 'dronecredentials'
      partitionKey: { paths: [ '/id' ], kind: 'Hash', version: 2 }
      // Only point reads and replaces by id: nothing to index.
      indexingPolicy: {
        indexingMode: 'consistent'
        includedPaths: []
        excludedPaths: [ { path: '/*' } ]
      }
    }
  }
}

resource mongoAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: n.cosmosMongo
  location: location
  tags: tags
  kind: 'MongoDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    apiProperties: { serverVersion: '6.0' }
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    capabilities: concat([ { name: 'EnableMongo' } ], capabilities)
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: zoneRedundant }
    ]
  }
}

resource packagesDatabase 'Microsoft.DocumentDB/databaseAccounts/mongodbDatabases@2024-11-15' = {
  parent: mongoAccount
  name: 'packages'
  properties: {
    resource: { id: 'packages' }
    options: throughputOptions
  }
}

output sqlAccountName string = sqlAccount.name
output sqlEndpoint string = sqlAccount.properties.documentEndpoint
output droneDatabaseName string = droneDatabase.name
output dronesContainerName string = drones.name
output mongoAccountName string = mongoAccount.name
output packagesDatabaseName string = packagesDatabase.name
