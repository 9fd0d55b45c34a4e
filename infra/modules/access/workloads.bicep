// Every data-plane grant a workload identity has, and nothing else. The table
// infra/least-privilege.json lists the same rows; the infrastructure tests
// compare it with the compiled template.
//
// Functions host storage (AzureWebJobsStorage): only workflow needs the account
// (Durable Azure Storage backend: task hub queues, tables and lease blobs). The
// four HTTP-only apps get Storage Blob Data Owner on the host container
// (azure-webjobs-hosts) only, enough for the host's locks, and can neither
// read nor write the task hub.

//
// Key Vault: each app reads only the secrets its SecretProviderClasses mount
// (infra/keyvault-secrets.json "reads"): Key Vault Secrets User scoped to each
// secret, never to the vault. The secrets exist before these grants (created by
// the secrets deployment script).

import { names } from '../naming.bicep'

@description('principalIds.<ingestion|workflow|delivery|dronescheduler|package|keda>.')
param principalIds object

@description('infra/keyvault-secrets.json reads: [{ principal, secret }].')
param secretReads array

param prefix string
param suffix string

var n = names(prefix, suffix)
var serviceBusDataSender = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
var serviceBusDataReceiver = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
var serviceBusDataOwner = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '090c5cfd-751d-490a-894a-3ce6f1109419')
var storageBlobDataOwner = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
var storageQueueDataContributor = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
var storageTableDataContributor = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
var storageQueueDataReader = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '19e7f393-937e-4f77-808e-94535e297925')
var keyVaultSecretsUser = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
var monitoringDataReader = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b0d8363b-8ddd-447d-831f-62ca05bff136')

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: n.serviceBus
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' existing = {
  parent: serviceBus
  name: 'deliveryrequests'
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: n.storage
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' existing = {
  parent: storage
  name: 'default'
}

resource hostContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = {
  parent: blobs
  name: 'azure-webjobs-hosts'
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: n.cosmosSql
}

resource droneDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' existing = {
  parent: cosmos
  name: 'dronescheduler'
}

resource redis 'Microsoft.Cache/redis@2024-11-01' existing = {
  name: n.redis
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: n.appVault
}

resource readSecrets 'Microsoft.KeyVault/vaults/secrets@2024-11-01' existing = [for read in secretReads: {
  parent: vault
  name: read.secret
}]

resource prometheus 'Microsoft.Monitor/accounts@2023-04-03' existing = {
  name: n.azureMonitorWorkspace
}

// ingestion: send delivery requests (and reschedule/cancel operations).
resource ingestionSends 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: queue
  name: guid(queue.id, 'ingestion', serviceBusDataSender)
  properties: {
    principalId: principalIds.ingestion
    principalType: 'ServicePrincipal'
    roleDefinitionId: serviceBusDataSender
    description: 'ingestion: send to deliveryrequests'
  }
}

resource ingestionHostStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hostContainer
  name: guid(hostContainer.id, 'ingestion', storageBlobDataOwner)
  properties: {
    principalId: principalIds.ingestion
    principalType: 'ServicePrincipal'
    roleDefinitionId: storageBlobDataOwner
    description: 'ingestion: Functions host locks (AzureWebJobsStorage)'
  }
}

// ingestion: Idempotency-Key answers in Redis (Entra ID auth), through a custom access policy that
// allows only GET/SET on keys `idempotency:*` (plus the connection commands the client needs).
resource idempotencyKeysPolicy 'Microsoft.Cache/redis/accessPolicies@2024-11-01' = {
  parent: redis
  name: 'Idempotency Keys'
  properties: {
    permissions: '+@connection +get +set ~idempotency:*'
  }
}

resource ingestionRedis 'Microsoft.Cache/redis/accessPolicyAssignments@2024-11-01' = {
  parent: redis
  name: 'ingestion'
  properties: {
    accessPolicyName: 'Idempotency Keys'
    objectId: principalIds.ingestion
    objectIdAlias: 'ingestion'
  }
  dependsOn: [ idempotencyKeysPolicy ]
}

// workflow: receive from the queue (trigger), send to it (admins replay dead letters) and own the Durable task hub.
resource workflowReceives 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: queue
  name: guid(queue.id, 'workflow', serviceBusDataReceiver)
  properties: {
    principalId: principalIds.workflow
    principalType: 'ServicePrincipal'
    roleDefinitionId: serviceBusDataReceiver
    description: 'workflow: Service Bus trigger on deliveryrequests'
  }
}

resource workflowReplays 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: queue
  name: guid(queue.id, 'workflow', serviceBusDataSender)
  properties: {
    principalId: principalIds.workflow
    principalType: 'ServicePrincipal'
    roleDefinitionId: serviceBusDataSender
    description: 'workflow: admins replay dead letters onto deliveryrequests'
  }
}

