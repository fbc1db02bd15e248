namespace Archive.Reading.KeyTerms;

/// <summary>
/// SmartCn's segmentation of one sentence, on SmartCn's own dictionaries, as Lucene.Net.Analysis.SmartCn models it:
/// every dictionary word and every single character of the sentence is a token of a lattice (runs of letters, runs of
/// digits and each punctuation mark one token each), between a start and an end token; the path through the lattice
/// that costs least wins, a step from token a to token b costing
/// −ln(0.1 (1 + f(a)) / M + 0.9 ((1 − 1/M) f(a, b) / (1 + f(a)) + 1/M)), with f the word and bigram frequencies and
/// M SmartCn's maximum frequency. Written for speed (SmartChineseAnalyzer segments ≈ 1.8 MB/s per core): flat arrays
/// reused from sentence to sentence, and the bigram dictionary behind a Bloom filter. A test holds it to
/// SmartChineseAnalyzer's tokens on the shipped reports.
/// </summary>
internal sealed class SmartCnSegmenter
{
    private const double MaxFrequency = 2079997 + 80000;
    private const double Smooth = 0.1;
    private const double Tiny = 1.0 / MaxFrequency;

    [ThreadStatic]
    private static SmartCnSegmenter? _current;

    private static readonly Lazy<Specials> Markers = new(() => new Specials(SmartCnData.Shared.Words));

    private readonly WordTrie _trie = WordTrie.Shared;
    private readonly BigramTable _bigrams = BigramTable.Shared;
    private readonly Specials _markers = Markers.Value;
    private Token[] _tokens = new Token[256];
    private int[] _firstAt = new int[256];
    private int _count;

    /// <summary>The segmenter of this thread (its buffers are reused, so one per thread).</summary>
    public static SmartCnSegmenter Current => _current ??= new SmartCnSegmenter();

    /// <summary>
    /// Whether SmartCn makes <paramref name="text"/>[<paramref name="start"/>, <paramref name="start"/> +
    /// <paramref name="length"/>) one token, judged on the sentence around it, cut at <paramref name="reach"/>
    /// characters on either side: a word's fate depends on its neighbours, hardly on words further away.
    /// </summary>
    public bool IsWordAt(string text, int start, int length, int reach = 8)
    {
        var from = start;
        while (from > 0 && start - from < reach && !EndsSentence(text[from - 1]))
        {
            from--;
        }

        var to = start + length;
        while (to < text.Length && to - (start + length) < reach)
        {
            if (EndsSentence(text[to++]))
            {
                break;
            }
        }

        Build(text, from, to);
        for (var at = ShortestPath(text, from, to); at > 0; at = _tokens[at].Previous)
        {
            ref var token = ref _tokens[at];
            if (token.Start + from < start)
            {
                return false;
            }

            if (token.Start + from == start)
            {
                return token.Kind == Kind.Han && token.End + from == start + length;
            }
        }

        return false;
    }

    /// <summary>Calls <paramref name="word"/> with the span of each token of Chinese characters of the sentence text[from, to), from the last to the first.</summary>
    public void Segment(string text, int from, int to, Action<int, int> word)
    {
        Build(text, from, to);
        for (var at = ShortestPath(text, from, to); at > 0; at = _tokens[at].Previous)
        {
            ref var token = ref _tokens[at];
            if (token.Kind == Kind.Han)
            {
                word(from + token.Start, from + token.End);
            }
        }
    }

    /// <summary>Where SmartCn's analyzer (ICU's sentence rules, on Chinese text) ends a sentence.</summary>
    public static bool EndsSentence(char c) => c is '。' or '！' or '？' or '!' or '?' or '\n';

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\u3000';

    private static bool IsLetter(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '\uFF21' and <= '\uFF3A') or (>= '\uFF41' and <= '\uFF5A');

    private static bool IsDigit(char c) => c is (>= '0' and <= '9') or (>= '\uFF10' and <= '\uFF19');

    private static bool IsDelimiter(char c) => c is (>= '\u0021' and <= '\u00BB') or (>= '\u2010' and <= '\u2642') or (>= '\u3001' and <= '\u301E') or (>= '\uFE30' and <= '\uFF63');

    // The lattice of text[from, to) in SmartCn's order: by start, and at one start the single character first, then
    // longer words. Positions are relative to from; the start token is at -1, the end token at the sentence's length.
    private void Build(string text, int from, int to)
    {
        var length = to - from;
        _count = 0;
        Add(-1, 0, Kind.Start, _markers.Start, _markers.StartHash);
        for (var i = 0; i < length;)
        {
            var c = text[from + i];
            if (WordTrie.IsHan(c))
            {
                var node = _trie.Step(0, c);
                var hash = SmartCnData.BigramHash(SmartCnData.BigramHashStart, c);
                Add(i, i + 1, Kind.Han, node == 0 ? 0 : Math.Max(0, _trie.FrequencyAt(node)), hash);
                // A word may run across spaces, as SmartCn reads them.
                for (var j = i + 1; node != 0;)
                {
                    while (j < length && IsSpace(text[from + j]))
                    {
                        j++;
                    }

                    if (j >= length || !WordTrie.IsHan(text[from + j]) || (node = _trie.Step(node, text[from + j])) == 0)
                    {
                        break;
                    }

                    hash = SmartCnData.BigramHash(hash, text[from + j++]);
                    if (_trie.FrequencyAt(node) >= 0)
                    {
                        Add(i, j, Kind.Han, _trie.FrequencyAt(node), hash);
                    }
                }

                i++;
            }
            else if (IsSpace(c))
            {
                i++;
            }
            else if (IsLetter(c) || IsDigit(c))
            {
                var letters = IsLetter(c);
                var j = i + 1;
                while (j < length && (letters ? IsLetter(text[from + j]) : IsDigit(text[from + j])))
                {
                    j++;
                }

                Add(i, j, Kind.Marker, letters ? _markers.String : _markers.Number, letters ? _markers.StringHash : _markers.NumberHash);
                i = j;
            }
            else
            {
                var delimiter = IsDelimiter(c);
                Add(i, i + 1, Kind.Marker, delimiter ? (int)MaxFrequency : _markers.String,
                    delimiter ? SmartCnData.BigramHash(SmartCnData.BigramHashStart, c) : _markers.StringHash);
                i++;
            }
        }

        Add(length, length + 1, Kind.End, _markers.End, _markers.EndHash);
    }

