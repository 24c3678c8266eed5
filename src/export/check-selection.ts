import { didYouMean } from '../did-you-mean.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { hasPublicLabelCypher, isInternalName } from '../graph/internal-names.ts';
import { type DatabaseHandle, readRows } from '../neo4j/database-handle.ts';
import { mapDriverError } from '../neo4j/map-driver-error.ts';
import type { GraphSelection } from './read-graph.ts';

/**
 * Refuses a slice that names what the graph does not have (a label, a relationship type, an
 * id), as a usage error with the closest names: a typo must not export an empty graph quietly.
 */
export async function checkSelection(db: DatabaseHandle, selection: GraphSelection): Promise<void> {
  const read = async (cypher: string, params: Record<string, unknown> = {}) => {
    try {
      return (await readRows(db, cypher, params)).map((r) => r.get(0) as string);
    } catch (error) {
      throw mapDriverError(error, 'Checking the selection');
    }
  };
  if (selection.labels) {
    const known = (await read('CALL db.labels() YIELD label RETURN label')).filter((l) => !isInternalName(l));
    refuseUnknown('--labels', 'label', selection.labels, known);
  }
  if (selection.types) {
    const known = await read('CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType');
    refuseUnknown('--types', 'relationship type', selection.types, known);
  }
  const ids = [...(selection.ids ?? []), ...(selection.around ? [selection.around.id] : [])];
  if (ids.length > 0) {
    const found = new Set(await read('MATCH (n) WHERE n.id IN $ids RETURN DISTINCT n.id', { ids }));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      // Only on this error path: every id, to suggest the closest.
      const known = await read(`MATCH (n) WHERE n.id IS NOT NULL AND ${hasPublicLabelCypher('n')} RETURN n.id`);
      const option = selection.around && missing.includes(selection.around.id) && !selection.ids?.includes(selection.around.id) ? '--around' : '--ids';
      refuseUnknown(option, 'node id', missing, known);
    }
  }
}

function refuseUnknown(option: string, what: string, wanted: readonly string[], known: readonly string[]): void {
  const missing = wanted.filter((name) => !known.includes(name));
  if (missing.length === 0) return;
  const suggestions = missing.map((name) => didYouMean(name, known)).filter(Boolean);
  const listed = known.length <= 30 ? `Known ${what}s: ${[...known].sort().join(', ')}.` : undefined;
  throw new AppError(ErrorCode.USAGE, `${option}: no ${what} ${missing.map((m) => `"${m}"`).join(', ')} in the graph.`, {
    details: { option, missing },
    hint: [...suggestions, listed].filter(Boolean).join('\n') || undefined,
  });
}