resource workflowBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, 'workflow', storageBlobDataOwner)
  properties: {
    principalId: principalIds.workflow
    principalType: 'ServicePrincipal'
    roleDefinitionId: storageBlobDataOwner
    description: 'workflow: Durable task hub leases and large messages, host storage'
  }
}

resource workflowQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, 'workflow', storageQueueDataContributor)
  properties: {
    principalId: principalIds.workflow
    principalType: 'ServicePrincipal'
    roleDefinitionId: storageQueueDataContributor
    description: 'workflow: Durable task hub control and work-item queues'
  }
}

resource workflowTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, 'workflow', storageTableDataContributor)
  properties: {
    principalId: principalIds.workflow
    principalType: 'ServicePrincipal'
    roleDefinitionId: storageTableDataContributor
    description: 'workflow: Durable task hub history and instances tables'
  }
}

// delivery: read and write delivery records in Redis (Entra ID auth).
resource deliveryRedis 'Microsoft.Cache/redis/accessPolicyAssignments@2024-11-01' = {
  parent: redis
  name: 'delivery'
  properties: {
    accessPolicyName: 'Data Contributor'
    objectId: principalIds.delivery
    objectIdAlias: 'delivery'
  }
}

resource deliveryHostStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hostContainer
  name: guid(hostContainer.id, 'delivery', storageBlobDataOwner)
  properties: {
    principalId: principalIds.delivery
    principalType: 'ServicePrincipal'
    roleDefinitionId: storageBlobDataOwner
    description: 'delivery: Functions host locks (AzureWebJobsStorage)'
  }
}

// dronescheduler: read/write documents in the dronescheduler database only.
resource droneschedulerCosmos 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(droneDatabase.id, 'dronescheduler', 'Cosmos DB Built-in Data Contributor')
  properties: {
    principalId: principalIds.dronescheduler
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    scope: droneDatabase.id
  }
}

resource droneschedulerHostStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hostContainer
  name: guid(hostContainer.id, 'dronescheduler', storageBlobDataOwner)
  properties: {
    principalId: principalIds.dronescheduler
    principalType: 'ServicePrincipal'
    roleDefinitionId: storageBlobDataOwner
    description: 'dronescheduler: Functions host locks (AzureWebJobsStorage)'
  }
}

resource packageHostStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hostContainer
  name: guid(hostContainer.id, 'package', storageBlobDataOwner)
  properties: {
    principalId: principalIds.package
    principalType: 'ServicePrincipal'
    roleDefinitionId: storageBlobDataOwner
    description: 'package: Functions host locks (AzureWebJobsStorage)'
  }
}

// Every app: Key Vault Secrets User on each secret it mounts (host keys; the
// workflow also its callees' function keys and the Durable system key; package
// the MongoDB API connection string).
resource secretReaders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (read, i) in secretReads: {
  scope: readSecrets[i]
  name: guid(readSecrets[i].id, read.principal, keyVaultSecretsUser)
  properties: {
    principalId: principalIds[read.principal]
    principalType: 'ServicePrincipal'
    roleDefinitionId: keyVaultSecretsUser
    description: '${read.principal}: read ${read.secret} (Secrets Store CSI driver)'
  }
}]

// keda (operator, not a workload; the chart's keda.identityId): the Service Bus
// scaler reads the queue's runtime properties (active message count), which needs
// the Manage claim: Data Owner, scoped to this one queue. The azure-queue scaler
// reads the length of the Durable task hub queues (created at run time by the
// Durable extension, so the account is the narrowest fixed scope). The
// Prometheus scaler (HTTP load of the HTTP apps) queries the Azure Monitor workspace.
resource kedaQueueDepth 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: queue
  name: guid(queue.id, 'keda', serviceBusDataOwner)
  properties: {
    principalId: principalIds.keda
    principalType: 'ServicePrincipal'
    roleDefinitionId: serviceBusDataOwner
    description: 'keda: read deliveryrequests queue depth (scaler)'
  }
}

resource kedaPrometheus 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: prometheus
  name: guid(prometheus.id, 'keda', monitoringDataReader)
  properties: {
    principalId: principalIds.keda
    principalType: 'ServicePrincipal'
    roleDefinitionId: monitoringDataReader
    description: 'keda: query request-rate metrics (Prometheus scaler)'
  }
}

resource kedaDurableQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, 'keda', storageQueueDataReader)
  properties: {
    principalId: principalIds.keda
    principalType: 'ServicePrincipal'
    roleDefinitionId: storageQueueDataReader
    description: 'keda: read Durable task hub queue lengths (azure-queue scaler)'
  }
}
