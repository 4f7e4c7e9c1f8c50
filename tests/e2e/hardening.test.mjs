// Hardening: every bad answer and bad link gets a clear message, data never becomes markup,
// panics show an error view, and the release build runs under a strict CSP with SRI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { startServer, readHeadersFile } from '../../scripts/static-server.mjs';
import { startCollector } from '../support/collector.mjs';
import { appSuite, freshPageEachTest } from '../support/suite.mjs';
import { newPage, readText } from '../support/browser.mjs';
import { expectAttribute, expectCount, expectEqual, expectMatch, expectText } from '../support/expect.mjs';
import { ENTRY, dataFiles, serveBundle, shardPathOf } from '../support/data.mjs';

const INDEX = readFileSync(new URL('../../dist/index.html', import.meta.url), 'utf8');
const BUNDLE = JSON.parse(readFileSync(new URL('../../public/data/bundle.json', import.meta.url), 'utf8'));
let server;
let browser;
let page;

appSuite((s) => ({ server, browser } = s));
freshPageEachTest(() => ({ server, browser }), (p) => {
  page = p;
  page.on('dialog', (d) => {
    page.problems.push(`dialog: ${d.message()}`);
    d.dismiss();
  });
});

const ENTRY_POINT = readFileSync(new URL('../../dist/data/catalog.json', import.meta.url), 'utf8');
const entryRequests = () => server.requests.filter((r) => r.path.endsWith(ENTRY)).length;
/** Opens the page, waits for its alert and that it offers Retry, and waits until the alert's
 * text matches `pattern` (when given). Returns the alert. */
async function openAlert(query = '', pattern, message) {
  await page.goto(server.url + query);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 20_000 });
  await expectCount(alert.getByRole('button', { name: 'Retry' }), 1, 'every failure offers Retry');
  if (pattern) await expectText(alert, pattern, message);
  return alert;
}

// The entry point is the one file every visit reads: each way it can be wrong is said.
const faults = [
  ['404', { status: 404, type: 'text/plain', body: 'no' }, /not found \(HTTP 404\)/],
  ['503', { status: 503, type: 'text/plain', body: 'busy' }, /HTTP 503/],
  ['an HTML page', { type: 'text/html', body: '<!doctype html><title>Home</title>' }, /not JSON: the server sent a web page/],
  ['an empty body', { body: '' }, /could not be read: EOF while parsing/],
  ['truncated JSON', { body: ENTRY_POINT.slice(0, 500) }, /could not be read: EOF while parsing/],
  ['JSON of the wrong shape', { body: '{"products": []}' }, /could not be read: missing field `api`/],
  ['JSON that is not an object', { body: '[1, 2, 3]' }, /could not be read: invalid type: integer `2`, expected a string/],
  ['an unsupported api version', { body: ENTRY_POINT.replace('"api":1,', '"api":2,') }, /Unsupported bundle version 2/],
  ['JSON nested 10,000 levels deep', { body: '['.repeat(10_000) + ']'.repeat(10_000) }, /could not be read: invalid type: sequence, expected u32/],
  ['objects nested 10,000 levels deep', { body: `{"api":1,"version":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}` }, /could not be read: invalid type: map, expected a string/],
];

for (const [name, response, message] of faults) {
  test(`the entry point answering ${name} gets its own clear message`, async () => {
    server.override(ENTRY, response);
    const alert = await openAlert('', message);
    await expectText(alert, /address: http:\/\/127\.0\.0\.1:\d+\/tools\/compare\/data\/catalog\.json/);
    assert.deepEqual(page.problems.filter((p) => !/status of (404|503)/.test(p)), []);
  });
}

test('5xx is retried automatically with backoff, a bounded number of times; 4xx never', async () => {
  // The retry timers run on the page's clock, moved by the test.
  await page.clock.install();
  server.override(ENTRY, { status: 503 });
  await openAlert('', /Trying again automatically in 1 second/);
  const retried = () => page.waitForResponse((r) => r.url().endsWith(ENTRY));
  let next = retried();
  await page.clock.runFor(1000);
  await next;
  await page.getByText('Trying again automatically in 3 seconds').waitFor();
  next = retried();
  await page.clock.runFor(3000);
  await next;
  await page.getByText('Trying again automatically').waitFor({ state: 'detached' });
  assert.equal(entryRequests(), 3, 'one try and two automatic retries');
  await page.clock.runFor(60_000);
  assert.equal(entryRequests(), 3, 'and no more, a minute later');
  server.reset();
  server.override(ENTRY, { status: 410 });
  await openAlert();
  await page.clock.runFor(60_000);
  assert.equal(entryRequests(), 1);
  assert.doesNotMatch(await page.getByRole('alert').innerText(), /Trying again/);
});

