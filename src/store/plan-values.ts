/**
 * Conversion between plan values and what Neo4j stores, and a canonical form of both sides so the
 * loader can tell whether a stored node or relationship already matches the plan.
 */
import neo4j, { Date as Neo4jDate } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';
import { canonicalValue } from '../graph/checksum.ts';
import type { PlanScalar, PlanValue } from '../graph/graph-plan.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A value the driver sends as a property: Integer for whole numbers, Date for plan dates. */
export type StoredScalar = string | number | boolean | ReturnType<typeof neo4j.int> | Neo4jDate<number>;
export type StoredValue = StoredScalar | StoredScalar[];

/**
 * Turns plan properties into a property map for `SET n = $props`. Null values are left out (the
 * property is then absent). Whole numbers become Integers: the driver would send a JS number as
 * a Float, and `order: 1.0` is not what the model means.
 */
export function toStoredProperties(properties: Record<string, PlanValue>, where: string): Record<string, StoredValue> {
  const stored: Record<string, StoredValue> = {};
  for (const [name, value] of Object.entries(properties)) {
    if (value === null || value === undefined) continue;
    stored[name] = Array.isArray(value)
      ? toStoredList(value, `${where}.${name}`)
      : toStoredScalar(value, `${where}.${name}`);
  }
  return stored;
}

function toStoredList(values: PlanScalar[], where: string): StoredScalar[] {
  const kinds = new Set(values.map(scalarKind));
  if (kinds.size > 1) {
    throw new AppError(ErrorCode.SEED_INVALID, `${where} mixes ${[...kinds].join(' and ')} values; Neo4j stores only lists of one type`, {
      details: { where, kinds: [...kinds] },
    });
  }
  return values.map((value) => toStoredScalar(value, where));
}

function toStoredScalar(value: PlanScalar, where: string): StoredScalar {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new AppError(ErrorCode.SEED_INVALID, `${where} is not a finite number`, { details: { where, value: String(value) } });
      }
      return Number.isInteger(value) ? neo4j.int(value) : value;
    case 'object':
      return toNeo4jDate(value.iso, where);
  }
}

/** `YYYY-MM-DD` to a Neo4j Date, refusing impossible days such as 2018-02-30. */
export function toNeo4jDate(iso: string, where: string): Neo4jDate<number> {
  const match = ISO_DATE.exec(iso);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (!match || probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new AppError(ErrorCode.SEED_INVALID, `${where} is not a valid YYYY-MM-DD date: ${JSON.stringify(iso)}`, {
      details: { where, value: iso },
    });
  }
  return new Neo4jDate(year, month, day);
}

function scalarKind(value: PlanScalar): string {
  if (typeof value === 'object') return 'date';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  return typeof value;
}

/**
 * A stable string for a property map, equal for a plan's stored form and the same map read back
 * from Neo4j. Key order does not matter; value types do (an Integer 1 differs from the string "1"),
 * as the graph checksum's canonicalValue decides: one notion of "the same typed value".
 */
export function comparableProperties(properties: Record<string, unknown>): string {
  const entries = Object.entries(properties)
    .filter(([, value]) => value !== null && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => [name, canonicalValue(value)]);
  return JSON.stringify(entries);
}
