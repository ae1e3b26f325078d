// The report intake pipeline in Azure: one resource group with the storage account, the Flex
// Consumption Function App and its managed identity, monitoring, and the Key Vault.
// Deploy with `azd up` (main.parameters.json) or `az deployment sub create` with
// env/dev.bicepparam or env/prod.bicepparam; see docs/DEPLOYMENT.md.

targetScope = 'subscription'

import { AppSettingValues } from 'app/types.bicep'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd environment name); seeds every resource name.')
param environmentName string

@minLength(1)
@description('Azure region of every resource; must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
param location string = deployment().location

@description('dev: small, short retention, no WORM. prod: zone-redundant storage, longer soft delete and log retention, WORM on raw submissions. Each value below can still be set on its own.')
@allowed([
  'dev'
  'prod'
])
param environmentType string = 'dev'

@description('Object id of the operator who will set the SMTP password in the Key Vault (azd passes the signed-in user); empty to grant nobody.')
param principalId string = ''

@description('Name of the resource group; defaults to rg-<environmentName>.')
param resourceGroupName string = ''

// Storage
@description('Storage replication.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param storageSkuName string = environmentType == 'prod' ? 'Standard_GZRS' : 'Standard_LRS'

@description('Days a deleted or overwritten blob can be restored.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int = environmentType == 'prod' ? 90 : 7

@description('Days a deleted container can be restored.')
@minValue(1)
@maxValue(365)
param containerSoftDeleteDays int = environmentType == 'prod' ? 90 : 7

@description('Days each raw submission stays write-once-read-many; 0 for no immutability policy.')
@minValue(0)
@maxValue(146000)
param rawSubmissionsImmutabilityDays int = environmentType == 'prod' ? 3650 : 0

@description('Set to true after locking the raw-submissions immutability policy (docs/DEPLOYMENT.md); the template then leaves the locked policy alone.')
param rawSubmissionsImmutabilityLocked bool = false

// Key Vault and monitoring
@description('Days a deleted Key Vault or secret stays recoverable (fixed once the vault exists).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteDays int = environmentType == 'prod' ? 90 : 7

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = environmentType == 'prod' ? 365 : 30

// Function App
@description('.NET version of the isolated worker (the TargetFramework of functions/Intake.Functions).')
param dotnetVersion string = '10.0'

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = environmentType == 'prod' ? 100 : 40

@description('Memory of one instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('True opens the storage account and the Key Vault to every network (development: reach the data and the vault from a laptop). False (the default) denies every network but the app\'s subnet, trusted Azure services and allowedIpRanges.')
param openNetworkForDev bool = false

@description('Public IP addresses or ranges (CIDR) that may reach storage and the Key Vault besides the app, for example the operator who sets the SMTP password. A single address without /32: storage rejects /31 and /32 prefixes.')
param allowedIpRanges string[] = []

// App settings; defaults are those of local.settings.sample.json.
@description('DigestSchedule: NCRONTAB (UTC) of the daily digest.')
param digestSchedule string = '0 0 6 * * *'

@description('ReconcileSchedule: NCRONTAB (UTC) of the reconciler.')
param reconcileSchedule string = '0 */5 * * * *'

@description('FlashSweepSchedule: NCRONTAB (UTC) of the intraday sweep that flashes new area-level alerts.')
param flashSweepSchedule string = '0 * * * * *'

@description('Intake__MaxBodyBytes: largest accepted JSON report body, in bytes.')
@minValue(4096)
@maxValue(4194304)
param intakeMaxBodyBytes int = 65536

@description('Intake__ClockSkew: how far in the future occurredAt may be.')
param intakeClockSkew string = '00:10:00'

@description('Intake__HeldCategories: comma-separated category codes held back from processing.')
param intakeHeldCategories string = ''

@description('Intake__RedriveAfter: when a report still "received" is queued again.')
param intakeRedriveAfter string = '00:15:00'

@description('Intake__ReconcileLookback: how far back the reconciler looks.')
param intakeReconcileLookback string = '2.00:00:00'

@description('Intake__StorageTimeout: upper bound on one storage call a client waits for.')
param intakeStorageTimeout string = '00:00:20'

@description('Intake__OpenRosa__MaxRequestBytes: largest OpenRosa submission request (X-OpenRosa-Accept-Content-Length).')
@minValue(65536)
@maxValue(104857600)
param intakeOpenRosaMaxRequestBytes int = 20971520

@description('Intake__OpenRosa__MaxAttachmentBytes: largest OpenRosa attachment, in bytes.')
@minValue(1024)
@maxValue(104857600)
param intakeOpenRosaMaxAttachmentBytes int = 15728640

@description('Intake__OpenRosa__MaxXmlBytes: largest OpenRosa xml_submission_file part, in bytes.')
@minValue(4096)
@maxValue(4194304)
param intakeOpenRosaMaxXmlBytes int = 262144

@description('Smtp__Host: SMTP server for the digest e-mail; empty to send none.')
param smtpHost string = ''

@description('Smtp__Port: SMTP port.')
@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('Smtp__UserName: SMTP user name. The password is the Key Vault secret "smtp-password".')
param smtpUserName string = ''

@description('Smtp__From: sender address of the digest e-mail.')
param smtpFrom string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
// Names are computed here, not read from module outputs, so that What-If can predict every resource.
var functionAppName = '${abbrs.webSitesFunctions}${resourceToken}'
var identityName = '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'
var applicationInsightsName = '${abbrs.insightsComponents}${resourceToken}'
var deploymentContainerName = 'app-package-${functionAppName}'

var appSettings AppSettingValues = {
  digestSchedule: digestSchedule
  reconcileSchedule: reconcileSchedule
  flashSweepSchedule: flashSweepSchedule
  maxBodyBytes: intakeMaxBodyBytes
  clockSkew: intakeClockSkew
  heldCategories: intakeHeldCategories
  redriveAfter: intakeRedriveAfter
  reconcileLookback: intakeReconcileLookback
  storageTimeout: intakeStorageTimeout
  openRosaMaxRequestBytes: intakeOpenRosaMaxRequestBytes
  openRosaMaxAttachmentBytes: intakeOpenRosaMaxAttachmentBytes
  openRosaMaxXmlBytes: intakeOpenRosaMaxXmlBytes
  smtpHost: smtpHost
  smtpPort: smtpPort
  smtpUserName: smtpUserName
  smtpFrom: smtpFrom
}

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
    retentionInDays: logRetentionDays
  }
}

module network 'app/network.bicep' = {
  name: 'network'
  scope: rg
  params: {
    name: '${abbrs.networkVirtualNetworks}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    skuName: storageSkuName
    blobSoftDeleteDays: blobSoftDeleteDays
    containerSoftDeleteDays: containerSoftDeleteDays
    rawSubmissionsImmutabilityDays: rawSubmissionsImmutabilityDays
    rawSubmissionsImmutabilityLocked: rawSubmissionsImmutabilityLocked
    deploymentContainerName: deploymentContainerName
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    appSubnetId: network.outputs.appSubnetId
    openNetwork: openNetworkForDev
    allowedIpRanges: allowedIpRanges
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    softDeleteRetentionInDays: keyVaultSoftDeleteDays
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    appSubnetId: network.outputs.appSubnetId
    openNetwork: openNetworkForDev
    allowedIpRanges: allowedIpRanges
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    keyVaultName: keyVaultName
    applicationInsightsName: applicationInsightsName
    identityName: identityName
    operatorPrincipalId: principalId
  }
  dependsOn: [
    identity
    monitoring
    storage
    keyVault
  ]
}

module api 'app/function.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: applicationInsightsName
    keyVaultName: keyVaultName
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    appSubnetId: network.outputs.appSubnetId
    settings: appSettings
  }
  // The host must find its storage, vault and telemetry roles in place when it first starts.
  dependsOn: [
    rbac
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${api.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
