import { useId, useState } from 'react';
import { fetchInstrumentStatus } from '../api/queries.ts';
import { useQuery } from '../api/use-query.ts';
import { formatDate, todayIso } from './dates.ts';
import { STATUS_LABEL } from './lifecycle-labels.ts';
import { ErrorState } from './status.tsx';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "What was its status on D?" (default today), answered by the API's instrumentStatus from the dated steps. */
export function StatusOnDate({ id, statementDate, statusAsOf }: { id: string; statementDate: string | null; statusAsOf: string | null }) {
  const [date, setDate] = useState(todayIso());
  const inputId = useId();
  const valid = ISO_DATE.test(date);
  const result = useQuery(`status:${id}:${valid ? date : ''}`, (signal) => fetchInstrumentStatus(id, valid ? date : null, signal));
  return (
    <div className="status-on-date" role="group" aria-label="Status on a date">
      <div className="status-controls">
        <label htmlFor={inputId}>
          Status on
        </label>
        <input id={inputId} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <button type="button" className="button" onClick={() => setDate(todayIso())}>
          Today
        </button>
        {statementDate && (
          <button type="button" className="button" onClick={() => setDate(statementDate)}>
            The statement’s day
          </button>
        )}
      </div>
      <p className="status-answer" role="status" aria-live="polite" data-testid="status-answer">
        {result.status === 'loading' && 'Looking it up…'}
        {result.status === 'ok' && (
          <>
            On <time dateTime={result.data.on}>{formatDate(result.data.on)}</time>:{' '}
            {result.data.status ? (
              <>
                <strong className="status-chip" data-status={result.data.status}>
                  {STATUS_LABEL[result.data.status]}
                </strong>
                {result.data.since && <> since {formatDate(result.data.since)}</>}
                {result.data.step && <> ({result.data.step.name}, outside source)</>}
              </>
            ) : (
              <strong>no recorded step yet</strong>
            )}
          </>
        )}
      </p>
      {result.status === 'error' && <ErrorState error={result.error} what="the status" onRetry={result.retry} />}
      {result.status === 'ok' && result.data.statusAtStatement && statusAsOf && (
        <p className="muted status-note">
          The statement’s record, as of {formatDate(statusAsOf)}: “{result.data.statusAtStatement.replace(/_/g, ' ').toLowerCase()}” (the <em>status</em>{' '}
          property under Properties). The dated steps below are the better-sourced account of any day.
        </p>
      )}
    </div>
  );
}
