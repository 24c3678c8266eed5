import neo4j from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';
import { floatToText, integerToText, isTemporalType, pointParts, scalarTypeOf } from './property-types.ts';

/** A name as a Cypher identifier, always backquoted so that any label or key is safe. */
export function cypherName(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** A string as a single-quoted Cypher literal; control characters become \uXXXX escapes. */
export function cypherString(value: string): string {
  let out = "'";
  for (const char of value) {
    switch (char) {
      case '\\':
        out += '\\\\';
        break;
      case "'":
        out += "\\'";
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      default: {
        const code = char.codePointAt(0) ?? 0;
        out += code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? `\\u${code.toString(16).padStart(4, '0')}` : char;
      }
    }
  }
  return `${out}'`;
}

/**
 * A property value as a Cypher expression that evaluates to the same value and type:
 * Integer `42`, Float `42.0`, Date `date('2018-06-11')`, lists of them.
 */
export function cypherLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(cypherLiteral).join(', ')}]`;
  const type = scalarTypeOf(value);
  if (type !== undefined && isTemporalType(type)) return `${type}(${cypherString(String(value))})`;
  switch (type) {
    case 'string':
      return cypherString(value as string);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'integer':
      return integerToText(value);
    case 'float': {
      const number = value as number;
      if (Number.isNaN(number)) return '(0.0 / 0.0)';
      if (number === Infinity) return '(1.0 / 0.0)';
      if (number === -Infinity) return '(-1.0 / 0.0)';
      return floatToText(number);
    }
    case 'point': {
      const p = pointParts(value);
      const coords = `x: ${floatToText(p.x)}, y: ${floatToText(p.y)}${p.z === undefined ? '' : `, z: ${floatToText(p.z)}`}`;
      return `point({srid: ${p.srid}, ${coords}})`;
    }
    case undefined:
      throw new AppError(ErrorCode.EXPORT_FAILED, `Cannot write a ${describeUnknown(value)} value as Cypher.`);
    default:
      return assertNever(type);
  }
}

/** A property map as a Cypher map literal; keys sorted for stable output. */
export function cypherMap(properties: Record<string, unknown>): string {
  const keys = Object.keys(properties).sort();
  return `{${keys.map((key) => `${cypherName(key)}: ${cypherLiteral(properties[key])}`).join(', ')}}`;
}

function describeUnknown(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (neo4j.isNode(value)) return 'node';
  return value?.constructor?.name ?? typeof value;
}

function assertNever(value: never): never {
  throw new Error(`unexpected type ${String(value)}`);
}
