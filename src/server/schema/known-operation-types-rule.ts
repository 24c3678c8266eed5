import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Rejects operations the schema has no root type for (this API has no Mutation or Subscription):
 * graphql-js 16 only notices at execution, with an error that carries no code; as a validation
 * error the client gets GRAPHQL_VALIDATION_FAILED and a clear message.
 */
export const KnownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root =
      node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    if (!root) {
      context.reportError(
        new GraphQLError(`This API is read-only: it has no ${node.operation} operations; use a query.`, { nodes: node }),
      );
    }
  },
});
