import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../../src/config.ts';

const require = createRequire(import.meta.url);

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH overrides. No browser is downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests save screenshots (git-ignored). */
export const SCREENSHOT_DIR = path.join(projectRoot, '.entente', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  // As root (CI) Chromium refuses its sandbox; the pages it opens are our own.
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface RecordedContext {
  context: BrowserContext;
  /** Every URL any page of the context asked for, in order. */
  requests: string[];
}

/**
 * A context that records every request and lets through only those to the test server: a request
 * elsewhere is aborted (the machine may be offline) and stays in `requests` for the test to see.
 */
export async function openRecordedContext(browser: Browser, baseUrl: string, viewport = { width: 1280, height: 800 }): Promise<RecordedContext> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, serviceWorkers: 'block' });
  const requests: string[] = [];
  const origin = new URL(baseUrl).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    return route.abort('internetdisconnected');
  });
  return { context, requests };
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function findSeriousA11yViolations(page: Page): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
  // Evaluated through the DevTools protocol, not added as a <script>: the server's CSP
  // (script-src 'self') rightly refuses inline scripts, and the axe check must not need an exception.
  await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const size = page.viewportSize();
  const file = path.join(SCREENSHOT_DIR, `${name}-${size?.width}x${size?.height}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
