import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import tour from '../../../docs/analyst-tour.md?raw';
import { tourExamples } from './tour-examples.ts';

// GraphiQL bundled with the app: no CDN, no telemetry; it talks to this server's /graphql only.
const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', window.location.href).toString() });
const tabs = tourExamples(tour).map((example) => ({ query: example.query }));

createRoot(document.getElementById('ide')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultTabs={tabs} defaultEditorToolsVisibility={false}>
      <GraphiQL.Logo>
        <a href="/" style={{ color: 'inherit' }} title="Entente explorer">
          Entente
        </a>
      </GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
