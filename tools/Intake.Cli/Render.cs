using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Intake.Cli;

/// <summary>Tables and values as the CLI prints them.</summary>
internal static class Render
{
    /// <summary>A table of the given JSON objects' properties, in column order.</summary>
    public static Table Table(JsonArray rows, params (string Header, string Property)[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var (header, _) in columns)
        {
            table.AddColumn(header);
        }

        foreach (var row in rows.OfType<JsonObject>())
        {
            table.AddRow(columns.Select(c => Markup.Escape(Text(row[c.Property]))).ToArray());
        }

        return table;
    }

    /// <summary>A property value as text; arrays joined by commas, absent as a dash.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "-",
        JsonArray array => string.Join(", ", array.Select(Text)),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    /// <summary>A two-column table of an object's properties.</summary>
    public static Table Properties(JsonObject value)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Field").AddColumn("Value");
        foreach (var (name, node) in value)
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(Text(node)));
        }

        return table;
    }

    /// <summary>An integer property, 0 when absent.</summary>
    public static int Int(JsonNode? node, string property) =>
        node?[property] is JsonValue v && v.TryGetValue<int>(out var i) ? i : 0;

    /// <summary>A date option as the API expects it.</summary>
    public static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
