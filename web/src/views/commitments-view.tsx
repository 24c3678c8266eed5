import { stringify } from 'csv-stringify/browser/esm/sync';
import { useMemo } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { DateBasis, Outcome } from '../api/generated.ts';
import { fetchCommitments, type Commitment, type FollowThroughRow } from '../api/queries.ts';
import { useQuery } from '../api/use-query.ts';
import { describeDelay } from '../components/dates.ts';
import { OUTCOME_LABEL } from '../components/lifecycle-labels.ts';
import { entityHref } from '../components/node-types.ts';
import { ErrorState, Loading } from '../components/status.tsx';

/** The outcomes in the API's order (docs/follow-through.md, rule 4): sorting by outcome follows it. */
const OUTCOME_ORDER: Outcome[] = ['ACHIEVED', 'PARTLY', 'PENDING', 'DROPPED', 'SUPERSEDED'];
/** A mark per outcome, so that the column does not rely on colour. */
const OUTCOME_SYMBOL: Record<Outcome, string> = { ACHIEVED: '✓', PARTLY: '◐', PENDING: '…', DROPPED: '✗', SUPERSEDED: '↷' };

interface Row {
  id: string;
  name: string;
  section: string;
  modality: string;
  verbPhrase: string;
  parties: string;
  involves: string;
  instruments: string;
  deadline: string;
  deadlineText: string;
  deadlineBasis: string;
  /** Follow-through of a European-level ask; empty for the other commitments. */
  outcome: string;
  daysToAdoption: string;
  daysToApplication: string;
}

/** Sort keys that are not text: the outcome's rank and the delays in days (unknown: null, last). */
interface RowNumbers {
  outcome: number | null;
  daysToAdoption: number | null;
  daysToApplication: number | null;
}

type TextKey = Exclude<keyof Row, 'id'>;

interface TableRow {
  row: Row;
  numbers: RowNumbers;
  follow: FollowThroughRow | undefined;
}

const COLUMNS: { key: TextKey; label: string; filter: 'select' | 'text' | 'none'; title?: string }[] = [
  { key: 'name', label: 'Commitment', filter: 'text' },
  { key: 'section', label: 'Section', filter: 'select' },
  { key: 'modality', label: 'Modality', filter: 'select' },
  { key: 'parties', label: 'Parties', filter: 'select' },
  { key: 'involves', label: 'Involves', filter: 'text' },
  { key: 'instruments', label: 'Concerns', filter: 'text' },
  { key: 'deadline', label: 'Deadline', filter: 'select' },
  { key: 'outcome', label: 'Outcome', filter: 'select', title: 'What came of a European-level ask, by the rule in docs/follow-through.md (rule 3)' },
  { key: 'daysToAdoption', label: 'Days to adoption', filter: 'none', title: 'Days from the statement until every instrument was adopted (docs/follow-through.md, rule 4)' },
  { key: 'daysToApplication', label: 'Days to application', filter: 'none', title: 'Days from the statement until every instrument applied (docs/follow-through.md, rule 4)' },
];

export const BASIS_LABEL: Record<DateBasis, string> = {
  STATED: 'stated',
  YEAR_INFERRED: 'year inferred',
  EXTERNAL: 'external',
  APPROXIMATE: 'approximate',
};

const NUMERIC = new Set<string>(['outcome', 'daysToAdoption', 'daysToApplication']);

function toRow(c: Commitment, follow: FollowThroughRow | undefined): TableRow {
  const names = (list: { name?: string }[]) => list.map((x) => x.name ?? '').filter(Boolean).join('; ');
  const days = (n: number | null | undefined) => (n == null ? '' : String(n));
  const row: Row = {
    id: c.id,
    name: c.name,
    section: c.section ?? '',
    modality: c.modality ?? '',
    verbPhrase: c.verbPhrase ?? '',
    parties: names(c.parties),
    involves: names(c.involves),
    instruments: names(c.concerns),
    deadline: c.deadline ?? '',
    deadlineText: c.deadlineText ?? '',
    deadlineBasis: c.deadlineBasis ? BASIS_LABEL[c.deadlineBasis] : '',
    outcome: follow ? OUTCOME_LABEL[follow.outcome] : '',
    daysToAdoption: days(follow?.daysToAdoption),
    daysToApplication: days(follow?.daysToApplication),
  };
  const numbers: RowNumbers = {
    outcome: follow ? OUTCOME_ORDER.indexOf(follow.outcome) : null,
    daysToAdoption: follow?.daysToAdoption ?? null,
    daysToApplication: follow?.daysToApplication ?? null,
  };
  return { row, numbers, follow };
}

/** One column's order; unknown numbers (not an ask, not yet adopted) come last either way, as in the API. */
function compareRows(a: TableRow, b: TableRow, key: TextKey, descending: boolean): number {
  const sign = descending ? -1 : 1;
  if (NUMERIC.has(key)) {
    const [x, y] = [a.numbers[key as keyof RowNumbers], b.numbers[key as keyof RowNumbers]];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return sign * (x - y);
    }
  } else {
    const order = a.row[key].localeCompare(b.row[key]);
    if (order !== 0) return sign * order;
  }
  return a.row.name.localeCompare(b.row.name);
}

