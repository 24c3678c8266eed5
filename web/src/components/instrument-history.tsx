import { Link } from 'wouter';
import type { StepRole, SuccessionKind } from '../api/generated.ts';
import { fetchInstrumentHistory, type InstrumentHistory, type LifecycleStep, type TextClaim } from '../api/queries.ts';
import { useQuery } from '../api/use-query.ts';
import { addDays, describeDelay, formatDate, todayIso } from './dates.ts';
import { DisagreementList } from './disagreement-list.tsx';
import { STATUS_LABEL } from './lifecycle-labels.ts';
import { entityHref, passageHref } from './node-types.ts';
import { RulingQuote } from './ruling-quote.tsx';
import { ExternalTag, SourceList, TextTag, celexHref } from './source-marks.tsx';
import { StatusOnDate } from './status-on-date.tsx';
import { ErrorState, Loading } from './status.tsx';


const ROLE_LABEL: Record<StepRole, string | null> = {
  SELF: null,
  PROPOSAL: 'a step of its proposal',
  SUCCESSOR: 'a step of the act it became',
  AMENDING_ACT: 'an amending act',
  IMPLEMENTING_ACT: 'an implementing act',
  COURT: 'a court ruling',
};

const SUCCESSION_LABEL: Record<SuccessionKind, [string, string]> = {
  ADOPTED_AS: ['Became', 'Adopted from the proposal'],
  RECAST_AS: ['Recast as', 'Recasts'],
  REPLACED_BY: ['Replaced by', 'Replaces'],
};

/** A history entry that a disagreement compares: which one, whether it agrees, and on which side the entry is. */
interface Comparison {
  id: string;
  agrees: boolean;
  side: 'claim' | 'step';
}

type Entry =
  | { kind: 'step'; date: string; step: LifecycleStep }
  | { kind: 'claim'; date: string; claim: TextClaim }
  | { kind: 'statement'; date: string }
  | { kind: 'today'; date: string };

/**
 * An instrument's life on its entity page: the status on any date, the acts it became, its dated
 * steps (outside sources) and the text's own dated claims in one list around the statement's day,
 * and where the two disagree, side by side.
 */
export function InstrumentHistoryPanel({ id }: { id: string }) {
  const result = useQuery(`history:${id}`, (signal) => fetchInstrumentHistory(id, signal));
  if (result.status === 'loading') return <Loading what="the history" />;
  if (result.status === 'error') return <ErrorState error={result.error} what="the history" onRetry={result.retry} />;
  return <HistoryBody id={id} data={result.data} />;
}