test('a server that recovers during the automatic retries shows the comparison', async () => {
  let calls = 0;
  server.override(ENTRY, (req, res) => {
    calls += 1;
    res.writeHead(calls === 1 ? 502 : 200, { 'content-type': 'application/json' });
    res.end(calls === 1 ? '' : ENTRY_POINT);
  });
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1, name: /Mistral 8x22B Instruct v2/ }).waitFor({ timeout: 10_000 });
  assert.equal(calls, 2);
});

const bundleWith = (change) => {
  const b = structuredClone(BUNDLE);
  change(b);
  return b;
};

test('a bundle with zero tools or one tool says what is missing', async () => {
  for (const [tools, words] of [[[], /has 0 tools; a comparison needs at least two/], [[BUNDLE.tools[0]], /has 1 tool; a comparison needs at least two/]]) {
    serveBundle(server, bundleWith((b) => {
      b.tools = tools;
      b.reviews = b.reviews.filter((r) => tools.some((t) => t.id === r.tool));
      delete b.featured;
    }));
    await page.goto(server.url);
    await page.getByRole('alert').waitFor();
    await expectText(page.getByRole('alert'), words);
  }
});

test('tools and roles without reviews are said, not shown as broken sections', async () => {
  serveBundle(server, bundleWith((b) => {
    b.reviews = b.reviews.filter((r) => r.tool !== 'openai-o4-api' && r.role !== 'futurist');
  }));
  await page.goto(server.url);
  const verdict = page.getByRole('region', { name: 'Panel verdict' });
  await verdict.waitFor();
  await expectText(verdict, /No panel reviews yet[\s\S]*has not reviewed both tools yet/);
  await expectText(page.getByRole('region', { name: 'Reviewer split' }), /The futurist\s+Not reviewed\s+Not reviewed\s+Not reviewed on both/);
  // The symbols beside the words are drawn by the style sheet, with no text of their own.
  const symbols = (row) => page.getByRole('row', { name: row }).getByRole('cell').evaluateAll((cells) =>
    cells.slice(0, 2).map((cell) => getComputedStyle(cell.firstElementChild, '::before').content));
  await expectEqual(() => symbols(/^The futurist/), ['"–" / ""', '"–" / ""']);
  await expectEqual(() => symbols(/^The builder/), ['"✓" / ""', '"–" / ""']);
  await page.getByRole('button', { name: /The futurist/ }).click();
  await expectText(page.getByRole('region', { name: 'Reviews' }), /have not reviewed these tools yet/);
  assert.deepEqual(page.problems, []);
});

