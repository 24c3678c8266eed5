import neo4j from 'neo4j-driver';
import type { ExportNode, ExportRelationship, GraphSchema, GraphSource } from '../../../src/export/graph-source.ts';

/** A small graph with every awkward value the writers must carry: types, quotes, delimiters, newlines. */
export function fixtureGraph(): { nodes: ExportNode[]; relationships: ExportRelationship[]; source: GraphSource } {
  const nodes: ExportNode[] = [
    {
      labels: ['Country', 'Entity'],
      properties: { id: 'FR', name: 'France', aliases: ['French Republic', 'République française'], population: neo4j.int(68000000), ratio: 1.0 },
    },
    {
      labels: ['Country', 'Entity'],
      properties: { id: 'BE', name: 'Belgium', aliases: [], population: neo4j.int(11600000), ratio: 0.25 },
    },
    {
      labels: ['Event'],
      properties: {
        id: 'liege#2018',
        name: 'Liège "attack", 29 May;\nline two',
        date: new neo4j.types.Date(2018, 5, 29),
        confirmed: true,
        tags: [neo4j.int(1), neo4j.int(2)],
      },
    },
  ];
  const relationships: ExportRelationship[] = [
    {
      type: 'OCCURRED_IN',
      start: { id: 'liege#2018', labels: ['Event'] },
      end: { id: 'BE', labels: ['Country', 'Entity'] },
      properties: { quote: "it's in Liège", weight: 2.5 },
    },
    {
      type: 'NEIGHBOUR_OF',
      start: { id: 'FR', labels: ['Country', 'Entity'] },
      end: { id: 'BE', labels: ['Country', 'Entity'] },
      properties: {},
    },
  ];
  const schema: GraphSchema = {
    nodeGroups: [
      {
        labels: ['Country', 'Entity'],
        count: 2,
        properties: [
          { name: 'aliases', type: { scalar: 'string', list: true } },
          { name: 'id', type: { scalar: 'string', list: false } },
          { name: 'name', type: { scalar: 'string', list: false } },
          { name: 'population', type: { scalar: 'integer', list: false } },
          { name: 'ratio', type: { scalar: 'float', list: false } },
        ],
      },
      {
        labels: ['Event'],
        count: 1,
        properties: [
          { name: 'confirmed', type: { scalar: 'boolean', list: false } },
          { name: 'date', type: { scalar: 'date', list: false } },
          { name: 'id', type: { scalar: 'string', list: false } },
          { name: 'name', type: { scalar: 'string', list: false } },
          { name: 'tags', type: { scalar: 'integer', list: true } },
        ],
      },
    ],
    relationshipGroups: [
      { type: 'NEIGHBOUR_OF', count: 1, properties: [] },
      {
        type: 'OCCURRED_IN',
        count: 1,
        properties: [
          { name: 'quote', type: { scalar: 'string', list: false } },
          { name: 'weight', type: { scalar: 'float', list: false } },
        ],
      },
    ],
    constraints: ['CREATE CONSTRAINT `Country_id` FOR (n:`Country`) REQUIRE (n.`id`) IS UNIQUE'],
    indexes: [],
    keyLabels: ['Country'],
    nodeCount: 3,
    relationshipCount: 2,
  };
  const source: GraphSource = {
    schema,
    nodes: async function* () {
      yield* nodes;
    },
    relationships: async function* () {
      yield* relationships;
    },
  };
  return { nodes, relationships, source };
}
