import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type ObjectTypeDefinitionNode, type TypeNode, Kind, parse, type DocumentNode, type StringValueNode } from 'graphql';
import { beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../../../../src/config.ts';
import { NODE_LABELS, type NodeLabel, RELATIONSHIP_TYPES, type RelationshipType } from '../../../../src/graph/graph-plan.ts';
import { ENDPOINT_RULES } from '../../../../src/seeding/relationship-rules.ts';
import { hasDeadlineCypher } from '../../../../src/server/graph-queries/count-commitments.ts';
import { readTypeDefs } from '../../../../src/server/schema/build-graphql-schema.ts';
import { ENTITY_LABEL, SOURCE_LABELS } from '../../../../src/store/labels.ts';

/**
 * The graph model has one source, the relationship rules (src/seeding/relationship-rules.ts);
 * schema.graphql and docs/graph-model.md must say the same. When a relationship type is added
 * to the model, these tests name each field, union and table row still missing.
 */
let typeDefs: DocumentNode;
let modelDoc: string;
beforeAll(async () => {
  typeDefs = parse(await readTypeDefs());
  modelDoc = await readFile(path.join(projectRoot, 'docs', 'graph-model.md'), 'utf8');
});

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

/** The node labels a field's type admits: the type itself, a union's members, an interface's implementations. */
function labelsOf(typeName: string): NodeLabel[] {
  const definition = typeDefs.definitions.find((node) => 'name' in node && node.name?.value === typeName);
  if (definition?.kind === Kind.UNION_TYPE_DEFINITION) return (definition.types ?? []).map((type) => type.name.value as NodeLabel);
  if (definition?.kind === Kind.INTERFACE_TYPE_DEFINITION) {
    return objectTypes()
      .filter((type) => type.interfaces?.some((inter) => inter.name.value === typeName))
      .map((type) => type.name.value as NodeLabel);
  }
  return [typeName as NodeLabel];
}

const objectTypes = () => typeDefs.definitions.filter((node): node is ObjectTypeDefinitionNode => node.kind === Kind.OBJECT_TYPE_DEFINITION);

interface SdlRelationship {
  owner: NodeLabel;
  field: string;
  type: RelationshipType;
  direction: 'OUT' | 'IN';
  others: NodeLabel[];
  properties: string | undefined;
}

/** Every `@relationship` field of schema.graphql. */
function sdlRelationships(): SdlRelationship[] {
  return objectTypes().flatMap((type) =>
    (type.fields ?? []).flatMap((field) => {
      const directive = field.directives?.find((d) => d.name.value === 'relationship');
      if (!directive) return [];
      const arg = (name: string) => (directive.arguments?.find((a) => a.name.value === name)?.value as StringValueNode | undefined)?.value;
      return [{
        owner: type.name.value as NodeLabel,
        field: field.name.value,
        type: arg('type') as RelationshipType,
        direction: arg('direction') as 'OUT' | 'IN',
        others: labelsOf(namedType(field.type)),
        properties: arg('properties'),
      }];
    }),
  );
}

const sorted = (labels: readonly string[]) => [...new Set(labels)].sort();

describe.each(RELATIONSHIP_TYPES.map((type) => [type]))('%s', (type) => {
  const rule = ENDPOINT_RULES[type];

  test.each(NODE_LABELS.map((label) => [label]))('%s has the OUT fields the rules allow, reaching exactly the allowed targets', (label) => {
    const fields = sdlRelationships().filter((rel) => rel.owner === label && rel.type === type && rel.direction === 'OUT');
    const expected = rule.from.includes(label) ? sorted(rule.to) : [];
    expect(sorted(fields.flatMap((rel) => rel.others)), `${label}: fields @relationship(type: "${type}", direction: OUT) should reach ${expected.join(', ') || 'nothing (no such field)'}`).toEqual(expected);
  });

  test.each(NODE_LABELS.map((label) => [label]))('%s has the IN fields the rules allow, reaching exactly the allowed sources', (label) => {
    const fields = sdlRelationships().filter((rel) => rel.owner === label && rel.type === type && rel.direction === 'IN');
    const expected = rule.to.includes(label) ? sorted(rule.from) : [];
    expect(sorted(fields.flatMap((rel) => rel.others)), `${label}: fields @relationship(type: "${type}", direction: IN) should reach ${expected.join(', ') || 'nothing (no such field)'}`).toEqual(expected);
  });

  test('every field of the type uses the same relationship properties type', () => {
    const properties = new Set(sdlRelationships().filter((rel) => rel.type === type).map((rel) => rel.properties ?? '(none)'));
    expect([...properties], `fields of ${type} disagree on properties:`).toHaveLength(1);
  });

  test('docs/graph-model.md has its row, naming the same endpoints', () => {
    const row = modelDoc.split('\n').find((line) => line.startsWith(`| \`${type}\` |`));
    expect(row, `docs/graph-model.md: add a row "| \`${type}\` | From -> To | properties |" to the relationship table`).toBeDefined();
    const [from, to] = row!.split('|')[2]!.split('->').map((side) => namedLabels(side));
    expect(from, `docs/graph-model.md row ${type}: sources`).toEqual(sorted(rule.from));
    expect(to, `docs/graph-model.md row ${type}: targets`).toEqual(sorted(rule.to));
  });
});

/** The labels a table cell names; "any entity" stands for every label of the Entity category. */
function namedLabels(cell: string): string[] {
  const entities = NODE_LABELS.filter((label) => !SOURCE_LABELS.includes(label));
  const named = NODE_LABELS.filter((label) => new RegExp(`\\b${label}\\b`).test(cell));
  return sorted(/any entity/i.test(cell) ? [...named, ...entities] : named);
}

describe('interfaces and unions', () => {
  test(`the ${ENTITY_LABEL} interface is implemented by exactly the entity labels of the store`, () => {
    expect(sorted(labelsOf('Entity'))).toEqual(sorted(NODE_LABELS.filter((label) => !SOURCE_LABELS.includes(label))));
  });

  test('every union is used by a relationship field or an analyst type (none left over)', async () => {
    const sdl = await readTypeDefs();
    const unions = typeDefs.definitions.filter((node) => node.kind === Kind.UNION_TYPE_DEFINITION).map((node) => node.name.value);
    for (const union of unions) expect(sdl.match(new RegExp(`: \\[?${union}!`, 'g'))?.length ?? 0, union).toBeGreaterThan(0);
  });
});

test('Commitment.hasDeadline and the HAS_DEADLINE count share one definition', async () => {
  expect(await readTypeDefs()).toContain(`RETURN ${hasDeadlineCypher('this')} AS hasDeadline`);
});
