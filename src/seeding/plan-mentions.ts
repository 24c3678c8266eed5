/**
 * Mentions: an entity named in a passage, quoted. Every entity a document defines, or links to
 * or from, must be mentioned in that document.
 */
import { findQuote, quoteProvenance, type FoundQuote } from './find-quote.ts';
import type { DocumentContext, SeedRecords } from './parse-seed-records.ts';
import { shortHash } from './seed-properties.ts';
import type { SeedPlanState } from './seed-plan-state.ts';
import type { FieldPath, RecordOrigin } from './seed-problems.ts';

/** A `mentions` entry: its quote is looked up in its passage and becomes a MENTIONED_IN. */
export function addMention(
  state: SeedPlanState,
  context: DocumentContext,
  entityId: string,
  origin: RecordOrigin,
  field: FieldPath,
  short: string,
  quote: string,
): void {
  context.mentioned.add(entityId);
  const found = findQuote(state.collect, context, origin, [...field, 'quote'], short, quote);
  if (found !== undefined) putMention(state, entityId, context, found, origin, field);
}

export function putMention(state: SeedPlanState, entityId: string, context: DocumentContext, found: FoundQuote, origin: RecordOrigin, field: FieldPath): void {
  state.relationships.add(
    {
      type: 'MENTIONED_IN',
      from: entityId,
      to: found.passage.id,
      key: `${found.passage.id}:${shortHash(found.quote)}`,
      properties: { basis: 'TEXT', ...quoteProvenance(context.id, found) },
    },
    origin,
    field,
  );
}

/** Every entity a document defines, or links to or from, is mentioned in that document. */
export function checkMentions(state: SeedPlanState, records: SeedRecords): void {
  for (const { value, origin, context } of records.entities) {
    if (context === undefined || !context.loaded || context.mentioned.has(value.id)) continue;
    state.collect.add('MISSING_MENTION', origin, ['mentions'], `${value.id} is defined in ${context.id} but has no mention in it`);
  }
  for (const context of records.contexts) {
    if (!context.loaded) continue;
    for (const [id, use] of context.used) {
      const entity = state.registry.get(id);
      if (entity === undefined || entity.documentId === context.id || context.mentioned.has(id)) continue;
      state.collect.add(
        'MISSING_MENTION',
        use.origin,
        use.field,
        `links to ${id} (defined in ${entity.origin.yaml.file}) but ${context.id} has no mention of it; add a facts record with a mention`,
      );
    }
  }
}
