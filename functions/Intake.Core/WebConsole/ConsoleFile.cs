namespace Intake.Core.WebConsole;

/// <summary>One file of the web console, as served.</summary>
/// <param name="Path">The path under <c>/api/console/</c>, such as <c>js/main.js</c>.</param>
/// <param name="ContentType">The media type, with a charset for text.</param>
/// <param name="Body">The bytes.</param>
/// <param name="ETag">A strong entity tag from the content's hash, quoted.</param>
public sealed record ConsoleFile(string Path, string ContentType, byte[] Body, string ETag);
