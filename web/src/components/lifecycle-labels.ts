import type { LifecycleStatus, Outcome } from '../api/generated.ts';

/** An instrument's status from a lifecycle step on, in words. */
export const STATUS_LABEL: Record<LifecycleStatus, string> = {
  PROPOSED: 'proposed',
  AGREED: 'agreed',
  ADOPTED: 'adopted',
  IN_FORCE: 'in force',
  APPLICABLE: 'applicable',
  IN_OPERATION: 'in operation',
  SUPERSEDED: 'superseded',
  REPEALED: 'repealed',
  ANNULLED: 'annulled',
  WITHDRAWN: 'withdrawn',
};

/** The follow-through outcome in words (rule: docs/follow-through.md, rule 3). */
export const OUTCOME_LABEL: Record<Outcome, string> = {
  ACHIEVED: 'achieved',
  PARTLY: 'partly',
  PENDING: 'pending',
  DROPPED: 'dropped',
  SUPERSEDED: 'superseded',
};
