/**
 * What came of each European-level ask of a statement: the instruments it concerns, their steps
 * after the statement, the days to adoption and application, and an outcome, all by the rule
 * written in docs/follow-through.md (the pure part lives in src/graph/lifecycle.ts).
 */
import {
  adoptedOn,
  appliedOn,
  commitmentOutcome,
  daysBetween,
  instrumentOutcome,
  OUTCOMES,
  statusOn,
  todayIso,
  type InstrumentFacts,
  type LifecycleStatus,
  type Outcome,
} from '../../graph/lifecycle.ts';
import type { DatabaseHandle } from '../../neo4j/database-handle.ts';
import { type GraphNode, NODE_PROJECTION, readRecords, toGraphNode, toPlain } from './read-records.ts';
import { readLifecycles, statusPoints, type InstrumentLifecycle, type LifecycleStep } from './read-lifecycle.ts';

/** Rule 0: which commitments are European-level asks, and which instruments count. */
export const EU_LEVEL_MODALITIES = ['SUPPORT_OTHERS', 'CALL_ON_OTHERS'] as const;
export const EU_LEVEL_SECTIONS = ['At European level'] as const;
export const FOLLOWED_INSTRUMENT_KINDS = ['DIRECTIVE', 'REGULATION', 'LEGISLATIVE_PROPOSAL', 'INFORMATION_SYSTEM', 'INITIATIVE'] as const;

/** The European-level asks (rule 0): commitment, its own passage, its document's date, its followed instruments. */
export const FOLLOW_THROUGH_QUERY = `MATCH (c:Commitment)-[:CONCERNS]->(i:Instrument)
   WHERE i.kind IN $kinds AND (c.modality IN $modalities OR c.section IN $sections)
   MATCH (c)-[m:MENTIONED_IN]->(p:Passage)-[:PART_OF]->(d:Document)
   WHERE m.quote = c.quote
   WITH c, p, d, i ORDER BY i.id
   RETURN ${NODE_PROJECTION('c')} AS commitment, c.modality AS modality, c.quote AS quote, p.id AS passageId,
          d.id AS documentId, d.date AS statementDate, collect(DISTINCT i.id) AS instruments
   ORDER BY commitment.id, passageId`;

export type FollowThroughSort = 'OUTCOME' | 'DAYS_TO_ADOPTION' | 'DAYS_TO_APPLICATION';

export interface InstrumentFollowThrough {
  instrument: GraphNode;
  status: LifecycleStatus | null;
  outcome: Outcome;
  adopted: string | null;
  applied: string | null;
  daysToAdoption: number | null;
  daysToApplication: number | null;
  successors: GraphNode[];
  stepsAfterStatement: LifecycleStep[];
}

export interface FollowThrough {
  commitment: GraphNode;
  modality: string | null;
  quote: string | null;
  passageId: string | null;
  documentId: string;
  statementDate: string;
  asOf: string;
  outcome: Outcome;
  daysToAdoption: number | null;
  daysToApplication: number | null;
  instruments: InstrumentFollowThrough[];
}

export interface FollowThroughOptions {
  asOf?: string | null;
  sort?: FollowThroughSort;
  descending?: boolean;
  now?: Date;
}

/** Every European-level ask with its follow-through as of `asOf` (default: today, UTC). */
export async function readFollowThrough(db: DatabaseHandle, options: FollowThroughOptions = {}): Promise<FollowThrough[]> {
  const asOf = options.asOf ?? todayIso(options.now);
  const records = await readRecords(db, FOLLOW_THROUGH_QUERY, {
    kinds: FOLLOWED_INSTRUMENT_KINDS,
    modalities: EU_LEVEL_MODALITIES,
    sections: EU_LEVEL_SECTIONS,
  });
  const ids = [...new Set(records.flatMap((record) => record.get('instruments') as string[]))];
  const lifecycles = new Map((await readLifecycles(db, ids)).map((lifecycle) => [lifecycle.instrument.id, lifecycle]));

  const rows = records.map((record): FollowThrough => {
    const statementDate = toPlain(record.get('statementDate')) as string;
    const instruments = (record.get('instruments') as string[])
      .map((id) => lifecycles.get(id))
      .filter((lifecycle): lifecycle is InstrumentLifecycle => lifecycle !== undefined)
      .map((lifecycle) => followInstrument(lifecycle, statementDate, asOf));
    return {
      commitment: toGraphNode(record.get('commitment')),
      modality: record.get('modality') as string | null,
      quote: record.get('quote') as string | null,
      passageId: record.get('passageId') as string | null,
      documentId: record.get('documentId') as string,
      statementDate,
      asOf,
      outcome: commitmentOutcome(instruments.map((instrument) => instrument.outcome)),
      daysToAdoption: latest(instruments.map((instrument) => instrument.daysToAdoption)),
      daysToApplication: latest(instruments.map((instrument) => instrument.daysToApplication)),
      instruments,
    };
  });
  return sortFollowThrough(rows, options.sort ?? 'OUTCOME', options.descending ?? false);
}

function followInstrument(lifecycle: InstrumentLifecycle, statementDate: string, asOf: string): InstrumentFollowThrough {
  const history = statusPoints(lifecycle);
  const facts: InstrumentFacts = {
    isInformationSystem: lifecycle.kind === 'INFORMATION_SYSTEM',
    hasApplicationStep: history.some((point) => point.status === 'APPLICABLE' || point.status === 'IN_OPERATION'),
  };
  const status = statusOn(history, asOf)?.status ?? null;
  const adopted = adoptedOn(history, asOf) ?? null;
  const applied = appliedOn(history, asOf, facts) ?? null;
  return {
    instrument: lifecycle.instrument,
    status,
    outcome: instrumentOutcome(status ?? undefined, facts),
    adopted,
    applied,
    daysToAdoption: adopted === null ? null : daysBetween(statementDate, adopted),
    daysToApplication: applied === null ? null : daysBetween(statementDate, applied),
    successors: lifecycle.successors,
    stepsAfterStatement: lifecycle.steps
      .filter((step) => step.date > statementDate && step.date <= asOf)
      .map((step) => ({ ...step, daysAfterStatement: daysBetween(statementDate, step.date) })),
  };
}

/** The day the last instrument got there; null while one has not (or there is none). */
function latest(days: readonly (number | null)[]): number | null {
  if (days.length === 0 || days.some((day) => day === null)) return null;
  return Math.max(...(days as number[]));
}

/** By outcome (in OUTCOMES order) or delay; unknown delays last either way; then commitment id. */
export function sortFollowThrough(rows: FollowThrough[], sort: FollowThroughSort, descending: boolean): FollowThrough[] {
  const key = (row: FollowThrough): number | null => {
    switch (sort) {
      case 'OUTCOME':
        return OUTCOMES.indexOf(row.outcome);
      case 'DAYS_TO_ADOPTION':
        return row.daysToAdoption;
      case 'DAYS_TO_APPLICATION':
        return row.daysToApplication;
      default: {
        const never: never = sort;
        throw new Error(`unknown sort ${String(never)}`);
      }
    }
  };
  return [...rows].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    if (ka !== kb) {
      if (ka === null) return 1;
      if (kb === null) return -1;
      return descending ? kb - ka : ka - kb;
    }
    return a.commitment.id < b.commitment.id ? -1 : a.commitment.id > b.commitment.id ? 1 : 0;
  });
}
