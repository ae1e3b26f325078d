namespace Intake.Core.Access;

/// <summary>What a token's table row holds: the token as admins see it, and the salt and hash its secret is checked against.</summary>
internal sealed record StoredTokenRow(AccessToken Token, byte[] Salt, byte[] Hash);
