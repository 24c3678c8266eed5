import { useEffect } from 'react';
import { Link, useLocation } from 'wouter';
import type { NodeType } from '../api/generated.ts';
import { fetchDocument, fetchDocuments, type ReaderDocument, type ReaderPassage } from '../api/queries.ts';
import { useQuery } from '../api/use-query.ts';
import { nodeHref, nodeTypeStyle } from '../components/node-types.ts';
import { cutPassage, type MentionInput } from '../components/passage-highlights.ts';
import { ErrorState, Loading } from '../components/status.tsx';

async function loadDocument(id: string | undefined, signal: AbortSignal): Promise<ReaderDocument | null> {
  if (id) return fetchDocument(id, signal);
  // /document alone opens the first document of the corpus.
  const first = (await fetchDocuments(signal))[0];
  return first ? fetchDocument(first.id, signal) : null;
}

/** The statement passage by passage under its headings, every mention and commitment highlighted. */
export function DocumentView({ id }: { id: string | undefined }) {
  const result = useQuery(`document:${id ?? ''}`, (signal) => loadDocument(id, signal));
  const loaded = result.status === 'ok' && result.data !== null;
  // The anchor (#<passage id>) exists only once the passages are drawn.
  useEffect(() => {
    if (!loaded || !window.location.hash) return;
    const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target) {
      target.scrollIntoView({ block: 'center' });
      target.classList.add('targeted');
      target.focus({ preventScroll: true });
    }
  }, [loaded]);

  if (result.status === 'loading') return <Loading what="the document" />;
  if (result.status === 'error') return <ErrorState error={result.error} what="the document" onRetry={result.retry} />;
  const doc = result.data;
  if (!doc) return <h1>{id ? `No document “${id}”` : 'No documents are loaded'}</h1>;
  const sections = groupSections(doc.passages);

  return (
    <article className="document-view">
      <header>
        <h1>{doc.title ?? doc.name}</h1>
        <p className="muted">
          {[doc.place, doc.date].filter(Boolean).join(', ')} · {doc.passages.length} passages
        </p>
        <p className="legend-inline">
          <mark className="mention-sample">named entity</mark> opens its page;{' '}
          <mark className="commitment-sample">commitment</mark> opens the commitment.
        </p>
      </header>
      {sections.map((section, i) => (
        <section key={`${section.title}:${i}`} aria-labelledby={`section-${i}`}>
          <h2 id={`section-${i}`}>{section.title}</h2>
          {section.passages.map((p) => (
            <PassageBlock key={p.id} passage={p} />
          ))}
        </section>
      ))}
    </article>
  );
}

function PassageBlock({ passage }: { passage: ReaderPassage }) {
  const [, navigate] = useLocation();
  const mentions: MentionInput[] = passage.mentionsConnection.edges.flatMap((edge) =>
    'id' in edge.node ? [{ quote: edge.properties.quote, quoteStart: edge.properties.quoteStart, node: { id: edge.node.id, name: edge.node.name, type: edge.node.__typename as NodeType } }] : [],
  );
  const pieces = cutPassage(passage.text ?? '', mentions);
  const commitments = [...new Map(mentions.filter((m) => m.node.type === 'Commitment').map((m) => [m.node.id, m.node])).values()];
  return (
    <div id={passage.id} className={`passage ${passage.kind === 'BULLET' ? 'bullet' : ''}`} tabIndex={-1}>
      <p>
        {pieces.map((piece) => {
          let content: React.ReactNode = piece.text;
          if (piece.mention) {
            const [first, ...others] = piece.mention.nodes;
            content = (
              <>
                <Link href={nodeHref(first!.type, first!.id)} className="mention" title={`${nodeTypeStyle(first!.type).label}: ${first!.name}`}>
                  {piece.text}
                </Link>
                {others.map((o) => (
                  <sup key={o.id}>
                    <Link href={nodeHref(o.type, o.id)} className="also" title={`${nodeTypeStyle(o.type).label}: ${o.name}`}>
                      +{o.name}
                    </Link>
                  </sup>
                ))}
              </>
            );
          }
          const commitment = piece.commitments[0]?.nodes[0];
          if (!commitment) return <span key={piece.start}>{content}</span>;
          return (
            <mark
              key={piece.start}
              className="commitment"
              data-commitment={commitment.id}
              title={`Commitment: ${commitment.name}`}
              onClick={(e) => {
                // A mention inside the commitment keeps its own link.
                if ((e.target as HTMLElement).closest('a')) return;
                navigate(nodeHref('Commitment', commitment.id));
              }}
            >
              {content}
            </mark>
          );
        })}
      </p>
      {commitments.length > 0 && (
        <p className="passage-commitments">
          <span className="source-tag">commitment</span>{' '}
          {commitments.map((c, i) => (
            <span key={c.id}>
              {i > 0 && ' · '}
              <Link href={nodeHref('Commitment', c.id)}>{c.name}</Link>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

function groupSections(passages: ReaderPassage[]): { title: string; passages: ReaderPassage[] }[] {
  const sections: { title: string; passages: ReaderPassage[] }[] = [];
  for (const p of passages) {
    const title = p.section ?? 'Untitled section';
    const last = sections[sections.length - 1];
    if (last && last.title === title) last.passages.push(p);
    else sections.push({ title, passages: [p] });
  }
  return sections;
}