test('odd query strings give a sane view and a notice, never a dead page', async () => {
  const cases = [
    ['?a=openai-o3-pro-api&b=openai-o3-pro-api', /can't be compared with itself/, /^OpenAI o3 Pro API\s+vs/],
    ['?a=&b=', /“a” is empty/, /^Mistral 8x22B Instruct v2\s+vs\s+OpenAI o4/],
    ['?a=mistral-8x24b&a=openai-o4-api', /more than once/, /^Mistral 8x24B/],
    [`?a=${'x'.repeat(10_240)}&roles=${'y,'.repeat(1000)}`, /too long to be real/, /^Mistral 8x22B Instruct v2/],
    ['?a=%E0%A4%A&b=%ZZ&roles=%', /There is no tool/, /^Mistral 8x22B Instruct v2/],
  ];
  for (const [query, notice, heading] of cases) {
    await page.goto(server.url + query);
    const h1 = page.getByRole('heading', { level: 1 });
    await h1.waitFor();
    await expectText(h1, heading, query.slice(0, 60));
    await expectText(page.locator('.notices'), notice, query.slice(0, 60));
  }
  assert.deepEqual(page.problems, []);
});

test('a panic shows an error view with a way forward instead of a dead page', async () => {
  server.override('index.html', { type: 'text/html', body: INDEX.replace('<meta name="verdicts:vote-endpoint"', '<meta name="verdicts:debug-panic" content="1"><meta name="verdicts:vote-endpoint"') });
  await page.goto(server.url);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  await expectText(alert, /Something went wrong/);
  await expectAttribute(alert.getByRole('link', { name: 'Reload the page' }), 'href', server.url);
});

const NASTY = `<script>alert("x")</script><img src=x onerror=alert(1)> "double" 'single' &amp;`;

test('text from the bundle renders as literal text, never as markup', async () => {
  serveBundle(server, bundleWith((b) => {
    b.tools[0].name = `Tool ${NASTY}`;
    b.tools[0].tagline = NASTY;
    b.tools[0].description = NASTY;
    b.tools[0].pricing.notes = NASTY;
    b.roles[0].label = `Role ${NASTY}`;
    b.roles[0].focus = NASTY;
    b.reviews[0].quote = NASTY;
    b.title = NASTY;
    b.source = NASTY;
  }));
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expectText(page.getByRole('heading', { level: 1 }), /Tool <script>alert\("x"\)<\/script><img src=x onerror=alert\(1\)> "double" 'single' &amp;/);
  await expectMatch(() => readText(page.getByRole('article').first()), /<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator('#app img, #app script').count(), 0, 'no element was created from data');
  // Anything an injected handler would have run by now has run: two frames later.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.deepEqual(page.problems, [], 'no dialog opened');
  await expectMatch(() => page.title(), /<script>/);
});

const BAD_LINKS = ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' https://example.com', 'jav\tascript:alert(1)', 'data:text/html,hi', 'vbscript:msgbox(1)'];

test('links from data must be http or https: the publisher refuses others, and the app never links them', async () => {
  for (const url of BAD_LINKS) {
    assert.throws(() => dataFiles(bundleWith((b) => { b.tools[0].links = [{ label: 'Home', url }]; })),
      /tools\[0\]\.links\[0\]\.url: .* is not an http or https link/, JSON.stringify(url));
  }
  // A host's copy of a shard edited by hand gets no further: the comparison says its data has a
  // problem, and nothing links to anything but http(s).
  const id = BUNDLE.tools[0].id;
  const good = { label: 'Model card', url: 'https://example.com/card' };
  let path;
  let clean;
  serveBundle(server, bundleWith((b) => { b.tools[0].links = [good]; }), (files) => {
    path = shardPathOf(files, id);
    clean = files.get(path);
    const shard = JSON.parse(clean);
    shard.tools.find((t) => t.tool.id === id).tool.links = [...BAD_LINKS.map((url, i) => ({ label: `Bad ${i}`, url })), good];
    files.set(path, JSON.stringify(shard));
  });
  // The published build's page of the default pair: its tools are read from the version now served.
  await page.goto(server.url);
  const failed = page.getByRole('main').getByRole('alert');
  await expectText(failed, /The comparison data has \d+ problems? and was not loaded/);
  assert.equal(await page.getByRole('link', { name: /^Bad / }).count(), 0, 'no link to anything but http(s)');
  assert.equal(await page.locator('a[href*="script:"], a[href^="data:"]').count(), 0);
  // The host puts the published file back: Retry shows the comparison, its link safe to follow.
  server.override(path, { body: clean });
  await failed.getByRole('button', { name: 'Retry' }).click();
  const link = page.getByRole('link', { name: 'Model card' });
  await link.waitFor();
  await expectAttribute(link, 'href', 'https://example.com/card');
  await expectAttribute(link, 'rel', 'noopener noreferrer');
});

