/** A failed API call: the network, an HTTP status, or GraphQL errors (code from extensions.code). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly kind: 'network' | 'http' | 'graphql',
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphqlBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** POSTs one operation of `document` to the public GraphQL endpoint of the server that served the page. */
export async function request<TData, TVariables extends object>(
  document: string,
  operationName: string,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TData> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document, operationName, variables }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('The Entente server does not answer. Is `npm start` still running?', 'network');
  }
  let body: GraphqlBody<TData>;
  try {
    body = (await response.json()) as GraphqlBody<TData>;
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText} without a GraphQL result.`, 'http');
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, 'graphql', first.extensions?.code);
  if (!response.ok || !body.data) throw new ApiError(`The server answered ${response.status} ${response.statusText}.`, 'http');
  return body.data;
}
