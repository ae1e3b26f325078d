namespace Intake.Core.OpenRosa;

/// <summary>One attachment part of an OpenRosa submission request.</summary>
/// <param name="FileName">The part's file name, as the instance refers to it.</param>
/// <param name="DeclaredType">The part's <c>Content-Type</c>, if any; checked, never trusted.</param>
/// <param name="Content">The bytes.</param>
public sealed record UploadedFile(string FileName, string? DeclaredType, ReadOnlyMemory<byte> Content);
