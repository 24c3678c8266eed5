import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Request, type Response } from 'express';
import { projectRoot } from '../config.ts';
import type { Logger } from '../logger.ts';

export interface ExplorerOptions {
  /** The Vite build of web/ (default web/dist). */
  distDir?: string;
  logger: Logger;
}

/** Client-side routes of the explorer: each answers index.html so a bookmarked URL opens its view. */
const EXPLORER_ROUTES = ['/', '/entity/*id', '/document', '/document/*id', '/graph', '/commitments', '/timeline'];

/**
 * Serves the analysts' explorer at `/` and the GraphQL IDE at `/ide` (and at `/graphql` for a
 * browser), all from the local build: no page the server sends loads anything from elsewhere.
 */
export function mountExplorer(app: Express, options: ExplorerOptions): void {
  const distDir = options.distDir ?? path.join(projectRoot, 'web', 'dist');
  // Checked again on each page request until found, so a build made while the server runs is served.
  let built = false;
  const isBuilt = () => (built ||= existsSync(path.join(distDir, 'index.html')) && existsSync(path.join(distDir, 'ide.html')));
  if (!isBuilt()) {
    options.logger.warn(`The explorer is not built (${distDir} has no index.html): run 'npm run build:web'`);
  }
  const sendPage = (page: 'index.html' | 'ide.html') => (_request: Request, response: Response) => {
    if (!isBuilt()) {
      response.status(503).type('html').send(notBuiltPage(distDir));
      return;
    }
    response.sendFile(path.join(distDir, page), { headers: { 'cache-control': 'no-cache' } });
  };

  // A browser opening /graphql gets the IDE; API clients (POST, or GET with a query) go on to Apollo.
  app.get('/graphql', (request, response, next) => {
    if (request.query.query === undefined && request.accepts(['json', 'html']) === 'html') {
      sendPage('ide.html')(request, response);
      return;
    }
    next();
  });
  app.get('/ide', sendPage('ide.html'));
  app.get(EXPLORER_ROUTES, sendPage('index.html'));
  // File names under assets/ carry a content hash, so they may be cached for good.
  app.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  app.use(express.static(distDir, { index: false }));
}

function notBuiltPage(distDir: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Entente: explorer not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>The explorer is not built</h1>
<p>The web application's files are missing from <code>${escapeHtml(distDir)}</code>.
<code>npm install</code> builds them; to build them again, run <code>npm run build:web</code> and reload this page.</p>
<p>The GraphQL API itself works: POST queries to <code>/graphql</code>.</p>
</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
