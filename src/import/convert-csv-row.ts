import neo4j from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';
import type { HeaderColumn } from '../formats/csv/csv-header.ts';
import type { ScalarType } from '../values/property-types.ts';

/** A quoted empty field (`""`): an empty string or list, where an unquoted empty one is absent. */
export const QUOTED_EMPTY = Symbol('quoted empty');
export type Cell = string | typeof QUOTED_EMPTY | undefined;

/** Types Cypher converts from text (`date(row.t.x)`); the rest are converted here. */
export const CONVERTED_IN_CYPHER = new Set<ScalarType>(['date', 'datetime', 'localdatetime', 'time', 'localtime', 'duration', 'point']);

export interface ConvertedRow {
  plain: Record<string, unknown>;
  /** Values Cypher converts: text (or lists of text) per property. */
  typed: Record<string, unknown>;
}

/** Decodes a row's property cells into typed values (a quoted empty cell is an empty string or list). */
export function convertCsvRow(columns: HeaderColumn[], cells: Cell[], delimiter: string, where: () => string): ConvertedRow {
  const plain: Record<string, unknown> = {};
  const typed: Record<string, unknown> = {};
  columns.forEach((column, index) => {
    if (column.kind !== 'property') return;
    const cell = cells[index];
    if (cell === undefined) return;
    const { scalar, list } = column.type;
    const target = CONVERTED_IN_CYPHER.has(scalar) ? typed : plain;
    if (list) {
      target[column.property] = cell === QUOTED_EMPTY ? [] : cell.split(delimiter).map((item) => convertScalar(item, scalar, column.property, where));
    } else {
      target[column.property] = convertScalar(cell === QUOTED_EMPTY ? '' : cell, scalar, column.property, where);
    }
  });
  return { plain, typed };
}

function convertScalar(text: string, scalar: ScalarType, property: string, where: () => string): unknown {
  const bad = (): never => {
    throw new AppError(ErrorCode.IMPORT_INVALID, `${where()}: "${text}" is not a valid ${scalar} for property "${property}".`);
  };
  switch (scalar) {
    case 'string':
      return text;
    case 'integer':
      return /^[-+]?\d+$/.test(text.trim()) ? neo4j.int(text.trim()) : bad();
    case 'float': {
      const number = Number(text.trim());
      return Number.isNaN(number) && text.trim() !== 'NaN' ? bad() : number;
    }
    case 'boolean':
      return /^true$/i.test(text.trim()) ? true : /^false$/i.test(text.trim()) ? false : bad();
    case 'point':
      return parsePoint(text) ?? bad();
    default:
      return text; // temporal types and durations: Cypher parses them
  }
}

/** `{srid:4326,x:1.5,y:2.0}` or `{latitude:..., longitude:..., crs:'WGS-84'}` to a map for point(). */
function parsePoint(text: string): Record<string, unknown> | undefined {
  const body = /^\s*\{(.*)\}\s*$/.exec(text)?.[1];
  if (body === undefined) return undefined;
  const map: Record<string, unknown> = {};
  for (const part of body.split(',')) {
    const match = /^\s*(\w+)\s*:\s*(.+?)\s*$/.exec(part);
    if (!match) return undefined;
    const [, key, raw] = match as unknown as [string, string, string];
    const quoted = /^['"](.*)['"]$/.exec(raw);
    map[key] = quoted ? quoted[1] : key === 'srid' ? neo4j.int(raw) : Number(raw);
  }
  return map;
}
