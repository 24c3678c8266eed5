/**
 * `npm run bench:explorer [-- --url http://localhost:4000 --nodes 2000]`: measures the explorer in
 * Debian's Chromium against a running `npm start`:
 * - time from navigation to the first useful render of each view (median of 5, warm cache);
 * - the built assets, raw and gzip, per page;
 * - the canvas fed a synthetic graph of `--nodes` nodes (1.5 edges per node): how long adding and
 *   laying it out takes, and frame times while panning and zooming, against a baseline of a graph
 *   ten times smaller in the same run.
 * Not part of `npm test`.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { projectRoot } from '../src/config.ts';
import { EXPLORER_VIEWS } from '../test/integration/explorer/explorer-views.ts';
import { launchChromium } from '../test/support/browser.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: `http://localhost:${process.env.PORT ?? 4000}` },
    nodes: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '5' },
  },
});
const base = values.url!.replace(/\/$/, '');
const runs = Number(values.runs);
const out = (line: string) => process.stdout.write(`${line}\n`);

await printAssetSizes();
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);

  out('\nFirst useful render (navigation start -> view-specific content visible), ms');
  out('view         median   min    max');
  for (const view of EXPLORER_VIEWS) {
    const times: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const started = performance.now();
      await page.goto(base + view.path);
      await page.locator(view.ready).first().waitFor();
      if (i > 0) times.push(performance.now() - started); // the first run warms the cache
    }
    times.sort((a, b) => a - b);
    out(`${view.name.padEnd(12)} ${fmt(times[Math.floor(times.length / 2)]!)} ${fmt(times[0]!)} ${fmt(times[times.length - 1]!)}`);
  }

  const large = Number(values.nodes);
  out(`\nCanvas with a synthetic graph (${Math.round(large * 1.5)} edges per ${large} nodes); baseline ${large / 10} nodes`);
  out('Frames: a redraw forced every frame by the program (worst case), then a user dragging and wheel-zooming with the mouse.');
  out('nodes   add+layout s   forced frame median/p95 ms   >50 ms   user frame median/p95 ms   >50 ms   (cose layout s, for comparison)');
  for (const n of [large / 10, large]) {
    await page.goto(`${base}/graph`);
    await page.waitForFunction('"ententeCanvas" in window');
    // tsx compiles with keepNames, which wraps functions in a __name helper the page lacks.
    await page.evaluate('window.__name = (f) => f');
    const result = await page.evaluate(canvasBenchmark, { n, withCose: n < large });
    const drag = await measureUserDrag(page);
    out(
      `${String(n).padEnd(7)} ${result.addSeconds.toFixed(2).padStart(12)}   ${`${result.frameMedian.toFixed(1)}/${result.frameP95.toFixed(1)}`.padStart(26)}   ${String(result.slowFrames).padStart(6)}   ${`${drag.median.toFixed(1)}/${drag.p95.toFixed(1)}`.padStart(24)}   ${String(drag.slow).padStart(6)}   ${result.coseSeconds === null ? '   (skipped)' : result.coseSeconds.toFixed(2).padStart(14)}`,
    );
  }
} finally {
  await browser.close();
}

/** Frame intervals while the mouse drags the canvas and turns the wheel, as a user would. */
async function measureUserDrag(page: import('playwright-core').Page): Promise<{ median: number; p95: number; slow: number }> {
  await page.evaluate('window.__frames = []; (function tick(last) { requestAnimationFrame((now) => { window.__frames.push(now - last); if (!window.__stopFrames) tick(now); }); })(performance.now())');
  const box = (await page.getByTestId('canvas').boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 0; i < 40; i++) await page.mouse.move(x + Math.sin(i / 6) * 150, y + Math.cos(i / 6) * 100, { steps: 2 });
  await page.mouse.up();
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, i < 10 ? -120 : 120);
  const frames = (await page.evaluate('window.__stopFrames = true; window.__frames')) as number[];
  frames.sort((a, b) => a - b);
  return { median: frames[Math.floor(frames.length / 2)] ?? 0, p95: frames[Math.floor(frames.length * 0.95)] ?? 0, slow: frames.filter((f) => f > 50).length };
}

function fmt(ms: number): string {
  return ms.toFixed(0).padStart(6);
}

