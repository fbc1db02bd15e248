namespace Archive.Reading.Comparison;

/// <summary>What a stretch of a changed paragraph is: kept from the older text, inserted in the newer, or deleted from the older.</summary>
public enum EditKind
{
    Equal,
    Insert,
    Delete,
}

/// <summary>A stretch of text with what happened to it.</summary>
public readonly record struct Edit(EditKind Kind, string Text);

/// <summary>
/// The shortest edit script between two strings, character by character (Myers' O((N+M)D) greedy algorithm, with the
/// traces kept to walk back), as runs of kept, deleted and inserted text. Deletions come before insertions where both
/// fall between the same kept runs, as a reader reads a correction.
/// </summary>
public static class TextDiff
{
    private const int MostEdits = 1500;

    public static IReadOnlyList<Edit> Of(string older, string newer)
    {
        // The common start and end are kept whatever lies between: most changed paragraphs differ in a few words.
        var head = 0;
        while (head < older.Length && head < newer.Length && older[head] == newer[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < older.Length - head && tail < newer.Length - head && older[^(tail + 1)] == newer[^(tail + 1)])
        {
            tail++;
        }

        var edits = new List<Edit>();
        Add(edits, EditKind.Equal, older[..head]);
        Middle(edits, older[head..^tail], newer[head..^tail]);
        Add(edits, EditKind.Equal, older[^tail..]);
        return edits;
    }

    private static void Middle(List<Edit> edits, string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            Add(edits, EditKind.Delete, a);
            Add(edits, EditKind.Insert, b);
            return;
        }

        // Beyond this many edits two paragraphs share little: the older is shown deleted and the newer inserted,
        // instead of keeping traces that grow with the square of the edits.
        var max = Math.Min(a.Length + b.Length, MostEdits);
        var offset = max + 1;
        var v = new int[(2 * max) + 2];
        // Trace d holds v for k in [-d, d], all that the walk back from step d reads.
        var traces = new List<int[]>();
        var found = -1;
        for (var d = 0; d <= max && found < 0; d++)
        {
            traces.Add(v.AsSpan(offset - d, (2 * d) + 1).ToArray());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < a.Length && y < b.Length && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= a.Length && y >= b.Length)
                {
                    found = d;
                    break;
                }
            }
        }

        if (found < 0)
        {
            Add(edits, EditKind.Delete, a);
            Add(edits, EditKind.Insert, b);
            return;
        }

        // Walk the traces back from the end, collecting single-character steps in reverse.
        var steps = new List<(EditKind Kind, char C)>();
        int px = a.Length, py = b.Length;
        for (var d = found; d > 0; d--)
        {
            var trace = traces[d];
            var k = px - py;
            var previousK = k == -d || (k != d && trace[d + k - 1] < trace[d + k + 1]) ? k + 1 : k - 1;
            var previousX = trace[d + previousK];
            var previousY = previousX - previousK;
            while (px > previousX && py > previousY)
            {
                steps.Add((EditKind.Equal, a[--px]));
                py--;
            }

            if (px == previousX)
            {
                steps.Add((EditKind.Insert, b[--py]));
            }
            else
            {
                steps.Add((EditKind.Delete, a[--px]));
            }
        }

        while (px > 0)
        {
            steps.Add((EditKind.Equal, a[--px]));
            py--;
        }

        steps.Reverse();
        Runs(edits, steps);
    }

    // Single-character steps into runs; between two kept runs, what was deleted before what was inserted.
    private static void Runs(List<Edit> edits, List<(EditKind Kind, char C)> steps)
    {
        var deleted = new System.Text.StringBuilder();
        var inserted = new System.Text.StringBuilder();
        var kept = new System.Text.StringBuilder();
        void FlushChanges()
        {
            Add(edits, EditKind.Delete, deleted.ToString());
            Add(edits, EditKind.Insert, inserted.ToString());
            deleted.Clear();
            inserted.Clear();
        }

        foreach (var (kind, c) in steps)
        {
            if (kind == EditKind.Equal)
            {
                FlushChanges();
                kept.Append(c);
                continue;
            }

            Add(edits, EditKind.Equal, kept.ToString());
            kept.Clear();
            (kind == EditKind.Delete ? deleted : inserted).Append(c);
        }

        FlushChanges();
        Add(edits, EditKind.Equal, kept.ToString());
    }

    // Runs of one kind merge; empty runs are dropped.
    private static void Add(List<Edit> edits, EditKind kind, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (edits.Count > 0 && edits[^1].Kind == kind)
        {
            edits[^1] = new Edit(kind, edits[^1].Text + text);
        }
        else
        {
            edits.Add(new Edit(kind, text));
        }
    }
}