function HistoryBody({ id, data }: { id: string; data: InstrumentHistory }) {
  const steps = data.instrumentHistory;
  const instrument = data.instruments[0];
  const claims = instrument?.events.filter((e) => e.date && e.dateBasis !== 'EXTERNAL') ?? [];
  // Every step knows how far it lies from the statement; any one of them dates the statement.
  const anchor = steps.find((s) => s.daysAfterStatement != null);
  const statementDate = anchor ? addDays(anchor.date, -anchor.daysAfterStatement!) : (instrument?.statusAsOf ?? null);
  const disputed = new Map<string, Comparison>();
  for (const d of data.disagreements) {
    const agrees = d.verdict === 'CONSISTENT';
    for (const c of d.claimConnection.edges) disputed.set(c.node.id, { id: d.id, agrees, side: 'claim' });
    for (const s of d.comparedWith) disputed.set(s.id, { id: d.id, agrees, side: 'step' });
  }
  const entries = buildEntries(steps, claims, statementDate);
  const successions = [
    ...(instrument?.succeededByConnection.edges.map((e) => ({ e, forward: true })) ?? []),
    ...(instrument?.succeedsConnection.edges.map((e) => ({ e, forward: false })) ?? []),
  ];

  return (
    <section aria-labelledby="history-heading" className="history">
      <h2 id="history-heading">History: what happened to it</h2>
      <p className="history-legend">
        <TextTag /> the statement’s own claim, with its quote · <ExternalTag /> a fact from an official or public source, with its reference
        and quote (not in the text).
      </p>
      <StatusOnDate id={id} statementDate={statementDate} statusAsOf={instrument?.statusAsOf ?? null} />
      {successions.length > 0 && (
        <ul className="successions" aria-label="Successor and predecessor acts">
          {successions.map(({ e, forward }) => {
            const how = e.properties.how ?? 'ADOPTED_AS';
            return (
              <li key={`${forward}:${e.node.id}`}>
                <strong>{SUCCESSION_LABEL[how][forward ? 0 : 1]}</strong>{' '}
                <Link href={entityHref(e.node.id)}>{e.node.name}</Link>
                {e.properties.date && <> on {formatDate(e.properties.date)}</>}
                {e.node.celex && (
                  <>
                    {' '}
                    · CELEX{' '}
                    <a href={celexHref(e.node.celex)} rel="noreferrer noopener" target="_blank">
                      {e.node.celex}
                    </a>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {entries.length === 0 ? (
        <p>No dated step is recorded for this instrument.</p>
      ) : (
        <ol className="history-list" aria-label="Dated steps">
          {entries.map((entry) => (
            <HistoryEntry key={entryKey(entry)} entry={entry} disputedBy={disputed} />
          ))}
        </ol>
      )}
      <DisagreementList disagreements={data.disagreements} />
    </section>
  );
}

function buildEntries(steps: readonly LifecycleStep[], claims: readonly TextClaim[], statementDate: string | null): Entry[] {
  const entries: Entry[] = [
    ...steps.map((step): Entry => ({ kind: 'step', date: step.date, step })),
    ...claims.map((claim): Entry => ({ kind: 'claim', date: claim.date!, claim })),
  ];
  if (statementDate) entries.push({ kind: 'statement', date: statementDate });
  const today = todayIso();
  if (entries.some((e) => e.date > today)) entries.push({ kind: 'today', date: today });
  // On one day: the text's claim before the sources' step, markers last.
  const order = { claim: 0, step: 1, statement: 2, today: 3 };
  return entries.sort((a, b) => a.date.localeCompare(b.date) || order[a.kind] - order[b.kind]);
}

function entryKey(entry: Entry): string {
  switch (entry.kind) {
    case 'step':
      return `step:${entry.step.id}`;
    case 'claim':
      return `claim:${entry.claim.id}`;
    case 'statement':
    case 'today':
      return entry.kind;
    default: {
      const never: never = entry;
      throw new Error(`unknown entry ${String(never)}`);
    }
  }
}

function HistoryEntry({ entry, disputedBy }: { entry: Entry; disputedBy: Map<string, Comparison> }) {
  if (entry.kind === 'statement' || entry.kind === 'today') {
    return (
      <li className={`history-marker ${entry.kind}`}>
        <time dateTime={entry.date}>{formatDate(entry.date)}</time> · {entry.kind === 'statement' ? 'the statement' : 'today'}
      </li>
    );
  }
  if (entry.kind === 'claim') {
    const c = entry.claim;
    const mention = c.mentionedInConnection.edges[0];
    const disagreement = disputedBy.get(c.id);
    return (
      <li className="history-entry text" data-source="text">
        <p className="history-date">
          <span className="marker" aria-hidden="true">
            ●
          </span>
          <time dateTime={c.date!}>{formatDate(c.date!)}</time> <TextTag />
          {c.dateText && <span className="muted"> · the text says “{c.dateText}”{c.dateBasis === 'YEAR_INFERRED' && ', year taken from the statement’s date'}</span>}
        </p>
        <p className="history-name">
          <Link href={entityHref(c.id)}>{c.name}</Link>
        </p>
        {mention && (
          <>
            <blockquote className="history-quote">“{mention.properties.quote}”</blockquote>
            <p className="evidence-source">
              <Link href={passageHref(mention.node.id, mention.node.documentId)}>read in the document</Link>
            </p>
          </>
        )}
        {disagreement && <DisputedNote comparison={disagreement} />}
      </li>
    );
  }
  const s = entry.step;
  const role = s.role ? ROLE_LABEL[s.role] : null;
  const disagreement = disputedBy.get(s.id);
  return (
    <li className="history-entry external" data-source="external" data-step={s.id}>
      <p className="history-date">
        <span className="marker" aria-hidden="true">
          ■
        </span>
        <time dateTime={s.date}>{formatDate(s.date, s.datePrecision ?? 'DAY')}</time> <ExternalTag />
        {s.daysAfterStatement != null && <span className="muted"> · {describeDelay(s.daysAfterStatement)} the statement</span>}
      </p>
      <p className="history-name">
        <strong>{s.name}</strong>
        {s.status && (
          <>
            {' '}
            <span className="status-chip">status: {STATUS_LABEL[s.status]}</span>
          </>
        )}
        {role && <span className="muted"> ({role})</span>}
      </p>
      {(s.act || s.celex) && (
        <p className="history-act">
          {s.act}
          {s.celex && (
            <>
              {s.act && ' · '}CELEX{' '}
              <a href={celexHref(s.celex)} rel="noreferrer noopener" target="_blank">
                {s.celex}
              </a>
            </>
          )}
        </p>
      )}
      {s.ruling && <RulingQuote ruling={s.ruling} />}
      <SourceList sources={s.sources} />
      {disagreement && <DisputedNote comparison={disagreement} />}
    </li>
  );
}

function DisputedNote({ comparison }: { comparison: Comparison }) {
  const words = comparison.agrees
    ? 'Compared with the sources, which agree'
    : comparison.side === 'claim'
      ? 'The sources say otherwise'
      : 'A source against the text’s claim';
  return (
    <p className={`disputed-note${comparison.agrees ? ' agrees' : ''}`}>
      <span aria-hidden="true">{comparison.agrees ? '✓ ' : '⚠ '}</span>
      {words}: <a href={`#disagreement-${comparison.id}`}>see the comparison</a>.
    </p>
  );
}
