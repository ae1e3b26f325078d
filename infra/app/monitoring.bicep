// Application Insights on a Log Analytics workspace. Local (instrumentation-key) authentication is
// off: telemetry is accepted only from Entra identities holding Monitoring Metrics Publisher on the
// component (rbac.bicep), so the connection string alone cannot be used to forge telemetry.

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags { *: string }

@description('Days the workspace keeps logs (30 is included in the base price).')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      // Queries must be authorised by table- and resource-level RBAC, not only workspace access.
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
    // Ingestion keeps no client address (it stores 0.0.0.0). It still derives a city from an address
    // it is sent, which is why the worker's TelemetryScrubber sends 0.0.0.0 in the first place.
    DisableIpMasking: false
  }
}

output logAnalyticsWorkspaceId string = logAnalytics.id
output logAnalyticsWorkspaceName string = logAnalytics.name
output applicationInsightsName string = applicationInsights.name