/** Runs in the page: feeds the canvas, then pans and zooms for two seconds counting frames. */
async function canvasBenchmark({ n, withCose }: { n: number; withCose: boolean }) {
  type Canvas = { cy: any; addGraph: (g: { nodes: unknown[]; edges: unknown[] }) => void };
  const canvas = (window as unknown as { ententeCanvas: Canvas }).ententeCanvas;
  const types = ['Country', 'Person', 'Organisation', 'Instrument', 'Event', 'Commitment', 'Topic', 'Place'];
  // A deterministic pseudo-random graph: a tree (so it is connected) plus half as many extra edges.
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, type: types[i % types.length], name: `Synthetic node ${i}` }));
  const edges = [];
  for (let i = 1; i < n; i++) edges.push({ source: `n${Math.floor(random() * i)}`, target: `n${i}`, type: 'SYNTHETIC', provenance: null });
  for (let i = 0; i < n / 2; i++) edges.push({ source: `n${Math.floor(random() * n)}`, target: `n${Math.floor(random() * n)}`, type: 'EXTRA', provenance: null });
  const unique = [...new Map(edges.map((e) => [`${e.source}|${e.type}|${e.target}`, e])).values()].filter((e) => e.source !== e.target);

  canvas.cy.elements().remove();
  const t0 = performance.now();
  canvas.addGraph({ nodes, edges: unique });
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const addSeconds = (performance.now() - t0) / 1000;

  const frames: number[] = [];
  let last = performance.now();
  const until = last + 2000;
  await new Promise<void>((resolve) => {
    const tick = (now: number) => {
      frames.push(now - last);
      last = now;
      canvas.cy.panBy({ x: 3, y: 2 });
      canvas.cy.zoom({ level: canvas.cy.zoom() * (frames.length % 60 < 30 ? 1.01 : 0.99), renderedPosition: { x: 400, y: 300 } });
      if (now < until) requestAnimationFrame(tick);
      else resolve();
    };
    requestAnimationFrame(tick);
  });
  frames.sort((a, b) => a - b);

  // For comparison, Cytoscape's own force-directed cose on the same graph (too slow to wait for
  // on the large one).
  let coseSeconds: number | null = null;
  if (withCose) {
    const t1 = performance.now();
    canvas.cy.layout({ name: 'cose', animate: false, randomize: true, numIter: 1000 }).run();
    coseSeconds = (performance.now() - t1) / 1000;
  }
  return {
    addSeconds,
    frameMedian: frames[Math.floor(frames.length / 2)]!,
    frameP95: frames[Math.floor(frames.length * 0.95)]!,
    slowFrames: frames.filter((f) => f > 50).length,
    coseSeconds,
  };
}

async function printAssetSizes(): Promise<void> {
  const dist = path.join(projectRoot, 'web', 'dist');
  const files = (await readdir(path.join(dist, 'assets'))).map((f) => path.join('assets', f));
  files.push('index.html', 'ide.html');
  out('Built assets (web/dist), bytes: raw and gzip -9');
  let total = 0;
  let totalGzip = 0;
  const rows: [string, number, number][] = [];
  for (const file of files) {
    const content = await readFile(path.join(dist, file));
    const gz = gzipSync(content, { level: 9 }).length;
    rows.push([file, (await stat(path.join(dist, file))).size, gz]);
  }
  rows.sort((a, b) => b[2] - a[2]);
  for (const [file, raw, gz] of rows.filter((r) => r[2] > 5000)) out(`  ${file.padEnd(40)} ${String(raw).padStart(9)} ${String(gz).padStart(9)}`);
  for (const [, raw, gz] of rows) {
    total += raw;
    totalGzip += gz;
  }
  out(`  ${'all files'.padEnd(40)} ${String(total).padStart(9)} ${String(totalGzip).padStart(9)}`);
  const page = async (html: string) => {
    const text = await readFile(path.join(dist, html), 'utf8');
    const referenced = [...text.matchAll(/\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
    let sum = 0;
    for (const f of referenced) sum += gzipSync(await readFile(path.join(dist, f)), { level: 9 }).length;
    return sum;
  };
  out(`  first load of the explorer (index.html's scripts and styles), gzip: ${await page('index.html')}`);
  out(`  first load of the IDE (ide.html's scripts and styles), gzip: ${await page('ide.html')}`);
}
