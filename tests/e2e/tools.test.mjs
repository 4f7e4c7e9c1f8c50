// A page per tool: a catalogue of 300 generated tools published into a copy of the release build
// and served from a sub-path. Every tool page reads with scripts off (its title, heading and
// canonical link, fetched over HTTP); a sample of them in the browser: the card, the panel's
// verdict in words in the first screen of a phone, the reviews filtered by role, the compare
// picker opening the pair at its canonical folder, the alternatives linking to pairs, Back and
// Forward between a tool page and a pair page, a refresh, the embed view.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { appSuite, freshPageEachTest } from '../support/suite.mjs';
import { appIsLive, newPage } from '../support/browser.mjs';
import { GENERATOR, PUBLISHER } from '../support/data.mjs';
import { expectAttribute, expectCount, expectEqual, expectMatch, expectText } from '../support/expect.mjs';

const BASE = 'https://verdicts.example/tools/compare/';
const TOOLS = 300;

let work;
let server;
let browser;
let page;
let bundle;

const tool = (id) => bundle.tools.find((t) => t.id === id);
const nameOf = (id) => tool(id).name;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "3 of 4 reviewers ship", from the bundle's reviews of `id`. */
function verdictWords(id) {
  const reviews = bundle.reviews.filter((r) => r.tool === id);
  const ship = reviews.filter((r) => r.verdict === 'ship').length;
  if (reviews.length === 0) return 'Not reviewed by the panel yet';
  return reviews.length === 1 ? `${ship} of 1 reviewer ships` : `${ship} of ${reviews.length} reviewers ship`;
}
/** The canonical folder of a pair that is not featured: its ids in alphabetical order. */
const pairFolder = (a, b) => (a < b ? `${a}-vs-${b}/` : `${b}-vs-${a}/`);

