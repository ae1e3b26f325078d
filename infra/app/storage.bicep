// The storage account: raw submissions (evidence, kept byte for byte), digests, the report index,
// the app's queues and their poison queues, the Functions host's own state, and the Flex
// Consumption deployment package. Names of the app's containers, queues and tables are fixed in
// functions/Intake.Core/Configuration/StorageNames.cs and listed in storage-names.bicep;
// tests/Intake.Infra.Tests checks they match.

import { rawSubmissionsContainerName, appContainerNames, hostContainerNames, queueNames, tableNames } from 'storage-names.bicep'

@description('Name of the storage account (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags { *: string }

@description('Replication. Use a zone- or geo-redundant SKU for production evidence.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param skuName string

@description('Days a deleted or overwritten blob (and its versions) can be restored.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int

@description('Days a deleted container can be restored.')
@minValue(1)
@maxValue(365)
param containerSoftDeleteDays int

@description('Days each raw submission is write-once-read-many (container-level time-based retention on raw-submissions); 0 for no policy. The policy is created unlocked: lock it by hand once verified (see docs/DEPLOYMENT.md).')
@minValue(0)
@maxValue(146000)
param rawSubmissionsImmutabilityDays int

@description('True once the raw-submissions policy is locked: a locked policy can only be extended (az storage container immutability-policy extend), so the template stops writing it.')
param rawSubmissionsImmutabilityLocked bool

@description('Name of the blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Resource id of the Log Analytics workspace that receives the storage access logs.')
param logAnalyticsWorkspaceId string

@description('Resource id of the subnet the Function App joins: the one network allowed when the account denies the others.')
param appSubnetId string

@description('True opens the account to every network (development: reach the data from a laptop); false denies all but the app\'s subnet, trusted Azure services and allowedIpRanges.')
param openNetwork bool

@description('Public IP ranges (CIDR) allowed besides the app\'s subnet, for example an operator\'s address (a single address without /32: storage rejects /31 and /32 prefixes).')
param allowedIpRanges string[]

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    // Entra ID only: no account keys, no SAS signed with them, no anonymous reads.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Copies (Put Blob From URL, object replication) only from accounts of this Entra tenant.
    allowedCopyScope: 'AAD'
    // Denied to every network but the app's subnet (network.bicep) and the listed IP ranges, unless
    // opened for development; every request still needs an Entra token with a data role (rbac.bicep).
    // AzureServices lets trusted services (diagnostic logs, the Functions platform) through.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: openNetwork ? 'Allow' : 'Deny'
      bypass: 'AzureServices'
      virtualNetworkRules: [
        {
          id: appSubnetId
          action: 'Allow'
        }
      ]
      ipRules: [for range in allowedIpRanges: { value: range, action: 'Allow' }]
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      // A second layer of AES-256 at the infrastructure level; can only be set at creation.
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
          keyType: 'Account'
        }
        file: {
          enabled: true
          keyType: 'Account'
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: blobSoftDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: containerSoftDeleteDays
    }
  }
}

resource appContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for containerName in concat(appContainerNames, hostContainerNames): {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource rawSubmissionsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' existing = {
  parent: blobService
  name: rawSubmissionsContainerName
}

// Time-based retention: while it runs, a raw submission cannot be overwritten or deleted by
// anyone, including the app and subscription owners. The app only ever creates raw blobs
// (If-None-Match: *), so the policy never gets in its way.
resource rawSubmissionsImmutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-06-01' = if (rawSubmissionsImmutabilityDays > 0 && !rawSubmissionsImmutabilityLocked) {
  parent: rawSubmissionsContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: rawSubmissionsImmutabilityDays
    allowProtectedAppendWrites: false
  }
  dependsOn: [
    appContainers
  ]
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

// Who read, wrote or deleted which blob, queue message or table entity, and with which identity:
// the access trail an evidence store needs.
var storageLogCategories = [
  'StorageRead'
  'StorageWrite'
  'StorageDelete'
]

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'storage-access'
  scope: blobService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [for category in storageLogCategories: { category: category, enabled: true }]
  }
}

resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'storage-access'
  scope: queueService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [for category in storageLogCategories: { category: category, enabled: true }]
  }
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'storage-access'
  scope: tableService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [for category in storageLogCategories: { category: category, enabled: true }]
  }
}

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
output deploymentContainerName string = deploymentContainer.name
