import { createHash } from 'node:crypto';
import { isInternalName } from './internal-names.ts';
import { floatToText, integerToText, pointParts, scalarTypeOf } from '../values/property-types.ts';

/**
 * A fingerprint of a database's graph that two databases share exactly when they hold the same
 * nodes (labels, properties with their types) and relationships (type, ends, properties with
 * types), whatever the internal ids and the order of creation. Internal labels and properties
 * (names starting with `_`) are left out, like exports leave them out.
 *
 * This module is the pure part: the canonical text of each element and the multiset hash that
 * folds them; store/compute-graph-checksum.ts reads a database through it.
 */

export interface ChecksumOptions {
  /**
   * Count internal labels, properties and nodes (names starting with `_`, such as the seed's
   * ownership marks) too: tests use it to prove that a refused write changed nothing at all.
   */
  includeInternal?: boolean;
  /**
   * Treat an empty list like an absent property: neo4j-admin's CSV import cannot write empty
   * lists, so comparisons with a bulk-imported database need this. Off by default.
   */
  ignoreEmptyLists?: boolean;
}

const MODULUS = 1n << 256n;

/** Sums element digests; the order elements arrive in does not matter. */
export class MultisetHash {
  private sum = 0n;
  count = 0;

  add(canonical: string): void {
    const digest = createHash('sha256').update(canonical).digest('hex');
    this.sum = (this.sum + BigInt(`0x${digest}`)) % MODULUS;
    this.count += 1;
  }

  digest(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}

/** A typed value as text: `s"text"`, `i42`, `f42.0`, `d2018-06-11`, `l[...]`; one text per value and type. */
export function canonicalValue(value: unknown): string {
  if (Array.isArray(value)) return `l[${value.map(canonicalValue).join(',')}]`;
  const type = scalarTypeOf(value);
  switch (type) {
    case 'string':
      return `s${JSON.stringify(value)}`;
    case 'integer':
      return `i${integerToText(value)}`;
    case 'float':
      return `f${floatToText(value as number)}`;
    case 'boolean':
      return value ? 'btrue' : 'bfalse';
    case 'date':
      return `d${String(value)}`;
    case 'datetime':
      return `dt${String(value)}`;
    case 'localdatetime':
      return `ldt${String(value)}`;
    case 'time':
      return `t${String(value)}`;
    case 'localtime':
      return `lt${String(value)}`;
    case 'duration':
      return `du${String(value)}`;
    case 'point':
      return `p${JSON.stringify(pointParts(value))}`;
    case undefined:
      if (value instanceof Int8Array || value instanceof Uint8Array) return `y${Buffer.from(value).toString('base64')}`;
      return `?${String(value)}`;
    default:
      return assertNever(type);
  }
}

export function canonicalProperties(properties: Record<string, unknown>, options: ChecksumOptions = {}): string {
  const keys = Object.keys(properties)
    .filter((key) => options.includeInternal || !isInternalName(key))
    .filter((key) => !(options.ignoreEmptyLists && Array.isArray(properties[key]) && (properties[key] as unknown[]).length === 0))
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalValue(properties[key])}`).join(',')}}`;
}

export function publicLabels(labels: readonly string[], options: ChecksumOptions = {}): string[] {
  return labels.filter((label) => options.includeInternal || !isInternalName(label)).sort();
}

export function canonicalNode(labels: readonly string[], properties: Record<string, unknown>, options: ChecksumOptions = {}): string {
  return `N${JSON.stringify(publicLabels(labels, options))}${canonicalProperties(properties, options)}`;
}

/** A node as a relationship end: its labels and `id`. */
export function canonicalEnd(labels: readonly string[], id: unknown, options: ChecksumOptions = {}): string {
  return `${JSON.stringify(publicLabels(labels, options))}${canonicalValue(id ?? null)}`;
}

export function canonicalRelationship(
  type: string,
  start: string,
  end: string,
  properties: Record<string, unknown>,
  options: ChecksumOptions = {},
): string {
  return `R${JSON.stringify(type)}(${start})->(${end})${canonicalProperties(properties, options)}`;
}

export function combineDigests(nodes: MultisetHash, relationships: MultisetHash): string {
  return createHash('sha256')
    .update(`nodes:${nodes.count}:${nodes.digest()}|relationships:${relationships.count}:${relationships.digest()}`)
    .digest('hex');
}

function assertNever(value: never): never {
  throw new Error(`unexpected type ${String(value)}`);
}
