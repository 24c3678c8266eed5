import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.ts';
import { mountExplorer } from '../../../src/server/mount-explorer.ts';

describe('explorer without a build', () => {
  let emptyDir: string;
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    emptyDir = await mkdtemp(path.join(os.tmpdir(), 'entente-no-web-'));
    const app = express();
    mountExplorer(app, { distDir: emptyDir, logger: silentLogger });
    app.use('/graphql', (_request, response) => void response.json({ data: { ok: true } }));
    server = http.createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(emptyDir, { recursive: true, force: true });
  });

  it('answers every page with 503 and says how to build it', async () => {
    for (const page of ['/', '/entity/europol', '/commitments', '/ide']) {
      const response = await fetch(base + page);
      expect(response.status, page).toBe(503);
      expect(await response.text()).toContain('npm run build:web');
    }
  });

  it('leaves API calls to /graphql alone', async () => {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ data: { ok: true } });
  });
});
