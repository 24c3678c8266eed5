/**
 * An instrument's life as dated steps, its status on any date, and the follow-through outcome
 * derived from that status: the written rule of docs/follow-through.md in code. Pure, so that
 * the rule is tested without a database and the API, the tests and the docs share it.
 */

/** What happened on a step's date (docs/graph-model.md, "Lifecycle"). */
export const STEP_KINDS = [
  'PROPOSAL',
  'POLITICAL_AGREEMENT',
  'ADOPTION',
  'PUBLICATION',
  'ENTRY_INTO_FORCE',
  'APPLICATION',
  'START_OF_OPERATIONS',
  'AMENDMENT',
  'RECAST',
  'REPEAL',
  'ANNULMENT',
  'COURT_RULING',
  'WITHDRAWAL',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Which part of a step an institution played, where one act passes several. */
export const STEP_STAGES = [
  'EUROPEAN_PARLIAMENT',
  'COUNCIL',
  'SIGNATURE',
  'COREPER_CONFIRMATION',
  'SUBMITTED_TO_LEGISLATORS',
  'TRANSPOSITION_DEADLINE',
  'PROGRESSIVE_START',
  'FULL_DEPLOYMENT_SCHEDULED',
] as const;

/** What the step is to the instrument it belongs to. */
export const STEP_ROLES = ['SELF', 'PROPOSAL', 'SUCCESSOR', 'AMENDING_ACT', 'IMPLEMENTING_ACT', 'COURT'] as const;

/** An instrument's state from a step's date on. */
export const LIFECYCLE_STATUSES = [
  'PROPOSED',
  'AGREED',
  'ADOPTED',
  'IN_FORCE',
  'APPLICABLE',
  'IN_OPERATION',
  'SUPERSEDED',
  'REPEALED',
  'ANNULLED',
  'WITHDRAWN',
] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

export const SUCCESSIONS = ['ADOPTED_AS', 'RECAST_AS', 'REPLACED_BY'] as const;
export const VERDICTS = ['DISAGREES', 'TERMINOLOGY', 'CONSISTENT'] as const;
export const SOURCE_KINDS = ['EUR_LEX', 'EU_INSTITUTION', 'EU_MONITOR', 'NATIONAL_GOV', 'LEGISLATION_MIRROR', 'PRESS', 'SECONDARY'] as const;
export const DATE_PRECISIONS = ['DAY', 'MONTH'] as const;

export const OUTCOMES = ['ACHIEVED', 'PARTLY', 'PENDING', 'DROPPED', 'SUPERSEDED'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One dated change of state (a step whose STEP_OF carries a status). */
export interface StatusPoint {
  date: string;
  status: LifecycleStatus;
  stepId: string;
}

/** The instrument's status on `date`: the last status point on or before it (ties: the later listed). */
export function statusOn(history: readonly StatusPoint[], date: string): StatusPoint | undefined {
  let found: StatusPoint | undefined;
  for (const point of sortHistory(history)) {
    if (point.date <= date) found = point;
  }
  return found;
}

/** Date order, then step id, so that the same history always reads the same way. */
export function sortHistory(history: readonly StatusPoint[]): StatusPoint[] {
  return [...history].sort((a, b) => (a.date === b.date ? (a.stepId < b.stepId ? -1 : a.stepId > b.stepId ? 1 : 0) : a.date < b.date ? -1 : 1));
}

/** What "applied" means for an instrument: the facts the rule looks at besides its statuses. */
export interface InstrumentFacts {
  /** INFORMATION_SYSTEM instruments count as applied only once in operation. */
  isInformationSystem: boolean;
  /** Whether any step sets APPLICABLE or IN_OPERATION: then entry into force alone is not application. */
  hasApplicationStep: boolean;
}

const ADOPTED_OR_LATER: ReadonlySet<LifecycleStatus> = new Set(['ADOPTED', 'IN_FORCE', 'APPLICABLE', 'IN_OPERATION', 'SUPERSEDED', 'REPEALED']);

/** Whether a status means the instrument applies (docs/follow-through.md, rule 2). */
export function isApplied(status: LifecycleStatus, facts: InstrumentFacts): boolean {
  if (status === 'APPLICABLE' || status === 'IN_OPERATION') return true;
  return status === 'IN_FORCE' && !facts.isInformationSystem && !facts.hasApplicationStep;
}

/** The instrument's outcome from its status on the query date (docs/follow-through.md, rule 1). */
export function instrumentOutcome(status: LifecycleStatus | undefined, facts: InstrumentFacts): Outcome {
  switch (status) {
    case undefined:
    case 'PROPOSED':
    case 'AGREED':
      return 'PENDING';
    case 'ADOPTED':
      return 'PARTLY';
    case 'IN_FORCE':
    case 'APPLICABLE':
    case 'IN_OPERATION':
      return isApplied(status, facts) ? 'ACHIEVED' : 'PARTLY';
    case 'SUPERSEDED':
    case 'REPEALED':
      return 'SUPERSEDED';
    case 'ANNULLED':
    case 'WITHDRAWN':
      return 'DROPPED';
    default: {
      const never: never = status;
      throw new Error(`unknown status ${String(never)}`);
    }
  }
}

/** First date on or before `asOf` at which the instrument was adopted (or later), if any. */
export function adoptedOn(history: readonly StatusPoint[], asOf: string): string | undefined {
  return sortHistory(history).find((point) => point.date <= asOf && ADOPTED_OR_LATER.has(point.status))?.date;
}

/** First date on or before `asOf` at which the instrument applied, if any. */
export function appliedOn(history: readonly StatusPoint[], asOf: string, facts: InstrumentFacts): string | undefined {
  return sortHistory(history).find((point) => point.date <= asOf && isApplied(point.status, facts))?.date;
}

/** A commitment's outcome from its instruments' outcomes (docs/follow-through.md, rule 3). */
export function commitmentOutcome(outcomes: readonly Outcome[]): Outcome {
  if (outcomes.length === 0) return 'PENDING';
  const all = (...allowed: Outcome[]) => outcomes.every((outcome) => allowed.includes(outcome));
  if (all('DROPPED')) return 'DROPPED';
  if (all('SUPERSEDED')) return 'SUPERSEDED';
  if (all('ACHIEVED', 'SUPERSEDED')) return 'ACHIEVED';
  if (all('PENDING', 'DROPPED')) return 'PENDING';
  return 'PARTLY';
}

/** Whole days from `from` to `to` (ISO dates; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today's calendar date in UTC, the default "on" and "as of" date. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
