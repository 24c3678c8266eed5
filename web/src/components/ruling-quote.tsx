import type { Ruling } from '../api/queries.ts';
import { SOURCE_KIND_LABEL } from './source-marks.tsx';

/** What a court decided: the verdict quoted from its reference, labelled so it reads apart from the step's other sources. */
export function RulingQuote({ ruling }: { ruling: Ruling }) {
  const title = ruling.title ?? ruling.referenceId;
  return (
    <figure className="ruling">
      <figcaption>
        <strong>Ruling</strong>
        <span className="muted"> · what the court decided, quoted from </span>
        {ruling.url ? (
          <a href={ruling.url} rel="noreferrer noopener" target="_blank">
            {title}
          </a>
        ) : (
          title
        )}
        {ruling.sourceKind && <span className="muted"> ({SOURCE_KIND_LABEL[ruling.sourceKind]})</span>}
      </figcaption>
      <blockquote className="ruling-quote">“{ruling.quote}”</blockquote>
    </figure>
  );
}
