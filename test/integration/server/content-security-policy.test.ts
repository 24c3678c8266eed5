import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openRecordedContext } from '../../support/browser.ts';
import { EXPLORER_VIEWS } from '../explorer/explorer-views.ts';
import { serveSeededGraph, type SeededServer } from '../graphql/serve-seeded-graph.ts';

// The policy is checked where it matters: every page the server ships, rendered in Chromium over
// plain HTTP, must work without one violation report.
let server: SeededServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  server = await serveSeededGraph();
  base = server.url.replace(/\/graphql$/, '');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('content security policy', () => {
  it('allows only this origin and does not upgrade plain-HTTP requests', async () => {
    const policy = (await fetch(`${base}/`)).headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/default-src 'self'/);
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).toMatch(/object-src 'none'/);
    expect(policy).not.toMatch(/https:/);
    expect(policy).not.toMatch(/upgrade-insecure-requests/);
  });

  it.each(EXPLORER_VIEWS)('$name renders with no violation report', async ({ path, ready }) => {
    const { context } = await openRecordedContext(browser, base);
    try {
      await context.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
      });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(base + path);
      await page.locator(ready).first().waitFor();
      const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
