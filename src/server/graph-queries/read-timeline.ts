import { AppError, ErrorCode } from '../../errors.ts';
import { isInferredDate, ruleOfDateBasis, type InferenceRule } from '../../graph/fact-basis.ts';
import { type GraphNode, NODE_PROJECTION, readRecords, toGraphNode, toPlain } from './read-records.ts';
import type { DatabaseHandle } from '../../neo4j/database-handle.ts';

export interface TimelineEntry {
  id: string;
  name: string;
  kind: string | null;
  date: string;
  endDate: string | null;
  dateText: string | null;
  dateBasis: string | null;
  /** True when the date is inferred (isInferredDate): by a rule from the text, or its year from an external source's context. */
  inferred: boolean;
  /** The rule that inferred the date from the text (YEAR_FROM_DOCUMENT_DATE, PERIOD_END); null otherwise. */
  dateRule: InferenceRule | null;
  /** True when an external source gave the day and month but left the year implicit. */
  yearInferred: boolean;
  /** TEXT when a document mentions the event, EXTERNAL when only references give it (lifecycle steps, later meetings). */
  basis: 'TEXT' | 'EXTERNAL';
  concerns: GraphNode[];
}

export interface TimelineRange {
  /** ISO dates (YYYY-MM-DD), inclusive. */
  from?: string | null;
  to?: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Dated events between `$from` and `$to` (either null: open), with what each CONCERNS (or, a lifecycle step, is a STEP_OF). */
export const TIMELINE_QUERY = `MATCH (event:Event)
  WHERE event.date IS NOT NULL
    AND ($from IS NULL OR event.date >= date($from))
    AND ($to IS NULL OR event.date <= date($to))
  OPTIONAL MATCH (event)-[:CONCERNS|STEP_OF]->(concerned)
  WITH event, concerned ORDER BY concerned.id
  WITH event, collect(DISTINCT ${NODE_PROJECTION('concerned')}) AS concerns
  RETURN event {.id, .name, .kind, .date, .endDate, .dateText, .dateBasis, .yearInferred} AS event, concerns,
    EXISTS { (event)-[:MENTIONED_IN]->(:Passage) } AS fromText
  ORDER BY event.date, event.id`;

/** Dated events in date order (then by id), each with the entities it CONCERNS or is a STEP_OF. */
export async function readTimeline(db: DatabaseHandle, range: TimelineRange = {}): Promise<TimelineEntry[]> {
  const from = checkDate('from', range.from);
  const to = checkDate('to', range.to);
  if (from !== null && to !== null && from > to) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `from (${from}) is after to (${to}).`, { details: { argument: 'from', from, to } });
  }
  const records = await readRecords(
    db,
    TIMELINE_QUERY,
    { from, to },
  );
  return records.map((record) => {
    const event = toPlain(record.get('event')) as Record<string, string | null> & { yearInferred?: boolean | null };
    const basis = event.dateBasis ?? null;
    const yearInferred = event.yearInferred === true;
    return {
      id: event.id as string,
      name: (event.name ?? event.id) as string,
      kind: event.kind ?? null,
      date: event.date as string,
      endDate: event.endDate ?? null,
      dateText: event.dateText ?? null,
      dateBasis: basis,
      inferred: isInferredDate(basis, yearInferred),
      dateRule: basis === null ? null : (ruleOfDateBasis(basis) ?? null),
      yearInferred,
      basis: record.get('fromText') === true ? 'TEXT' : 'EXTERNAL',
      concerns: (record.get('concerns') as { id: string | null }[]).filter((node) => node.id !== null).map(toGraphNode),
    };
  });
}

function checkDate(argument: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `${argument} must be a date written YYYY-MM-DD; got "${value}".`, {
      details: { argument, value },
    });
  }
  return value;
}
