using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Intake.SelfHost;

/// <summary>
/// With <c>--addressFile PATH</c>, writes the addresses the server is listening on (one a line) to
/// PATH once it listens. A host started on port 0 (<c>--urls http://127.0.0.1:0</c>) binds a port
/// the kernel chooses, and whoever started it learns that port here, instead of choosing a "free"
/// port beforehand that another process can take before the host binds it.
/// </summary>
public static class AddressFile
{
    /// <summary>The configuration key (command line <c>--addressFile</c>).</summary>
    public const string Key = "addressFile";

    /// <summary>Writes the file when the application has started, if it was asked for.</summary>
    public static void WriteWhenStarted(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration[Key] is not { Length: > 0 } path)
        {
            return;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            // Written whole, then renamed, so that a reader never sees half of it.
            var partial = path + ".partial";
            File.WriteAllLines(partial, addresses);
            File.Move(partial, path, overwrite: true);
        });
    }
}
