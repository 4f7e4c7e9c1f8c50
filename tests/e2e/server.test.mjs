// The site server (docs/server.md): a generated 300-tool catalogue published with the default page
// budget into a copy of the release build and served by verdicts-site from a sub-path. A pair
// beyond the budget has its own title, description and 1200 × 630 preview with scripts off, and
// the app takes it over under the site's strict CSP; the reversed order redirects to the
// canonical folder; an unknown id offers the nearest pairs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { launch, newPage } from '../support/browser.mjs';
import { freePort } from '../support/collector.mjs';

const BASE = 'https://verdicts.example/tools/compare/';
const BINARY = process.env.VERDICTS_SITE_BIN || 'target/debug/verdicts-site';

let work;
let site;
let child;
let url;
let browser;
let bundle;

const nameOf = (id) => bundle.tools.find((t) => t.id === id).name;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'verdicts-server-'));
  site = join(work, 'site');
  cpSync('dist', site, { recursive: true });
  const generated = spawnSync('target/debug/verdicts-generate', ['--tools', '300', '--roles', '4'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(generated.status, 0, generated.stderr);
  writeFileSync(join(work, 'bundle.json'), generated.stdout);
  bundle = JSON.parse(generated.stdout);
  const run = spawnSync('scripts/publish.sh', ['--bundle', join(work, 'bundle.json'), '--base-url', BASE, '--out', site], { encoding: 'utf8' });
  assert.equal(run.status, 0, `publish.sh failed:\n${run.stdout}\n${run.stderr}`);
  const port = await freePort();
  child = spawn(BINARY, ['--site', site, '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('verdicts-site did not start within 60 s')), 60_000);
    child.once('exit', (code) => fail(new Error(`verdicts-site exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (l) => {
      clearTimeout(timer);
      ok(l);
    });
  });
  assert.match(line, /^verdicts-site: listening on http:\/\/127\.0\.0\.1:\d+\/tools\/compare\//);
  url = `http://127.0.0.1:${port}/tools/compare/`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A pair in canonical order (alphabetical: neither is featured) that the publish left out. */
function pairBeyondBudget() {
  const featured = new Set([...(bundle.featured?.default ?? []), ...(bundle.featured?.pairs ?? []).flat()]);
  const ids = bundle.tools.map((t) => t.id).filter((id) => !featured.has(id)).sort();
  for (let i = ids.length - 1; i > 0; i--) {
    const [a, b] = [ids[0], ids[i]];
    if (!existsSync(join(site, `${a}-vs-${b}`))) return [a, b];
  }
  throw new Error('every pair has a page');
}

async function pngSize(address) {
  const response = await fetch(address);
  assert.equal(response.status, 200, address);
  assert.equal(response.headers.get('content-type'), 'image/png');
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('a pair beyond the page budget has its own title, description and preview with scripts off', async () => {
  const [a, b] = pairBeyondBudget();
  const page = await newPage(browser, { javaScriptEnabled: false });
  const response = await page.goto(`${url}${a}-vs-${b}/`);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['cache-control'], /s-maxage=\d+/);
  assert.equal(await page.title(), `${nameOf(a)} vs ${nameOf(b)} — Verdicts`);
  const description = await page.locator('meta[name="description"]').getAttribute('content');
  assert.ok(description.includes(nameOf(a)) && description.includes(nameOf(b)), description);
  assert.equal(await page.locator('meta[property="og:title"]').getAttribute('content'), `${nameOf(a)} vs ${nameOf(b)} — Verdicts`);
  assert.equal(await page.locator('link[rel="canonical"]').getAttribute('href'), `${BASE}${a}-vs-${b}/`);
  const image = await page.locator('meta[property="og:image"]').getAttribute('content');
  assert.equal(image, `${BASE}${a}-vs-${b}/preview.png`);
  assert.deepEqual(await pngSize(url + image.slice(BASE.length)), [1200, 630]);
  await assert.doesNotReject(page.getByRole('heading', { name: new RegExp(nameOf(a)) }).first().waitFor());
});

test('the app takes a rendered page over under the site\'s policy', async () => {
  const [a, b] = pairBeyondBudget();
  const page = await newPage(browser);
  await page.goto(`${url}${a}-vs-${b}/`);
  assert.equal(await page.title(), `${nameOf(a)} vs ${nameOf(b)} — Verdicts`);
  assert.deepEqual(page.problems, []);
});

test('the reversed order redirects to the canonical folder with the order in the query', async () => {
  const [a, b] = pairBeyondBudget();
  const response = await fetch(`${url}${b}-vs-${a}/?roles=lens-0`, { redirect: 'manual' });
  assert.equal(response.status, 301);
  assert.equal(response.headers.get('location'), `/tools/compare/${a}-vs-${b}/?a=${b}&b=${a}&roles=lens-0`);
  const page = await newPage(browser);
  await page.goto(`${url}${b}-vs-${a}/`);
  assert.equal(page.url(), `${url}${a}-vs-${b}/?a=${b}&b=${a}`);
  assert.equal(await page.title(), `${nameOf(b)} vs ${nameOf(a)} — Verdicts`);
});

test('an unknown id is a 404 offering the nearest pairs', async () => {
  const [a, b] = pairBeyondBudget();
  const page = await newPage(browser, { javaScriptEnabled: false });
  const response = await page.goto(`${url}${a}x-vs-${b}/`);
  assert.equal(response.status(), 404);
  await assert.doesNotReject(page.getByText(`No tool has the id “${a}x”.`).waitFor());
  const link = page.getByRole('link', { name: `${nameOf(a)} vs ${nameOf(b)}` });
  assert.equal(await link.getAttribute('href'), `${a}-vs-${b}/`);
  assert.ok(readFileSync(join(site, '404.html'), 'utf8').length > 0);
});
