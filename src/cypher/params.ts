import { isLosslessNumber, parse as parseLosslessJson } from 'lossless-json';
import neo4j from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';

export const TEMPORAL_FUNCTIONS = ['date', 'datetime', 'localdatetime', 'time', 'localtime', 'duration'] as const;
export type TemporalFunction = (typeof TEMPORAL_FUNCTIONS)[number];

/** A parameter value; temporal ones are parsed by Neo4j itself (`date($text)`) before the query runs. */
export type ParamValue = { kind: 'value'; value: unknown } | { kind: 'temporal'; fn: TemporalFunction; text: string };

export const PARAM_TYPES = ['string', 'int', 'integer', 'float', 'boolean', 'json', ...TEMPORAL_FUNCTIONS] as const;

/**
 * Parses one `--param` argument. Two forms:
 *   name=value        the type is read from the value: `42` Integer, `4.2` / `1e3` Float,
 *                     `true`/`false` Boolean, `null`, `[...]` / `{...}` / `"..."` JSON (whole
 *                     numbers in it are Integers, numbers with a point or exponent Floats),
 *                     `date('2018-05-29')` (also datetime, localdatetime, time, localtime,
 *                     duration), anything else a String.
 *   name:type=value   the type is given: string, int (integer), float, boolean, json, date,
 *                     datetime, localdatetime, time, localtime, duration.
 */
export function parseParam(argument: string): { name: string; value: ParamValue } {
  const equals = argument.indexOf('=');
  if (equals <= 0) throw usage(`--param ${argument}: expected name=value or name:type=value.`);
  const left = argument.slice(0, equals);
  const text = argument.slice(equals + 1);
  const colon = left.indexOf(':');
  const name = colon === -1 ? left : left.slice(0, colon);
  const type = colon === -1 ? undefined : left.slice(colon + 1).toLowerCase();
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw usage(`--param ${argument}: "${name}" is not a valid parameter name.`);
  return { name, value: type === undefined ? inferValue(text) : typedValue(text, type, argument) };
}

export function parseParams(arguments_: readonly string[]): Map<string, ParamValue> {
  const params = new Map<string, ParamValue>();
  for (const argument of arguments_) {
    const { name, value } = parseParam(argument);
    if (params.has(name)) throw usage(`--param ${name} is given twice.`);
    params.set(name, value);
  }
  return params;
}

function inferValue(text: string): ParamValue {
  const trimmed = text.trim();
  if (trimmed === 'null') return plain(null);
  if (trimmed === 'true' || trimmed === 'false') return plain(trimmed === 'true');
  if (/^[-+]?\d+$/.test(trimmed)) return plain(integer(trimmed));
  if (/^[-+]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][-+]?\d+)$/.test(trimmed)) return plain(Number(trimmed));
  const temporal = /^(date|datetime|localdatetime|time|localtime|duration)\(\s*(['"])(.*)\2\s*\)$/i.exec(trimmed);
  if (temporal) return { kind: 'temporal', fn: (temporal[1] ?? '').toLowerCase() as TemporalFunction, text: temporal[3] ?? '' };
  if (/^[[{"]/.test(trimmed)) return plain(json(trimmed, text));
  return plain(text);
}

function typedValue(text: string, type: string, argument: string): ParamValue {
  switch (type) {
    case 'string':
      return plain(text);
    case 'int':
    case 'integer':
      if (!/^[-+]?\d+$/.test(text.trim())) throw usage(`--param ${argument}: "${text}" is not an integer.`);
      return plain(integer(text.trim()));
    case 'float': {
      const value = Number(text.trim());
      if (text.trim() === '' || (Number.isNaN(value) && text.trim() !== 'NaN')) throw usage(`--param ${argument}: "${text}" is not a number.`);
      return plain(value);
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw usage(`--param ${argument}: a boolean is true or false.`);
      return plain(text === 'true');
    case 'json':
      return plain(json(text, text));
    default:
      if ((TEMPORAL_FUNCTIONS as readonly string[]).includes(type)) return { kind: 'temporal', fn: type as TemporalFunction, text };
      throw usage(`--param ${argument}: unknown type "${type}" (one of ${PARAM_TYPES.join(', ')}).`);
  }
}

function integer(text: string) {
  const value = neo4j.int(text);
  if (value.toString() !== text.replace(/^\+/, '').replace(/^(-?)0+(?=\d)/, '$1')) throw usage(`"${text}" does not fit in a 64-bit integer.`);
  return value;
}

/** JSON whose numbers keep their kind: `1` an Integer, `1.0` a Float. */
function json(text: string, original: string): unknown {
  let parsed: unknown;
  try {
    parsed = parseLosslessJson(text);
  } catch (error) {
    throw usage(`"${original}" is not valid JSON: ${(error as Error).message}`);
  }
  return convertJson(parsed);
}

function convertJson(value: unknown): unknown {
  if (isLosslessNumber(value)) {
    const text = value.toString();
    return /^-?\d+$/.test(text) ? integer(text) : Number(text);
  }
  if (Array.isArray(value)) return value.map(convertJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, convertJson(v)]));
  }
  return value;
}

const plain = (value: unknown): ParamValue => ({ kind: 'value', value });

function usage(message: string): AppError {
  return new AppError(ErrorCode.USAGE, message, {
    hint: 'Examples: --param limit=10 --param ratio=0.5 --param since="date(\'2018-05-29\')" --param ids=\'["FR","BE"]\' --param code:string=007',
  });
}
