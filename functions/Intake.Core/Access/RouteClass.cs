namespace Intake.Core.Access;

/// <summary>Who may call a route.</summary>
public enum RouteClass
{
    /// <summary>Anyone: health, the report schema, the public OpenRosa form list and form downloads.</summary>
    Anonymous,

    /// <summary>A submitter token (or an admin credential).</summary>
    Submitter,

    /// <summary>A partner token (read-only, scoped to its regions and to consented reports) or an admin credential: the exports.</summary>
    Partner,

    /// <summary>A campaign link's credential (or an admin credential): the web form's own routes.</summary>
    Campaign,

    /// <summary>An admin credential only. Every route not named otherwise is here (fail closed).</summary>
    Admin,
}
