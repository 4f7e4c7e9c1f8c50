// The community vote: voting, honest figures, kept on the device, and the optional endpoint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startCollector, startRealCollector } from '../support/collector.mjs';
import { appSuite, freshPageEachTest } from '../support/suite.mjs';
import { newPage } from '../support/browser.mjs';
import { eventually, expectAttribute, expectCount, expectEqual, expectMatch, expectText } from '../support/expect.mjs';
import { serveBundle } from '../support/data.mjs';

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
  await expectAttribute(ship(O3), 'aria-pressed', 'true');
  await eventually(async () => {
    const text = await community().innerText();
    assert.match(text, /1 vote · too few votes to score/);
    assert.match(text, /Your vote: Ship/);
  });
  await expectText(page.getByRole('region', { name: O3 }), /Community\s+—\s+1 vote/);

  await skip(O3).click();
  await expectAttribute(ship(O3), 'aria-pressed', 'false');
  await expectAttribute(skip(O3), 'aria-pressed', 'true');
  await expectText(community(), /Your vote: Skip/);

  await page.reload();
  await community().waitFor();
  await expectAttribute(skip(O3), 'aria-pressed', 'true', 'the vote is remembered');
  await expectEqual(async () => JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY)), { 'weekly-ai-tool-verdicts': { 'openai-o3-pro-api': 'skip' } });

  await skip(O3).click();
  await expectAttribute(skip(O3), 'aria-pressed', 'false');
  await expectText(community(), /No votes yet[\s\S]*No votes yet/);
  await page.reload();
  await community().waitFor();
  assert.equal(await skip(O3).getAttribute('aria-pressed'), 'false', 'taking it back is remembered too');
  assert.deepEqual(page.problems, []);
});

test('with enough votes the figure is a percentage with its sample size, and disagreement is said', async () => {
  const bundle = structuredClone(BUNDLE);
  bundle.tools[3].community = { ship: 1, skip: 8 };
  serveBundle(server, bundle);
  await open();
  await expectText(community(), /9 votes · too few votes to score/);
  await skip(O3).click();
  await eventually(async () => {
    const text = await community().innerText();
    assert.match(text, /10%\s+10% ship · 10 votes/);
    assert.match(text, /The community is much cooler on this than the panel\./);
  });
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
  await expectAttribute(skip('Mistral 8x24B Mixture-of-Experts'), 'aria-pressed', 'true', 'the well-formed vote survives');
});

test('when storage throws, voting still works for the visit and the page says so', async () => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  await open();
  await ship(O3).click();
  await expectAttribute(ship(O3), 'aria-pressed', 'true');
  await expectText(community(), /will not be remembered/);
  assert.deepEqual(page.problems, []);
});

test('when storage is full, the vote counts and the page says it will not be remembered', async () => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await open();
  await ship(O3).click();
  await expectAttribute(ship(O3), 'aria-pressed', 'true');
  await expectText(community(), /will not be remembered/);
});

const VOTER = /^[A-Za-z0-9_-]{16,64}$/;
const SEED_ID = 'weekly-ai-tool-verdicts';
const BUNDLE_FILE = 'public/data/bundle.json';

/** Opens the page with the vote endpoint set to `url`, on a clock the test moves (the vote
 * settles 600 ms before it is sent). Returns the votes the page posts, as they are sent. */
async function openWithCollector(url, p = page) {
  server.override('index.html', { type: 'text/html', body: withEndpoint(url) });
  const sent = [];
  p.on('request', (r) => {
    if (r.method() === 'POST' && r.url() === `${url}v1/votes`) sent.push({ body: r.postDataJSON(), headers: r.headers() });
  });
  await p.clock.install();
  await p.goto(server.url + PAIR);
  await p.getByRole('region', { name: 'Community vote' }).waitFor();
  return sent;
}

/** Clicks, lets the vote settle, and waits for the collector's answer. */
async function voteAndSend(button, p = page) {
  const answered = p.waitForResponse((r) => r.url().endsWith('/v1/votes') && r.request().method() === 'POST');
  await button.click();
  await p.clock.runFor(700);
  return answered;
}

