/** How a seed record's fields become node and relationship properties. */
import { createHash } from 'node:crypto';
import { planDate, type PlanValue } from '../graph/graph-plan.ts';
import { documentEntitySchema, documentSchema, referenceEntitySchema, type SeedEntity } from './seed-schema.ts';

/** Record keys that are not node properties. */
export const NON_PROPERTY_KEYS: ReadonlySet<string> = new Set(['type', 'id', 'external', 'mentions', 'links', 'passage']);
const DATE_KEYS = new Set(['date', 'endDate', 'statusAsOf', 'deadline', 'asOf']);

export function toPlanValue(key: string, value: unknown): PlanValue {
  return DATE_KEYS.has(key) && typeof value === 'string' ? planDate(value) : (value as PlanValue);
}

export function compact(properties: Record<string, PlanValue | undefined>): Record<string, PlanValue> {
  return Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined)) as Record<string, PlanValue>;
}

const propertiesByLabel = new Map<SeedEntity['type'], ReadonlySet<string>>();

/** Property names of a label, which `external` entries may name (worked out once per label). */
export function entityProperties(label: SeedEntity['type']): ReadonlySet<string> {
  const known = propertiesByLabel.get(label);
  if (known !== undefined) return known;
  const options = label === 'Commitment' ? documentEntitySchema.options : referenceEntitySchema.options;
  const schema = options.find((option) => option.shape.type.value === label);
  const names = propertyNames(Object.keys(schema?.shape ?? {}));
  propertiesByLabel.set(label, names);
  return names;
}

let documentPropertyNames: ReadonlySet<string> | undefined;

export function documentProperties(): ReadonlySet<string> {
  documentPropertyNames ??= propertyNames(Object.keys(documentSchema.shape));
  return documentPropertyNames;
}

function propertyNames(keys: string[]): Set<string> {
  return new Set(keys.filter((key) => !NON_PROPERTY_KEYS.has(key)).concat('id'));
}

/** A short stable hash, part of a relationship's key. */
export const shortHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);
