import {
  type GraphQLEnumType,
  type GraphQLObjectType,
  type GraphQLSchema,
  Kind,
  buildClientSchema,
  getNamedType,
  introspectionFromSchema,
  isEnumType,
  isNonNullType,
  isObjectType,
  lexicographicSortSchema,
  parse,
  printSchema,
  validate,
} from 'graphql';
import { beforeAll, describe, expect, test } from 'vitest';
import { NODE_LABELS, RELATIONSHIP_TYPES } from '../../../../src/graph/graph-plan.ts';
import { LIFECYCLE_STATUSES, OUTCOMES, SOURCE_KINDS, STEP_KINDS, STEP_ROLES, STEP_STAGES, SUCCESSIONS, VERDICTS } from '../../../../src/graph/lifecycle.ts';
import {
  DATE_BASES,
  DOCUMENT_KINDS,
  EVENT_KINDS,
  INSTRUMENT_KINDS,
  INSTRUMENT_STATUSES,
  INVOLVES_ROLES,
  MODALITIES,
  ORGANISATION_KINDS,
  PLACE_KINDS,
} from '../../../../src/seeding/seed-schema.ts';
import { KnownOperationTypesRule } from '../../../../src/server/schema/known-operation-types-rule.ts';
import { buildGraphqlSchema, printGeneratedSdl, readTypeDefs } from '../../../../src/server/schema/build-graphql-schema.ts';
import type { Driver } from 'neo4j-driver';

// The generated schema needs no database: the driver is only used when a query runs.
let schema: GraphQLSchema;
let typeDefs: string;
// Building the schema is CPU work of seconds: on a busy machine it outlasts vitest's 10 s default.
beforeAll(async () => {
  schema = await buildGraphqlSchema({ driver: {} as Driver, database: 'neo4j' });
  typeDefs = await readTypeDefs();
}, 60_000);

const plural: Record<string, string> = {
  Document: 'documents',
  Passage: 'passages',
  Reference: 'references',
  Country: 'countries',
  Place: 'places',
  Person: 'people',
  Organisation: 'organisations',
  Instrument: 'instruments',
  Event: 'events',
  Commitment: 'commitments',
  Topic: 'topics',
  Disagreement: 'disagreements',
};

describe('generated schema', () => {
  test('every node label has a type with a list query and a connection query', () => {
    const queries = schema.getQueryType()!.getFields();
    for (const label of NODE_LABELS) {
      expect(isObjectType(schema.getType(label)), label).toBe(true);
      expect(queries[plural[label]!], label).toBeDefined();
      expect(queries[`${plural[label]!}Connection`], label).toBeDefined();
    }
  });

  test('list queries take where, sort, limit and offset; connections take first and after', () => {
    const queries = schema.getQueryType()!.getFields();
    expect(queries.commitments!.args.map((arg) => arg.name).sort()).toEqual(['limit', 'offset', 'sort', 'where']);
    expect(queries.commitmentsConnection!.args.map((arg) => arg.name).sort()).toEqual(['after', 'first', 'sort', 'where']);
  });

  test('every relationship type of the graph model is declared', () => {
    for (const type of RELATIONSHIP_TYPES) expect(typeDefs, type).toContain(`@relationship(type: "${type}"`);
  });

  test('there is no Mutation and no Subscription type', () => {
    expect(schema.getMutationType()).toBeUndefined();
    expect(schema.getSubscriptionType()).toBeUndefined();
  });

  test('the analyst queries are there', () => {
    const queries = schema.getQueryType()!.getFields();
    for (const name of ['search', 'entity', 'neighbourhood', 'path', 'paths', 'timeline', 'commitmentCounts', 'instrumentStatus', 'instrumentHistory', 'statusChanges', 'followThrough']) expect(queries[name], name).toBeDefined();
  });

  test.each([
    ['DateBasis', DATE_BASES],
    ['DocumentKind', DOCUMENT_KINDS],
    ['PlaceKind', PLACE_KINDS],
    ['OrganisationKind', ORGANISATION_KINDS],
    ['InstrumentKind', INSTRUMENT_KINDS],
    ['InstrumentStatus', INSTRUMENT_STATUSES],
    ['EventKind', [...new Set([...EVENT_KINDS, ...STEP_KINDS])]],
    ['LifecycleStatus', LIFECYCLE_STATUSES],
    ['StepStage', STEP_STAGES],
    ['StepRole', STEP_ROLES],
    ['SuccessionKind', SUCCESSIONS],
    ['Verdict', VERDICTS],
    ['SourceKind', SOURCE_KINDS],
    ['Outcome', OUTCOMES],
    ['Modality', MODALITIES],
    ['InvolvementRole', INVOLVES_ROLES],
  ])('enum %s has exactly the values the seed accepts', (name, values) => {
    const type = schema.getType(name);
    expect(isEnumType(type)).toBe(true);
    expect((type as GraphQLEnumType).getValues().map((value) => value.name).sort()).toEqual([...values].sort());
  });

  test('relationship property types expose provenance', () => {
    for (const name of ['Provenance', 'Office', 'Party', 'Involvement', 'NearDuplicate']) {
      const fields = Object.keys((schema.getType(name) as GraphQLObjectType).getFields());
      expect(fields, name).toEqual(expect.arrayContaining(['documentId', 'passageId', 'quote', 'referenceId']));
    }
  });
});

