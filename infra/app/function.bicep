// The Function App: .NET isolated worker on the Flex Consumption plan (FC1, Linux), running as a
// user-assigned managed identity. Every connection is identity-based: no storage key, connection
// string with a key, SAS or publishing password exists anywhere in the configuration.

import { AppSettingValues } from 'types.bicep'

@description('Name of the Function App.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the resources; the app also gets azd-service-name.')
param tags { *: string }

@description('Service name in azure.yaml (azd finds the app by its azd-service-name tag).')
param serviceName string

@description('Resource id of the app\'s user-assigned managed identity.')
param identityId string

@description('Client id of the app\'s user-assigned managed identity.')
param identityClientId string

@description('Name of the storage account (AzureWebJobsStorage and the deployment package).')
param storageAccountName string

@description('Blob container that holds the deployment package.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Name of the Key Vault the app\'s Key Vault references point at.')
param keyVaultName string

@description('.NET version of the isolated worker; matches the TargetFramework of functions/Intake.Functions.')
param dotnetVersion string

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of one instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Resource id of the subnet the app joins (its outbound path to storage and Key Vault).')
param appSubnetId string

@description('Values of the app settings the pipeline reads.')
param settings AppSettingValues

// The secret the operator sets in the vault (docs/DEPLOYMENT.md); resolved by the platform.
var smtpPasswordSecretName = 'smtp-password'

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Outbound through the VNet (network.bicep): storage and Key Vault allow only this subnet.
    virtualNetworkSubnetId: appSubnetId
    // Key Vault references resolve with the same identity the app runs as.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Same names as local.settings.sample.json. FUNCTIONS_WORKER_RUNTIME is absent on purpose:
      // Flex Consumption takes the runtime from functionAppConfig.runtime and rejects the setting.
      appSettings: [
        // Host storage with the user-assigned identity. Service URIs rather than __accountName:
        // they come from the account itself, so they are right in every Azure cloud.
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storage.properties.primaryEndpoints.table
        }
        // Not a secret: it identifies the component, and local authentication is off, so only an
        // Entra identity with Monitoring Metrics Publisher can send with it.
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        {
          name: 'DigestSchedule'
          value: settings.digestSchedule
        }
        {
          name: 'ReconcileSchedule'
          value: settings.reconcileSchedule
        }
        {
          name: 'FlashSweepSchedule'
          value: settings.flashSweepSchedule
        }
        {
          name: 'Intake__MaxBodyBytes'
          value: string(settings.maxBodyBytes)
        }
        {
          name: 'Intake__ClockSkew'
          value: settings.clockSkew
        }
        {
          name: 'Intake__HeldCategories'
          value: settings.heldCategories
        }
        {
          name: 'Intake__RedriveAfter'
          value: settings.redriveAfter
        }
        {
          name: 'Intake__ReconcileLookback'
          value: settings.reconcileLookback
        }
        {
          name: 'Intake__StorageTimeout'
          value: settings.storageTimeout
        }
        {
          name: 'Intake__OpenRosa__MaxRequestBytes'
          value: string(settings.openRosaMaxRequestBytes)
        }
        {
          name: 'Intake__OpenRosa__MaxAttachmentBytes'
          value: string(settings.openRosaMaxAttachmentBytes)
        }
        {
          name: 'Intake__OpenRosa__MaxXmlBytes'
          value: string(settings.openRosaMaxXmlBytes)
        }
        {
          // Azure's front end appends the client's address to X-Forwarded-For: the per-address limits count by it.
          name: 'Intake__Limits__ForwardedForHops'
          value: '1'
        }
        {
          name: 'Smtp__Host'
          value: settings.smtpHost
        }
        {
          name: 'Smtp__Port'
          value: string(settings.smtpPort)
        }
        {
          name: 'Smtp__UserName'
          value: settings.smtpUserName
        }
        // A Key Vault reference, not the password: the platform resolves the latest version of the
        // secret with keyVaultReferenceIdentity. Empty while no SMTP host is configured, so an
        // unset secret never shows up as an unresolved reference.
        {
          name: 'Smtp__Password'
          value: empty(settings.smtpHost)
            ? ''
            : '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${smtpPasswordSecretName})'
        }
        {
          name: 'Smtp__From'
          value: settings.smtpFrom
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }
}

// No publishing with user names and passwords: deployments authenticate with Entra ID (azd, az,
// func all do).
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
