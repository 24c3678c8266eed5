import {
  type DocumentNode,
  type FieldNode,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  Kind,
  type SelectionNode,
  type VariableDefinitionNode,
  execute,
  getNamedType,
  isListType,
  isNonNullType,
} from 'graphql';
import type { NodeLabel } from '../../graph/graph-plan.ts';
import { subOperationContext } from './sub-operation-context.ts';

/** A node an analyst query found, to be returned as its own GraphQL type (the `AnyNode` union). */
export interface NodeRef {
  id: string;
  type: NodeLabel;
}

/** The resolved node: its selected fields, and the type @neo4j/graphql's union resolver reads. */
export type ResolvedNode = Record<string, unknown> & { __resolveType: NodeLabel };

const ID_ALIAS = 'ententeNodeId';

const listQueryCache = new WeakMap<GraphQLSchema, Map<string, string>>();

/** The generated list query of each node type ('Person' -> 'people'), read from the schema itself. */
function listQueryNames(schema: GraphQLSchema): Map<string, string> {
  let names = listQueryCache.get(schema);
  if (names === undefined) {
    names = new Map();
    for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
      const type = isNonNullType(field.type) ? field.type.ofType : field.type;
      const paged = ['where', 'limit'].every((wanted) => field.args.some((arg) => arg.name === wanted));
      if (isListType(type) && paged) {
        names.set(getNamedType(type).name, field.name);
      }
    }
    listQueryCache.set(schema, names);
  }
  return names;
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;

/**
 * Resolves the `node` field of analyst results (search hits, entity) through @neo4j/graphql's own
 * list queries, one per node type, with the selection the client wrote under `node`: every field
 * and relationship of the node type works there, filtered and paged as in the list queries,
 * without a second request. Inline fragments for other types are skipped by the executor.
 */
export async function resolveNodes(refs: readonly NodeRef[], info: GraphQLResolveInfo, context: unknown): Promise<Map<string, ResolvedNode>> {
  const selections: SelectionNode[] = info.fieldNodes.flatMap((field) => [...(field.selectionSet?.selections ?? [])]);
  const byType = new Map<NodeLabel, string[]>();
  for (const ref of refs) byType.set(ref.type, [...(byType.get(ref.type) ?? []), ref.id]);
  const queries = listQueryNames(info.schema);
  const variables: Record<string, unknown> = { ...info.variableValues };
  const definitions: VariableDefinitionNode[] = [...(info.operation.variableDefinitions ?? [])];
  const fields: FieldNode[] = [];
  [...byType].forEach(([type, ids], index) => {
    const variable = `ententeIds${index}`;
    variables[variable] = ids;
    definitions.push({
      kind: Kind.VARIABLE_DEFINITION,
      variable: { kind: Kind.VARIABLE, name: name(variable) },
      type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.LIST_TYPE, type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('ID') } } } },
    });
    const query = queries.get(type);
    if (query === undefined) throw new Error(`no list query for node type ${type}`);
    fields.push({
      kind: Kind.FIELD,
      alias: name(type),
      name: name(query),
      arguments: [
        {
          kind: Kind.ARGUMENT,
          name: name('where'),
          value: {
            kind: Kind.OBJECT,
            fields: [
              {
                kind: Kind.OBJECT_FIELD,
                name: name('id'),
                value: { kind: Kind.OBJECT, fields: [{ kind: Kind.OBJECT_FIELD, name: name('in'), value: { kind: Kind.VARIABLE, name: name(variable) } }] },
              },
            ],
          },
        },
      ],
      selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, alias: name(ID_ALIAS), name: name('id') }, ...selections] },
    });
  });
  const nodes = new Map<string, ResolvedNode>();
  if (fields.length === 0) return nodes;
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      { kind: Kind.OPERATION_DEFINITION, operation: info.operation.operation, variableDefinitions: definitions, selectionSet: { kind: Kind.SELECTION_SET, selections: fields } },
      ...Object.values(info.fragments),
    ],
  };
  const result = await execute({ schema: info.schema, document, variableValues: variables, contextValue: subOperationContext(context) });
  if (result.errors && result.errors.length > 0) throw result.errors[0]!.originalError ?? result.errors[0];
  for (const [type, rows] of Object.entries(result.data ?? {})) {
    for (const row of rows as Record<string, unknown>[]) nodes.set(row[ID_ALIAS] as string, { ...row, __resolveType: type as NodeLabel });
  }
  return nodes;
}

/**
 * One resolveNodes call for all the `node` fields of one result (every hit of a search): the
 * first field to resolve starts it, the others wait for the same answer.
 */
export class NodeBatch {
  private pending: Promise<Map<string, ResolvedNode>> | undefined;

  constructor(private readonly refs: readonly NodeRef[]) {}

  async load(ref: NodeRef, info: GraphQLResolveInfo, context: unknown): Promise<ResolvedNode> {
    this.pending ??= resolveNodes(this.refs, info, context);
    const node = (await this.pending).get(ref.id);
    if (node === undefined) throw new Error(`node ${ref.id} (${ref.type}) disappeared while the query ran`);
    return node;
  }
}
