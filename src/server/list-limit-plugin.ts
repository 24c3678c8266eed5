/**
 * No silent caps on lists. `@limit(max: LIST_LIMIT_MAX)` in schema.graphql makes @neo4j/graphql
 * quietly shorten any generated list to that many items: a larger `limit` is lowered, and a list
 * asked for without `limit` stops there. This plugin makes both visible:
 *   - a `limit` above the maximum is refused with BAD_USER_INPUT (page with the `...Connection`
 *     query and its `first`/`after` cursors instead);
 *   - a list asked for without `limit` that comes back exactly at the maximum is named in
 *     `extensions.truncatedLists` (its response path): there may be more.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ErrorCode } from '../errors.ts';

/** The `max` of every `@limit` directive in schema.graphql (a unit test keeps them equal). */
export const LIST_LIMIT_MAX = 1000;

export interface TruncatedList {
  /** Response path of the list, aliases as the client wrote them. */
  path: (string | number)[];
  max: number;
}

export function listLimitPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation === undefined) return;
          const variables = request.variables ?? {};
          for (const field of fieldsOf(operation)) {
            const argument = field.arguments?.find((arg) => arg.name.value === 'limit');
            if (argument === undefined) continue;
            const value = valueFromASTUntyped(argument.value, variables);
            if (typeof value === 'number' && value > LIST_LIMIT_MAX) {
              throw new GraphQLError(
                `limit on ${field.name.value} may be at most ${LIST_LIMIT_MAX}, got ${value}: page through longer lists with the ...Connection query (first/after)`,
                { nodes: field, extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'limit', max: LIST_LIMIT_MAX } },
              );
            }
          }
        },
        async willSendResponse({ response, operation, document }) {
          if (response.body.kind !== 'single' || operation === null || operation === undefined) return;
          const data = response.body.singleResult.data;
          if (data === null || data === undefined) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const definition of document?.definitions ?? []) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
          }
          const truncated = findTruncatedLists(operation.selectionSet, data, fragments);
          if (truncated.length > 0) {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, truncatedLists: truncated };
          }
        },
      };
    },
  };
}

/** Every field node of the operation (fragments included once each), for argument checks. */
function* fieldsOf(operation: OperationDefinitionNode): Generator<FieldNode> {
  const stack: SelectionSetNode[] = [operation.selectionSet];
  while (stack.length > 0) {
    const set = stack.pop()!;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) yield selection;
      if ('selectionSet' in selection && selection.selectionSet) stack.push(selection.selectionSet);
    }
  }
}

/**
 * Lists in `data` that were asked for without `limit` and hold exactly LIST_LIMIT_MAX items.
 * Walks the selections beside the data, so aliases and fragments resolve as the client wrote them.
 * It runs on every answer, so the response path is one stack, copied only for a list it reports.
 */
export function findTruncatedLists(
  selectionSet: SelectionSetNode,
  data: Record<string, unknown>,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  path: (string | number)[] = [],
  found: TruncatedList[] = [],
): TruncatedList[] {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      findTruncatedLists(selection.selectionSet, data, fragments, path, found);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      if (fragment !== undefined) findTruncatedLists(fragment.selectionSet, data, fragments, path, found);
      continue;
    }
    const key = selection.alias?.value ?? selection.name.value;
    const value = data[key];
    path.push(key);
    if (Array.isArray(value)) {
      const limited = selection.arguments?.some((arg) => arg.name.value === 'limit') ?? false;
      if (!limited && value.length === LIST_LIMIT_MAX && !found.some((entry) => samePath(entry.path, path))) {
        found.push({ path: [...path], max: LIST_LIMIT_MAX });
      }
      if (selection.selectionSet) {
        for (let index = 0; index < value.length; index += 1) {
          const item: unknown = value[index];
          if (item === null || typeof item !== 'object') continue;
          path.push(index);
          findTruncatedLists(selection.selectionSet, item as Record<string, unknown>, fragments, path, found);
          path.pop();
        }
      }
    } else if (value !== null && typeof value === 'object' && selection.selectionSet) {
      findTruncatedLists(selection.selectionSet, value as Record<string, unknown>, fragments, path, found);
    }
    path.pop();
  }
  return found;
}

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}