/** Every commitment in a table: filter and sort by each column, counts per group, CSV of what is shown. */
export function CommitmentsView() {
  const result = useQuery('commitments', (signal) => fetchCommitments(signal));
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const table = useMemo(() => {
    if (result.status !== 'ok') return [];
    const follow = new Map(result.data.followThrough.map((f) => [f.commitment.id, f]));
    return result.data.commitments.map((c) => toRow(c, follow.get(c.id)));
  }, [result]);
  const rows = useMemo(() => table.map((t) => t.row), [table]);
  const sortKey = (params.get('sort') ?? 'section') as TextKey;
  const descending = params.get('dir') === 'desc';
  const groupKey = (params.get('group') ?? 'modality') as TextKey;

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    navigate(`/commitments${next.size ? `?${next}` : ''}`, { replace: true });
  };

  const filtered = useMemo(() => {
    const matching = table.filter(({ row }) =>
      COLUMNS.every(({ key, filter }) => {
        const wanted = params.get(key);
        if (!wanted || filter === 'none') return true;
        if (key === 'outcome' && wanted === 'none') return row.outcome === '';
        if (key === 'deadline') return wanted === 'any' ? row.deadline !== '' : wanted === 'none' ? row.deadline === '' : row.deadlineBasis === wanted;
        if (key === 'parties' && filter === 'select') return row.parties.split('; ').includes(wanted);
        return filter === 'select' ? row[key] === wanted : row[key].toLowerCase().includes(wanted.toLowerCase());
      }),
    );
    return [...matching].sort((a, b) => compareRows(a, b, sortKey, descending));
  }, [table, params.toString(), sortKey, descending]);

  if (result.status === 'loading') return <Loading what="commitments" />;
  if (result.status === 'error') return <ErrorState error={result.error} what="commitments" onRetry={result.retry} />;

  const counts = countBy(filtered.map((t) => t.row), groupKey);
  const options = (key: TextKey) =>
    key === 'parties' ? [...new Set(rows.flatMap((r) => r.parties.split('; ')).filter(Boolean))].sort() : [...new Set(rows.map((r) => r[key]).filter(Boolean))].sort();

  const download = () => {
    const csv = stringify(
      filtered.map((t) => t.row),
      {
        header: true,
        columns: ['id', 'name', 'section', 'modality', 'verbPhrase', 'parties', 'involves', 'instruments', 'deadline', 'deadlineText', 'deadlineBasis', 'outcome', 'daysToAdoption', 'daysToApplication'],
      },
    );
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'entente-commitments.csv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section className="commitments-view">
      <h1>Commitments</h1>
      <form className="filters" aria-label="Filter commitments" onSubmit={(e) => e.preventDefault()}>
        {COLUMNS.filter(({ filter }) => filter !== 'none').map(({ key, label, filter }) => (
          <label key={key}>
            {label}
            {key === 'deadline' ? (
              <select value={params.get(key) ?? ''} onChange={(e) => setParam(key, e.target.value)}>
                <option value="">all</option>
                <option value="any">with a deadline</option>
                <option value="none">without a deadline</option>
                {Object.values(BASIS_LABEL).map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            ) : filter === 'select' ? (
              <select value={params.get(key) ?? ''} onChange={(e) => setParam(key, e.target.value)}>
                <option value="">all</option>
                {key === 'outcome' && <option value="none">not a European-level ask</option>}
                {options(key).map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <input type="search" value={params.get(key) ?? ''} onChange={(e) => setParam(key, e.target.value)} />
            )}
          </label>
        ))}
      </form>
      <div className="table-toolbar">
        <p role="status" aria-live="polite">
          <strong>{filtered.length}</strong> of {rows.length} commitments
        </p>
        <label>
          Count by{' '}
          <select value={groupKey} onChange={(e) => setParam('group', e.target.value)}>
            <option value="modality">modality</option>
            <option value="section">section</option>
            <option value="deadlineBasis">deadline basis</option>
            <option value="outcome">outcome</option>
          </select>
        </label>
        <button type="button" className="button primary" onClick={download}>
          Download CSV ({filtered.length} rows)
        </button>
      </div>
      <ul className="group-counts" aria-label={`Counts by ${groupKey}`}>
        {counts.map(([value, n]) => (
          <li key={value}>
            <button type="button" className="chip" onClick={() => setParam(groupKey, groupKey === 'deadlineBasis' ? '' : groupKey === 'outcome' && !value ? 'none' : value)} disabled={groupKey === 'deadlineBasis'}>
              {value || '(none)'} <span className="count">{n}</span>
            </button>
          </li>
        ))}
      </ul>
      <details className="outcome-rule" id="outcome-rule">
        <summary>How the outcome and the delays are derived</summary>
        <p>
          Only <strong>European-level asks</strong> have an outcome: commitments that support or call on others, or stand under “At European level”,
          and concern an EU directive, regulation, proposal, information system or initiative. The outcome is read off the instruments’ dated
          lifecycle steps (outside sources, shown on each instrument’s page) as of today: <strong>✓ achieved</strong> when every instrument applies
          (or applied and was later superseded), <strong>◐ partly</strong> when some are adopted or in force but not all apply, <strong>… pending</strong>{' '}
          while none is adopted, <strong>✗ dropped</strong> when all were withdrawn or annulled, <strong>↷ superseded</strong> when all were replaced.
        </p>
        <p>
          <strong>To adoption</strong> and <strong>to application</strong> count days from the statement’s date until the last of its instruments
          was adopted or applied (negative: it already had been); empty while one has not. The full rule is in the project’s{' '}
          <code>docs/follow-through.md</code> and the API’s <code>followThrough</code> query.
        </p>
      </details>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Commitments table">
        <table className="commitments">
          <thead>
            <tr>
              {COLUMNS.map(({ key, label, title }) => (
                <th key={key} scope="col" title={title} aria-sort={sortKey === key ? (descending ? 'descending' : 'ascending') : 'none'}>
                  <button
                    type="button"
                    className="sort"
                    onClick={() => {
                      const next = new URLSearchParams(params);
                      next.set('sort', key);
                      if (sortKey === key && !descending) next.set('dir', 'desc');
                      else next.delete('dir');
                      navigate(`/commitments?${next}`, { replace: true });
                    }}
                  >
                    {label} <span aria-hidden="true">{sortKey === key ? (descending ? '▼' : '▲') : '↕'}</span>
                  </button>
                  {key === 'outcome' && (
                    <>
                      {' '}
                      <a
                        href="#outcome-rule"
                        className="rule-link"
                        onClick={() => {
                          const rule = document.getElementById('outcome-rule');
                          if (rule instanceof HTMLDetailsElement) rule.open = true;
                        }}
                      >
                        rule
                      </a>
                    </>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {filtered.map(({ row, follow }) => (
              <tr key={row.id} data-outcome={follow?.outcome ?? ''}>
                <td>
                  <Link href={entityHref(row.id)}>{row.name}</Link>
                  {row.verbPhrase && <div className="muted">“{row.verbPhrase}”</div>}
                </td>
                <td>{row.section}</td>
                <td>
                  <span className={`modality modality-${row.modality.toLowerCase()}`}>{row.modality.replace(/_/g, ' ').toLowerCase()}</span>
                </td>
                <td>{row.parties}</td>
                <td>{row.involves}</td>
                <td>{row.instruments}</td>
                <td>
                  {row.deadline ? (
                    <>
                      {row.deadline} <span className={`basis basis-${row.deadlineBasis.replace(/ /g, '-')}`}>{row.deadlineBasis}</span>
                      <div className="muted">“{row.deadlineText}”</div>
                    </>
                  ) : (
                    <span className="muted">none</span>
                  )}
                </td>
                <FollowThroughCells follow={follow} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Outcome with a mark and each instrument's own outcome; delays in days with a readable span. */
function FollowThroughCells({ follow }: { follow: FollowThroughRow | undefined }) {
  if (!follow) {
    return (
      <>
        <td className="muted">
          <span aria-hidden="true">–</span>
          <span className="visually-hidden">not a European-level ask</span>
        </td>
        <td />
        <td />
      </>
    );
  }
  const delay = (days: number | null | undefined) =>
    days == null ? (
      <span className="muted">not yet</span>
    ) : (
      <>
        <strong className="days">{days}</strong>
        <div className="muted delay-words">{describeDelay(days)}</div>
      </>
    );
  const instruments = follow.instruments;
  return (
    <>
      <td>
        <span className={`outcome outcome-${follow.outcome.toLowerCase()}`}>
          <span aria-hidden="true">{OUTCOME_SYMBOL[follow.outcome]} </span>
          {OUTCOME_LABEL[follow.outcome]}
        </span>
        {instruments.length > 1 && (
          <details className="outcome-parts">
            <summary>{instruments.length} instruments</summary>
            <ul aria-label="Outcome per instrument">
              {instruments.map((i) => (
                <li key={i.instrument.id}>
                  <Link href={`${entityHref(i.instrument.id)}#history-heading`}>{i.instrument.name}</Link>: {OUTCOME_LABEL[i.outcome]}
                </li>
              ))}
            </ul>
          </details>
        )}
        {instruments.length === 1 && (
          <div className="muted">
            <Link href={`${entityHref(instruments[0]!.instrument.id)}#history-heading`}>its history</Link>
          </div>
        )}
      </td>
      <td>{delay(follow.daysToAdoption)}</td>
      <td>{delay(follow.daysToApplication)}</td>
    </>
  );
}

function countBy(rows: Row[], key: keyof Row): [string, number][] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row[key], (counts.get(row[key]) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
