/**
 * Reading instruments' lifecycle steps (docs/graph-model.md, "Lifecycle") for the status,
 * history and follow-through queries: one Cypher query, then plain data the pure rules of
 * src/graph/lifecycle.ts work on.
 */
import { AppError, ErrorCode } from '../../errors.ts';
import { daysBetween, type LifecycleStatus, type StatusPoint } from '../../graph/lifecycle.ts';
import type { DatabaseHandle } from '../../neo4j/database-handle.ts';
import { type GraphNode, NODE_PROJECTION, readRecords, toGraphNode, toPlain } from './read-records.ts';
import { notFound } from './validate-arguments.ts';

export interface StepSource {
  referenceId: string;
  title: string | null;
  url: string | null;
  sourceKind: string | null;
  quote: string;
  primary: boolean;
}

/** One step as one instrument sees it: its role there and the status it set (null: unchanged). */
export interface LifecycleStep {
  id: string;
  name: string;
  kind: string;
  stage: string | null;
  date: string;
  datePrecision: string | null;
  act: string | null;
  celex: string | null;
  role: string | null;
  status: LifecycleStatus | null;
  daysAfterStatement: number | null;
  sources: StepSource[];
  /** A court ruling's outcome: the source sentence saying what the court decided (one of the step's sources). */
  ruling: StepSource | null;
}

export interface InstrumentLifecycle {
  instrument: GraphNode;
  kind: string | null;
  /** The seed's status as of the statement (Instrument.status), for comparison. */
  statusAtStatement: string | null;
  /** The earliest date of a document that mentions it or an instrument it succeeds. */
  statementDate: string | null;
  steps: LifecycleStep[];
  successors: GraphNode[];
}

/**
 * Instruments (all with `$ids` null), each with the earliest date of a document naming it or what
 * it succeeds, its successors, and its lifecycle steps in date order with their sources.
 */
export const LIFECYCLE_QUERY = `MATCH (i:Instrument)
   WHERE $ids IS NULL OR i.id IN $ids
   OPTIONAL MATCH (i)<-[:SUCCEEDED_BY*0..3]-(:Instrument)-[:MENTIONED_IN]->(:Passage)-[:PART_OF]->(d:Document)
   WITH i, min(d.date) AS statementDate
   OPTIONAL MATCH (i)-[:SUCCEEDED_BY]->(next:Instrument)
   WITH i, statementDate, next ORDER BY next.id
   WITH i, statementDate, collect(${NODE_PROJECTION('next')}) AS successors
   OPTIONAL MATCH (e:Event)-[s:STEP_OF]->(i)
   OPTIONAL MATCH (e)-[x:EXTERNAL_SOURCE]->(r:Reference)
   WITH i, statementDate, successors, e, s, x, r ORDER BY coalesce(x.primary, false) DESC, r.id, x.quote
   WITH i, statementDate, successors, e, s,
        collect(CASE WHEN r IS NULL THEN null ELSE {referenceId: r.id, title: r.title, url: r.url, sourceKind: r.sourceKind,
                quote: x.quote, primary: coalesce(x.primary, false)} END) AS sources
   WITH i, statementDate, successors, e, s, sources ORDER BY e.date, e.id
   WITH i, statementDate, successors,
        collect(CASE WHEN e IS NULL THEN null ELSE {id: e.id, name: e.name, kind: e.kind, stage: e.stage, date: e.date,
                datePrecision: e.datePrecision, act: e.act, celex: e.celex, role: s.role, status: s.status, ruling: e.ruling,
                sources: sources} END) AS steps
   RETURN ${NODE_PROJECTION('i')} AS instrument, i.kind AS kind, i.status AS statusAtStatement, statementDate, successors, steps
   ORDER BY i.id`;

/** Instruments (all with `ids` null) with their steps in date order. */
export async function readLifecycles(db: DatabaseHandle, ids: readonly string[] | null): Promise<InstrumentLifecycle[]> {
  const records = await readRecords(db, LIFECYCLE_QUERY, { ids });
  return records.map((record) => {
    const statementDate = (toPlain(record.get('statementDate')) as string | null) ?? null;
    const steps = (toPlain(record.get('steps')) as (Omit<LifecycleStep, 'daysAfterStatement' | 'ruling'> & { ruling: string | null })[]).map((step) => ({
      ...step,
      daysAfterStatement: statementDate === null ? null : daysBetween(statementDate, step.date),
      ruling: step.ruling === null ? null : (step.sources.find((source) => source.quote === step.ruling) ?? null),
    }));
    return {
      instrument: toGraphNode(record.get('instrument')),
      kind: record.get('kind') as string | null,
      statusAtStatement: record.get('statusAtStatement') as string | null,
      statementDate,
      steps,
      successors: (record.get('successors') as { id: string | null }[]).filter((node) => node.id !== null).map(toGraphNode),
    };
  });
}

/** One instrument's lifecycle; NOT_FOUND when no Instrument has the id. */
export async function readLifecycle(db: DatabaseHandle, id: string): Promise<InstrumentLifecycle> {
  const [found] = await readLifecycles(db, [id]);
  if (found === undefined) throw notFound('instrument', id, 'id');
  return found;
}

/** The steps that set a status, as the pure rules want them. */
export function statusPoints(lifecycle: InstrumentLifecycle): StatusPoint[] {
  return lifecycle.steps.flatMap((step) => (step.status === null ? [] : [{ date: step.date, status: step.status, stepId: step.id }]));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date argument as ISO text (the Date scalar hands over a Neo4j Date); BAD_USER_INPUT otherwise. */
export function isoArgument(argument: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value);
  if (!ISO_DATE.test(text)) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `${argument} must be a date written YYYY-MM-DD; got "${text}".`, { details: { argument, value: text } });
  }
  return text;
}
