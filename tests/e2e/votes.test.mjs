// The community vote: voting, honest figures, kept on the device, and the optional endpoint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startCollector } from '../support/collector.mjs';
import { appSuite, freshPageEachTest } from '../support/suite.mjs';
import { newPage } from '../support/browser.mjs';

const INDEX = readFileSync(new URL('../../dist/index.html', import.meta.url), 'utf8');
const BUNDLE = JSON.parse(readFileSync(new URL('../../public/data/bundle.json', import.meta.url), 'utf8'));
const KEY = 'verdicts:votes:v1';
let server;
let collector;
let browser;
let page;

appSuite((s) => ({ server, browser } = s));
before(async () => {
  collector = await startCollector();
});
after(async () => {
  await collector?.close();
});
freshPageEachTest(() => ({ server, browser }), (p) => {
  collector.reports.length = 0;
  collector.fail(false);
  page = p;
});

const withEndpoint = (url) => INDEX.replace('<meta name="verdicts:vote-endpoint" content="">', `<meta name="verdicts:vote-endpoint" content="${url}">`);
const community = () => page.getByRole('region', { name: 'Community vote' });
const ship = (name) => community().getByRole('button', { name: `Ship ${name}`, exact: true });
const skip = (name) => community().getByRole('button', { name: `Skip ${name}`, exact: true });
const O3 = 'OpenAI o3 Pro API';
const PAIR = '?a=mistral-8x24b&b=openai-o3-pro-api';

async function open(query = PAIR) {
  await page.goto(server.url + query);
  await community().waitFor();
}

test('vote, change the vote, take it back, and find it again after a reload', async () => {
  await open();
  await ship(O3).click();
  assert.equal(await ship(O3).getAttribute('aria-pressed'), 'true');
  let text = await community().innerText();
  assert.match(text, /1 vote · too few votes to score/);
  assert.match(text, /Your vote: Ship/);
  assert.match(await page.getByRole('region', { name: O3 }).innerText(), /Community\s+—\s+1 vote/);

  await skip(O3).click();
  assert.equal(await ship(O3).getAttribute('aria-pressed'), 'false');
  assert.equal(await skip(O3).getAttribute('aria-pressed'), 'true');
  assert.match(await community().innerText(), /Your vote: Skip/);

  await page.reload();
  await community().waitFor();
  assert.equal(await skip(O3).getAttribute('aria-pressed'), 'true', 'the vote is remembered');
  assert.deepEqual(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY)), { 'weekly-ai-tool-verdicts': { 'openai-o3-pro-api': 'skip' } });

  await skip(O3).click();
  assert.equal(await skip(O3).getAttribute('aria-pressed'), 'false');
  assert.match(await community().innerText(), /No votes yet[\s\S]*No votes yet/);
  await page.reload();
  await community().waitFor();
  assert.equal(await skip(O3).getAttribute('aria-pressed'), 'false', 'taking it back is remembered too');
  assert.deepEqual(page.problems, []);
});

test('with enough votes the figure is a percentage with its sample size, and disagreement is said', async () => {
  const bundle = structuredClone(BUNDLE);
  bundle.tools[3].community = { ship: 1, skip: 8 };
  server.override('data/bundle.json', { body: JSON.stringify(bundle) });
  await open();
  assert.match(await community().innerText(), /9 votes · too few votes to score/);
  await skip(O3).click();
  const text = await community().innerText();
  assert.match(text, /10%\s+10% ship · 10 votes/);
  assert.match(text, /The community is much cooler on this than the panel\./);
});

test('corrupted stored votes are discarded without breaking the page', async () => {
  for (const stored of ['{"weekly-ai-tool-verdicts":', '[1,2,3]', '{"weekly-ai-tool-verdicts":{"openai-o3-pro-api":5,"ghost":"ship","mistral-8x24b":"skip"}}']) {
    await page.addInitScript(([k, v]) => localStorage.setItem(k, v), [KEY, stored]);
    await open();
    assert.equal(await ship(O3).getAttribute('aria-pressed'), 'false', stored);
    assert.equal(await skip(O3).getAttribute('aria-pressed'), 'false', stored);
    assert.deepEqual(page.problems, [], stored);
    await page.context().close();
    page = await newPage(browser);
  }
  await page.addInitScript(([k, v]) => localStorage.setItem(k, v), [KEY, '{"weekly-ai-tool-verdicts":{"openai-o3-pro-api":5,"mistral-8x24b":"skip"}}']);
  await open();
  assert.equal(await skip('Mistral 8x24B Mixture-of-Experts').getAttribute('aria-pressed'), 'true', 'the well-formed vote survives');
});

test('when storage throws, voting still works for the visit and the page says so', async () => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  await open();
  await ship(O3).click();
  assert.equal(await ship(O3).getAttribute('aria-pressed'), 'true');
  assert.match(await community().innerText(), /will not be remembered/);
  assert.deepEqual(page.problems, []);
});

test('when storage is full, the vote counts and the page says it will not be remembered', async () => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await open();
  await ship(O3).click();
  assert.equal(await ship(O3).getAttribute('aria-pressed'), 'true');
  assert.match(await community().innerText(), /will not be remembered/);
});

test('a configured endpoint receives one report per change, without credentials', async () => {
  server.override('index.html', { type: 'text/html', body: withEndpoint(collector.url) });
  await open();
  await ship(O3).click();
  await page.waitForTimeout(1000);
  await skip(O3).click();
  await page.waitForTimeout(1000);
  await skip(O3).click();
  await page.waitForTimeout(1000);
  // A double click is a vote and its undo: nothing to report.
  await ship('Mistral 8x24B Mixture-of-Experts').dblclick();
  await page.waitForTimeout(1000);
  assert.deepEqual(collector.reports.map((r) => r.body), [
    { bundle: 'weekly-ai-tool-verdicts', tool: 'openai-o3-pro-api', verdict: 'ship', previous: null },
    { bundle: 'weekly-ai-tool-verdicts', tool: 'openai-o3-pro-api', verdict: 'skip', previous: 'ship' },
    { bundle: 'weekly-ai-tool-verdicts', tool: 'openai-o3-pro-api', verdict: null, previous: 'skip' },
  ]);
  assert.ok(collector.reports.every((r) => r.method === 'POST' && r.type === 'application/json' && !r.cookie));
});

test('a failing endpoint keeps the vote and says it is saved on this device only', async () => {
  collector.fail(true);
  server.override('index.html', { type: 'text/html', body: withEndpoint(collector.url) });
  await open();
  await ship(O3).click();
  await community().getByText('Saved on this device only').waitFor();
  assert.equal(await ship(O3).getAttribute('aria-pressed'), 'true');
  await page.reload();
  await community().waitFor();
  assert.equal(await ship(O3).getAttribute('aria-pressed'), 'true');
});

test('without an endpoint nothing is sent anywhere', async () => {
  const requests = [];
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
  await open();
  await ship(O3).click();
  await skip('Mistral 8x24B Mixture-of-Experts').click();
  await page.waitForTimeout(1200);
  assert.deepEqual(requests.filter((r) => !r.startsWith(`GET ${server.origin}/tools/compare/`)), []);
  assert.equal(collector.reports.length, 0);
});
