import { stringify } from 'csv-stringify/browser/esm/sync';
import { useMemo } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { DateBasis } from '../api/generated.ts';
import { fetchCommitments, type Commitment } from '../api/queries.ts';
import { useQuery } from '../api/use-query.ts';
import { ErrorState, Loading } from '../components/status.tsx';

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
}

const COLUMNS: { key: keyof Row; label: string; filter: 'select' | 'text' }[] = [
  { key: 'name', label: 'Commitment', filter: 'text' },
  { key: 'section', label: 'Section', filter: 'select' },
  { key: 'modality', label: 'Modality', filter: 'select' },
  { key: 'parties', label: 'Parties', filter: 'select' },
  { key: 'involves', label: 'Involves', filter: 'text' },
  { key: 'instruments', label: 'Concerns', filter: 'text' },
  { key: 'deadline', label: 'Deadline', filter: 'select' },
];

export const BASIS_LABEL: Record<DateBasis, string> = {
  STATED: 'stated',
  YEAR_INFERRED: 'year inferred',
  EXTERNAL: 'external',
  APPROXIMATE: 'approximate',
};

function toRow(c: Commitment): Row {
  const names = (list: { name?: string }[]) => list.map((x) => x.name ?? '').filter(Boolean).join('; ');
  return {
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
  };
}

/** Every commitment in a table: filter and sort by each column, counts per group, CSV of what is shown. */
export function CommitmentsView() {
  const result = useQuery('commitments', (signal) => fetchCommitments(signal));
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const rows = useMemo(() => (result.status === 'ok' ? result.data.map(toRow) : []), [result]);
  const sortKey = (params.get('sort') ?? 'section') as keyof Row;
  const descending = params.get('dir') === 'desc';
  const groupKey = (params.get('group') ?? 'modality') as keyof Row;

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    navigate(`/commitments${next.size ? `?${next}` : ''}`, { replace: true });
  };

  const filtered = useMemo(() => {
    const matching = rows.filter((row) =>
      COLUMNS.every(({ key, filter }) => {
        const wanted = params.get(key);
        if (!wanted) return true;
        if (key === 'deadline') return wanted === 'any' ? row.deadline !== '' : wanted === 'none' ? row.deadline === '' : row.deadlineBasis === wanted;
        if (key === 'parties' && filter === 'select') return row.parties.split('; ').includes(wanted);
        return filter === 'select' ? row[key] === wanted : row[key].toLowerCase().includes(wanted.toLowerCase());
      }),
    );
    const sorted = [...matching].sort((a, b) => a[sortKey].localeCompare(b[sortKey]) || a.name.localeCompare(b.name));
    return descending ? sorted.reverse() : sorted;
  }, [rows, params.toString(), sortKey, descending]);

  if (result.status === 'loading') return <Loading what="commitments" />;
  if (result.status === 'error') return <ErrorState error={result.error} what="commitments" onRetry={result.retry} />;

  const counts = countBy(filtered, groupKey);
  const options = (key: keyof Row) =>
    key === 'parties' ? [...new Set(rows.flatMap((r) => r.parties.split('; ')).filter(Boolean))].sort() : [...new Set(rows.map((r) => r[key]).filter(Boolean))].sort();

  const download = () => {
    const csv = stringify(filtered, {
      header: true,
      columns: ['id', 'name', 'section', 'modality', 'verbPhrase', 'parties', 'involves', 'instruments', 'deadline', 'deadlineText', 'deadlineBasis'],
    });
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
        {COLUMNS.map(({ key, label, filter }) => (
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
          </select>
        </label>
        <button type="button" className="button primary" onClick={download}>
          Download CSV ({filtered.length} rows)
        </button>
      </div>
      <ul className="group-counts" aria-label={`Counts by ${groupKey}`}>
        {counts.map(([value, n]) => (
          <li key={value}>
            <button type="button" className="chip" onClick={() => setParam(groupKey, groupKey === 'deadlineBasis' ? '' : value)} disabled={groupKey === 'deadlineBasis'}>
              {value || '(none)'} <span className="count">{n}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Commitments table">
        <table className="commitments">
          <thead>
            <tr>
              {COLUMNS.map(({ key, label }) => (
                <th key={key} scope="col" aria-sort={sortKey === key ? (descending ? 'descending' : 'ascending') : 'none'}>
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
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {filtered.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link href={`/entity/${encodeURIComponent(row.id)}`}>{row.name}</Link>
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
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function countBy(rows: Row[], key: keyof Row): [string, number][] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row[key], (counts.get(row[key]) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
