// Every data-plane grant a workload identity has, and nothing else. The table
// infra/least-privilege.json lists the same rows; the infrastructure tests
// compare it with the compiled template.
//
// Functions host storage (AzureWebJobsStorage): only workflow needs the account
// (Durable Azure Storage backend: task hub queues, tables and lease blobs). The
// four HTTP-only apps get Storage Blob Data Owner on the host container
// (azure-webjobs-hosts) only, enough for the host's locks, and can neither
// read nor write the task hub.

@description('principalIds.<ingestion|workflow|delivery|dronescheduler|package|keda>.')
param principalIds object

param serviceBusNamespaceName string
param storageAccountName string
param cosmosSqlAccountName string
param redisName string
param keyVaultName string
param azureMonitorWorkspaceName string

var roles = {
  serviceBusDataSender: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
  serviceBusDataReceiver: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
  serviceBusDataOwner: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '090c5cfd-751d-490a-894a-3ce6f1109419')
  storageBlobDataOwner: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  storageQueueDataContributor: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  storageTableDataContributor: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  keyVaultSecretsUser: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
  monitoringDataReader: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b0d8363b-8ddd-447d-831f-62ca05bff136')
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' existing = {
  parent: serviceBus
  name: 'deliveryrequests'
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
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
  name: cosmosSqlAccountName
}

resource droneDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' existing = {
  parent: cosmos
  name: 'dronescheduler'
}

resource redis 'Microsoft.Cache/redis@2024-11-01' existing = {
  name: redisName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource mongoSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' existing = {
  parent: vault
  name: 'mongo-connection-string'
}

resource prometheus 'Microsoft.Monitor/accounts@2023-04-03' existing = {
  name: azureMonitorWorkspaceName
}

// ingestion: send delivery requests (and reschedule/cancel operations).
resource ingestionSends 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: queue
  name: guid(queue.id, principalIds.ingestion, roles.serviceBusDataSender)
  properties: {
    principalId: principalIds.ingestion
    principalType: 'ServicePrincipal'
    roleDefinitionId: roles.serviceBusDataSender
    description: 'ingestion: send to deliveryrequests'
  }
}

resource ingestionHostStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hostContainer
  name: guid(hostContainer.id, principalIds.ingestion, roles.storageBlobDataOwner)
  properties: {
    principalId: principalIds.ingestion
    principalType: 'ServicePrincipal'
    roleDefinitionId: roles.storageBlobDataOwner
    description: 'ingestion: Functions host locks (AzureWebJobsStorage)'
  }
}

// workflow: receive from the queue (trigger) and own the Durable task hub.
resource workflowReceives 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: queue
  name: guid(queue.id, principalIds.workflow, roles.serviceBusDataReceiver)
  properties: {
    principalId: principalIds.workflow
    principalType: 'ServicePrincipal'
    roleDefinitionId: roles.serviceBusDataReceiver
    description: 'workflow: Service Bus trigger on deliveryrequests'
  }
}

resource workflowBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, principalIds.workflow, roles.storageBlobDataOwner)
  properties: {
    principalId: principalIds.workflow
    principalType: 'ServicePrincipal'
    roleDefinitionId: roles.storageBlobDataOwner
    description: 'workflow: Durable task hub leases and large messages, host storage'
  }
}

resource workflowQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, principalIds.workflow, roles.storageQueueDataContributor)
  properties: {
    principalId: principalIds.workflow
    principalType: 'ServicePrincipal'
    roleDefinitionId: roles.storageQueueDataContributor
    description: 'workflow: Durable task hub control and work-item queues'
  }
}

resource workflowTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, principalIds.workflow, roles.storageTableDataContributor)
  properties: {
    principalId: principalIds.workflow
    principalType: 'ServicePrincipal'
    roleDefinitionId: roles.storageTableDataContributor
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
  name: guid(hostContainer.id, principalIds.delivery, roles.storageBlobDataOwner)
  properties: {
    principalId: principalIds.delivery
    principalType: 'ServicePrincipal'
    roleDefinitionId: roles.storageBlobDataOwner
    description: 'delivery: Functions host locks (AzureWebJobsStorage)'
  }
}

// dronescheduler: read/write documents in the dronescheduler database only.
resource droneschedulerCosmos 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(droneDatabase.id, principalIds.dronescheduler, 'Cosmos DB Built-in Data Contributor')
  properties: {
    principalId: principalIds.dronescheduler
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    scope: droneDatabase.id
  }
}

resource droneschedulerHostStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hostContainer
  name: guid(hostContainer.id, principalIds.dronescheduler, roles.storageBlobDataOwner)
  properties: {
    principalId: principalIds.dronescheduler
    principalType: 'ServicePrincipal'
    roleDefinitionId: roles.storageBlobDataOwner
    description: 'dronescheduler: Functions host locks (AzureWebJobsStorage)'
  }
}

// package: read the one secret it needs (through the Secrets Store CSI driver).
resource packageSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: mongoSecret
  name: guid(mongoSecret.id, principalIds.package, roles.keyVaultSecretsUser)
  properties: {
    principalId: principalIds.package
    principalType: 'ServicePrincipal'
    roleDefinitionId: roles.keyVaultSecretsUser
    description: 'package: read mongo-connection-string'
  }
}

resource packageHostStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hostContainer
  name: guid(hostContainer.id, principalIds.package, roles.storageBlobDataOwner)
  properties: {
    principalId: principalIds.package
    principalType: 'ServicePrincipal'
    roleDefinitionId: roles.storageBlobDataOwner
    description: 'package: Functions host locks (AzureWebJobsStorage)'
  }
}

// keda (operator, not a workload): the Service Bus scaler reads the queue's
// runtime properties (active message count), which needs the Manage claim:
// Data Owner, scoped to this one queue. The Prometheus scaler (HTTP load of the
// HTTP apps) queries the Azure Monitor workspace.
resource kedaQueueDepth 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: queue
  name: guid(queue.id, principalIds.keda, roles.serviceBusDataOwner)
  properties: {
    principalId: principalIds.keda
    principalType: 'ServicePrincipal'
    roleDefinitionId: roles.serviceBusDataOwner
    description: 'keda: read deliveryrequests queue depth (scaler)'
  }
}

resource kedaPrometheus 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: prometheus
  name: guid(prometheus.id, principalIds.keda, roles.monitoringDataReader)
  properties: {
    principalId: principalIds.keda
    principalType: 'ServicePrincipal'
    roleDefinitionId: roles.monitoringDataReader
    description: 'keda: query request-rate metrics (Prometheus scaler)'
  }
}