test('the collector gets one vote per change, with this browser\'s voter id and no credentials', async () => {
  const real = await startRealCollector({ bundle: BUNDLE_FILE, allowOrigin: server.origin });
  try {
    const sent = await openWithCollector(real.url);
    assert.equal((await voteAndSend(ship(O3))).status(), 200);
    assert.equal((await voteAndSend(skip(O3))).status(), 200);
    assert.equal((await voteAndSend(skip(O3))).status(), 200);
    // A double click is a vote and its undo: nothing is sent for it. The next vote shows that
    // nothing went out in between.
    await ship('Mistral 8x24B Mixture-of-Experts').dblclick();
    await page.clock.runFor(700);
    await voteAndSend(skip('Mistral 8x24B Mixture-of-Experts'));
    const voter = sent[0].body.voter;
    assert.match(voter, VOTER);
    // Each vote carries its own solved challenge (used once).
    const salts = sent.map((s) => s.body.proof?.salt);
    assert.ok(salts.every((salt) => /^[0-9a-f]{32}$/.test(salt)), JSON.stringify(salts));
    assert.equal(new Set(salts).size, sent.length);
    assert.deepEqual(sent.map(({ body: { proof, ...vote } }) => vote), [
      { bundle: SEED_ID, tool: 'openai-o3-pro-api', voter, verdict: 'ship' },
      { bundle: SEED_ID, tool: 'openai-o3-pro-api', voter, verdict: 'skip' },
      { bundle: SEED_ID, tool: 'openai-o3-pro-api', voter, verdict: null },
      { bundle: SEED_ID, tool: 'mistral-8x24b', voter, verdict: 'skip' },
    ]);
    assert.ok(sent.every((s) => s.headers['content-type'] === 'application/json' && !s.headers.cookie));
    const tallies = await real.tallies(SEED_ID);
    assert.deepEqual(tallies.tools, { 'mistral-8x24b': { ship: 0, skip: 1 } });
    assert.deepEqual(page.problems, []);
  } finally {
    await real.close();
  }
});

test('two visitors vote and a third sees both; a changed and a taken-back vote follow', async () => {
  const real = await startRealCollector({ bundle: BUNDLE_FILE, allowOrigin: server.origin });
  try {
    const visitors = [];
    for (let i = 0; i < 3; i++) visitors.push(await newPage(browser));
    const [a, b, c] = visitors;
    const shipO3 = (p) => p.getByRole('region', { name: 'Community vote' }).getByRole('button', { name: `Ship ${O3}`, exact: true });
    const skipO3 = (p) => p.getByRole('region', { name: 'Community vote' }).getByRole('button', { name: `Skip ${O3}`, exact: true });
    const o3Figure = (p) => p.getByRole('region', { name: O3 }).innerText();
    await openWithCollector(real.url, a);
    await openWithCollector(real.url, b);
    await voteAndSend(shipO3(a), a);
    await voteAndSend(shipO3(b), b);
    // B's page read the tallies again after its vote: both votes, B's own counted once.
    await b.getByRole('region', { name: O3 }).getByText('2 votes').waitFor();
    await openWithCollector(real.url, c);
    await c.getByRole('region', { name: O3 }).getByText('2 votes').waitFor();
    await expectMatch(() => o3Figure(c), /Community\s+—\s+2 votes/);

    await voteAndSend(skipO3(a), a); // changed
    await voteAndSend(shipO3(b), b); // taken back
    assert.deepEqual((await real.tallies(SEED_ID)).tools, { 'openai-o3-pro-api': { ship: 0, skip: 1 } });
    await c.reload();
    await c.getByRole('region', { name: O3 }).getByText('1 vote', { exact: true }).waitFor();
    // A reloads: its own acknowledged vote is in the live tallies, and counted once.
    await a.reload();
    await expectAttribute(skipO3(a), 'aria-pressed', 'true');
    await a.getByRole('region', { name: O3 }).getByText('1 vote', { exact: true }).waitFor();
    for (const p of visitors) assert.deepEqual(p.problems, []);
  } finally {
    await real.close();
  }
});

