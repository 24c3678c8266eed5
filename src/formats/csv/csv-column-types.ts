import type { ScalarType } from '../../values/property-types.ts';

/**
 * The one table of CSV column types (neo4j-admin's header names): the exporter writes these names,
 * the importer reads them back, and also accepts neo4j-admin's other names for the same types.
 */
export const CSV_TYPE_NAMES: Readonly<Record<ScalarType, string>> = {
  string: 'string',
  integer: 'long',
  float: 'double',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  localdatetime: 'localdatetime',
  time: 'time',
  localtime: 'localtime',
  duration: 'duration',
  point: 'point',
};

/** neo4j-admin's other names for the types above. */
const ALIASES: Readonly<Record<string, ScalarType>> = { char: 'string', int: 'integer', short: 'integer', byte: 'integer', float: 'float' };

const SCALAR_OF_NAME = new Map<string, ScalarType>([
  ...(Object.entries(CSV_TYPE_NAMES) as [ScalarType, string][]).map(([scalar, name]): [string, ScalarType] => [name, scalar]),
  ...Object.entries(ALIASES),
]);

/** The scalar type a header's type name stands for (any case), or undefined when unsupported. */
export function scalarTypeOfCsvName(name: string): ScalarType | undefined {
  return SCALAR_OF_NAME.get(name.toLowerCase());
}
