/**
 * An instrument's status on any date, and which instruments changed status in a period: both
 * read off the status each lifecycle step set (STEP_OF.status), never off the frozen
 * Instrument.status of the statement's date.
 */
import { AppError, ErrorCode } from '../../errors.ts';
import { sortHistory, statusOn, todayIso, type LifecycleStatus } from '../../graph/lifecycle.ts';
import type { DatabaseHandle } from '../../neo4j/database-handle.ts';
import type { GraphNode } from './read-records.ts';
import { readLifecycle, readLifecycles, statusPoints, type LifecycleStep } from './read-lifecycle.ts';
import { assertNonEmpty } from './validate-arguments.ts';

export interface StatusOnDate {
  instrument: GraphNode;
  on: string;
  status: LifecycleStatus | null;
  since: string | null;
  step: LifecycleStep | null;
  statusAtStatement: string | null;
}

export interface StatusChange {
  instrument: GraphNode;
  date: string;
  from: LifecycleStatus | null;
  to: LifecycleStatus;
  step: LifecycleStep;
}

/** The status of instrument `id` on `on` (default: today, UTC). */
export async function readInstrumentStatus(db: DatabaseHandle, id: string, on: string | null, now: Date = new Date()): Promise<StatusOnDate> {
  const lifecycle = await readLifecycle(db, assertNonEmpty('id', id));
  const date = on ?? todayIso(now);
  const point = statusOn(statusPoints(lifecycle), date);
  return {
    instrument: lifecycle.instrument,
    on: date,
    status: point?.status ?? null,
    since: point?.date ?? null,
    step: point === undefined ? null : (lifecycle.steps.find((step) => step.id === point.stepId) ?? null),
    statusAtStatement: lifecycle.statusAtStatement,
  };
}

/** Every step of instrument `id`, in date order. */
export async function readInstrumentHistory(db: DatabaseHandle, id: string): Promise<LifecycleStep[]> {
  return (await readLifecycle(db, assertNonEmpty('id', id))).steps;
}

/** Status changes dated from `from` to `to` (inclusive): a step whose status differs from the one before. */
export async function readStatusChanges(db: DatabaseHandle, from: string, to: string): Promise<StatusChange[]> {
  if (from > to) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `from (${from}) is after to (${to}).`, { details: { argument: 'from', from, to } });
  }
  const changes: StatusChange[] = [];
  for (const lifecycle of await readLifecycles(db, null)) {
    let previous: LifecycleStatus | null = null;
    for (const point of sortHistory(statusPoints(lifecycle))) {
      if (point.status !== previous && point.date >= from && point.date <= to) {
        const step = lifecycle.steps.find((candidate) => candidate.id === point.stepId)!;
        changes.push({ instrument: lifecycle.instrument, date: point.date, from: previous, to: point.status, step });
      }
      previous = point.status;
    }
  }
  // Date, then instrument, then step: two changes of one instrument on one day keep one order.
  const order = (change: StatusChange) => [change.date, change.instrument.id, change.step.id];
  return changes.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    const at = x.findIndex((part, index) => part !== y[index]);
    return at < 0 ? 0 : x[at]! < y[at]! ? -1 : 1;
  });
}
