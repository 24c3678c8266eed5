/**
 * Facts from outside a document: each `external` entry names a Reference and the fields (or
 * link types) it vouches for; reference files hold nothing else.
 */
import type { NodeLabel } from '../graph/graph-plan.ts';
import { LINK_TYPES } from '../graph/graph-plan.ts';
import type { SeedPlanState } from './seed-plan-state.ts';
import type { RecordOrigin } from './seed-problems.ts';
import type { SeedEntity } from './seed-schema.ts';

const LINK_TYPE_NAMES: ReadonlySet<string> = new Set(LINK_TYPES);
/** Keys of a reference-file record that need no external source (docs/graph-model.md: its id and name). */
const NEEDS_NO_SOURCE = new Set(['type', 'id', 'name', 'external', 'links']);

/**
 * One EXTERNAL_SOURCE per (node, reference) with the fields it vouches for. Returns, per link
 * type named in `fields`, the reference that covers it.
 */
export function addExternalSources(
  state: SeedPlanState,
  nodeId: string,
  label: NodeLabel,
  entries: readonly { fields: string[]; reference: string }[],
  properties: ReadonlySet<string>,
  origin: RecordOrigin,
): Map<string, string> {
  const linkSources = new Map<string, string>();
  const fieldsByReference = new Map<string, Set<string>>();
  entries.forEach((entry, index) => {
    const reference = state.registry.get(entry.reference);
    if (reference?.invalid === true) return;
    if (reference?.label !== 'Reference') {
      const reason = reference === undefined ? `no reference has id ${entry.reference}` : `${entry.reference} is a ${reference.label}, not a Reference`;
      state.collect.add('UNKNOWN_REFERENCE', origin, ['external', index, 'reference'], reason);
      return;
    }
    const fields = fieldsByReference.get(entry.reference) ?? new Set<string>();
    fieldsByReference.set(entry.reference, fields);
    entry.fields.forEach((name, fieldIndex) => {
      if (!properties.has(name) && !LINK_TYPE_NAMES.has(name)) {
        state.collect.add('SCHEMA', origin, ['external', index, 'fields', fieldIndex], `"${name}" is neither a ${label} property nor a link type`);
        return;
      }
      if (LINK_TYPE_NAMES.has(name) && !linkSources.has(name)) linkSources.set(name, entry.reference);
      fields.add(name);
    });
  });
  for (const [referenceId, fields] of fieldsByReference) {
    if (fields.size === 0) continue;
    state.relationships.put({ type: 'EXTERNAL_SOURCE', from: nodeId, to: referenceId, key: 'external', properties: { fields: [...fields] } });
  }
  return linkSources;
}

/** Everything in a reference-file record but its id and name comes from an external source. */
export function checkExternalCoverage(state: SeedPlanState, value: SeedEntity, origin: RecordOrigin): void {
  const covered = new Set((value.external ?? []).flatMap((entry) => entry.fields));
  const needed = Object.entries(value)
    .filter(([key, raw]) => !NEEDS_NO_SOURCE.has(key) && raw !== undefined && !(Array.isArray(raw) && raw.length === 0))
    .map(([key]) => key)
    .concat((value.links ?? []).map((link) => link.type));
  const missing = [...new Set(needed)].filter((key) => !covered.has(key));
  if (missing.length > 0) {
    state.collect.add('EXTERNAL_COVERAGE', origin, ['external'], `${missing.join(', ')} must be covered by an external entry (reference files hold external facts only)`);
  }
}
