import { type GraphQLResolveInfo, parse, execute } from 'graphql';
import { subOperationContext } from './sub-operation-context.ts';

const SELECT = parse(`query SelectCommitments($where: CommitmentWhere) { commitments(where: $where) { id } }`);

/**
 * The ids of the commitments `where` selects, found by @neo4j/graphql's own `commitments` list
 * query: analyst counts honour exactly the filters the list queries do, hasDeadline included.
 */
export async function selectCommitmentIds(where: Record<string, unknown>, info: GraphQLResolveInfo, context: unknown): Promise<string[]> {
  const result = await execute({ schema: info.schema, document: SELECT, variableValues: { where }, contextValue: subOperationContext(context) });
  if (result.errors && result.errors.length > 0) throw result.errors[0]!.originalError ?? result.errors[0];
  return (result.data?.commitments as { id: string }[]).map((commitment) => commitment.id);
}
