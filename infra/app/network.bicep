// The app's outbound path: a virtual network whose one subnet the Function App joins (Flex
// Consumption VNet integration). The subnet has service endpoints for Storage and Key Vault, so
// the storage account and the vault can deny every network but this subnet (storage.bicep,
// keyvault.bicep).

@description('Name of the virtual network.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags { *: string }

var subnetName = 'app'

resource vnet 'Microsoft.Network/virtualNetworks@2024-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.40.0.0/16'
      ]
    }
    subnets: [
      {
        name: subnetName
        properties: {
          addressPrefix: '10.40.1.0/24'
          // Flex Consumption apps integrate through a subnet delegated to Microsoft.App/environments.
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
          serviceEndpoints: [
            {
              service: 'Microsoft.Storage'
            }
            {
              service: 'Microsoft.KeyVault'
            }
          ]
        }
      }
    ]
  }
}

output appSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, subnetName)
