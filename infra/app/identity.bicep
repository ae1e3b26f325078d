// The app's user-assigned managed identity. User-assigned rather than system-assigned so that its
// role assignments exist before the Function App starts (a system identity is only known after the
// site is created, and the host would start without storage access).

@description('Name of the identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags { *: string }

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