test('every asset of the release build carries a correct integrity attribute', () => {
  const tags = [...INDEX.matchAll(/<(?:link|script)\b[^>]*\b(?:href|src)="\.\/([^"]+)"[^>]*>/g)];
  assert.ok(tags.length >= 2, 'css and icon');
  // The wasm and the JS that runs it are fetched after the first paint, with the integrity
  // Trunk computed for each.
  const files = INDEX.match(/const WASM = (\{[^}]*\}), MODULE = (\{[^}]*\});/);
  assert.ok(files, 'the loader names the wasm and its JS module');
  const [wasm, js] = [JSON.parse(files[1]), JSON.parse(files[2])];
  assert.match(wasm.href, /^\.\/[^/]+_bg\.wasm$/);
  assert.match(js.href, /^\.\/[^/]+\.js$/);
  for (const file of [wasm, js]) tags.push([`integrity="${file.integrity}"`, file.href.slice(2)]);
  assert.ok(INDEX.includes('fetch(WASM.href, { integrity: WASM.integrity })'), 'the loader fetches the wasm with its integrity hash');
  assert.ok(INDEX.includes('l.integrity = MODULE.integrity;'), 'the loader preloads its JS module with its integrity hash');
  assert.ok(INDEX.includes('import(MODULE.href)'), 'and imports the module it preloaded');
  for (const [tag, file] of tags) {
    const integrity = tag.match(/integrity="sha384-([^"]+)"/);
    assert.ok(integrity, `${file} has an integrity attribute`);
    const digest = createHash('sha384').update(readFileSync(new URL(`../../dist/${file}`, import.meta.url))).digest('base64');
    assert.equal(integrity[1], digest, `${file} matches its integrity hash`);
  }
});

test('the release build runs under the strict CSP header with zero violations', async () => {
  const collector = await startCollector();
  const strict = await startServer({ root: 'dist', prefix: '/tools/compare/' });
  try {
    const index = INDEX.replace('<meta name="verdicts:vote-endpoint" content="">', `<meta name="verdicts:vote-endpoint" content="${collector.url}">`);
    // The policy the publisher wrote for the site; a page naming a collector on another origin
    // adds that origin to connect-src (as publishing with it in index.html does).
    const published = readHeadersFile(new URL('../../dist/_headers', import.meta.url))['content-security-policy'];
    // Two inline scripts: the takeover's (src/takeover/) and the app's loader.
    assert.match(published, /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'( 'sha256-[^']+'){2}; style-src 'self'; img-src 'self' data:; connect-src 'self';/);
    assert.match(published, /object-src 'none'; base-uri 'self'/);
    const csp = published.replace("connect-src 'self'", `connect-src 'self' ${new URL(collector.url).origin}`);
    strict.setHeaders({ 'content-security-policy': csp });
    strict.override('index.html', { type: 'text/html', body: index, headers: { 'content-security-policy': csp } });
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    for (const query of ['', '?a=mistral-8x24b&b=openai-o3-pro-api']) {
      await page.goto(strict.url + query);
      await page.getByRole('combobox', { name: 'First tool' }).waitFor();
    }
    await page.getByRole('combobox', { name: 'Second tool' }).fill('o4');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /The buyer/ }).click();
    const sent = page.waitForResponse((r) => r.url() === `${collector.url}v1/votes`);
    await page.getByRole('button', { name: 'Ship OpenAI o4 API with Structured Outputs & Native Code Execution', exact: true }).click();
    await page.getByRole('button', { name: 'Embed' }).click();
    await page.frameLocator('iframe.preview').getByRole('heading', { level: 1 }).waitFor();
    await sent;
    assert.equal(collector.reports.length, 1, 'the vote endpoint is reachable under connect-src');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(page.problems, []);
  } finally {
    await strict.close();
    await collector.close();
  }
});

/** Serves the index with one integrity hash of the loader replaced by a wrong one: the browser
 * refuses the file, and the rendered page stays. */
async function tamperedIsRefused(hash) {
  const tampered = INDEX.replace(hash, (found) => found.replace(/sha384-[^"]+/, `sha384-${'A'.repeat(64)}`));
  assert.notEqual(tampered, INDEX);
  server.override('index.html', { type: 'text/html', body: tampered });
  const p = await newPage(browser, { waitForApp: false });
  const refused = p.waitForEvent('console', { predicate: (m) => /integrity/i.test(m.text()), timeout: 20_000 });
  await p.goto(server.url);
  await refused;
  assert.ok(p.problems.some((m) => /integrity/i.test(m)), `the browser reports the integrity failure: ${p.problems}`);
  assert.equal(await p.locator('#app > .prerendered').count(), 1, 'the app never ran; the rendered page stays');
  await p.context().close();
}

test('a JS module that does not match its integrity hash is refused', () => tamperedIsRefused(/MODULE = \{[^}]*\}/));

test('a wasm file that does not match its integrity hash is refused', () => tamperedIsRefused(/WASM = \{[^}]*\}/));
