import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** The view's name, said in the message ("the entity page"). */
  what: string;
  /** Changes when the user navigates: a new address gets a fresh try. */
  resetKey: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  key: string;
}

/**
 * One view that throws while rendering (a server answer the bundle did not expect, a bug) shows a
 * readable message with a reload link instead of blanking the whole page; the header and the
 * other views keep working.
 */
export class ViewErrorBoundary extends Component<Props, State> {
  state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    // The browser console is where a developer looks for the component stack.
    console.error(`The explorer could not show ${this.props.what}:`, error, info.componentStack);
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="error-state view-error" role="alert">
        <h1>This view failed: could not show {this.props.what}</h1>
        <p>
          The page met something it cannot display. Reloading fetches the latest explorer, which usually fixes it after the server was updated.
        </p>
        <p className="muted">
          Details: <code>{error.message}</code>
        </p>
        <p>
          <a className="button primary" href={window.location.href} onClick={(event) => {
              event.preventDefault();
              window.location.reload();
            }}>
            Reload the page
          </a>{' '}
          <a className="button" href="/">
            Back to search
          </a>
        </p>
      </div>
    );
  }
}
