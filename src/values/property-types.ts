import neo4j from 'neo4j-driver';

/**
 * Neo4j property types as the exporters see them. Values stay the driver's own objects
 * (`Integer`, `Date`, ...) so that nothing is lost between reading and writing: a JS number
 * is always a Float, because the driver returns integers as `Integer` (lossless mode).
 */
export type ScalarType =
  | 'string'
  | 'integer'
  | 'float'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'localdatetime'
  | 'time'
  | 'localtime'
  | 'duration'
  | 'point';

/** Temporal types and durations: written as Neo4j's own text, read back by the function of the same name. */
export type TemporalType = Extract<ScalarType, 'date' | 'datetime' | 'localdatetime' | 'time' | 'localtime' | 'duration'>;
const TEMPORAL_TYPES: ReadonlySet<ScalarType> = new Set<TemporalType>(['date', 'datetime', 'localdatetime', 'time', 'localtime', 'duration']);

export function isTemporalType(type: ScalarType): type is TemporalType {
  return TEMPORAL_TYPES.has(type);
}

/** `scalar` is undefined only for an empty list, whose element type Cypher does not report. */
export interface PropertyType {
  scalar: ScalarType | undefined;
  list: boolean;
}

export const SCALAR_TYPES: readonly ScalarType[] = [
  'string',
  'integer',
  'float',
  'boolean',
  'date',
  'datetime',
  'localdatetime',
  'time',
  'localtime',
  'duration',
  'point',
];

/** The type of one scalar driver value, or undefined for anything a property cannot hold. */
export function scalarTypeOf(value: unknown): ScalarType | undefined {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'float';
  if (typeof value === 'bigint' || neo4j.isInt(value)) return 'integer';
  if (neo4j.isDate(value)) return 'date';
  if (neo4j.isDateTime(value)) return 'datetime';
  if (neo4j.isLocalDateTime(value)) return 'localdatetime';
  if (neo4j.isTime(value)) return 'time';
  if (neo4j.isLocalTime(value)) return 'localtime';
  if (neo4j.isDuration(value)) return 'duration';
  if (neo4j.isPoint(value)) return 'point';
  return undefined;
}

/** The type of a property value; undefined for null or a value no property can hold. */
export function propertyTypeOf(value: unknown): PropertyType | undefined {
  if (Array.isArray(value)) {
    if (value.length === 0) return { scalar: undefined, list: true };
    const scalar = scalarTypeOf(value[0]);
    if (scalar === undefined) return undefined;
    return value.every((item) => scalarTypeOf(item) === scalar) ? { scalar, list: true } : undefined;
  }
  const scalar = scalarTypeOf(value);
  return scalar === undefined ? undefined : { scalar, list: false };
}

/** Cypher's `valueType()` names (`LIST<DATE NOT NULL> NOT NULL`) to our types. */
export function parseCypherValueType(name: string): PropertyType | undefined {
  const bare = name.replace(/ NOT NULL/g, '').trim();
  const list = /^LIST<(.*)>$/.exec(bare);
  if (list) {
    const inner = list[1] ?? '';
    if (inner === 'NOTHING') return { scalar: undefined, list: true };
    const scalar = CYPHER_SCALARS[inner];
    return scalar === undefined ? undefined : { scalar, list: true };
  }
  const scalar = CYPHER_SCALARS[bare];
  return scalar === undefined ? undefined : { scalar, list: false };
}

const CYPHER_SCALARS: Record<string, ScalarType> = {
  STRING: 'string',
  INTEGER: 'integer',
  FLOAT: 'float',
  BOOLEAN: 'boolean',
  DATE: 'date',
  'ZONED DATETIME': 'datetime',
  'LOCAL DATETIME': 'localdatetime',
  'ZONED TIME': 'time',
  'LOCAL TIME': 'localtime',
  DURATION: 'duration',
  POINT: 'point',
};

/**
 * The one type a column can have for a set of observed types, or undefined when they conflict
 * (an empty list fits any list type; Integer and Float stay apart).
 */
export function mergePropertyTypes(types: readonly PropertyType[]): PropertyType | undefined {
  let merged: PropertyType | undefined;
  for (const type of types) {
    if (merged === undefined) {
      merged = type;
      continue;
    }
    if (merged.list !== type.list) return undefined;
    if (merged.scalar === undefined) merged = type;
    else if (type.scalar !== undefined && type.scalar !== merged.scalar) return undefined;
  }
  return merged;
}

export function describePropertyType(type: PropertyType): string {
  const scalar = type.scalar ?? 'any';
  return type.list ? `${scalar}[]` : scalar;
}

/** Temporal values and durations in ISO 8601, as Neo4j's own functions (`date('...')`) parse them. */
export function temporalToIso(value: unknown): string {
  return String(value);
}

/** A Float as text that parses back to the same double (`1` becomes `1.0`). */
export function floatToText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (Object.is(value, -0)) return '-0.0';
  const text = String(value).replace('e+', 'e');
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/** Integer as exact decimal text, whatever the driver handed over. */
export function integerToText(value: unknown): string {
  return typeof value === 'bigint' ? value.toString() : String(value);
}

export interface PointValue {
  srid: number;
  x: number;
  y: number;
  z?: number;
}

export function pointParts(value: unknown): PointValue {
  const point = value as { srid: unknown; x: number; y: number; z?: number };
  const srid = neo4j.isInt(point.srid) ? (point.srid as { toNumber(): number }).toNumber() : Number(point.srid);
  return point.z === undefined || point.z === null ? { srid, x: point.x, y: point.y } : { srid, x: point.x, y: point.y, z: point.z };
}
