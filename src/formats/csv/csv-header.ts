import { AppError, ErrorCode } from '../../errors.ts';
import type { PropertyType, ScalarType } from '../../values/property-types.ts';
import { scalarTypeOfCsvName } from './csv-column-types.ts';

/** One column of a neo4j-admin import header. */
export type HeaderColumn =
  | { kind: 'id'; property: string | undefined; group: string | undefined }
  | { kind: 'label' }
  | { kind: 'start'; group: string | undefined }
  | { kind: 'end'; group: string | undefined }
  | { kind: 'type' }
  | { kind: 'ignore' }
  | { kind: 'property'; property: string; type: PropertyType & { scalar: ScalarType } };

export interface CsvHeader {
  kind: 'nodes' | 'relationships';
  columns: HeaderColumn[];
}

/**
 * Parses a header row in neo4j-admin's format: `name:type` (`long`, `double`, `date`,
 * `string[]`...; untyped = string), `id:ID` / `:ID(group)`, `:LABEL`, `:START_ID`, `:END_ID`,
 * `:TYPE`, `:IGNORE`. Type options in braces (`{timezone:...}`) are not supported.
 */
export function parseCsvHeader(fields: string[], file: string): CsvHeader {
  const columns = fields.map((field, index) => parseField(field, file, index));
  const has = (kind: HeaderColumn['kind']) => columns.some((c) => c.kind === kind);
  if (has('start') || has('end')) {
    if (!has('start') || !has('end')) throw invalid(file, 'a relationship file needs both :START_ID and :END_ID');
    return { kind: 'relationships', columns };
  }
  if (!has('id')) throw invalid(file, 'a node file needs an ID column (e.g. id:ID)');
  return { kind: 'nodes', columns };
}

function parseField(field: string, file: string, index: number): HeaderColumn {
  const trimmed = field.trim();
  const colon = trimmed.lastIndexOf(':');
  const name = colon === -1 ? trimmed : trimmed.slice(0, colon);
  const spec = colon === -1 ? '' : trimmed.slice(colon + 1);
  const special = /^(ID|START_ID|END_ID)(?:\(([^)]*)\))?$/.exec(spec);
  if (special) {
    const group = special[2] === undefined || special[2] === '' ? undefined : special[2];
    if (special[1] === 'ID') return { kind: 'id', property: name === '' ? undefined : name, group };
    return { kind: special[1] === 'START_ID' ? 'start' : 'end', group };
  }
  if (spec === 'LABEL') return { kind: 'label' };
  if (spec === 'TYPE') return { kind: 'type' };
  if (spec === 'IGNORE') return { kind: 'ignore' };
  if (name === '') throw invalid(file, `column ${index + 1} ("${field}") has no property name`);
  if (spec === '') return { kind: 'property', property: name, type: { scalar: 'string', list: false } };
  const typed = /^([a-zA-Z]+)(\[\])?$/.exec(spec);
  const scalar = typed ? scalarTypeOfCsvName(typed[1] ?? '') : undefined;
  if (!typed || scalar === undefined) throw invalid(file, `column ${index + 1} ("${field}") has an unsupported type "${spec}"`);
  return { kind: 'property', property: name, type: { scalar, list: typed[2] !== undefined } };
}

function invalid(file: string, problem: string): AppError {
  return new AppError(ErrorCode.IMPORT_INVALID, `${file}: ${problem}.`, { details: { file } });
}
