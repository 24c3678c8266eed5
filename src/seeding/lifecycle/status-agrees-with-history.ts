/**
 * An instrument's `status` as of `statusAsOf` (the seed's frozen InstrumentStatus, the state on a
 * document's date) must say what its lifecycle history says on that day: the history quotes a
 * source for every change, so where the two differ, the frozen status is the one to fix.
 */
import { statusOn, type LifecycleStatus, type StatusPoint } from '../../graph/lifecycle.ts';
import type { INSTRUMENT_STATUSES } from '../seed-schema.ts';

type InstrumentStatus = (typeof INSTRUMENT_STATUSES)[number];

/**
 * The history's statuses each frozen status agrees with. The frozen words are coarser: an act
 * "in force" may already apply; a system "established" in law may not operate yet; one "in use"
 * applies or operates. ENVISAGED agrees with no status: nothing has happened yet.
 */
export const AGREEING_STATUSES: Record<InstrumentStatus, readonly LifecycleStatus[]> = {
  ENVISAGED: [],
  PROPOSED: ['PROPOSED'],
  UNDER_NEGOTIATION: ['PROPOSED'],
  AGREED: ['AGREED'],
  ADOPTED: ['ADOPTED'],
  ESTABLISHED: ['ADOPTED', 'IN_FORCE'],
  IN_FORCE: ['IN_FORCE', 'APPLICABLE'],
  IN_USE: ['APPLICABLE', 'IN_OPERATION'],
};

export interface StatusDisagreement {
  /** What the history says on that day; undefined when no step had set a status yet. */
  historyStatus: LifecycleStatus | undefined;
  /** The step that set it. */
  stepId: string | undefined;
}

/**
 * Whether `status` as of `asOf` agrees with `history` on that day. An instrument without any
 * status point has nothing to disagree with (undefined); before its first point only ENVISAGED agrees.
 */
export function disagreementWithHistory(status: InstrumentStatus, asOf: string, history: readonly StatusPoint[]): StatusDisagreement | undefined {
  if (history.length === 0) return undefined;
  const point = statusOn(history, asOf);
  const agrees = point === undefined ? status === 'ENVISAGED' : AGREEING_STATUSES[status].includes(point.status);
  return agrees ? undefined : { historyStatus: point?.status, stepId: point?.stepId };
}
