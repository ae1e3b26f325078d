namespace Intake.Core.Access;

/// <summary>What a verified credential allows. In JSON: <c>submitter</c>, <c>admin</c>, <c>noRole</c>, <c>partner</c>, <c>campaign</c>.</summary>
[JsonConverter(typeof(CallerKindJsonConverter))]
public enum CallerKind
{
    /// <summary>Submits reports and reads their status: a device's or a project's token.</summary>
    Submitter,

    /// <summary>Operates the pipeline: an admin token or an Entra ID token with the <c>Intake.Admin</c> role.</summary>
    Admin,

    /// <summary>Signed in (an Entra ID token) but without an Intake role: may call only anonymous routes.</summary>
    NoRole,

    /// <summary>
    /// A partner organisation: reads exports only, of its regions, of reports whose reporter consented
    /// to sharing, never personal fields.
    /// </summary>
    Partner,

    /// <summary>
    /// The credential of a public campaign link (the web form): submits reports to that campaign
    /// through the form's route and nothing else; closed with its campaign, expires with it.
    /// </summary>
    Campaign,
}
