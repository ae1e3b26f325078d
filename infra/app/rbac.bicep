// Every role assignment of the deployment, each scoped to the one resource it is about: never to the
// resource group or subscription, and for storage never to the whole account but to each container,
// queue and table the app uses (storage-names.bicep). Names are guid(scope, principal, role), so
// redeploying is a no-op.

import { rawSubmissionsContainerName, appContainerNames, hostContainerNames, queueNames, tableNames, auditTableName } from 'storage-names.bicep'

@description('Name of the storage account the app uses.')
param storageAccountName string

@description('Name of the blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Name of the Key Vault that holds the app\'s secrets.')
param keyVaultName string

@description('Name of the Application Insights component the app reports to.')
param applicationInsightsName string

@description('Name of the app\'s user-assigned managed identity.')
param identityName string

@description('Principal (object) id of the operator (person or group) who may set the app\'s secrets in the vault (Key Vault Secrets Officer); empty for nobody.')
param operatorPrincipalId string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

// Assignment names use the identity's resource id (known before deployment, so What-If can predict
// them); the principal id is only known once the identity exists.
var appPrincipalId = identity.properties.principalId

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' existing = {
  parent: storage
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' existing = {
  parent: storage
  name: 'default'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' existing = {
  parent: storage
  name: 'default'
}

// Blobs: Storage Blob Data Contributor (read, write, delete blobs; take leases) on each container
// the app and the Functions host use: raw submissions and digests, the host's timer-schedule and
// singleton-lease blobs (azure-webjobs-hosts), its key store (azure-webjobs-secrets), and the Flex
// Consumption deployment package. No other container of the account is readable. Microsoft's
// guidance for host storage names Storage Blob Data Owner; the only extras Owner brings are blob
// index tags and ADLS Gen2 ACL/super-user operations, which nothing here uses and which an identity
// that can touch evidence should not have. If a future Functions host needs them, switch this one
// role to Owner (b7e6dc6d-f1e8-4753-8033-0f276bb0955b).
var blobContainerNames = concat(appContainerNames, hostContainerNames, [deploymentContainerName])

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' existing = [
  for containerName in blobContainerNames: {
    parent: blobService
    name: containerName
  }
]

resource blobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (containerName, i) in blobContainerNames: {
    name: guid(containers[i].id, identity.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    scope: containers[i]
    properties: {
      roleDefinitionId: subscriptionResourceId(
        'Microsoft.Authorization/roleDefinitions',
        'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
      )
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      description: 'Storage Blob Data Contributor on container ${containerName}.'
    }
  }
]

// Blob index tags: a custom role with the three tag data actions and nothing else, on the
// raw-submissions container only. Intake tags each raw submission with its minute of receipt in the
// same Put Blob call (tags/write), and the reconciler finds the submissions of its look-back window
// by that tag within the container (filter/action) instead of listing every blob ever stored.
// Storage Blob Data Owner would also grant them, with far more than an identity that can touch
// evidence should hold.
resource blobTagsRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, storage.id, 'intake-blob-index-tags')
  properties: {
    roleName: 'Intake blob index tags (${storage.name})'
    description: 'Set, read and filter by blob index tags in one storage account: Intake tags raw submissions with their receipt minute.'
    type: 'customRole'
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/write'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/read'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/filter/action'
        ]
        notDataActions: []
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
}

resource rawSubmissionsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' existing = {
  parent: blobService
  name: rawSubmissionsContainerName
}

resource blobTags 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rawSubmissionsContainer.id, identity.id, 'intake-blob-index-tags')
  scope: rawSubmissionsContainer
  properties: {
    roleDefinitionId: blobTagsRole.id
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'Intake blob index tags: the receipt tag of raw submissions, found by the reconciler.'
  }
}

// Queues: Storage Queue Data Contributor on each queue. The app enqueues report ids and flash
// deliveries; the queue triggers read and delete them and move failed messages to the poison queues.
resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' existing = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource queueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (queueName, i) in queueNames: {
    name: guid(queues[i].id, identity.id, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
    scope: queues[i]
    properties: {
      roleDefinitionId: subscriptionResourceId(
        'Microsoft.Authorization/roleDefinitions',
        '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
      )
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      description: 'Storage Queue Data Contributor on queue ${queueName}.'
    }
  }
]

// Tables: Storage Table Data Contributor on each table but the audit log.
var contributorTableNames = filter(tableNames, tableName => tableName != auditTableName)

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' existing = [
  for tableName in contributorTableNames: {
    parent: tableService
    name: tableName
  }
]

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (tableName, i) in contributorTableNames: {
    name: guid(tables[i].id, identity.id, '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
    scope: tables[i]
    properties: {
      roleDefinitionId: subscriptionResourceId(
        'Microsoft.Authorization/roleDefinitions',
        '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
      )
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      description: 'Storage Table Data Contributor on table ${tableName}.'
    }
  }
]

// The audit log: append-only for the app. A custom role with Insert Entity (entities/add/action)
// and Query Entities (entities/read) and nothing that changes or removes a row (no entities/write,
// update/action or delete); tables/write only so that the start-up "create if missing" call is
// answered 409 rather than 403. Storage's permission table for the Table service operations:
// Insert Entity needs entities/write or entities/add/action; Update, Merge and the upserts need
// entities/write or update/action; Delete Entity needs entities/delete.
resource auditAppendRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, storage.id, 'intake-audit-append')
  properties: {
    roleName: 'Intake audit append (${storage.name})'
    description: 'Add and read rows of the Intake audit table; never update or delete them.'
    type: 'customRole'
    permissions: [
      {
        actions: [
          'Microsoft.Storage/storageAccounts/tableServices/tables/write'
        ]
        notActions: []
        dataActions: [
          'Microsoft.Storage/storageAccounts/tableServices/tables/entities/read'
          'Microsoft.Storage/storageAccounts/tableServices/tables/entities/add/action'
        ]
        notDataActions: []
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
}

resource auditTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' existing = {
  parent: tableService
  name: auditTableName
}

resource auditAppend 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(auditTable.id, identity.id, 'intake-audit-append')
  scope: auditTable
  properties: {
    roleDefinitionId: auditAppendRole.id
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'Intake audit append: the app adds audit rows and reads them, and can change none.'
  }
}

// Key Vault Secrets User: read secret values, which is all a Key Vault reference needs. It cannot
// list, write or delete secrets.
resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      '4633458b-17de-408a-b874-0445c86b69e6'
    )
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'Key Vault Secrets User: resolves the app\'s Key Vault references (SMTP password).'
  }
}

// Monitoring Metrics Publisher on the component only: Application Insights has local
// (instrumentation-key) authentication off, so the app sends telemetry with its Entra identity.
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, '3913510d-42f4-4e42-8a64-420c390055eb')
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      '3913510d-42f4-4e42-8a64-420c390055eb'
    )
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'Monitoring Metrics Publisher: Entra-authenticated telemetry.'
  }
}

// Key Vault Secrets Officer for the operator who sets the SMTP password (azd passes the signed-in
// user). Without it, nobody could write a secret into an RBAC-mode vault without first granting
// themselves a role by hand.
resource keyVaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
    )
    principalId: operatorPrincipalId
    description: 'Key Vault Secrets Officer: the operator who sets the app\'s secrets.'
  }
}
