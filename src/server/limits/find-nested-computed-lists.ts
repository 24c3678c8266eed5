import {
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
} from 'graphql';

/**
 * An analyst query (timeline, followThrough, neighbourhood...) answers with a result the server
 * computes whole, in one bounded Cypher query, before GraphQL reads a field of it: the lists
 * nested inside one of its lists (a follow-through's instruments, their steps, the steps'
 * sources) are data already fetched, as long as the data, not the request. Selecting them costs
 * the database nothing more, so the cost estimate counts each such list once instead of
 * multiplying by the assumed list size. Generated @neo4j/graphql fields, where every nested list
 * is another traversal per parent, keep their multiplication: the fan-out the limit is for.
 */

const computedTypesBySchema = new WeakMap<GraphQLSchema, ReadonlySet<string>>();

/** A @neo4j/graphql node type: the library gives each its `<Type>Where` filter. */
function isNodeType(schema: GraphQLSchema, type: GraphQLNamedType): boolean {
  return schema.getType(`${type.name}Where`) !== undefined;
}

/**
 * The object types the analyst queries compute: reachable from a root field that returns neither
 * a node type nor a generated connection, without passing through a node type or an abstract type.
 */
export function computedTypes(schema: GraphQLSchema): ReadonlySet<string> {
  const cached = computedTypesBySchema.get(schema);
  if (cached !== undefined) return cached;
  const found = new Set<string>();
  const visit = (type: GraphQLNamedType): void => {
    if (!isObjectType(type) || isNodeType(schema, type) || type.name.endsWith('Connection') || found.has(type.name)) return;
    found.add(type.name);
    for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
  };
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) visit(getNamedType(field.type));
  computedTypesBySchema.set(schema, found);
  return found;
}

/**
 * The list fields of `operation` that sit inside a list of computed objects and hold computed
 * objects themselves. Fragment spreads are not followed: a field reached only through one keeps
 * the multiplying estimate (the safe side).
 */
export function findNestedComputedLists(schema: GraphQLSchema, operation: OperationDefinitionNode): ReadonlySet<FieldNode> {
  const computed = computedTypes(schema);
  const nested = new Set<FieldNode>();
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLObjectType, insideComputedList: boolean): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === 'InlineFragment') {
        const condition = selection.typeCondition === undefined ? parent : schema.getType(selection.typeCondition.name.value);
        if (isObjectType(condition)) walk(selection.selectionSet, condition, insideComputedList && computed.has(condition.name));
        continue;
      }
      if (selection.kind !== 'Field' || selection.selectionSet === undefined) continue;
      const field = parent.getFields()[selection.name.value];
      if (field === undefined) continue;
      const element = getNamedType(field.type);
      if (!isObjectType(element)) continue;
      const isList = isListType(getNullableType(field.type));
      const elementComputed = computed.has(element.name);
      if (insideComputedList && isList && elementComputed && computed.has(parent.name)) nested.add(selection);
      walk(selection.selectionSet, element, elementComputed && (insideComputedList || isList));
    }
  };
  const root = operation.operation === 'query' ? schema.getQueryType() : undefined;
  if (root) walk(operation.selectionSet, root, false);
  return nested;
}
