import type { SourceKind } from '../api/generated.ts';

/** "From the text": the statement itself says it (solid outline). */
export function TextTag() {
  return <span className="source-tag origin-text">from the text</span>;
}

/** "Outside source": an official or public source says it, not the text (double outline). */
export function ExternalTag() {
  return <span className="source-tag origin-external">outside source</span>;
}

export const SOURCE_KIND_LABEL: Record<SourceKind, string> = {
  EUR_LEX: 'EUR-Lex',
  EU_INSTITUTION: 'EU institution',
  EU_MONITOR: 'EU Monitor copy of EUR-Lex',
  NATIONAL_GOV: 'national government',
  LEGISLATION_MIRROR: 'copy of EU legislation',
  PRESS: 'press',
  SECONDARY: 'secondary source',
};

/** The act's page on EUR-Lex, by its CELEX number (EUR-Lex's own address scheme). */
export function celexHref(celex: string): string {
  return `https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:${encodeURIComponent(celex)}`;
}

interface SourceItem {
  referenceId: string;
  title?: string | null;
  url?: string | null;
  sourceKind?: SourceKind | null;
  quote?: string | null;
  primary?: boolean | null;
}

/** Each source of an outside fact: its title linked to its page, what kind of source, the sentence quoted. */
export function SourceList({ sources }: { sources: readonly SourceItem[] }) {
  if (sources.length === 0) return null;
  return (
    <ul className="step-sources" aria-label="Sources">
      {sources.map((s, i) => (
        <li key={`${s.referenceId}:${i}`}>
          {s.url ? (
            <a href={s.url} rel="noreferrer noopener" target="_blank">
              {s.title ?? s.referenceId}
            </a>
          ) : (
            (s.title ?? s.referenceId)
          )}
          {(s.sourceKind || s.primary) && (
            <span className="muted">
              {' '}
              ({[s.sourceKind ? SOURCE_KIND_LABEL[s.sourceKind] : null, s.primary ? 'primary source' : null].filter(Boolean).join(', ')})
            </span>
          )}
          {s.quote && <blockquote className="source-quote">“{s.quote}”</blockquote>}
        </li>
      ))}
    </ul>
  );
}
