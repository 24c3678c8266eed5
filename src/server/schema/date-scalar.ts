import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import neo4j from 'neo4j-driver';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD string as a Neo4j Date; a GraphQLError for anything else (including 2018-02-30). */
export function parseIsoDate(text: string): InstanceType<typeof neo4j.types.Date> {
  const match = ISO_DATE.exec(text);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (!match || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD; got "${text}".`);
  }
  return new neo4j.types.Date(year, month, day);
}

/**
 * Replaces @neo4j/graphql's Date scalar, which reads "2018-05-25" through a JavaScript Date in
 * the server's local time zone: west of UTC every date argument and filter was a day early.
 * This one maps the written calendar date to a Neo4j Date directly, whatever TZ the server has.
 */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: "A calendar date, written 'YYYY-MM-DD'",
  serialize(value) {
    if (neo4j.isDate(value)) return value.toString();
    if (typeof value === 'string' && ISO_DATE.test(value.slice(0, 10))) return value.slice(0, 10);
    throw new GraphQLError(`Date cannot represent value: ${String(value)}`);
  },
  parseValue(value) {
    if (typeof value === 'string') return parseIsoDate(value);
    if (neo4j.isDate(value)) return value;
    throw new GraphQLError(`Date cannot represent a non-string value: ${String(value)}`);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date cannot represent a non-string value.', { nodes: ast });
    return parseIsoDate(ast.value);
  },
});