test('the challenge is solved while the visitor reads, and the vote goes out as soon as it settles', async () => {
  const real = await startRealCollector({ bundle: BUNDLE_FILE, allowOrigin: server.origin });
  try {
    const challenges = [];
    page.on('response', async (r) => {
      if (r.url() === `${real.url}v1/challenge`) challenges.push(await r.json());
    });
    const sent = await openWithCollector(real.url);
    // Fetched with the page, before any vote.
    await eventually(async () => assert.ok(challenges.length >= 1, 'a challenge was fetched on load'));
    const answer = await voteAndSend(ship(O3));
    assert.equal(answer.status(), 200);
    assert.deepEqual(await answer.json(), { ok: true, tool: 'openai-o3-pro-api', verdict: 'ship', counted: true, held: false });
    assert.equal(sent[0].body.proof.salt, challenges[0].salt, 'the vote used the challenge solved while the page was read');
    await page.getByRole('region', { name: O3 }).getByText('1 vote', { exact: true }).waitFor();
    await expectText(community(), /Your vote: Ship\. Press it again to take it back\./);
    assert.deepEqual((await real.tallies(SEED_ID)).tools, { 'openai-o3-pro-api': { ship: 1, skip: 0 } });
    assert.deepEqual(page.problems, []);
  } finally {
    await real.close();
  }
});

test('a visitor over the daily limit is told the vote was kept but not counted, and it still shows as theirs', async () => {
  // A limit of one vote per tool per network: the second visitor on this machine is over it.
  const real = await startRealCollector({ bundle: BUNDLE_FILE, allowOrigin: server.origin, args: ['--daily-limit', '1'] });
  try {
    const [a, b] = [await newPage(browser), await newPage(browser)];
    const shipO3 = (p) => p.getByRole('region', { name: 'Community vote' }).getByRole('button', { name: `Ship ${O3}`, exact: true });
    await openWithCollector(real.url, a);
    await openWithCollector(real.url, b);
    const first = await voteAndSend(shipO3(a), a);
    assert.equal((await first.json()).counted, true);
    const second = await voteAndSend(shipO3(b), b);
    assert.equal(second.status(), 200);
    assert.equal((await second.json()).counted, false);
    const told = /Your vote: Ship\. It is kept on this device but not counted today: this tool has had its share of votes from your network today\./;
    await expectText(b.getByRole('region', { name: 'Community vote' }), told);
    await expectAttribute(shipO3(b), 'aria-pressed', 'true');
    // The figure is what is counted: A's vote, not B's.
    await b.getByRole('region', { name: O3 }).getByText('1 vote', { exact: true }).waitFor();
    assert.deepEqual((await real.tallies(SEED_ID)).tools, { 'openai-o3-pro-api': { ship: 1, skip: 0 } });
    // After a reload, still theirs, still said.
    await b.reload();
    await expectAttribute(shipO3(b), 'aria-pressed', 'true');
    await expectText(b.getByRole('region', { name: 'Community vote' }), told);
    await b.getByRole('region', { name: O3 }).getByText('1 vote', { exact: true }).waitFor();
    for (const p of [a, b]) assert.deepEqual(p.problems, []);
  } finally {
    await real.close();
  }
});

test('the collector stopped mid-visit: the vote is kept on the device and sent once it is back', async () => {
  const real = await startRealCollector({ bundle: BUNDLE_FILE, allowOrigin: server.origin });
  try {
    await openWithCollector(real.url);
    await real.kill();
    await ship(O3).click();
    await page.clock.runFor(700);
    await community().getByText('Saved on this device only').waitFor();
    await expectAttribute(ship(O3), 'aria-pressed', 'true');
    await expectText(page.getByRole('region', { name: O3 }), /Community\s+—\s+1 vote/, 'the figures still hold the vote');
    await real.start();
    // On the next visit the vote the collector never acknowledged is sent.
    const answered = page.waitForResponse((r) => r.url().endsWith('/v1/votes'));
    await page.reload();
    await page.clock.runFor(700);
    assert.equal((await answered).status(), 200);
    assert.deepEqual((await real.tallies(SEED_ID)).tools, { 'openai-o3-pro-api': { ship: 1, skip: 0 } });
    await page.getByRole('region', { name: O3 }).getByText('1 vote', { exact: true }).waitFor();
    await expectCount(community().getByText('Saved on this device only'), 0);
  } finally {
    await real.close();
  }
});

test('without an endpoint nothing is sent anywhere', async () => {
  const requests = [];
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
  await page.clock.install();
  await open();
  await ship(O3).click();
  await skip('Mistral 8x24B Mixture-of-Experts').click();
  await page.clock.runFor(1200); // past the time a vote settles before it is sent
  assert.deepEqual(requests.filter((r) => !r.startsWith(`GET ${server.origin}/tools/compare/`)), []);
  assert.equal(collector.reports.length, 0);
});