describe('a schema a frontend enjoys', () => {
  test('the generated SDL has no deprecated field, and says exactly what introspection says', async () => {
    const sdl = await printGeneratedSdl();
    expect(sdl).not.toContain('@deprecated');
    const introspected = printSchema(lexicographicSortSchema(buildClientSchema(introspectionFromSchema(schema))));
    expect(introspected).toBe(sdl);
  }, 60_000);

  test('every query field has a description', () => {
    const missing = Object.values(schema.getQueryType()!.getFields()).filter((field) => !field.description);
    expect(missing.map((field) => field.name)).toEqual([]);
  });

  test('every type, enum, union and interface written in schema.graphql has a description', () => {
    const missing = parse(typeDefs).definitions.filter((node) => 'name' in node && !('description' in node && node.description));
    expect(missing.map((node) => ('name' in node ? node.name?.value : node.kind))).toEqual([]);
  });

  test.each([
    ['Document', ['title', 'date', 'dateBasis', 'language', 'kind']],
    ['Passage', ['name', 'documentId', 'section', 'order', 'kind', 'text', 'start', 'end']],
    ['Reference', ['title']],
    ['Place', ['kind']],
    ['Organisation', ['kind']],
    ['Instrument', ['kind']],
    ['Event', ['kind']],
    ['Commitment', ['summary', 'quote', 'verbPhrase', 'modality', 'section', 'hasDeadline']],
  ])('%s: the fields the seed validator always fills are non-null', (type, fields) => {
    const own = (schema.getType(type) as GraphQLObjectType).getFields();
    for (const field of fields) expect(isNonNullType(own[field]!.type), `${type}.${field}`).toBe(true);
  });

  test('the analyst queries type node and relationship types with the model\'s enums', () => {
    const values = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((value) => value.name);
    expect(values('NodeType')).toEqual([...NODE_LABELS]);
    expect(values('RelationshipType')).toEqual([...RELATIONSHIP_TYPES]);
    const typeOf = (type: string, field: string) => getNamedType((schema.getType(type) as GraphQLObjectType).getFields()[field]!.type).name;
    expect(typeOf('EntityLink', 'type')).toBe('RelationshipType');
    expect(typeOf('GraphEdge', 'type')).toBe('RelationshipType');
    expect(typeOf('GraphNode', 'type')).toBe('NodeType');
    expect(typeOf('SearchHit', 'type')).toBe('NodeType');
  });

  test('entity is non-null: an unknown id is an error (NOT_FOUND), as for neighbourhood and path', () => {
    expect(isNonNullType(schema.getQueryType()!.getFields().entity!.type)).toBe(true);
  });
});

describe('printGeneratedSdl', () => {
  // Generating the schema takes seconds on a busy machine.
  test('prints the generated schema a frontend generates its types from, without mutations', { timeout: 60_000 }, async () => {
    const sdl = await printGeneratedSdl();
    expect(sdl).toContain('type Query {');
    expect(sdl).toContain('commitmentsConnection(');
    expect(sdl).toContain('input CommitmentWhere {');
    expect(sdl).not.toContain('type Mutation');
    expect(sdl).not.toMatch(/^directive @(node|relationship|cypher)\b/m);
  });
});

describe('KnownOperationTypesRule', () => {
  test('a mutation against this schema fails validation with a read-only message', () => {
    const errors = validate(schema, parse('mutation { anything }'), [KnownOperationTypesRule]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/read-only.*mutation/);
  });

  test('a query passes', () => {
    expect(validate(schema, parse('{ countries { id } }'), [KnownOperationTypesRule])).toEqual([]);
  });
});
