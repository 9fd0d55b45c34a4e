// Service Bus namespace and the delivery queue. Identity auth only (SAS disabled).
// Lock duration 1 minute: host.json renews the lock for up to 5 minutes
// (maxAutoLockRenewalDuration 00:05:00). After 10 deliveries a message is
// dead-lettered with a reason; expired messages are dead-lettered too.
// Duplicate detection (10 minutes) pairs with message id = deliveryId.

import { names } from 'naming.bicep'

param location string
param prefix string
param suffix string
param tags object

var n = names(prefix, suffix)

@description('Reachable only through private endpoints (prod): public network access disabled.')
param privateNetworking bool

@allowed([ 'Standard', 'Premium' ])
param sku string

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: n.serviceBus
  location: location
  tags: tags
  sku: { name: sku, tier: sku, capacity: sku == 'Premium' ? 1 : null }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  // Fixed name shared with the apps (docs/configuration.md).
  name: 'deliveryrequests'
  properties: {
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'P14D'
    requiresSession: false
    enablePartitioning: false
    enableBatchedOperations: true
    maxSizeInMegabytes: 1024
  }
}

output namespaceName string = namespace.name
// serviceBusEndpoint is https://<name>.servicebus.windows.net:443/ (cloud-specific suffix).
output namespaceFqdn string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]
output queueName string = queue.name
