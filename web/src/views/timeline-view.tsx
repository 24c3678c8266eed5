import { Link } from 'wouter';
import type { DateBasis } from '../api/generated.ts';
import { fetchTimeline, type TimelineEntry } from '../api/queries.ts';
import { useQuery } from '../api/use-query.ts';
import { nodeHref } from '../components/node-types.ts';
import { ErrorState, Loading } from '../components/status.tsx';

/** How sure a date is, told by a shape and a word, not by colour alone. */
const BASIS: Record<DateBasis, { label: string; symbol: string; className: string; note: string }> = {
  STATED: { label: 'stated', symbol: '●', className: 'stated', note: 'the text gives the full date' },
  YEAR_INFERRED: { label: 'inferred', symbol: '◌', className: 'inferred', note: 'the year is inferred from the document’s date' },
  EXTERNAL: { label: 'external', symbol: '■', className: 'external', note: 'the date comes from an outside reference' },
  APPROXIMATE: { label: 'approximate', symbol: '∼', className: 'approximate', note: 'a period, placed at its last day' },
};

/** Dated events on a vertical time axis, grouped by year. */
export function TimelineView() {
  const result = useQuery('timeline', (signal) => fetchTimeline(signal));
  if (result.status === 'loading') return <Loading what="the timeline" />;
  if (result.status === 'error') return <ErrorState error={result.error} what="the timeline" onRetry={result.retry} />;
  const years = new Map<string, TimelineEntry[]>();
  for (const e of result.data) years.set(e.date.slice(0, 4), [...(years.get(e.date.slice(0, 4)) ?? []), e]);
  return (
    <section className="timeline-view">
      <h1>Timeline</h1>
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
                return (
                  <li key={e.id} className={`timeline-event ${basis.className}`} data-basis={basis.label}>
                    <span className={`marker ${basis.className}`} aria-hidden="true">
                      {basis.symbol}
                    </span>
                    <div className="timeline-body">
                      <p className="timeline-date">
                        <time dateTime={e.date}>{formatDate(e.date)}</time>
                        {e.endDate && e.endDate !== e.date && <> – <time dateTime={e.endDate}>{formatDate(e.endDate)}</time></>}{' '}
                        <span className={`basis basis-${basis.className}`}>{basis.label}</span>
                        {e.dateText && <span className="muted"> · text says “{e.dateText}”</span>}
                      </p>
                      <p className="timeline-name">
                        <Link href={nodeHref('Event', e.id)}>{e.name}</Link>
                      </p>
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

function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
