namespace Intake.Core.Reports;

/// <summary>One problem with one field of a submitted report.</summary>
/// <param name="Field">Dotted path of the field, such as <c>location.latitude</c>; empty for the whole body.</param>
/// <param name="Detail">What is wrong, in words a form developer can act on. Never echoes the value.</param>
public sealed record FieldError(string Field, string Detail)
{
    /// <summary>The field as a JSON Pointer fragment (RFC 6901), as RFC 9457 examples use.</summary>
    public string Pointer => Field.Length == 0 ? "#" : "#/" + Field.Replace('.', '/');
}
