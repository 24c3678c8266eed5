/**
 * A commitment's own evidence: its passage and quote are its mention, its section is its
 * passage's, and the phrases behind its modality, condition and deadline are quoted too.
 */
import type { PlanValue } from '../graph/graph-plan.ts';
import { findQuote } from './find-quote.ts';
import type { DocumentContext } from './parse-seed-records.ts';
import { putMention } from './plan-mentions.ts';
import type { SeedPlanState } from './seed-plan-state.ts';
import type { RecordOrigin } from './seed-problems.ts';
import type { SeedEntity } from './seed-schema.ts';

type Commitment = Extract<SeedEntity, { type: 'Commitment' }>;

/** Checks the commitment's quotes and sets its `quote` and `section` in `properties`. */
export function addCommitmentProvenance(
  state: SeedPlanState,
  value: Commitment,
  origin: RecordOrigin,
  context: DocumentContext,
  properties: Record<string, PlanValue>,
): void {
  const { collect } = state;
  context.mentioned.add(value.id);
  const found = findQuote(collect, context, origin, ['quote'], value.passage, value.quote);
  if (found === undefined) return;
  properties['quote'] = found.quote;
  properties['section'] = found.passage.section;
  putMention(state, value.id, context, found, origin, ['quote']);
  if (value.section !== undefined && value.section !== found.passage.section) {
    collect.add('INCONSISTENT', origin, ['section'], `passage ${value.passage} is in section "${found.passage.section}", not "${value.section}"`);
  }
  // The evidence for modality, condition and deadline is quoted too (any capitals: "To ..." opens bullets).
  for (const key of ['verbPhrase', 'condition', 'deadlineText'] as const) {
    const phrase = value[key];
    if (phrase !== undefined) findQuote(collect, context, origin, [key], value.passage, phrase, { anyCase: true });
  }
  if (value.deadline !== undefined && value.deadlineBasis === undefined) {
    collect.add('SCHEMA', origin, ['deadlineBasis'], 'required when deadline is set (STATED, YEAR_INFERRED, EXTERNAL or APPROXIMATE)');
  }
}
