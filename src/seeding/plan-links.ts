/**
 * A record's `links`: relationships between entities, each checked against the relationship
 * table (relationship-rules.ts) and sourced either by a quote in the document (TEXT, or
 * INFERENCE with its rule) or, in reference files, by an external entry (EXTERNAL).
 */
import { passageId } from '../documents/parse-statement.ts';
import type { PlanValue } from '../graph/graph-plan.ts';
import { findQuote, passageNumber, quoteProvenance } from './find-quote.ts';
import type { DocumentContext } from './parse-seed-records.ts';
import { checkEndpoints } from './relationship-rules.ts';
import { shortHash, toPlanValue } from './seed-properties.ts';
import type { SeedPlanState } from './seed-plan-state.ts';
import type { FieldPath, RecordOrigin } from './seed-problems.ts';
import type { SeedLink } from './seed-schema.ts';

/** Link keys that say where the link comes from rather than what it says. */
const LINK_SOURCE_KEYS: ReadonlySet<string> = new Set(['type', 'from', 'to', 'passage', 'quote', 'rule']);

/**
 * Links of one record. `owner` is the record's id (the default end), `defaultPassage` a
 * commitment's passage, `linkSources` the reference covering each link type (reference files).
 */
export function addLinks(
  state: SeedPlanState,
  links: readonly SeedLink[],
  owner: string,
  origin: RecordOrigin,
  context: DocumentContext | undefined,
  defaultPassage: string | undefined,
  linkSources: ReadonlyMap<string, string> = new Map(),
): void {
  const { collect, registry, relationships } = state;
  links.forEach((link, index) => {
    const field: FieldPath = ['links', index];
    if (link.from === undefined && link.to === undefined) {
      collect.add('SCHEMA', origin, field, 'a link needs `to` (from this record) or `from` (to this record)');
      return;
    }
    const from = registry.resolveEndpoint(link.from ?? owner, origin, [...field, link.from === undefined ? 'to' : 'from']);
    const to = registry.resolveEndpoint(link.to ?? owner, origin, [...field, link.to === undefined ? 'from' : 'to']);
    if (from === undefined || to === undefined) return;
    const mismatch = checkEndpoints(link.type, from, to);
    if (mismatch !== undefined) {
      collect.add('LINK_ENDPOINT', origin, [...field, 'type'], mismatch);
      return;
    }
    if (link.type === 'RECALLS' && from.novelty !== 'RESTATED') {
      collect.add('INCONSISTENT', origin, [...field, 'type'], `RECALLS is for a commitment the statement restates, but ${from.id} has novelty ${from.novelty ?? '(none)'}`);
      return;
    }
    const extras = linkExtras(link);

    if (context === undefined) {
      // An uncovered link type is reported once per record by checkExternalCoverage.
      const referenceId = linkSources.get(link.type);
      if (referenceId === undefined) return;
      const key = `ref:${referenceId}:${shortHash(JSON.stringify(extras))}`;
      relationships.add({ type: link.type, from: from.id, to: to.id, key, properties: { basis: 'EXTERNAL', referenceId, ...extras } }, origin, field);
      return;
    }

    for (const end of [from, to]) {
      if (end.label !== 'Document' && !context.used.has(end.id)) context.used.set(end.id, { origin, field });
    }
    const given = 'passage' in link ? link.passage : undefined;
    const short = given ?? defaultPassage;
    if (short === undefined) {
      collect.add('SCHEMA', origin, [...field, 'passage'], 'required field is missing (only links under a Commitment default to its passage)');
      return;
    }
    // A commitment whose own passage is unknown was reported already; its links would only repeat it.
    if (given === undefined && !context.passages.has(passageId(context.id, passageNumber(short)))) return;
    const found = findQuote(collect, context, origin, [...field, 'quote'], short, 'quote' in link ? link.quote : '');
    if (found === undefined) return;
    const rule = 'rule' in link ? link.rule : undefined;
    relationships.add(
      {
        type: link.type,
        from: from.id,
        to: to.id,
        key: `${found.passage.id}:${shortHash(`${found.quote}\0${JSON.stringify(extras)}`)}`,
        properties: {
          ...(rule === undefined ? { basis: 'TEXT' } : { basis: 'INFERENCE', rule }),
          ...quoteProvenance(context.id, found),
          ...extras,
        },
      },
      origin,
      field,
    );
  });
}

/** What a link says beyond its ends (a role, a status...); PARTY_TO's role defaults to PARTY. */
function linkExtras(link: SeedLink): Record<string, PlanValue> {
  const extras: Record<string, PlanValue> = {};
  for (const [key, value] of Object.entries(link)) {
    if (LINK_SOURCE_KEYS.has(key) || value === undefined) continue;
    extras[key] = toPlanValue(key, value);
  }
  if (link.type === 'PARTY_TO' && extras['role'] === undefined) extras['role'] = 'PARTY';
  return extras;
}
