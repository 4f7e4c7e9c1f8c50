// Loading the catalogue: the default comparison, and every failure shown with a way forward.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appSuite } from '../support/suite.mjs';
import { newPage } from '../support/browser.mjs';
import { eventually, expectCount, expectEqual, expectMatch, expectText, expectValue } from '../support/expect.mjs';
import { ENTRY, serveBundle, shardPathOf } from '../support/data.mjs';

const BUNDLE = JSON.parse(readFileSync(new URL('../../public/data/bundle.json', import.meta.url), 'utf8'));
let server;
let browser;

appSuite((s) => ({ server, browser } = s));
beforeEach(() => server.reset());

/** Opens the page with the catalogue's entry point held back, so the static page stays up;
 * `takeOver()` lets it through and resolves once the live page has replaced the static one
 * (`release()` only lets it through). */
async function openStaticPage({ before = async () => {} } = {}) {
  let release;
  const held = new Promise((r) => (release = r));
  const body = readFileSync(new URL('../../dist/data/catalog.json', import.meta.url));
  server.override(ENTRY, async (req, res) => {
    await held;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  const page = await newPage(browser);
  await before(page);
  const loading = page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('#app > .prerendered'));
  const takeOver = async () => {
    release();
    await loading;
    assert.equal(await page.locator('#app > .prerendered').count(), 0, 'the live page replaced the static one');
  };
  return { page, takeOver, release };
}

test('the page loads the default comparison from a sub-path with no console errors', async () => {
  const page = await newPage(browser);
  await page.goto(server.url);
  const heading = page.getByRole('heading', { level: 1 });
  await heading.filter({ hasText: 'Mistral 8x22B Instruct v2' }).waitFor();
  await expectText(heading, /Mistral 8x22B Instruct v2\s+vs\s+OpenAI o4 API/);
  await expectEqual(() => page.title(), 'Mistral 8x22B Instruct v2 vs OpenAI o4 API with Structured Outputs & Native Code Execution — Verdicts');
  await expectValue(page.getByRole('combobox', { name: 'First tool' }), 'Mistral 8x22B Instruct v2');
  await expectCount(page.getByRole('article'), 8);
  const paths = server.requests.map((r) => r.path);
  assert.ok(paths.includes('/tools/compare/data/catalog.json'), 'the entry point is fetched relative to the page');
  // The page carries its own two tools: nothing else of the catalogue is read.
  assert.deepEqual(paths.filter((p) => p.includes('/data/')), ['/tools/compare/data/catalog.json'], 'only the entry point');
  assert.ok(paths.every((p) => p.startsWith('/tools/compare/')), `every request stays under the sub-path: ${paths}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the static page is the default comparison rendered at build time, with a skeleton for other links', async () => {
  const html = readFileSync(new URL('../../dist/index.html', import.meta.url), 'utf8');
  assert.match(html, /<div id="app" data-prerendered(="")?>/);
  assert.match(html, /<title>Mistral 8x22B Instruct v2 vs OpenAI o4 API with Structured Outputs &amp; Native Code Execution — Verdicts<\/title>/);
  assert.match(html, /<div class="static-skeleton">[\s\S]*class="comparison skeleton"/);
  assert.match(html, /<noscript>/);

  // Without scripts (a crawler, a link preview) the comparison is there as plain HTML.
  const plain = await newPage(browser, { javaScriptEnabled: false });
  await plain.goto(server.url);
  assert.match(await plain.getByRole('heading', { level: 1 }).innerText(), /Mistral 8x22B Instruct v2\s+vs\s+OpenAI o4 API/);
  assert.equal(await plain.getByRole('article').count(), 8);
  assert.match(await plain.getByRole('region', { name: 'Pricing' }).innerText(), /Free\s+Paid/);
  await plain.context().close();

  // A link to another pair shows the skeleton, not the default pair, until the app runs
  // (here it never does: its wasm is held back).
  const deep = await newPage(browser, { waitForApp: false });
  await deep.route('**/*.wasm', () => {});
  await deep.goto(server.url + '?a=mistral-8x24b&b=openai-o3-pro-api', { waitUntil: 'domcontentloaded' });
  assert.equal(await deep.getByRole('heading', { level: 1 }).count(), 0);
  await expectCount(deep.getByRole('status').filter({ hasText: 'Loading the comparison…' }), 1);
  await deep.context().close();
});

test('on a phone with scripts off, every section of the static page is there and reads once scrolled to', async () => {
  // The static page lays its sections out only as they come near the screen (style/main.css).
  const plain = await newPage(browser, { javaScriptEnabled: false, viewport: { width: 412, height: 823 } });
  await plain.goto(server.url);
  const sections = [
    ['Panel verdict', 'The panel favours Mistral 8x22B Instruct v2: 100% ship against 75%.'],
    ['Pricing', 'Enter your tokens a month, or choose a workload above.'],
    ['Reviewer split', '3 of 4 reviewers give both the same verdict; 1 split.'],
    ['Community vote', 'Would you ship it? Your vote counts here.'],
    ['Reviews', 'The primitive is clean: a sparse MoE transformer'],
    ['Related comparisons', 'Mistral 8x22B Instruct v2 vs Mistral 8x24B Mixture-of-Experts'],
  ];
  for (const [name] of sections) {
    assert.equal(await plain.getByRole('region', { name }).count(), 1, `${name}: in the accessibility tree before it is reached`);
  }
  for (const [name, words] of sections) {
    const region = plain.getByRole('region', { name });
    await region.scrollIntoViewIfNeeded();
    await region.getByText(words).first().waitFor({ state: 'visible' });
  }
  await plain.context().close();
});

test('the rendered page paints before any of the app is fetched', async () => {
  const page = await newPage(browser);
  await page.goto(server.url);
  const { paint, app } = await page.evaluate(() => ({
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    app: performance
      .getEntriesByType('resource')
      .filter((e) => /\/verdicts-[0-9a-f]+(_bg\.wasm|\.js)$/.test(e.name))
      .map((e) => ({ file: e.name.split('/').pop(), start: e.startTime })),
  }));
  assert.ok(paint > 0, 'the page painted');
  assert.deepEqual(app.map((f) => f.file.endsWith('.wasm')).sort(), [false, true], 'the app is its JS and its wasm, fetched once each');
  for (const { file, start } of app) assert.ok(start >= paint, `${file} was requested at ${start} ms, before the first paint at ${paint} ms`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a browser without module preloads still loads the app', async () => {
  const page = await newPage(browser, { waitForApp: false });
  // As Safari before 17: it says so, and a link of that kind is an unknown one that never loads.
  await page.addInitScript(() => {
    const supports = DOMTokenList.prototype.supports;
    DOMTokenList.prototype.supports = function (token) { return token === 'modulepreload' ? false : supports.call(this, token); };
    const rel = Object.getOwnPropertyDescriptor(HTMLLinkElement.prototype, 'rel');
    Object.defineProperty(HTMLLinkElement.prototype, 'rel', { ...rel, set(v) { rel.set.call(this, v === 'modulepreload' ? 'x-unknown' : v); } });
  });
  await page.goto(server.url + '?a=mistral-8x24b&b=openai-o3-pro-api');
  await page.getByRole('heading', { level: 1, name: /Mistral 8x24B/ }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the app takes the page over without a layout shift or a flash', async () => {
  const { page, takeOver } = await openStaticPage({
    before: (page) => page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__shift += e.value))).observe({ type: 'layout-shift', buffered: true });
    }),
  });
  const before = await page.getByRole('heading', { level: 1 }).boundingBox();
  await takeOver();
  const after = await page.getByRole('heading', { level: 1 }).boundingBox();
  assert.deepEqual(after, before, 'the heading did not move');
  assert.ok((await page.evaluate(() => window.__shift)) <= 0.02, 'cumulative layout shift stays under 0.02');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('text typed into a picker before the app takes over is kept, with the focus and the matches', async () => {
  const { page, takeOver } = await openStaticPage();
  const staticPicker = page.getByRole('combobox', { name: 'Second tool' });
  await staticPicker.click();
  await staticPicker.fill('');
  await page.keyboard.type('o3');
  assert.equal(await page.locator('#app > .prerendered').count(), 1, 'typed into the static page');
  await takeOver();
  const picker = page.getByRole('combobox', { name: 'Second tool' });
  await expectEqual(() => picker.inputValue(), 'o3', 'the typed text is still there');
  await eventually(async () => assert.ok(await picker.evaluate((el) => el === document.activeElement), 'and still has the focus'));
  const option = page.getByRole('option', { name: /OpenAI o3 Pro API/ });
  await option.waitFor();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /vs\s+OpenAI o3 Pro API/ }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('buttons pressed before the app takes over are pressed again, once each, in order', async () => {
  const { page, takeOver } = await openStaticPage();
  const community = () => page.getByRole('region', { name: 'Community vote' });
  const ship = () => community().getByRole('button', { name: 'Ship Mistral 8x22B Instruct v2', exact: true });
  // Nothing answers yet, so the visitor presses Ship twice, then swaps the tools.
  await ship().click();
  await ship().click();
  await page.getByRole('button', { name: 'Swap tools' }).click();
  assert.equal(await page.locator('#app > .prerendered').count(), 1, 'pressed on the static page');
  await takeOver();
  await page.getByRole('heading', { level: 1, name: /^OpenAI o4 API.*vs\s+Mistral 8x22B Instruct v2$/s }).waitFor();
  assert.equal(await ship().getAttribute('aria-pressed'), 'true', 'the vote counts once, not twice (which would undo it)');
  assert.match(await community().innerText(), /Your vote: Ship/);
  await expectMatch(() => page.url(), /\/openai-o4-api-vs-mistral-8x22b-instruct-v2\/$/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a link pressed while the app takes over opens: the swap waits for the release', async () => {
  const { page, release } = await openStaticPage();
  const link = page.locator('#app > .prerendered').getByRole('region', { name: 'Related comparisons' }).getByRole('link').first();
  const href = await link.evaluate((a) => a.href);
  await link.scrollIntoViewIfNeeded();
  await link.hover();
  await page.mouse.down();
  release();
  // The live page is ready, and its swap waits for the press to end.
  await page.waitForFunction(() => Array.isArray(window.verdictsPress) && window.verdictsPress.length > 0, null, { timeout: 20_000 });
  assert.equal(await page.locator('#app > .prerendered').count(), 1, 'the static page stays while the press is under way');
  await page.mouse.up();
  await page.waitForURL(href);
  await page.getByRole('heading', { level: 1, name: /vs/ }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a missing entry point names the URL and status, and Retry recovers once it is back', async () => {
  server.override(ENTRY, { status: 404, type: 'text/plain', body: 'nope' });
  const page = await newPage(browser);
  await page.goto(server.url);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  await eventually(async () => {
    const text = await alert.innerText();
    assert.match(text, /not found \(HTTP 404\)/);
    assert.match(text, /http:\/\/127\.0\.0\.1:\d+\/tools\/compare\/data\/catalog\.json/);
  });
  assert.equal(server.requests.filter((r) => r.path.endsWith(ENTRY)).length, 1, '4xx is never retried');
  server.clear();
  await page.getByRole('button', { name: 'Retry' }).click();
  await page.getByRole('heading', { level: 1, name: /Mistral 8x22B Instruct v2/ }).waitFor();
  await expectCount(page.getByRole('alert'), 0);
  await page.context().close();
});

test('a server error is shown with its status and retried automatically', async () => {
  server.override(ENTRY, { status: 500, type: 'text/plain', body: 'boom' });
  const page = await newPage(browser);
  await page.clock.install();
  await page.goto(server.url);
  await page.getByRole('alert').waitFor();
  await expectText(page.getByRole('alert'), /HTTP 500[\s\S]*Trying again automatically/);
  for (const seconds of [1, 3]) {
    const retried = page.waitForResponse((r) => r.url().endsWith(ENTRY));
    await page.clock.runFor(seconds * 1000);
    await retried;
  }
  await page.getByText('Trying again automatically').waitFor({ state: 'detached' });
  await expectText(page.getByRole('alert'), /HTTP 500/);
  assert.equal(server.requests.filter((r) => r.path.endsWith(ENTRY)).length, 3, 'one try and two retries');
  await page.context().close();
});

test('an HTML page instead of the entry point says it is not JSON', async () => {
  server.override(ENTRY, { status: 200, type: 'text/html', body: '<!doctype html><h1>Welcome</h1>' });
  const page = await newPage(browser);
  await page.goto(server.url);
  await page.getByRole('alert').waitFor();
  await expectText(page.getByRole('alert'), /not JSON/);
  await page.context().close();
});

test('a shard of the wrong shape is said where the comparison would be, and Retry reads it again', async () => {
  const bundle = structuredClone(BUNDLE);
  bundle.tools[3].name = 'OpenAI o3 Pro API, renamed';
  let path;
  const { files } = serveBundle(server, bundle, (files) => {
    path = shardPathOf(files, bundle.tools[3].id);
    files.set(path, { body: files.get(path).replace('"name":"OpenAI o3 Pro API, renamed"', '"name":42') });
  });
  const page = await newPage(browser);
  // A page of an older publish: its tools are read from the shards of the version now served.
  await page.goto(server.url + 'mistral-8x24b-vs-openai-o3-pro-api/');
  const failed = page.getByRole('main').getByRole('alert');
  await expectText(failed, /could not be read: invalid type: integer `42`, expected a string/);
  // The entry point names the tool anew; nothing of the page's older publish is left.
  assert.equal(await page.locator('#app').getByText('OpenAI o3 Pro API', { exact: true }).count(), 0, 'nothing stale');
  // The page around it works: the header, and the pickers' search.
  await expectCount(page.getByRole('banner').getByRole('link', { name: /Verdicts/ }), 1);
  await page.getByRole('combobox', { name: 'First tool' }).fill('renamed');
  await page.getByRole('option', { name: /OpenAI o3 Pro API, renamed/ }).waitFor();
  await page.keyboard.press('Escape');
  server.override(path, { body: files.get(path).body.replace('"name":42', '"name":"OpenAI o3 Pro API, renamed"') });
  await failed.getByRole('button', { name: 'Retry' }).click();
  await page.getByRole('heading', { level: 1, name: /Mistral 8x24B Mixture-of-Experts\s+vs\s+OpenAI o3 Pro API, renamed/ }).waitFor();
  await expectCount(page.getByRole('alert'), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a server that never answers gets a timeout message after ten seconds', async () => {
  server.override(ENTRY, { hang: true });
  const page = await newPage(browser, { waitForApp: false });
  await page.clock.install();
  const asked = page.waitForRequest((r) => r.url().endsWith(ENTRY));
  await page.goto(server.url);
  await asked;
  assert.equal(await page.getByRole('alert').count(), 0, 'nothing is said before the time is up');
  await page.clock.runFor(10_000);
  await page.getByRole('alert').waitFor();
  await expectText(page.getByRole('alert'), /did not answer within 10 seconds/);
  server.clear();
  await page.getByRole('button', { name: 'Retry' }).click();
  await page.getByRole('heading', { level: 1, name: /Mistral 8x22B Instruct v2/ }).waitFor();
  await page.context().close();
});
