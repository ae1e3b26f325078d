namespace Intake.Core.Places;

/// <summary>
/// Levenshtein similarity of two keys: 1 - edits / longer length. Computed only as far as the threshold
/// needs (a diagonal band of the edit matrix), because a fuzzy search compares one name with hundreds.
/// </summary>
internal static class Similarity
{
    private const int Large = int.MaxValue / 2;

    /// <summary>The similarity when it is at least <paramref name="threshold"/>; otherwise 0.</summary>
    public static double AtLeast(string a, string b, double threshold)
    {
        var longer = Math.Max(a.Length, b.Length);
        if (longer == 0)
        {
            return 1;
        }

        var allowed = (int)Math.Floor((1 - threshold) * longer);
        if (Math.Abs(a.Length - b.Length) > allowed)
        {
            return 0;
        }

        var distance = Distance(a, b, allowed);
        return distance > allowed ? 0 : 1 - ((double)distance / longer);
    }

    /// <summary>The edit distance, or any value above <paramref name="limit"/> once it is certain to exceed it.</summary>
    private static int Distance(string a, string b, int limit)
    {
        Span<int> previous = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> current = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j <= limit ? j : Large;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            // Cells more than `limit` off the diagonal cannot lie on a path within the limit.
            var from = Math.Max(1, i - limit);
            var to = Math.Min(b.Length, i + limit);
            current[0] = i <= limit ? i : Large;
            if (from > 1)
            {
                current[from - 1] = Large;
            }

            var rowMin = current[0];
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (to < b.Length)
            {
                current[to + 1] = Large;
            }

            if (rowMin > limit)
            {
                return rowMin;
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }
}
