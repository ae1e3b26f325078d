// The containers, queues and tables in the storage account, in one place: storage.bicep creates
// them and rbac.bicep grants the app's identity a data role on each of them (and on nothing else).
// The app's names are fixed in functions/Intake.Core/Configuration/StorageNames.cs;
// tests/Intake.Infra.Tests checks that every one of them is here.

@export()
@description('Name of the container that keeps raw submissions (write-once in production).')
var rawSubmissionsContainerName = 'raw-submissions'

@export()
@description('The app\'s blob containers.')
var appContainerNames = [
  rawSubmissionsContainerName
  'digests'
]

// The Functions host keeps timer schedules and singleton leases in azure-webjobs-hosts and its
// function keys in azure-webjobs-secrets. It would create them on first start, but a role scoped to
// a container needs the container to exist, so the template creates them.
@export()
@description('The Functions host\'s own blob containers.')
var hostContainerNames = [
  'azure-webjobs-hosts'
  'azure-webjobs-secrets'
]

@export()
@description('The app\'s queues and their poison queues.')
var queueNames = [
  'reports'
  'reports-poison'
  'flash-deliveries'
  'flash-deliveries-poison'
]

@export()
@description('The append-only audit log of admin actions (the app may add and read rows, never change or delete them).')
var auditTableName = 'audit'

@export()
@description('The app\'s tables.')
var tableNames = [
  'reports'
  'digesttally'
  'subscribers'
  'digestdeliveries'
  'accesstokens'
  auditTableName
  'placealiases'
  'tokenusage'
  'flashwebhooks'
  'flashdeliveries'
  'flashwindow'
  'campaignquota'
]
