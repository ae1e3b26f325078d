using Intake.Core.Admin;
using Intake.Core.Http;
using Intake.Core.OpenRosa;
using Intake.Core.OpenRosa.Encryption;

namespace Intake.Cli;

/// <summary>
/// <c>decrypt</c>: offline mode's reader. Downloads the encrypted submissions of a range of days
/// through the admin API (the server never sees the key), decrypts and verifies each on this
/// machine, and writes <c>DIR/&lt;report id&gt;/submission.xml</c> and its media. A report that
/// does not decrypt leaves no folder behind and is listed with its reason.
/// </summary>
internal static class DecryptCommand
{
    public static Command Create(CliContext cli)
    {
        var key = new Option<FileInfo>("--key", "-k") { Description = "The private key ring (PEM) that intake keys create/rotate wrote.", Required = true };
        var from = new Option<DateOnly?>("--from") { Description = "First UTC day of receipt (yyyy-MM-dd). Default: 6 days before --to." };
        var to = new Option<DateOnly?>("--to") { Description = "Last UTC day of receipt (yyyy-MM-dd). Default: today (UTC). At most 31 days in all." };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "The folder to write one sub-folder per report to.", Required = true };
        var command = new Command("decrypt", "Download encrypted reports and decrypt them here with your private key.") { key, from, to, output };
        command.SetAction(async (parse, ct) =>
        {
            var keyFile = parse.GetRequiredValue(key);
            if (!keyFile.Exists)
            {
                throw new CliException($"{keyFile.FullName} does not exist.", 2);
            }

            using var ring = ReadRing(keyFile);
            var decryptor = new SubmissionDecryptor(ring);
            var target = parse.GetRequiredValue(output);
            target.Create();
            using var api = cli.CreateClient(parse);
            var query = new List<string> { "status=encrypted", $"max={ReportListQuery.MaxRows}" };
            if (Render.Day(parse.GetValue(from)) is { } f)
            {
                query.Add("from=" + f);
            }

            if (Render.Day(parse.GetValue(to)) is { } t)
            {
                query.Add("to=" + t);
            }

            var page = await api.GetAsync(ApiOperations.AdminListReports.RelativePathFor() + "?" + string.Join('&', query), ct).ConfigureAwait(false);
            var ids = (page["items"]?.AsArray() ?? []).Select(i => (string)i!["reportId"]!).ToList();
            var failures = new List<(string Id, string Reason)>();
            var written = 0;
            await cli.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"Decrypting {ids.Count} report(s)", maxValue: Math.Max(ids.Count, 1));
                    foreach (var id in ids)
                    {
                        try
                        {
                            await DecryptOneAsync(api, decryptor, id, target, ct).ConfigureAwait(false);
                            written++;
                        }
                        catch (SubmissionDecryptionException e)
                        {
                            failures.Add((id, e.Message));
                        }

                        task.Increment(1);
                    }

                    task.Value = task.MaxValue;
                }).ConfigureAwait(false);

            cli.Console.MarkupLine($"Decrypted {written} of {ids.Count} encrypted report(s) into [bold]{Markup.Escape(target.FullName)}[/].");
            if ((bool?)page["truncated"] == true)
            {
                cli.Console.MarkupLine($"[yellow]More than {ReportListQuery.MaxRows} matched: run again for fewer days.[/]");
            }

            foreach (var (id, reason) in failures)
            {
                cli.Console.MarkupLine($"[red]{id}[/]: {Markup.Escape(reason)}");
            }

            if (failures.Count > 0)
            {
                throw new CliException($"{failures.Count} report(s) could not be decrypted; nothing was written for them.");
            }
        });
        return command;
    }

    private static EncryptionKeyRing ReadRing(FileInfo file)
    {
        try
        {
            return EncryptionKeyRing.FromPrivatePem(File.ReadAllText(file.FullName));
        }
        catch (ArgumentException e)
        {
            throw new CliException($"{file.FullName}: {e.Message}", 2);
        }
    }

    private static async Task DecryptOneAsync(IntakeApiClient api, SubmissionDecryptor decryptor, string id, DirectoryInfo target, CancellationToken ct)
    {
        var view = await api.GetAsync(ApiOperations.AdminEncryptedSubmission.RelativePathFor(id), ct).ConfigureAwait(false);
        var manifestBytes = Convert.FromBase64String((string)view["manifest"]!);
        var instance = XFormInstance.Parse(manifestBytes, 4 * 1024 * 1024);
        if (!SubmissionManifest.TryRead(instance, out var manifest, out var problem))
        {
            throw new SubmissionDecryptionException($"{problem.Field}: {problem.Detail}");
        }

        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var file in view["files"]?.AsArray() ?? [])
        {
            using var content = new MemoryStream();
            await api.DownloadAsync(ApiOperations.AdminReportAttachment.RelativePathFor(id, (string)file!["sha256"]!), content, _ => { }, ct).ConfigureAwait(false);
            files[(string)file["fileName"]!] = content.ToArray();
        }

        var decrypted = decryptor.Decrypt(manifest, files);
        // Written to a temporary folder first: a report is there whole or not at all.
        var partial = Directory.CreateDirectory(Path.Combine(target.FullName, $".{id}.partial"));
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(partial.FullName, "submission.xml"), decrypted.Xml.ToArray(), ct).ConfigureAwait(false);
            foreach (var media in decrypted.Media)
            {
                await File.WriteAllBytesAsync(Path.Combine(partial.FullName, media.FileName), media.Content.ToArray(), ct).ConfigureAwait(false);
            }

            var final = Path.Combine(target.FullName, id);
            if (Directory.Exists(final))
            {
                Directory.Delete(final, recursive: true);
            }

            partial.MoveTo(final);
        }
        finally
        {
            if (partial.Exists && partial.Name.EndsWith(".partial", StringComparison.Ordinal))
            {
                partial.Delete(recursive: true);
            }
        }
    }
}
