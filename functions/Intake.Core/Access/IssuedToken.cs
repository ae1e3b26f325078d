namespace Intake.Core.Access;

/// <summary>A newly issued token: the only moment its secret text exists outside its holder.</summary>
/// <param name="Token">The stored description.</param>
/// <param name="Secret">The full token text to give to the holder; it cannot be shown again.</param>
public sealed record IssuedToken(AccessToken Token, string Secret);
