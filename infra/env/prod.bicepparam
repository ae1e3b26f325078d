// Production: the storage holds evidence. Geo-zone-redundant, 90 days to undo a delete, and every
// raw submission write-once-read-many for ten years (unlocked until an operator locks it; see
// docs/DEPLOYMENT.md). Review rawSubmissionsImmutabilityDays against your retention and
// data-protection duties before the first deployment: a locked policy can only be extended.
// az deployment sub create --location <region> --template-file infra/main.bicep --parameters infra/env/prod.bicepparam
using '../main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'intake-prod')
param environmentType = 'prod'
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')

param storageSkuName = 'Standard_GZRS'
param blobSoftDeleteDays = 90
param containerSoftDeleteDays = 90
param rawSubmissionsImmutabilityDays = 3650
// Export INTAKE_IMMUTABILITY_LOCKED=true once the policy is locked (docs/DEPLOYMENT.md).
param rawSubmissionsImmutabilityLocked = bool(readEnvironmentVariable('INTAKE_IMMUTABILITY_LOCKED', 'false'))
param keyVaultSoftDeleteDays = 90
param logRetentionDays = 365
param maximumInstanceCount = 100

// Digest e-mail; the same variables azd reads (main.parameters.json). The password is not a
// parameter: it is the Key Vault secret smtp-password (docs/DEPLOYMENT.md).
param smtpHost = readEnvironmentVariable('SMTP_HOST', '')
param smtpPort = int(readEnvironmentVariable('SMTP_PORT', '587'))
param smtpUserName = readEnvironmentVariable('SMTP_USERNAME', '')
param smtpFrom = readEnvironmentVariable('SMTP_FROM', '')
