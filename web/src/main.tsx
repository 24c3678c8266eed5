import { lazy, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { Route, Switch, useLocation } from 'wouter';
import { Layout } from './components/layout.tsx';
import { Loading } from './components/status.tsx';
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

function App() {
  return (
    <Layout>
      <ScrollToTop />
      <Switch>
        <Route path="/" component={SearchView} />
        <Route path="/entity/:id">{(params) => <EntityView id={decodeURIComponent(params.id)} />}</Route>
        <Route path="/document">{() => <DocumentView id={undefined} />}</Route>
        <Route path="/document/:id">{(params) => <DocumentView id={decodeURIComponent(params.id)} />}</Route>
        <Route path="/graph">
          <Suspense fallback={<Loading what="the canvas" />}>
            <GraphView />
          </Suspense>
        </Route>
        <Route path="/commitments" component={CommitmentsView} />
        <Route path="/timeline" component={TimelineView} />
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
