using Intake.Core.Http;

namespace Intake.Cli;

/// <summary>
/// <c>export reports</c>: streams an export to a file with a progress bar. The body goes to a
/// temporary file beside the target, moved into place only when the whole export arrived, so an
/// error or a broken connection never leaves a partial file behind.
/// </summary>
internal static class ExportCommands
{
    public static Command Create(CliContext cli)
    {
        var from = new Option<DateOnly?>("--from") { Description = "First UTC day of receipt (yyyy-MM-dd). Default: 29 days before --to." };
        var to = new Option<DateOnly?>("--to") { Description = "Last UTC day of receipt (yyyy-MM-dd). Default: today (UTC)." };
        var country = new Option<string?>("--country") { Description = "ISO 3166-1 alpha-2 country code." };
        var admin1 = new Option<string?>("--admin1") { Description = "First-level area: its name or its ISO 3166-2 code." };
        var category = new Option<string?>("--category") { Description = "Category code." };
        var status = new Option<string?>("--status") { Description = "Comma-separated statuses. Default: processed." };
        var format = new Option<string>("--format", "-f") { Description = "csv (default), geojson or ndjson.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "geojson", "ndjson");
        var personal = new Option<bool>("--include-personal") { Description = "Add narrative, reporter id and contact (admins only; the export is audited)." };
        var bom = new Option<bool>("--bom") { Description = "Start a CSV with a UTF-8 byte order mark, for Excel." };
        var output = new Option<FileInfo>("--out", "-o") { Description = "The file to write.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists." };
        var reports = new Command("reports", "Export reports with their normalised fields to a file.")
        {
            from, to, country, admin1, category, status, format, personal, bom, output, force,
        };
        reports.SetAction(async (parse, ct) =>
        {
            var target = parse.GetRequiredValue(output);
            if (target.Exists && !parse.GetValue(force))
            {
                throw new CliException($"{target.FullName} exists; pass --force to replace it.", 2);
            }

            var query = new List<string> { "format=" + parse.GetValue(format) };
            Add(query, "from", Render.Day(parse.GetValue(from)));
            Add(query, "to", Render.Day(parse.GetValue(to)));
            Add(query, "country", parse.GetValue(country));
            Add(query, "admin1", parse.GetValue(admin1));
            Add(query, "category", parse.GetValue(category));
            Add(query, "status", parse.GetValue(status));
            Add(query, "includePersonal", parse.GetValue(personal) ? "true" : null);
            Add(query, "bom", parse.GetValue(bom) ? "true" : null);
            var path = ApiOperations.ExportReports.RelativePathFor() + "?" + string.Join('&', query);

            using var api = cli.CreateClient(parse);
            var directory = target.Directory ?? new DirectoryInfo(".");
            var temporary = Path.Combine(directory.FullName, $".{target.Name}.{Guid.NewGuid():N}.partial");
            try
            {
                long bytes = 0;
                await cli.Console.Progress()
                    .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new ElapsedTimeColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask($"Exporting to {Markup.Escape(target.Name)}");
                        task.IsIndeterminate = true;
                        await using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
                        bytes = await api.DownloadAsync(path, file, received => task.Value = received, ct).ConfigureAwait(false);
                        task.IsIndeterminate = false;
                        task.MaxValue = Math.Max(bytes, 1);
                        task.Value = task.MaxValue;
                    }).ConfigureAwait(false);
                File.Move(temporary, target.FullName, overwrite: true);
                cli.Console.MarkupLine($"Wrote {bytes:N0} bytes to [bold]{Markup.Escape(target.FullName)}[/].");
            }
            finally
            {
                // Nothing partial stays behind: after a move this is a no-op.
                File.Delete(temporary);
            }
        });

        return new Command("export", "Take reports out: CSV, GeoJSON or NDJSON files.") { reports };
    }

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }
}
