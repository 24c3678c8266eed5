import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSeriousA11yViolations, launchChromium, openRecordedContext, saveScreenshot, type RecordedContext } from '../../support/browser.ts';
import { serveSeededGraph, type SeededServer } from '../graphql/serve-seeded-graph.ts';
import { EXPLORER_VIEWS } from './explorer-views.ts';

// The explorer in Debian's Chromium against the real server and the seeded Neo4j.
let server: SeededServer;
let browser: Browser;
let base: string;
let recorded: RecordedContext;
let page: Page;

beforeAll(async () => {
  server = await serveSeededGraph();
  base = server.url.replace(/\/graphql$/, '');
  browser = await launchChromium();
  recorded = await openRecordedContext(browser, base);
  page = await recorded.context.newPage();
  page.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The canvas handle the graph view puts on window (typed here: the test project has no web types). */
interface CanvasHandle {
  cy: {
    getElementById(id: string): { renderedPosition(): { x: number; y: number } };
    elements(selector: string): { length: number };
  };
}

async function open(path: string, ready: string): Promise<void> {
  await page.goto(base + path);
  await page.locator(ready).first().waitFor();
}

/** Chooses a path end in the graph view's picker: a person or an organisation by its full name. */
async function pick(label: string, text: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.fill(text);
  await page.getByRole('option', { name: new RegExp(`^Person ${text}$|^Organisation ${text}$`) }).waitFor();
  await box.press('Enter');
}

describe('explorer flows', () => {
  it('search "Europol" shows it grouped under Organisations; Enter opens its page', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('Europol');
    const group = page.getByRole('region', { name: /Organisations/ });
    await group.getByRole('link', { name: /Europol/ }).first().waitFor();
    await expect(group.getByRole('link').first().innerText()).resolves.toMatch(/Europol$/);
    // The first result is chosen; the group with the best hit comes first.
    await expect(page.locator('.results li.active').innerText()).resolves.toMatch(/Europol$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/entity/europol`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Europol');
  });

  it('the entity page highlights the quote inside its passage and names the outside reference', async () => {
    await open('/entity/europol', 'mark.quote');
    const marks = await page.locator('blockquote mark.quote').allInnerTexts();
    expect(marks).toContain('via the Eurojust and Europol agencies');
    const passage = await page.locator('blockquote', { has: page.locator('mark.quote', { hasText: 'via the Eurojust and Europol agencies' }) }).first().innerText();
    expect(passage.length).toBeGreaterThan('via the Eurojust and Europol agencies'.length + 20);
    const kindRow = page.getByRole('row', { name: /^kind/ });
    await expect(kindRow.getByRole('link').getAttribute('href')).resolves.toMatch(/^https:\/\/eur-lex\.europa\.eu\//);
  });

  it('a related node opens its page, and the page links back to its place in the document', async () => {
    await open('/entity/europol', 'mark.quote');
    await page.getByRole('link', { name: 'Step up cooperation against organised crime via Eurojust and Europol' }).first().click();
    await page.waitForURL(/\/entity\/c-organised-crime-eurojust-europol$/);
    await page.getByRole('link', { name: 'read in the document' }).first().click();
    await page.waitForURL(/\/document\/val-duchesse-ii-2018#/);
    await page.locator('.passage.targeted').waitFor();
  });

  it('the document reader: clicking a highlighted commitment opens that commitment', async () => {
    await open('/document/val-duchesse-ii-2018', 'mark.commitment');
    const headings = await page.locator('.document-view h2').allInnerTexts();
    expect(headings).toContain('Preamble');
    // A stretch of a commitment that is not also a mention (those keep their own link), clicked
    // like a reader would: in the middle of its first line.
    const target = await page.evaluate(() => {
      const marks = [...document.querySelectorAll('mark.commitment')].filter((m) => !m.querySelector('a') && (m.textContent ?? '').length > 30);
      const mark = marks[0]!;
      mark.scrollIntoView({ block: 'center' });
      const line = mark.getClientRects()[0]!;
      return { id: mark.getAttribute('data-commitment'), x: line.left + Math.min(line.width / 2, 40), y: line.top + line.height / 2 };
    });
    const id = target.id;
    expect(id).toMatch(/^c-/);
    await page.mouse.click(target.x, target.y);
    await page.waitForURL(`${base}/entity/${id}`);
    await expect(page.locator('.type-badge').first().innerText()).resolves.toBe('Commitment');
  });

  it('the canvas expands a node when it is clicked', async () => {
    await open('/graph?focus=europol', '[data-testid="canvas"]:not([data-node-count="0"])');
    const before = Number(await page.getByTestId('canvas').getAttribute('data-node-count'));
    // The commitment Europol is involved in has more neighbours than Europol's page shows.
    const target = await page.evaluate(() => {
      const cy = (window as unknown as { ententeCanvas: CanvasHandle }).ententeCanvas.cy;
      const node = cy.getElementById('c-organised-crime-eurojust-europol');
      return node.renderedPosition();
    });
    const box = (await page.getByTestId('canvas').boundingBox())!;
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await expect
      .poll(async () => Number(await page.getByTestId('canvas').getAttribute('data-node-count')), { timeout: 20_000 })
      .toBeGreaterThan(before);
    await expect(page.locator('.selection strong').innerText()).resolves.toBe('Step up cooperation against organised crime via Eurojust and Europol');
  });

  it('finds the path from Jan Jambon to Europol and draws it', async () => {
    await open('/graph', '.graph-panel');
    await pick('From', 'Jan Jambon');
    await pick('To', 'Europol');
    await page.getByRole('button', { name: 'Find path' }).click();
    const steps = page.getByRole('list', { name: 'Path' }).getByRole('listitem');
    await steps.first().waitFor();
    const names = await steps.allInnerTexts();
    expect(names[0]).toMatch(/^Jan Jambon/);
    expect(names[names.length - 1]).toMatch(/^Europol/);
    const drawn = await page.evaluate(() => (window as unknown as { ententeCanvas: CanvasHandle }).ententeCanvas.cy.elements('edge.path').length);
    expect(drawn).toBe(names.length - 1);
  });

  it('filters the commitments table by modality and downloads exactly the filtered rows as CSV', async () => {
    await open('/commitments', 'table.commitments tbody tr');
    await page.getByRole('combobox', { name: 'Modality' }).selectOption('WORK_TOWARDS');
    await expect.poll(() => page.locator('table.commitments tbody tr').count()).toBe(7);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download CSV/ }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(7);
    expect(new Set(rows.map((r) => r.modality))).toEqual(new Set(['WORK_TOWARDS']));
    const shown = await page.locator('table.commitments tbody tr td:first-child a').allInnerTexts();
    expect(rows.map((r) => r.name).sort()).toEqual(shown.sort());
  });

  it('marks the 25 May 2018 events on the timeline as inferred, in words and shape', async () => {
    await open('/timeline', '.timeline-event');
    const may25 = page.locator('.timeline-event', { has: page.locator('time[datetime="2018-05-25"]') });
    // The text's 25 May events have their year inferred; the GDPR's application step (EUR-Lex) is external.
    const bases = await Promise.all((await may25.all()).map(async (event) => [await event.getAttribute('data-basis'), await event.locator('.basis').innerText()]));
    expect(bases.filter(([basis]) => basis === 'inferred').length).toBeGreaterThanOrEqual(2);
    for (const [basis, words] of bases) {
      expect(['inferred', 'external']).toContain(basis);
      expect(words).toBe(basis);
    }
    const stated = page.locator('.timeline-event', { has: page.locator('time[datetime="2017-11-30"]') });
    // A lifecycle step may share the date; the text's own event there is stated.
    const statedBases = await Promise.all((await stated.all()).map((event) => event.getAttribute('data-basis')));
    expect(statedBases).toContain('stated');
    // How each was inferred, in words: the rule that took the year from the statement's date.
    const inferred = may25.and(page.locator('[data-basis="inferred"]'));
    for (const how of await inferred.locator('.date-inference').allInnerTexts()) expect(how).toMatch(/year taken from the document’s date/);
    await expect(inferred.locator('.date-inference').count()).resolves.toBe(await inferred.count());
    await expect(stated.and(page.locator('[data-basis="stated"]')).locator('.date-inference').count()).resolves.toBe(0);
  });

  it("quotes a court ruling's verdict with its reference on the timeline and on the instrument's history (C-817/19, PNR)", async () => {
    await open('/timeline', '.timeline-event');
    const judgment = page.locator('.timeline-event', { has: page.locator('time[datetime="2022-06-21"]'), hasText: 'C-817/19' });
    await expect(judgment.locator('.ruling figcaption').innerText()).resolves.toMatch(/^Ruling/);
    await expect(judgment.locator('.ruling-quote').innerText()).resolves.toContain('upheld the EU’s regime to collect and use records of travellers');
    await expect(judgment.locator('.ruling figcaption a').getAttribute('href')).resolves.toMatch(/^https:\/\/eucrim\.eu\//);
    // Other events carry no ruling.
    await expect(page.locator('.timeline-event .ruling').count()).resolves.toBe(1);

    await open('/entity/pnr', '.history-entry.external');
    const step = page.locator('[data-step="cjeu-c-817-19-judgment"]');
    await expect(step.locator('.ruling figcaption strong').innerText()).resolves.toBe('Ruling');
    await expect(step.locator('.ruling-quote').innerText()).resolves.toContain('provided that it is strictly interpreted');
    await expect(step.locator('.ruling figcaption a').getAttribute('href')).resolves.toMatch(/^https:\/\/eucrim\.eu\//);
    await expect(page.locator('.history-entry .ruling').count()).resolves.toBe(1);
  });

  it("an instrument's page lists its dated steps, outside sources apart from the text's claims, each step with its reference and quote", async () => {
    await open('/entity/etias', '.history-entry.external');
    const history = page.locator('ol.history-list');
    // Steps before and after the statement, with the statement's day between them.
    const dates = await history.locator('> li time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime')));
    expect(dates[0]! < '2018-06-11').toBe(true);
    expect(dates[dates.length - 1]! > '2018-06-11').toBe(true);
    await expect(history.locator('.history-marker.statement').innerText()).resolves.toMatch(/11 June 2018 · the statement/);
    // The signed act: its CELEX on EUR-Lex, its sources with their quotes, told apart by a label.
    const signed = history.locator('[data-step="etias-adoption-signature"]');
    await expect(signed.locator('.source-tag').innerText()).resolves.toMatch(/outside source/i);
    await expect(signed.getByRole('link', { name: '32018R1240' }).getAttribute('href')).resolves.toBe(
      'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018R1240',
    );
    expect(await signed.locator('.step-sources li').count()).toBeGreaterThanOrEqual(1);
    await expect(signed.locator('.step-sources a').first().getAttribute('href')).resolves.toMatch(/^https?:\/\//);
    expect((await signed.locator('.source-quote').first().innerText()).length).toBeGreaterThan(10);
    await expect(signed.locator('.status-chip').innerText()).resolves.toBe('status: adopted');
    // The text's own claim of 25 April: labelled, quoted, linked to its passage.
    const claim = history.locator('.history-entry[data-source="text"]', { hasText: 'Adoption of ETIAS' });
    await expect(claim.locator('.source-tag').innerText()).resolves.toMatch(/from the text/i);
    await expect(claim.locator('.history-quote').innerText()).resolves.toContain('adoption on 25 April');
    await expect(claim.getByRole('link', { name: 'read in the document' }).getAttribute('href')).resolves.toMatch(/^\/document\/val-duchesse-ii-2018#/);
    // Every step in the list is one kind or the other, said in words.
    const kinds = await history.locator('.history-entry').evaluateAll((items) => items.map((i) => [i.getAttribute('data-source'), i.querySelector('.source-tag')?.textContent]));
    for (const [kind, words] of kinds) expect(words).toBe(kind === 'text' ? 'from the text' : 'outside source');
  });

  it('shows where the text and the sources disagree, side by side with the explanation (ETIAS, GDPR)', async () => {
    await open('/entity/etias', '.history-entry.external');
    const etias = page.getByRole('article', { name: /ETIAS "adoption on 25 April"/ });
    await expect(etias.locator('.verdict').innerText()).resolves.toMatch(/disagree/i);
    await expect(etias.locator('.side.text blockquote').innerText()).resolves.toContain('adoption on 25 April of an ETIAS system');
    const sources = await etias.locator('.side.external').innerText();
    expect(sources).toContain('12 September 2018');
    expect(sources).toContain('EU ambassadors confirmed an agreement');
    await expect(etias.locator('.explanation').innerText()).resolves.toMatch(/Coreper.*not adoption/);
    // Side by side on a wide screen: the two columns share a row.
    const [text, external] = await Promise.all([etias.locator('.side.text').boundingBox(), etias.locator('.side.external').boundingBox()]);
    expect(Math.abs(text!.y - external!.y)).toBeLessThan(2);
    expect(external!.x).toBeGreaterThan(text!.x + text!.width - 1);

    await open('/entity/gdpr', '.history-entry.external');
    const gdpr = page.getByRole('article', { name: /GDPR "entry into force on 25 May"/ });
    await expect(gdpr.locator('.verdict').innerText()).resolves.toMatch(/another legal term/i);
    await expect(gdpr.locator('.side.text blockquote').innerText()).resolves.toContain('the entry into force on 25 May');
    await expect(gdpr.locator('.side.external').innerText()).resolves.toContain('It shall apply from 25 May 2018.');
  });

  it("answers the status on a date (default today) from the instrument's history", async () => {
    await open('/entity/etias', '.history-entry.external');
    const answer = page.getByTestId('status-answer');
    await expect.poll(() => answer.innerText()).toMatch(/^On .*: in force since 9 October 2018/);
    const today = new Date().toISOString().slice(0, 10);
    await expect(page.getByLabel('Status on', { exact: true }).inputValue()).resolves.toBe(today);
    await page.getByRole('button', { name: 'The statement’s day' }).click();
    await expect.poll(() => answer.innerText()).toMatch(/^On 11 June 2018: agreed since 25 April 2018/);
    await page.getByLabel('Status on', { exact: true }).fill('2016-01-01');
    await expect.poll(() => answer.innerText()).toMatch(/^On 1 January 2016: no recorded step yet/);
  });

  it('links a proposal to the act it became, and the act back to its proposal', async () => {
    await open('/entity/e-evidence-regulation-proposal', '.history-entry.external');
    const became = page.getByRole('list', { name: 'Successor and predecessor acts' });
    await expect(became.innerText()).resolves.toMatch(/^Became Regulation \(EU\) 2023\/1543/);
    await became.getByRole('link', { name: /Regulation \(EU\) 2023\/1543/ }).click();
    await page.waitForURL(`${base}/entity/regulation-2023-1543`);
    const back = page.getByRole('list', { name: 'Successor and predecessor acts' });
    await expect(back.innerText()).resolves.toMatch(/^Adopted from the proposal Proposal for a Regulation on European Production/);
  });

  it('shows the outcome and the delays of each European-level ask in the commitments table, sortable and in the CSV', async () => {
    await open('/commitments', 'table.commitments tbody tr');
    const asks = page.locator('table.commitments tbody tr:not([data-outcome=""])');
    expect(await asks.count()).toBe(7);
    const explosives = page.locator('tr:not([data-outcome=""])', { has: page.getByRole('link', { name: /explosives/i }) }).first();
    await expect(explosives.locator('.outcome').innerText()).resolves.toMatch(/achieved/);
    await expect(explosives.locator('.days').allInnerTexts()).resolves.toEqual(['374', '966']);
    // Sorted by days to adoption, longest first; commitments with no delay (not asks, not yet adopted) last.
    await page.getByRole('button', { name: /^Days to adoption/ }).click();
    await page.getByRole('button', { name: /^Days to adoption/ }).click();
    await page.waitForURL(/sort=daysToAdoption&dir=desc/);
    const days = await page.locator('table.commitments tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('.days')?.textContent ?? null));
    const known = days.filter((d): d is string => d !== null).map(Number);
    expect(known[0]).toBe(1857);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(days.slice(0, known.length).every((d) => d !== null)).toBe(true);
    // Sorted by outcome: achieved before partly.
    await page.getByRole('button', { name: /^Outcome/ }).click();
    const outcomes = await asks.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome')));
    expect(outcomes.indexOf('PARTLY')).toBeGreaterThan(outcomes.lastIndexOf('ACHIEVED'));
    // The rule is named next to the column.
    await page.getByRole('link', { name: 'rule' }).click();
    await expect(page.locator('#outcome-rule').innerText()).resolves.toMatch(/docs\/follow-through\.md/);
    await page.getByRole('combobox', { name: 'Outcome' }).selectOption('partly');
    await expect.poll(() => page.locator('table.commitments tbody tr').count()).toBe(2);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download CSV/ }).click()]);
    const rows = parse(await readFile((await download.path())!, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.outcome)).toEqual(['partly', 'partly']);
    expect(rows.map((r) => r.daysToAdoption).sort()).toEqual(['', '93']);
  });

  it('spans the whole history on the timeline and filters the text from outside sources', async () => {
    await open('/timeline', '.timeline-event');
    const years = await page.locator('.timeline-year h2').allInnerTexts();
    expect(Number(years[0])).toBeLessThanOrEqual(2016);
    expect(Number(years[years.length - 1])).toBeGreaterThanOrEqual(2025);
    const all = await page.locator('.timeline-event').count();
    await page.getByRole('combobox', { name: /^Show/ }).selectOption('text');
    await page.waitForURL(/source=text/);
    const origins = await page.locator('.timeline-event').evaluateAll((items) => items.map((i) => i.getAttribute('data-origin')));
    expect(origins.length).toBeGreaterThan(0);
    expect(origins.length).toBeLessThan(all);
    expect(new Set(origins)).toEqual(new Set(['text']));
    await expect(page.locator('.timeline-event .source-tag').first().innerText()).resolves.toMatch(/from the text/i);
  });

  it('avoids hubs on a path through the server, never through a country or the meeting', async () => {
    await open('/graph', '.graph-panel');
    await pick('From', 'Jan Jambon');
    await pick('To', 'Europol');
    await page.getByLabel(/Avoid hubs/).check();
    const pathRequest = page.waitForRequest((r) => r.url().endsWith('/graphql') && r.postDataJSON()?.operationName === 'Path');
    await page.getByRole('button', { name: 'Find path' }).click();
    const variables = (await pathRequest).postDataJSON().variables;
    expect(variables.excludeTypes).toEqual(['Country']);
    expect(variables.excludeIds).toContain('val-duchesse-ii-meeting');
    const steps = page.getByRole('list', { name: 'Path' }).getByRole('listitem');
    await steps.first().waitFor();
    const hrefs = await steps.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs[0]).toBe('/entity/jan-jambon');
    expect(hrefs[hrefs.length - 1]).toBe('/entity/europol');
    expect(hrefs.filter((h) => /\/entity\/(BE|FR|val-duchesse-ii-meeting)$/.test(h!))).toEqual([]);
  });

  it('draws a node type the page does not know with a neutral style instead of failing', async () => {
    await page.route('**/graphql', async (route) => {
      if (route.request().postDataJSON()?.operationName !== 'Entity') return route.continue();
      const response = await route.fetch();
      const json = await response.json();
      json.data.entity.links[0].other.type = 'Treaty';
      await route.fulfill({ response, json });
    });
    try {
      await open('/entity/europol', 'mark.quote');
      await expect(page.locator('.link-target .type-badge', { hasText: 'Treaty' }).count()).resolves.toBe(1);
    } finally {
      await page.unroute('**/graphql');
    }
  });

  it('shows a readable error with a reload link when a view fails, and the other views still work', async () => {
    await page.route('**/graphql', async (route) => {
      if (route.request().postDataJSON()?.operationName !== 'Entity') return route.continue();
      const response = await route.fetch();
      const json = await response.json();
      json.data.entity.properties = null; // an answer this bundle cannot render
      await route.fulfill({ response, json });
    });
    try {
      await page.goto(`${base}/entity/europol`);
      const alert = page.getByRole('alert');
      await expect(alert.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('This view failed: could not show the entity page');
      await expect(alert.getByRole('link', { name: 'Reload the page' }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('navigation', { name: 'Views' }).isVisible()).resolves.toBe(true);
      await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Timeline' }).click();
      await page.locator('.timeline-event').first().waitFor();
    } finally {
      await page.unroute('**/graphql');
    }
  });

  it('serves the local GraphQL IDE to a browser opening /graphql, with the analyst tour as tabs', async () => {
    await open('/graphql', '.graphiql-container .CodeMirror');
    const tabs = await page.locator('.graphiql-tab').count();
    expect(tabs).toBeGreaterThanOrEqual(7);
    // CodeMirror fills its lines a moment after the editor appears.
    await page.locator('.graphiql-query-editor .CodeMirror-code', { hasText: 'Who attended the meeting' }).waitFor();
  });

  it('answers a browser at /graphql with the local IDE, and API clients with GraphQL as before', async () => {
    const html = await fetch(`${base}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(html.status).toBe(200);
    const page = await html.text();
    expect(page).toContain('Entente GraphQL IDE');
    expect(page).not.toMatch(/apollographql\.com|embeddable-sandbox|cdn\./);
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    await expect(get.json()).resolves.toEqual({ data: { __typename: 'Query' } });
    const post = await server.query('{ __typename }');
    expect(post.data).toEqual({ __typename: 'Query' });
  });

  it('says so when an entity id is unknown', async () => {
    await open('/entity/no-such-node', 'h1');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('No entity “no-such-node”');
  });

  it('shows an error with a retry when the API does not answer, and recovers', async () => {
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.goto(`${base}/timeline`);
    const alert = page.getByRole('alert');
    await expect(alert.innerText()).resolves.toMatch(/not answering/);
    await page.unroute('**/graphql');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await page.locator('.timeline-event').first().waitFor();
  });
});

describe('every view', () => {
  it('makes no request that leaves the machine', async () => {
    recorded.requests.length = 0;
    for (const view of EXPLORER_VIEWS) await open(view.path, view.ready);
    const origin = new URL(base).origin;
    const outside = recorded.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'));
    expect(recorded.requests.length).toBeGreaterThan(EXPLORER_VIEWS.length);
    expect(outside).toEqual([]);
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const found: Record<string, unknown> = {};
    for (const view of EXPLORER_VIEWS) {
      if (view.name === 'ide') continue; // GraphiQL's own markup; checked separately below.
      await open(view.path, view.ready);
      const violations = await findSeriousA11yViolations(page);
      if (violations.length > 0) found[view.name] = violations;
    }
    expect(found).toEqual({});
  });

  it('saves screenshots of each view at 1280x800 and 390x844', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const { context } = await openRecordedContext(browser, base, viewport);
      const shot = await context.newPage();
      for (const view of EXPLORER_VIEWS) {
        await shot.goto(base + view.path);
        await shot.locator(view.ready).first().waitFor({ timeout: 20_000 });
        await shot.waitForTimeout(300);
        await saveScreenshot(shot, view.name);
        // Nothing may be wider than a phone's screen but the table and the canvas, which scroll.
        const overflow = await shot.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${view.name} at ${viewport.width}px`).toBeLessThanOrEqual(0);
      }
      // A court ruling's verdict on an instrument's history, in view.
      await shot.goto(`${base}/entity/pnr`);
      await shot.locator('.ruling').first().scrollIntoViewIfNeeded({ timeout: 20_000 });
      await shot.waitForTimeout(300);
      await saveScreenshot(shot, 'instrument-ruling');
      const overflow = await shot.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `instrument-ruling at ${viewport.width}px`).toBeLessThanOrEqual(0);
      await context.close();
    }
  });
});
