import { Link } from 'wouter';
import type { Verdict } from '../api/generated.ts';
import type { Disagreement } from '../api/queries.ts';
import { formatDate } from './dates.ts';
import { passageHref } from './node-types.ts';
import { ExternalTag, SourceList, TextTag } from './source-marks.tsx';

const VERDICT_LABEL: Record<Verdict, string> = {
  DISAGREES: 'The sources disagree with the text',
  TERMINOLOGY: 'Same day, another legal term',
  CONSISTENT: 'The sources agree with the text',
};

/** Each disagreement: the text's claim, untouched, beside what the sources say, then why. */
export function DisagreementList({ disagreements }: { disagreements: readonly Disagreement[] }) {
  if (disagreements.length === 0) return null;
  return (
    <section aria-labelledby="disagreements-heading" className="disagreements">
      <h3 id="disagreements-heading">Where the text and the sources are compared ({disagreements.length})</h3>
      {disagreements.map((d) => {
        const steps = [...d.comparedWith].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
        return (
          <article key={d.id} id={`disagreement-${d.id}`} className={`disagreement verdict-${(d.verdict ?? 'DISAGREES').toLowerCase()}`} aria-label={d.name}>
            <p className="verdict">{d.verdict ? VERDICT_LABEL[d.verdict] : 'Compared'}</p>
            <p className="disagreement-name">{d.name}</p>
            <div className="side-by-side">
              <div className="side text">
                <p className="side-title">
                  The text says <TextTag />
                </p>
                {d.claimConnection.edges.map((c) => (
                  <div key={c.node.id}>
                    {c.properties.quote && <blockquote className="history-quote">“{c.properties.quote}”</blockquote>}
                    <p className="evidence-source">
                      {c.node.date && <>dated {formatDate(c.node.date)}</>}
                      {c.node.dateBasis === 'YEAR_INFERRED' && ' (year taken from the statement’s date)'}
                      {c.properties.passageId && (
                        <>
                          {' '}
                          · <Link href={passageHref(c.properties.passageId, c.properties.documentId)}>read in the document</Link>
                        </>
                      )}
                    </p>
                  </div>
                ))}
              </div>
              <div className="side external">
                <p className="side-title">
                  The sources say <ExternalTag />
                </p>
                {steps.length > 0 && (
                  <ul className="compared-steps">
                    {steps.map((s) => (
                      <li key={s.id}>
                        {s.date && <time dateTime={s.date}>{formatDate(s.date, s.datePrecision ?? 'DAY')}</time>}: {s.name}
                      </li>
                    ))}
                  </ul>
                )}
                <SourceList
                  sources={d.externalSourcesConnection.edges.map((e) => ({
                    referenceId: e.node.id,
                    title: e.node.title,
                    url: e.node.url,
                    sourceKind: e.node.sourceKind,
                    quote: e.properties.quote,
                  }))}
                />
              </div>
            </div>
            {d.explanation && (
              <p className="explanation">
                <strong>Why: </strong>
                {d.explanation}
              </p>
            )}
          </article>
        );
      })}
    </section>
  );
}
