import { Link, useLocation, useSearch } from 'wouter';
import type { DateBasis, InferenceRule } from '../api/generated.ts';
import { fetchTimeline, type TimelineEntry } from '../api/queries.ts';
import { useQuery } from '../api/use-query.ts';
import { formatDate, todayIso } from '../components/dates.ts';
import { RulingQuote } from '../components/ruling-quote.tsx';
import { nodeHref } from '../components/node-types.ts';
import { ExternalTag, TextTag } from '../components/source-marks.tsx';
import { ErrorState, Loading } from '../components/status.tsx';

/** How sure a date is, told by a shape and a word, not by colour alone. */
const BASIS: Record<DateBasis, { label: string; symbol: string; className: string; note: string }> = {
  STATED: { label: 'stated', symbol: '●', className: 'stated', note: 'the text gives the full date' },
  YEAR_INFERRED: { label: 'inferred', symbol: '◌', className: 'inferred', note: 'the year is inferred from the document’s date' },
  EXTERNAL: { label: 'external', symbol: '■', className: 'external', note: 'the date comes from an outside reference' },
  APPROXIMATE: { label: 'approximate', symbol: '∼', className: 'approximate', note: 'a period, placed at its last day' },
};

/** How an inferred date was inferred, in words: the rule that read it from the text. */
const DATE_RULE: Partial<Record<InferenceRule, string>> = {
  YEAR_FROM_DOCUMENT_DATE: 'year taken from the document’s date (the text gives day and month)',
  PERIOD_END: 'a period, placed at its last day',
};

/** Why an inferred date is inferred; null for a date stated in full. */
function inferredHow(e: TimelineEntry): string | null {
  if (!e.inferred) return null;
  if (e.dateRule) return DATE_RULE[e.dateRule] ?? `inferred by the rule ${e.dateRule}`;
  if (e.yearInferred) return 'year not stated by the source (read from its context)';
  return 'inferred';
}

const ORIGINS = {
  all: 'everything',
  text: 'from the text',
  external: 'outside sources',
} as const;

/** Whether an event belongs to the chosen origin: the text's own events or the outside sources'. */
function hasOrigin(e: TimelineEntry, origin: keyof typeof ORIGINS): boolean {
  return origin === 'all' || (origin === 'text') === (e.basis === 'TEXT');
}

/**
 * Dated events on a vertical time axis, grouped by year, over the whole history the graph holds
 * (the instruments' lifecycles reach years before and after the statement). Each event says
 * whether the text or an outside source gives it; the filter keeps one kind.
 */
export function TimelineView() {
  const result = useQuery('timeline', (signal) => fetchTimeline(signal));
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const origin = (params.get('source') ?? 'all') as keyof typeof ORIGINS;
  if (result.status === 'loading') return <Loading what="the timeline" />;
  if (result.status === 'error') return <ErrorState error={result.error} what="the timeline" onRetry={result.retry} />;
  const all = result.data;
  const shown = all.filter((e) => hasOrigin(e, origin));
  const years = new Map<string, TimelineEntry[]>();
  for (const e of shown) years.set(e.date.slice(0, 4), [...(years.get(e.date.slice(0, 4)) ?? []), e]);
  const today = todayIso();
  const first = all[0]?.date;
  const last = all[all.length - 1]?.date;
  return (
    <section className="timeline-view">
      <h1>Timeline</h1>
      {first && last && (
        <p className="lede">
          {all.length} dated events from {formatDate(first)} to {formatDate(last)}: the statements’ own dates and, from outside sources, what
          happened to each instrument before and after them.{last > today && ' Dates after today are scheduled.'}
        </p>
      )}
      <div className="timeline-tools">
        <label>
          Show{' '}
          <select
            value={origin}
            onChange={(e) => navigate(e.target.value === 'all' ? '/timeline' : `/timeline?source=${e.target.value}`, { replace: true })}
          >
            {Object.entries(ORIGINS).map(([key, label]) => (
              <option key={key} value={key}>
                {label} ({all.filter((e) => hasOrigin(e, key as keyof typeof ORIGINS)).length})
              </option>
            ))}
          </select>
        </label>
        <nav aria-label="Years" className="year-index">
          {[...years.keys()].map((year) => (
            <a key={year} href={`#year-${year}`}>
              {year}
            </a>
          ))}
        </nav>
      </div>
      <ul className="timeline-legend" aria-label="How sure each date is">
        {Object.values(BASIS).map((b) => (
          <li key={b.label}>
            <span className={`marker ${b.className}`} aria-hidden="true">
              {b.symbol}
            </span>{' '}
            <strong>{b.label}</strong>: {b.note}
          </li>
        ))}
      </ul>
      <div className="timeline">
        {[...years.entries()].map(([year, events]) => (
          <section key={year} aria-labelledby={`year-${year}`} className="timeline-year">
            <h2 id={`year-${year}`}>{year}</h2>
            <ol>
              {events.map((e) => {
                const basis = BASIS[e.dateBasis ?? (e.inferred ? 'YEAR_INFERRED' : 'STATED')];
                const fromText = e.basis === 'TEXT';
                const how = inferredHow(e);
                return (
                  <li key={e.id} className={`timeline-event ${basis.className} origin-${fromText ? 'text' : 'external'}`} data-basis={basis.label} data-origin={fromText ? 'text' : 'external'}>
                    <span className={`marker ${basis.className}`} aria-hidden="true">
                      {basis.symbol}
                    </span>
                    <div className="timeline-body">
                      <p className="timeline-date">
                        <time dateTime={e.date}>{formatDate(e.date)}</time>
                        {e.endDate && e.endDate !== e.date && <> – <time dateTime={e.endDate}>{formatDate(e.endDate)}</time></>}{' '}
                        <span className={`basis basis-${basis.className}`}>{basis.label}</span>
                        {e.dateText && <span className="muted"> · text says “{e.dateText}”</span>} {fromText ? <TextTag /> : e.dateBasis !== 'EXTERNAL' && <ExternalTag />}
                        {e.date > today && <span className="muted"> · scheduled</span>}
                      </p>
                      {how && <p className="date-inference">How the date was inferred: {how}</p>}
                      <p className="timeline-name">
                        <Link href={nodeHref('Event', e.id)}>{e.name}</Link>
                      </p>
                      {e.ruling && <RulingQuote ruling={e.ruling} />}
                      {e.concerns.length > 0 && (
                        <p className="muted">
                          Concerns:{' '}
                          {e.concerns.map((c, i) => (
                            <span key={c.id}>
                              {i > 0 && ', '}
                              <Link href={nodeHref(c.type, c.id)}>{c.name}</Link>
                            </span>
                          ))}
                        </p>
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </div>
    </section>
  );
}