appSuite((s) => ({ server, browser } = s), {
  site: async () => {
    work = mkdtempSync(join(tmpdir(), 'verdicts-tools-'));
    const site = join(work, 'site');
    cpSync('dist', site, { recursive: true });
    const generated = join(work, 'generated.json');
    const out = openSync(generated, 'w');
    const gen = spawnSync(GENERATOR, ['--tools', String(TOOLS), '--roles', '4', '--seed', '27'], { stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
    closeSync(out);
    assert.equal(gen.status, 0, `${GENERATOR} failed: ${gen.stderr}`);
    bundle = JSON.parse(readFileSync(generated, 'utf8'));
    const file = join(work, 'bundle.json');
    writeFileSync(file, JSON.stringify(bundle));
    // No pair pages beyond the featured ones: a pair's folder is the app's 404.html, as beyond
    // any budget (and publishing stays quick).
    const run = spawnSync(PUBLISHER, ['--bundle', file, '--base-url', BASE, '--out', site, '--max-pages', '0'], { encoding: 'utf8' });
    assert.equal(run.status, 0, `${PUBLISHER} failed:\n${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, new RegExp(`and ${TOOLS} tool page\\(s\\)`));
    return site;
  },
});
after(() => work && rmSync(work, { recursive: true, force: true }));
freshPageEachTest(() => ({ server, browser }), (p) => {
  page = p;
});

const heading = (p = page) => p.getByRole('heading', { level: 1 });
const toolHeading = (id, p = page) => expectText(heading(p), new RegExp(`^${escape(nameOf(id))}$`), `the page of ${id}`, { timeout: 20_000 });
const pairHeading = (a, b, p = page) =>
  expectText(heading(p), new RegExp(`^${escape(nameOf(a))}\\s+vs\\s+${escape(nameOf(b))}$`), `the pair ${a} vs ${b}`, { timeout: 20_000 });
const answer = (p = page) => p.locator('#tool-answer');

test('every tool page reads with scripts off: its title, heading, canonical link and preview; all in the sitemap', async () => {
  // The sitemap index names its files; the tool pages are in them.
  const index = await (await fetch(server.url + 'sitemap.xml')).text();
  const files = [...index.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1].replace(BASE, server.url));
  const sitemap = (await Promise.all(files.map(async (f) => (await fetch(f)).text()))).join('\n');
  const decode = (s) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  for (const t of bundle.tools) {
    const path = `tools/${t.id}/`;
    assert.ok(sitemap.includes(`<loc>${BASE}${path}</loc>`), `${path} is in the sitemap`);
    const response = await fetch(server.url + path);
    assert.equal(response.status, 200, path);
    const html = await response.text();
    assert.equal(decode(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? ''), `${t.name} — verdicts, pricing and reviews`, path);
    assert.equal(decode(/<h1 class="page-title">([^<]*)<\/h1>/.exec(html)?.[1] ?? ''), t.name, path);
    assert.ok(html.includes(`<link rel="canonical" href="${BASE}${path}"`), `${path} names itself canonical`);
    assert.ok(html.includes(`<meta property="og:image" content="${BASE}${path}preview.png"`), `${path} has its own image`);
    assert.ok(html.includes(`<base href="../../"`), `${path} reaches the site root`);
  }
  const image = await fetch(server.url + `tools/${bundle.tools[0].id}/preview.png`);
  assert.equal(image.status, 200);
  const png = Buffer.from(await image.arrayBuffer());
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1200, 630], 'a 1200 × 630 image');
});

test('a tool page in the browser: the card, the verdict in words, reviews filtered by role, no console errors', async () => {
  const id = bundle.tools[42].id;
  await page.goto(server.url + `tools/${id}/`);
  await toolHeading(id);
  assert.equal(await page.title(), `${nameOf(id)} — verdicts, pricing and reviews`);
  await expectText(answer(), new RegExp(escape(verdictWords(id))));
  const card = page.getByRole('region', { name: nameOf(id) });
  await expectText(card, new RegExp(escape(tool(id).tagline)));
  await expectText(card, new RegExp(escape(tool(id).category)));
  const reviews = page.getByRole('region', { name: 'Reviews' }).getByRole('article');
  const reviewed = bundle.reviews.filter((r) => r.tool === id);
  await expectCount(reviews, reviewed.length);
  // One role: its review alone, and the role in the address.
  const role = bundle.roles.find((r) => reviewed.some((x) => x.role === r.id));
  // A pressed toggle's name starts with its ✓.
  const roleButton = () => page.getByRole('button', { name: new RegExp(`${escape(role.label)} \\d+ review`) });
  const toggle = roleButton();
  await toggle.click();
  await expectAttribute(toggle, 'aria-pressed', 'true');
  await expectCount(reviews, 1);
  await expectMatch(() => page.url(), new RegExp(`tools/${id}/\\?roles=${role.id}$`), 'the filter is in the address');
  // A refresh keeps it.
  await page.reload();
  await toolHeading(id);
  await expectCount(reviews, 1);
  await expectAttribute(roleButton(), 'aria-pressed', 'true');
  await page.getByRole('button', { name: /^All roles/ }).click();
  await expectCount(reviews, reviewed.length);
  assert.deepEqual(page.problems, []);
});

test('the compare picker opens the pair at its canonical folder; Back and Forward go between the two pages', async () => {
  const [id, other] = [bundle.tools[10].id, bundle.tools[200].id];
  await page.goto(server.url + `tools/${id}/`);
  await toolHeading(id);
  const picker = page.getByRole('combobox', { name: 'Compare with' });
  await picker.fill(nameOf(other));
  await page.getByRole('listbox', { name: 'Compare with' }).getByRole('option', { name: new RegExp(`^${escape(nameOf(other))}(?![0-9])`) }).click();
  await pairHeading(id, other);
  const folder = pairFolder(id, other);
  // This tool first: the canonical folder, with the order in the query when it is reversed.
  await expectMatch(() => page.url(), new RegExp(`${escape(folder)}(\\?a=${id}&b=${other})?$`), 'the pair\'s canonical folder');

  // The pair page's cards link each name to its tool page.
  await page.getByRole('region', { name: nameOf(other) }).getByRole('link', { name: nameOf(other) }).click();
  await toolHeading(other);
  await expectMatch(() => page.url(), new RegExp(`tools/${other}/$`), 'the tool page\'s folder');
  await page.goBack();
  await pairHeading(id, other);
  await page.goBack();
  await toolHeading(id);
  await page.goForward();
  await pairHeading(id, other);
  await page.goForward();
  await toolHeading(other);
  await page.reload();
  await toolHeading(other);
  assert.deepEqual(page.problems, []);
});

test('the alternatives link to the pairs and to their tool pages; the featured comparisons are listed', async () => {
  const id = bundle.tools[7].id;
  await page.goto(server.url + `tools/${id}/`);
  await toolHeading(id);
  const section = page.getByRole('region', { name: 'Compare with …' });
  const alternatives = section.getByRole('list', { name: 'Alternatives' }).getByRole('listitem');
  await expectCount(alternatives, 8);
  // Same category first.
  const category = tool(id).category;
  const first = alternatives.first();
  await expectText(first, new RegExp(escape(category)));
  const pairLink = first.getByRole('link', { name: new RegExp(`^${escape(nameOf(id))} vs `) });
  const label = await pairLink.innerText();
  const otherName = label.replace(`${nameOf(id)} vs `, '');
  const other = bundle.tools.find((t) => t.name === otherName).id;
  assert.equal(tool(other).category, category, 'the first alternative is of the same category');
  assert.match(await pairLink.getAttribute('href'), new RegExp(`${escape(pairFolder(id, other))}`));
  await pairLink.click();
  await pairHeading(id, other);
  await page.goBack();
  await toolHeading(id);
  await alternatives.first().getByRole('link', { name: otherName, exact: true }).click();
  await toolHeading(other);
  // The default pair's tools are featured: their pages list it.
  const [a, b] = bundle.featured?.default ?? [bundle.tools[0].id, bundle.tools[1].id];
  if (bundle.featured?.pairs?.length) {
    const [fa, fb] = bundle.featured.pairs[0];
    await page.goto(server.url + `tools/${fa}/`);
    await toolHeading(fa);
    await expectCount(page.getByRole('navigation', { name: 'Featured comparisons' }).getByRole('link', { name: `${nameOf(fa)} vs ${nameOf(fb)}` }), 1);
  }
  assert.ok(a && b);
  assert.deepEqual(page.problems, []);
});

test('on a phone the verdict in words is in the first screen, with scripts on and off', async () => {
  const id = bundle.tools[99].id;
  for (const javaScriptEnabled of [true, false]) {
    const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, javaScriptEnabled });
    await phone.goto(server.url + `tools/${id}/`);
    await toolHeading(id, phone);
    const box = await answer(phone).boundingBox();
    assert.ok(box && box.y + box.height <= 844, `the verdict ends at ${box?.y + box?.height}px, within 844`);
    await expectText(answer(phone), new RegExp(escape(verdictWords(id))));
    assert.deepEqual(phone.problems, []);
  }
  const desktop = page;
  await desktop.goto(server.url + `tools/${id}/`);
  const box = await answer(desktop).boundingBox();
  assert.ok(box && box.y + box.height <= 900, 'in the first screen of a desktop');
});

test('an embed of a tool shows the tool without the site header; a query view and a tool page share the history', async () => {
  const id = bundle.tools[5].id;
  // An embed of its own page waits for the reader to turn to it before the app loads.
  const embed = await newPage(browser, { waitForApp: false });
  await embed.goto(server.url + `tools/${id}/?embed=1`);
  await toolHeading(id, embed);
  await expectCount(embed.getByRole('banner'), 0);
  await expectText(answer(embed), new RegExp(escape(verdictWords(id))));
  await embed.getByRole('heading', { level: 1 }).click();
  await appIsLive(embed);
  await toolHeading(id, embed);
  await expectCount(embed.getByRole('banner'), 0);
  const full = embed.getByRole('link', { name: 'Full page on Verdicts' });
  await expectCount(full, 1);
  assert.match(await full.getAttribute('href'), new RegExp(`tools/${id}/$`));
  assert.deepEqual(embed.problems, []);

  // A query view on the index, then a tool page from its card, Back and Forward.
  const [x, y] = [bundle.tools[20].id, bundle.tools[21].id];
  await page.goto(server.url + `?a=${x}&b=${y}`);
  await pairHeading(x, y);
  await page.getByRole('region', { name: nameOf(x) }).getByRole('link', { name: nameOf(x) }).click();
  await toolHeading(x);
  await page.goBack();
  await pairHeading(x, y);
  await expectEqual(() => new URL(page.url()).search, `?a=${x}&b=${y}`, 'the query view again');
  await page.goForward();
  await toolHeading(x);
  assert.deepEqual(page.problems, []);
});
