/** A passage with the quoted span marked; `start` is the quote's offset when the API knows it. */
export function QuotedPassage({ text, quote, start }: { text: string; quote: string; start?: number | null }) {
  const at = start != null && text.startsWith(quote, start) ? start : text.indexOf(quote);
  if (at < 0 || quote.length === 0) return <span className="passage-text">{text}</span>;
  return (
    <span className="passage-text">
      {text.slice(0, at)}
      <mark className="quote">{text.slice(at, at + quote.length)}</mark>
      {text.slice(at + quote.length)}
    </span>
  );
}

/** Marks each occurrence of the search words in `text` (case and accents ignored). */
export function HighlightWords({ text, words }: { text: string; words: string[] }) {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const folded = fold(text);
  // Folding removes combining marks; map folded offsets back only when lengths agree.
  if (folded.length !== text.length || words.length === 0) return <>{text}</>;
  const marks: [number, number][] = [];
  for (const word of words.map(fold).filter((w) => w.length > 1)) {
    for (let i = folded.indexOf(word); i >= 0; i = folded.indexOf(word, i + word.length)) marks.push([i, i + word.length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  const parts: React.ReactNode[] = [];
  let pos = 0;
  for (const [from, to] of marks) {
    if (from < pos) continue;
    parts.push(text.slice(pos, from), <mark key={from}>{text.slice(from, to)}</mark>);
    pos = to;
  }
  parts.push(text.slice(pos));
  return <>{parts}</>;
}
