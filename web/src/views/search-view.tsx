import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { NodeType } from '../api/generated.ts';
import { searchGraph, type SearchHit } from '../api/queries.ts';
import { useQuery } from '../api/use-query.ts';
import { NODE_TYPE_ORDER, nodeHref, nodeTypeStyle } from '../components/node-types.ts';
import { HighlightWords } from '../components/quoted-passage.tsx';
import { ErrorState, Loading } from '../components/status.tsx';
import { TypeBadge } from '../components/type-badge.tsx';

const EXAMPLES = ['Europol', 'PNR', 'Jan Jambon', 'radicalisation', 'Schengen'];

/** The home page: one box; results grouped by type; arrows move, Enter opens. */
export function SearchView() {
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const initial = params.get('q') ?? '';
  const [text, setText] = useState(initial);
  const [query, setQuery] = useState(initial.trim());
  const [active, setActive] = useState(0);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);

  // Typing waits a moment before asking; the URL keeps the query so a result list can be shared.
  useEffect(() => {
    const timer = setTimeout(() => {
      const trimmed = text.trim();
      setQuery(trimmed);
      setActive(0);
      history.replaceState(null, '', trimmed ? `/?q=${encodeURIComponent(trimmed)}` : '/');
    }, 180);
    return () => clearTimeout(timer);
  }, [text]);

  const result = useQuery(`search:${query}`, (signal) => (query ? searchGraph(query, 40, signal) : Promise.resolve([])));
  const hits = result.status === 'ok' ? result.data : [];
  const groups = useMemo(() => groupByType(hits), [hits]);
  const ordered = groups.flatMap((g) => g.hits);
  const words = query.split(/\s+/);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (ordered.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + ordered.length) % ordered.length);
    } else if (event.key === 'Enter') {
      const hit = ordered[active];
      if (hit) navigate(nodeHref(hit.type, hit.id));
    }
  };
  const activeHit = ordered[active];

  return (
    <section className="search-view">
      <h1>Search the statements</h1>
      <p className="lede">
        Countries, ministers, agencies, EU instruments, events and commitments, each traced to the sentence it comes from.
      </p>
      <div className="search-box">
        <label htmlFor="search-input" className="visually-hidden">
          Search
        </label>
        <input
          id="search-input"
          ref={input}
          type="search"
          aria-describedby={`${listId}-hint`}
          placeholder="Search names, acronyms, French names, quotes…"
          value={text}
          autoFocus
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <p className="hint" id={`${listId}-hint`}>
        Type, then ↑ ↓ to choose and Enter to open.
      </p>
      {!query && (
        <p className="examples">
          Try:{' '}
          {EXAMPLES.map((example) => (
            <button key={example} type="button" className="chip" onClick={() => setText(example)}>
              {example}
            </button>
          ))}
        </p>
      )}
      {result.status === 'loading' && query && <Loading what="results" />}
      {result.status === 'error' && <ErrorState error={result.error} what="search results" onRetry={result.retry} />}
      <p className="visually-hidden" role="status" aria-live="polite">
        {result.status === 'ok' && query ? `${hits.length} results${activeHit ? `; chosen: ${activeHit.name}` : ''}` : ''}
      </p>
      {result.status === 'ok' && query && hits.length === 0 && <p>Nothing matches “{query}”.</p>}
      <div className="results">
        {groups.map((group) => (
          <section aria-labelledby={`${listId}-${group.type}`} key={group.type} className="result-group">
            <h2 id={`${listId}-${group.type}`}>
              {nodeTypeStyle(group.type).plural} <span className="count">{group.hits.length}</span>
            </h2>
            <ul>
              {group.hits.map((hit) => (
                <li key={hit.id} className={hit === activeHit ? 'active' : undefined} onMouseEnter={() => setActive(ordered.indexOf(hit))}>
                  <Link href={nodeHref(hit.type, hit.id)} aria-current={hit === activeHit ? 'true' : undefined}>
                    <TypeBadge type={hit.type} /> <HighlightWords text={hit.name} words={words} />
                    {hit.field !== 'name' && (
                      <span className="snippet">
                        <span className="muted">{hit.field}: </span>
                        <MarkedSnippet hit={hit} />
                      </span>
                    )}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}

/** Why a hit matched: the API's snippet of the matching property, its matched words marked. */
function MarkedSnippet({ hit }: { hit: SearchHit }) {
  const parts: React.ReactNode[] = [];
  let pos = 0;
  for (const { start, length } of [...hit.highlights].sort((x, y) => x.start - y.start)) {
    if (start < pos) continue;
    parts.push(hit.snippet.slice(pos, start), <mark key={start}>{hit.snippet.slice(start, start + length)}</mark>);
    pos = start + length;
  }
  parts.push(hit.snippet.slice(pos));
  return <>{parts}</>;
}

function groupByType(hits: SearchHit[]): { type: NodeType; hits: SearchHit[] }[] {
  // Groups in the order of their best hit, so the most relevant type comes first.
  const byType = new Map<NodeType, SearchHit[]>();
  for (const hit of hits) byType.set(hit.type, [...(byType.get(hit.type) ?? []), hit]);
  return [...byType.entries()]
    .sort((a, b) => (b[1][0]?.score ?? 0) - (a[1][0]?.score ?? 0) || NODE_TYPE_ORDER.indexOf(a[0]) - NODE_TYPE_ORDER.indexOf(b[0]))
    .map(([type, list]) => ({ type, hits: list }));
}
