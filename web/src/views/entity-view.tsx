import { Link } from 'wouter';
import { ApiError } from '../api/client.ts';
import { fetchEntity, fetchPassages, type EntityDetail, type EntityLink, type Passage } from '../api/queries.ts';
import { useQuery } from '../api/use-query.ts';
import { InstrumentHistoryPanel } from '../components/instrument-history.tsx';
import { nodeHref, passageHref } from '../components/node-types.ts';
import { QuotedPassage } from '../components/quoted-passage.tsx';
import { ErrorState, Loading } from '../components/status.tsx';
import { TypeBadge } from '../components/type-badge.tsx';

interface EntityPage {
  entity: EntityDetail;
  passages: Map<string, Passage>;
}

async function loadEntityPage(id: string, signal: AbortSignal): Promise<EntityPage | null> {
  const entity = await fetchEntity(id, signal);
  if (!entity) return null;
  // Relationships name their passage by id; one more query brings the texts to highlight quotes in.
  const ids = [...new Set(entity.links.map((l) => l.provenance?.passageId).filter((p): p is string => !!p))];
  const passages = await fetchPassages(ids, signal);
  return { entity, passages: new Map(passages.map((p) => [p.id, p])) };
}

/** One node: what it is, where the text names it, and every relationship with its quote and passage. */
export function EntityView({ id }: { id: string }) {
  const result = useQuery(`entity:${id}`, (signal) => loadEntityPage(id, signal));
  if (result.status === 'loading') return <Loading what="the entity" />;
  const unknown = result.status === 'error' && result.error instanceof ApiError && result.error.code === 'NOT_FOUND';
  if (result.status === 'error' && !unknown) return <ErrorState error={result.error} what="the entity" onRetry={result.retry} />;
  if (result.status === 'error' || !result.data) {
    return (
      <section>
        <h1>No entity “{id}”</h1>
        <p>
          The graph holds no node with this id. <Link href="/">Search</Link> for it by name.
        </p>
      </section>
    );
  }
  const { entity, passages } = result.data;
  const external = new Map<string, EntityDetail['externalReferences'][number]>();
  for (const ref of entity.externalReferences) for (const field of ref.fields) external.set(field, ref);
  const groups = groupLinks(entity.links);

  return (
    <article className="entity-view">
      <header className="entity-header">
        <p>
          <TypeBadge type={entity.type} />
        </p>
        <h1>{entity.name}</h1>
        {entity.aliases.length > 0 && <p className="aliases">Also: {entity.aliases.join(' · ')}</p>}
        {entity.description && <p className="description">{entity.description}</p>}
        <p className="actions">
          <Link className="button" href={`/graph?focus=${encodeURIComponent(entity.id)}`}>
            Show on the graph
          </Link>
          {entity.type === 'Instrument' && (
            <>
              {' '}
              <a className="button" href="#history-heading">
                History and status on any date
              </a>
            </>
          )}
        </p>
      </header>

      {entity.type === 'Instrument' && <InstrumentHistoryPanel id={entity.id} />}

      <section aria-labelledby="properties-heading">
        <h2 id="properties-heading">Properties</h2>
        <table className="properties">
          <thead>
            <tr>
              <th scope="col">Property</th>
              <th scope="col">Value</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {entity.aliases.length > 0 && <PropertyRow name="aliases" value={entity.aliases.join('; ')} reference={external.get('aliases')} />}
            {entity.properties.map((p) => (
              <PropertyRow key={p.key} name={p.key} value={p.value} reference={external.get(p.key)} />
            ))}
          </tbody>
        </table>
        {entity.externalReferences.length > 0 && (
          <>
            <h3>Outside references</h3>
            <ul className="references">
              {entity.externalReferences.map((ref) => (
                <li key={ref.id}>
                  {ref.url ? (
                    <a href={ref.url} rel="noreferrer noopener" target="_blank">
                      {ref.title ?? ref.id}
                    </a>
                  ) : (
                    (ref.title ?? ref.id)
                  )}{' '}
                  <span className="muted">(source of: {ref.fields.join(', ')})</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {entity.mentions.length > 0 && (
        <section aria-labelledby="mentions-heading">
          <h2 id="mentions-heading">In the text ({entity.mentions.length})</h2>
          <ul className="evidence-list">
            {entity.mentions.map((m) => (
              <li key={`${m.passage.id}:${m.quote}`} className="evidence">
                <p className="evidence-source">
                  {m.document?.title ?? 'Document'} · {m.passage.section ?? 'Untitled section'} ·{' '}
                  <Link href={passageHref(m.passage.id, m.document?.id)}>read in the document</Link>
                </p>
                <blockquote>
                  <QuotedPassage text={m.passage.text ?? ''} quote={m.quote} />
                </blockquote>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="links-heading">
        <h2 id="links-heading">Relationships ({entity.links.length})</h2>
        {groups.length === 0 && <p>No relationships besides mentions.</p>}
        {groups.map((group) => (
          <section key={group.key} className="link-group" aria-label={group.label}>
            <h3>
              {group.label} <span className="count">{group.links.length}</span>
            </h3>
            <ul className="evidence-list">
              {group.links.map((link, i) => (
                <LinkItem key={`${link.other.id}:${i}`} link={link} passages={passages} entity={entity} />
              ))}
            </ul>
          </section>
        ))}
      </section>
    </article>
  );
}

function PropertyRow({ name, value, reference }: { name: string; value: string; reference?: { id: string; title: string | null; url: string | null } }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{value}</td>
      <td>
        {reference ? (
          <span className="source external">
            <span className="source-tag">outside reference</span>{' '}
            {reference.url ? (
              <a href={reference.url} rel="noreferrer noopener" target="_blank">
                {reference.title ?? reference.id}
              </a>
            ) : (
              (reference.title ?? reference.id)
            )}
          </span>
        ) : (
          <span className="source text">
            <span className="source-tag">from the text</span>
          </span>
        )}
      </td>
    </tr>
  );
}

function LinkItem({ link, passages, entity }: { link: EntityLink; passages: Map<string, Passage>; entity: EntityDetail }) {
  const provenance = link.provenance;
  const passage = provenance?.passageId ? passages.get(provenance.passageId) : undefined;
  const reference = provenance?.referenceId ? entity.externalReferences.find((r) => r.id === provenance.referenceId) : undefined;
  return (
    <li className="evidence">
      <p className="link-target">
        <TypeBadge type={link.other.type} /> <Link href={nodeHref(link.other.type, link.other.id)}>{link.other.name}</Link>
        {link.properties.map((p) => (
          <span key={p.key} className="link-property">
            {' '}
            · {p.key}: <strong>{p.value}</strong>
          </span>
        ))}
      </p>
      {provenance?.quote && passage?.text && (
        <>
          <blockquote>
            <QuotedPassage text={passage.text} quote={provenance.quote} />
          </blockquote>
          <p className="evidence-source">
            {passage.section ?? ''} · <Link href={passageHref(passage.id, passage.documentId)}>read in the document</Link>
          </p>
        </>
      )}
      {provenance?.quote && !passage?.text && <blockquote className="quote-only">“{provenance.quote}”</blockquote>}
      {provenance?.referenceId && (
        <p className="evidence-source external">
          <span className="source-tag">outside reference</span>{' '}
          {reference?.url ? (
            <a href={reference.url} rel="noreferrer noopener" target="_blank">
              {reference.title ?? reference.id}
            </a>
          ) : (
            (reference?.title ?? provenance.referenceId)
          )}
        </p>
      )}
    </li>
  );
}

const VERBS: Record<string, [string, string]> = {
  PARTY_TO: ['is party to', 'parties'],
  INVOLVES: ['involves', 'involved in'],
  CONCERNS: ['concerns', 'concerned by'],
  HOLDS_OFFICE: ['holds office in', 'office holders'],
  ATTENDED: ['attended', 'attended by'],
  BELONGS_TO: ['belongs to', 'members'],
  LOCATED_IN: ['located in', 'contains'],
  OCCURRED_IN: ['occurred in', 'events here'],
  ON_TOPIC: ['on topic', 'commitments on this topic'],
  HAS_DEADLINE_EVENT: ['deadline event', 'deadline of'],
  BUILDS_ON: ['builds on', 'built upon by'],
  NEAR_DUPLICATE_OF: ['near duplicate of', 'near duplicates'],
  RECORDS: ['records', 'recorded by'],
};

function groupLinks(links: EntityLink[]): { key: string; label: string; links: EntityLink[] }[] {
  const groups = new Map<string, EntityLink[]>();
  for (const link of links) {
    const key = `${link.type}:${link.direction}`;
    groups.set(key, [...(groups.get(key) ?? []), link]);
  }
  return [...groups.entries()].map(([key, list]) => {
    const [type = '', direction] = key.split(':');
    const words = VERBS[type];
    const label = words ? (direction === 'OUT' ? words[0] : words[1]) : `${type} (${direction === 'OUT' ? 'out' : 'in'})`;
    return { key, label: label.charAt(0).toUpperCase() + label.slice(1), links: list };
  });
}
