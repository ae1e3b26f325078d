// The Key Vault for the app's secrets (the SMTP password). RBAC mode: access is granted by role
// assignments (rbac.bicep), never by access policies. Purge protection: a deleted vault or secret
// stays recoverable for the whole retention period, even against an owner who wants it gone.

@description('Name of the vault (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags { *: string }

@description('Days a deleted vault or secret stays recoverable. Cannot be changed after the vault is created.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Resource id of the subnet the Function App joins: the one network allowed when the vault denies the others.')
param appSubnetId string

@description('True opens the vault to every network (development); false denies all but the app\'s subnet, trusted Azure services and allowedIpRanges.')
param openNetwork bool

@description('Public IP ranges (CIDR) allowed besides the app\'s subnet, for example the operator who sets the SMTP password.')
param allowedIpRanges string[]

@description('Resource id of the Log Analytics workspace that receives the vault audit log.')
param logAnalyticsWorkspaceId string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    // Denied to every network but the app's subnet (the app resolves its Key Vault references
    // through it) and the listed IP ranges, unless opened for development; every read still needs
    // Key Vault Secrets User (rbac.bicep).
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: openNetwork ? 'Allow' : 'Deny'
      bypass: 'AzureServices'
      virtualNetworkRules: [
        {
          id: appSubnetId
          ignoreMissingVnetServiceEndpoint: false
        }
      ]
      ipRules: [for range in allowedIpRanges: { value: range }]
    }
  }
}

// Every secret read or written, by whom.
resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'vault-audit'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
