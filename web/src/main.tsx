import { lazy, StrictMode, Suspense, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { Route, Switch, useLocation } from 'wouter';
import { Layout } from './components/layout.tsx';
import { Loading } from './components/status.tsx';
import { ViewErrorBoundary } from './components/view-error-boundary.tsx';
import { CommitmentsView } from './views/commitments-view.tsx';
import { DocumentView } from './views/document-view.tsx';
import { EntityView } from './views/entity-view.tsx';
import { SearchView } from './views/search-view.tsx';
import { TimelineView } from './views/timeline-view.tsx';
import './styles.css';

// The canvas library is most of the explorer's weight: only the graph view loads it.
const GraphView = lazy(() => import('./views/graph-view.tsx').then((m) => ({ default: m.GraphView })));

function ScrollToTop() {
  const [location] = useLocation();
  useEffect(() => {
    if (!window.location.hash) window.scrollTo(0, 0);
  }, [location]);
  return null;
}

/** Each view fails on its own: the header stays, and another address gets a fresh try. */
function Guarded({ what, children }: { what: string; children: ReactNode }) {
  const [location] = useLocation();
  return (
    <ViewErrorBoundary what={what} resetKey={location}>
      {children}
    </ViewErrorBoundary>
  );
}

function App() {
  return (
    <Layout>
      <ScrollToTop />
      <Switch>
        <Route path="/">
          <Guarded what="the search">
            <SearchView />
          </Guarded>
        </Route>
        <Route path="/entity/:id">
          {(params) => (
            <Guarded what="the entity page">
              <EntityView id={decodeURIComponent(params.id)} />
            </Guarded>
          )}
        </Route>
        <Route path="/document">
          <Guarded what="the document">
            <DocumentView id={undefined} />
          </Guarded>
        </Route>
        <Route path="/document/:id">
          {(params) => (
            <Guarded what="the document">
              <DocumentView id={decodeURIComponent(params.id)} />
            </Guarded>
          )}
        </Route>
        <Route path="/graph">
          <Guarded what="the graph canvas">
            <Suspense fallback={<Loading what="the canvas" />}>
              <GraphView />
            </Suspense>
          </Guarded>
        </Route>
        <Route path="/commitments">
          <Guarded what="the commitments table">
            <CommitmentsView />
          </Guarded>
        </Route>
        <Route path="/timeline">
          <Guarded what="the timeline">
            <TimelineView />
          </Guarded>
        </Route>
        <Route>
          <h1>Page not found</h1>
          <p>
            No view lives at this address. <a href="/">Search the graph</a>.
          </p>
        </Route>
      </Switch>
    </Layout>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
