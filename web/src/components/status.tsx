import { ApiError } from '../api/client.ts';

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

/** A failed query says what failed and offers a retry, never a blank page. */
export function ErrorState({ error, what, onRetry }: { error: Error; what: string; onRetry: () => void }) {
  const down = error instanceof ApiError && error.kind !== 'graphql';
  return (
    <div className="error-state" role="alert">
      <h2>{down ? 'The Entente server is not answering' : `Could not load ${what}`}</h2>
      <p>{error.message}</p>
      {error instanceof ApiError && error.code && <p className="muted">Error code: {error.code}</p>}
      <button type="button" onClick={onRetry} className="button primary">
        Retry
      </button>
    </div>
  );
}
