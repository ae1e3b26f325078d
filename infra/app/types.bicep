// Types shared by main.bicep and the modules.

@export()
@description('The app settings the pipeline reads, with the same meaning as in local.settings.sample.json.')
type AppSettingValues = {
  @description('DigestSchedule: NCRONTAB (UTC) of the daily digest.')
  digestSchedule: string

  @description('ReconcileSchedule: NCRONTAB (UTC) of the reconciler.')
  reconcileSchedule: string

  @description('FlashSweepSchedule: NCRONTAB (UTC) of the intraday sweep that flashes new area-level alerts.')
  flashSweepSchedule: string

  @description('Intake__MaxBodyBytes: largest accepted JSON report body, in bytes.')
  @minValue(4096)
  @maxValue(4194304)
  maxBodyBytes: int

  @description('Intake__ClockSkew: how far in the future occurredAt may be (TimeSpan, c format).')
  clockSkew: string

  @description('Intake__HeldCategories: comma-separated category codes held back from processing.')
  heldCategories: string

  @description('Intake__RedriveAfter: when a report still "received" is queued again (TimeSpan).')
  redriveAfter: string

  @description('Intake__ReconcileLookback: how far back the reconciler looks (TimeSpan).')
  reconcileLookback: string

  @description('Intake__StorageTimeout: upper bound on one storage call a client waits for (TimeSpan).')
  storageTimeout: string

  @description('Intake__OpenRosa__MaxRequestBytes: largest OpenRosa submission request, advertised as X-OpenRosa-Accept-Content-Length.')
  @minValue(65536)
  @maxValue(104857600)
  openRosaMaxRequestBytes: int

  @description('Intake__OpenRosa__MaxAttachmentBytes: largest OpenRosa attachment, in bytes.')
  @minValue(1024)
  @maxValue(104857600)
  openRosaMaxAttachmentBytes: int

  @description('Intake__OpenRosa__MaxXmlBytes: largest OpenRosa xml_submission_file part, in bytes.')
  @minValue(4096)
  @maxValue(4194304)
  openRosaMaxXmlBytes: int

  @description('Smtp__Host: SMTP server for the digest e-mail; empty to send no e-mail.')
  smtpHost: string

  @description('Smtp__Port: SMTP port (587 for STARTTLS submission).')
  @minValue(1)
  @maxValue(65535)
  smtpPort: int

  @description('Smtp__UserName: SMTP user name; the password is the Key Vault secret "smtp-password".')
  smtpUserName: string

  @description('Smtp__From: sender address of the digest e-mail.')
  smtpFrom: string
}
