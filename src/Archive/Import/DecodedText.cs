using Archive.Corpus;

namespace Archive.Import;

/// <summary>A file's text with the encoding it was read in and how sure the reader is of that encoding.</summary>
public sealed record DecodedText(string Text, string Encoding, Confidence Confidence);
