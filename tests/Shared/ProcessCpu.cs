using System.Globalization;

namespace Intake.Testing;

/// <summary>Reads a process's CPU time from <c>/proc/&lt;pid&gt;/stat</c> (Linux), so a benchmark can say where CPU went.</summary>
public static class ProcessCpu
{
    // USER_HZ: the unit of utime and stime; 100 on every mainstream Linux build.
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU time of <paramref name="pid"/>; zero when it cannot be read.</summary>
    public static TimeSpan Of(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces) start after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return TimeSpan.Zero;
        }
    }
}