    private void Add(int start, int end, Kind kind, int frequency, long hash)
    {
        if (_count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _count * 2);
        }

        _tokens[_count++] = new Token
        {
            Start = start,
            End = end,
            Kind = kind,
            Frequency = frequency,
            Hash = hash,
            Cost = double.MaxValue,
            Previous = -1,
        };
    }

    // Viterbi over the tokens in their order: each token's least cost is final before its successors are relaxed,
    // and of equal costs the first predecessor in token order wins, as in SmartCn. Returns the end token's index.
    private int ShortestPath(string text, int from, int to)
    {
        var length = to - from;
        if (_firstAt.Length < length + 3)
        {
            _firstAt = new int[(length + 3) * 2];
        }

        Array.Fill(_firstAt, -1, 0, length + 3);
        for (var t = _count - 1; t >= 0; t--)
        {
            _firstAt[_tokens[t].Start + 1] = t;
        }

        _tokens[0].Cost = 0;
        for (var a = 0; a < _count - 1; a++)
        {
            ref var first = ref _tokens[a];
            var next = first.End;
            while (next <= length && _firstAt[next + 1] < 0)
            {
                next++;
            }

            if (next > length)
            {
                continue;
            }

            double frequency = first.Frequency;
            var alone = -Math.Log((Smooth * (1.0 + frequency) / MaxFrequency) + ((1.0 - Smooth) * Tiny));
            var prefix = SmartCnData.BigramHash(first.Hash, '@');
            for (var b = _firstAt[next + 1]; b < _count && _tokens[b].Start == next; b++)
            {
                ref var second = ref _tokens[b];
                var pair = _bigrams.Frequency(PairHash(prefix, text, from, in second));
                var cost = first.Cost + (pair == 0
                    ? alone
                    : -Math.Log((Smooth * (1.0 + frequency) / MaxFrequency) + ((1.0 - Smooth) * (((1.0 - Tiny) * pair / (1.0 + frequency)) + Tiny))));
                if (cost < second.Cost)
                {
                    second.Cost = cost;
                    second.Previous = a;
                }
            }
        }

        return _count - 1;
    }

    // The hash of "first@second", continued from the hash of "first@" over the second token's characters.
    private long PairHash(long prefix, string text, int from, in Token second)
    {
        if (second.Kind != Kind.Han)
        {
            return second.Kind == Kind.End ? _markers.Continue(prefix, _markers.EndText) : ContinueMarker(prefix, text, from, second);
        }

        var hash = prefix;
        for (var k = second.Start; k < second.End; k++)
        {
            var c = text[from + k];
            if (!IsSpace(c))
            {
                hash = SmartCnData.BigramHash(hash, c);
            }
        }

        return hash;
    }

    private long ContinueMarker(long prefix, string text, int from, in Token second)
    {
        var c = text[from + second.Start];
        if (IsLetter(c) || (!IsDigit(c) && !IsDelimiter(c)))
        {
            return _markers.Continue(prefix, _markers.StringText);
        }

        return IsDigit(c) ? _markers.Continue(prefix, _markers.NumberText) : SmartCnData.BigramHash(prefix, c);
    }

    private enum Kind : byte
    {
        Han,
        Marker,
        Start,
        End,
    }

    private struct Token
    {
        public int Start;
        public int End;
        public Kind Kind;
        public int Frequency;

        /// <summary>The bigram hash of the token's text as SmartCn spells it (markers for numbers and strings).</summary>
        public long Hash;
        public double Cost;
        public int Previous;
    }

    /// <summary>The dictionary's markers for what is not a Chinese word, with their frequencies and hashes.</summary>
    private sealed class Specials
    {
        public Specials(IReadOnlyDictionary<string, int> words)
        {
            (Start, End, Number, String) = (words["始##始"], words["末##末"], words["未##数"], words["未##串"]);
            (StartHash, EndHash, NumberHash, StringHash) = (Hash(StartText), Hash(EndText), Hash(NumberText), Hash(StringText));
        }

        public string StartText => "始##始";

        public string EndText => "末##末";

        public string NumberText => "未##数";

        public string StringText => "未##串";

        public int Start { get; }

        public int End { get; }

        public int Number { get; }

        public int String { get; }

        public long StartHash { get; }

        public long EndHash { get; }

        public long NumberHash { get; }

        public long StringHash { get; }

        public long Continue(long hash, string text) => text.Aggregate(hash, SmartCnData.BigramHash);

        private long Hash(string text) => Continue(SmartCnData.BigramHashStart, text);
    }
}
