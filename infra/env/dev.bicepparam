// Development: cheap, short retention, no WORM policy, so a test environment can be torn down.
// az deployment sub create --location <region> --template-file infra/main.bicep --parameters infra/env/dev.bicepparam
using '../main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'intake-dev')
param environmentType = 'dev'
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')

param storageSkuName = 'Standard_LRS'
param blobSoftDeleteDays = 7
param containerSoftDeleteDays = 7
param rawSubmissionsImmutabilityDays = 0
param keyVaultSoftDeleteDays = 7
param logRetentionDays = 30
param maximumInstanceCount = 40
// Development: storage and the vault open to every network, so that a developer can read the data
// and set the SMTP password from a laptop without listing its address in allowedIpRanges.
param openNetworkForDev = true

// Digest e-mail; the same variables azd reads (main.parameters.json). The password is not a
// parameter: it is the Key Vault secret smtp-password (docs/DEPLOYMENT.md).
param smtpHost = readEnvironmentVariable('SMTP_HOST', '')
param smtpPort = int(readEnvironmentVariable('SMTP_PORT', '587'))
param smtpUserName = readEnvironmentVariable('SMTP_USERNAME', '')
param smtpFrom = readEnvironmentVariable('SMTP_FROM', '')
