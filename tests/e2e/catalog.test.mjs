// A catalogue of 2,000 generated tools, published into a copy of the release build and served
// from a sub-path: what a visit reads (the entry point; a name file and two shards at most), a
// tool found by its vendor's name typed without accents, a shard or a name file that fails
// (its error with Retry where the missing part would be, the rest of the page working), and a
// publish while a page is open.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { appSuite, freshPageEachTest } from '../support/suite.mjs';
import { ENTRY, GENERATOR, PUBLISHER, fileOf, namesPath, shardPath } from '../support/data.mjs';
import { expectCount, expectEqual, expectMatch, expectText } from '../support/expect.mjs';

const BASE = 'https://verdicts.example/tools/compare/';
// Found by its vendor's name only: no other tool's name, vendor or category has these words.
const VENDOR = { id: 'tool-01234', vendor: 'Zürich Réseaux', typed: 'reseaux zurich' };

let work;
let site;
let server;
let browser;
let page;
let bundle;
let manifest;

const nameOf = (id, b = bundle) => b.tools.find((t) => t.id === id).name;
const readManifest = () => JSON.parse(readFileSync(join(site, ENTRY), 'utf8'));

/** Publishes `b` into the site as scripts/publish.sh does (made beside it, swapped in), with the
 * default and featured pairs' pages only (`--max-pages 0`): these tests are about the data files,
 * and the other pairs' folders are served by the site's 404.html. */
function publish(b) {
  const file = join(work, 'bundle.json');
  writeFileSync(file, JSON.stringify(b));
  const run = spawnSync(PUBLISHER, ['--bundle', file, '--base-url', BASE, '--out', site, '--max-pages', '0'], { encoding: 'utf8' });
  assert.equal(run.status, 0, `${PUBLISHER} failed:\n${run.stdout}\n${run.stderr}`);
  return readManifest();
}

appSuite((s) => ({ server, browser } = s), {
  site: async () => {
    work = mkdtempSync(join(tmpdir(), 'verdicts-catalog-'));
    site = join(work, 'site');
    cpSync('dist', site, { recursive: true });
    const generated = join(work, 'generated.json');
    const out = openSync(generated, 'w');
    const run = spawnSync(GENERATOR, ['--tools', '2000', '--roles', '4', '--seed', '26'], { stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
    closeSync(out);
    assert.equal(run.status, 0, `${GENERATOR} failed: ${run.stderr}`);
    bundle = JSON.parse(readFileSync(generated, 'utf8'));
    bundle.tools.find((t) => t.id === VENDOR.id).vendor = VENDOR.vendor;
    manifest = publish(bundle);
    assert.equal(manifest.tools, 2000);
    assert.ok(manifest.shards > 2 && manifest.names.length > 1, 'a catalogue of many shards and name files');
    return site;
  },
});
after(() => work && rmSync(work, { recursive: true, force: true }));
freshPageEachTest(() => ({ server, browser }), (p) => {
  page = p;
  // What the page asks of the catalogue's data, in order (the browser's network log).
  page.data = [];
  page.on('request', (r) => {
    if (r.url().startsWith(server.url + 'data/')) page.data.push(r.url().slice(server.url.length));
  });
});

const heading = (p = page) => p.getByRole('heading', { level: 1 });
/** Waits until the page's heading names the pair `a` vs `b` (names). */
const pairHeading = (a, b, p = page) =>
  expectMatch(() => heading(p).innerText(), new RegExp(`^${a}\\s+vs\\s+${b}$`), `the pair ${a} vs ${b}`, { timeout: 20_000 });
/** The data requests made by `act`. */
async function dataReadBy(act) {
  const before = page.data.length;
  await act();
  return page.data.slice(before);
}
/** The option of the tool named `name` exactly (not one whose name goes on with more digits). */
const option = (name, p = page) =>
  p.getByRole('option', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9])`) });
const sorted = (list) => [...list].sort();
const unique = (list) => sorted(new Set(list));

// A featured pair, published as a page; two other tools, each in a shard of its own.
const [A, B] = ['tool-00002', 'tool-00003'];
const [C, D] = ['tool-01500', 'tool-00777'];

test('a pair page reads the entry point alone; a pair in the address two shards; a switch at most two, none when cached', async () => {
  assert.notEqual(shardPath(manifest, C), shardPath(manifest, D), 'the test needs two shards');
  const opened = await dataReadBy(async () => {
    await page.goto(server.url + `${A}-vs-${B}/`);
    await pairHeading(nameOf(A), nameOf(B));
  });
  assert.deepEqual(opened, [ENTRY], 'the page carries its own two tools');

  // A switch by a related comparison's link: the shards of the tools not on the page, once each.
  const related = page.getByRole('region', { name: 'Related comparisons' }).getByRole('link');
  await expectEqual(async () => (await related.count()) > 0, true, 'related comparisons are listed');
  // The pair shown is the one the address names once the link is followed.
  const idsOf = (address) => {
    const url = new URL(address);
    return url.searchParams.has('a')
      ? [url.searchParams.get('a'), url.searchParams.get('b')]
      : url.pathname.slice(new URL(server.url).pathname.length).replace(/\/$/, '').split('-vs-');
  };
  const opened_at = page.url();
  let x;
  let y;
  const switched = await dataReadBy(async () => {
    await related.first().click();
    await expectEqual(() => page.url() !== opened_at, true, 'the link is followed');
    [x, y] = idsOf(page.url());
    await pairHeading(nameOf(x), nameOf(y));
  });
  const fetched = [x, y].filter((id) => id !== A && id !== B).map((id) => shardPath(manifest, id));
  assert.ok(fetched.length >= 1, `the link shows a tool not on the page: ${x} vs ${y}`);
  assert.deepEqual(sorted(switched), unique(fetched), 'the new tool\'s shard, nothing else');

  // Back, Forward and Swap show pairs already read: nothing is fetched.
  const again = await dataReadBy(async () => {
    await page.goBack();
    await pairHeading(nameOf(A), nameOf(B));
    await page.goForward();
    await pairHeading(nameOf(x), nameOf(y));
    await page.getByRole('button', { name: 'Swap tools' }).click();
    await pairHeading(nameOf(y), nameOf(x));
  });
  assert.deepEqual(again, [], 'nothing read again');

  // A pair named in the address, on the index: the entry point and the two tools' shards.
  const linked = await dataReadBy(async () => {
    await page.goto(server.url + `?a=${C}&b=${D}`);
    await pairHeading(nameOf(C), nameOf(D));
  });
  assert.deepEqual(sorted(linked), sorted([ENTRY, shardPath(manifest, C), shardPath(manifest, D)]));
  await expectCount(page.getByRole('region', { name: 'Reviews' }).getByRole('article'), 8);
  assert.deepEqual(page.problems, []);
});

test('a tool is found by its vendor typed without accents, from one name file', async () => {
  await page.goto(server.url + `${A}-vs-${B}/`);
  await pairHeading(nameOf(A), nameOf(B));
  const read = await dataReadBy(async () => {
    const first = page.getByRole('combobox', { name: 'First tool' });
    await first.fill(VENDOR.typed);
    const options = page.getByRole('listbox', { name: 'First tool' }).getByRole('option');
    await expectCount(options, 1, 'the one tool of that vendor');
    await expectText(options.first(), new RegExp(`${nameOf(VENDOR.id)}[\\s\\S]*${VENDOR.vendor}`));
    await page.keyboard.press('Enter');
    await pairHeading(nameOf(VENDOR.id), nameOf(B));
  });
  // The query's longest word names its file: "reseaux", under its longest prefix with a file.
  const key = fileOf(manifest, 'reseaux');
  assert.deepEqual(read, [namesPath(manifest, key), shardPath(manifest, VENDOR.id)]);
  assert.deepEqual(page.problems, []);
});

const SHARD_FAULTS = [
  ['answering 404', { status: 404, type: 'text/plain', body: 'gone' }, /not found \(HTTP 404\)/],
  ['cut short', null, /could not be read: EOF while parsing/],
];

for (const [name, fault, words] of SHARD_FAULTS) {
  test(`a shard ${name} is said with Retry where the comparison would be; the rest of the page works`, async () => {
    const broken = shardPath(manifest, C);
    const text = readFileSync(join(site, broken), 'utf8');
    server.override(broken, fault ?? { body: text.slice(0, text.length >> 1) });
    await page.goto(server.url + `?a=${C}&b=${D}`);
    const failed = page.getByRole('main').getByRole('alert');
    await expectText(failed, words);
    await expectCount(failed.getByRole('button', { name: 'Retry' }), 1);
    await expectCount(page.getByRole('status').filter({ hasText: 'Loading the comparison…' }), 0);
    assert.equal(await page.getByRole('region', { name: 'Reviews' }).count(), 0, 'no comparison of data it does not have');

    // The header and the pickers work: a pair it can read is shown.
    await expectCount(page.getByRole('banner').getByRole('link', { name: /Verdicts/ }), 1);
    await page.getByRole('combobox', { name: 'First tool' }).fill(nameOf(A));
    await option(nameOf(A)).click();
    await pairHeading(nameOf(A), nameOf(D));
    await expectCount(failed, 0);

    // Back to the broken pair: still said; once the file is back, Retry shows the comparison.
    await page.goBack();
    await expectText(failed, words);
    server.clear();
    await failed.getByRole('button', { name: 'Retry' }).click();
    await pairHeading(nameOf(C), nameOf(D));
    await expectCount(page.getByRole('region', { name: 'Reviews' }).getByRole('article'), 8);
    await expectCount(page.getByRole('alert'), 0);
    assert.deepEqual(page.problems.filter((p) => !/status of 404/.test(p)), []);
  });
}

for (const [name, fault] of [['503', { status: 503, type: 'text/plain', body: 'busy' }], ['404', { status: 404, type: 'text/plain', body: 'gone' }]]) {
  test(`a name file answering ${name} shows the picker's error with Retry, and the typed text stays`, async () => {
    await page.goto(server.url + `${A}-vs-${B}/`);
    await pairHeading(nameOf(A), nameOf(B));
    const key = fileOf(manifest, 'reseaux');
    server.override(namesPath(manifest, key), fault);
    const first = page.getByRole('combobox', { name: 'First tool' });
    await first.fill(VENDOR.typed);
    const failed = page.getByRole('alert').filter({ hasText: 'The tool list could not be searched.' });
    await expectText(failed, new RegExp(`HTTP ${name}`));
    await expectEqual(() => first.inputValue(), VENDOR.typed, 'the typed text stays');
    // The rest of the page works meanwhile.
    await expectText(heading(), new RegExp(`${nameOf(A)}\\s+vs\\s+${nameOf(B)}`));
    server.clear();
    await failed.getByRole('button', { name: 'Retry' }).click();
    await option(nameOf(VENDOR.id)).waitFor();
    await expectCount(failed, 0);
    await page.keyboard.press('Enter');
    await pairHeading(nameOf(VENDOR.id), nameOf(B));
    assert.deepEqual(page.problems.filter((p) => !/status of (404|503)/.test(p)), []);
  });
}

test('a publish while a page is open: the page goes on with the new data, and nothing of the old', async () => {
  await page.goto(server.url + `${A}-vs-${B}/`);
  await pairHeading(nameOf(A), nameOf(B));
  // The next publish renames the tool on screen and another one.
  const next = structuredClone(bundle);
  next.tools.find((t) => t.id === A).name = 'Renamed Alpha';
  next.tools.find((t) => t.id === C).name = 'Renamed Gamma';
  const republished = publish(next);
  assert.notEqual(republished.version, manifest.version, 'a new version');

  // The visitor looks for the other renamed tool: the old publish's name files are gone, the
  // page reads the new entry point and searches the new publish's.
  const first = page.getByRole('combobox', { name: 'Second tool' });
  await first.fill('renamed gamma');
  await option('Renamed Gamma').waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await pairHeading('Renamed Alpha', 'Renamed Gamma');
  assert.equal(await page.locator('#app').getByText(nameOf(A), { exact: true }).count(), 0, 'the old name is nowhere');
  await expectEqual(() => page.title(), 'Renamed Alpha vs Renamed Gamma — Verdicts');
  // Every file it read after the publish is the new one's.
  const versions = new Set(page.data.filter((p) => p.startsWith('data/v1/')).map((p) => p.split('/')[2]));
  assert.ok(versions.has(republished.version));
  assert.deepEqual(page.problems.filter((p) => !/status of 404/.test(p)), []);
  // The suite's other tests read the first publish.
  manifest = publish(bundle);
});

test('a publish after one change keeps the pages it does not touch: they show their own data and read no shard', async () => {
  // A tool that the pair page's data does not name (as one of its tools, their neighbours or
  // their alternatives), nor the entry point.
  const pageFile = join(site, `${A}-vs-${B}`, 'index.html');
  const html = readFileSync(pageFile, 'utf8');
  const carried = JSON.parse(html.match(/id="verdicts-page-data"[^>]*>([^<]*)<\/script>/)[1]);
  const named = new Set(carried.tools.flatMap((t) => [t.tool.id, ...t.neighbours.map((e) => e.id), ...t.alternatives.map((e) => e.id)]));
  const before = readManifest();
  for (const e of before.entries) named.add(e.id);
  const E = bundle.tools.map((t) => t.id).find((id) => !named.has(id));
  const TAGLINE = 'A tagline written after the first publish';
  const next = structuredClone(bundle);
  next.tools.find((t) => t.id === E).tagline = TAGLINE;
  const republished = publish(next);
  assert.deepEqual(republished.history, [{ version: before.version, changed: [E] }], 'only what changed was published');
  assert.equal(readFileSync(pageFile, 'utf8'), html, 'the pair page was kept as it was');

  // The kept page: its own two tools are current, so the visit reads the entry point alone, and
  // the live app takes it over.
  const opened = await dataReadBy(async () => {
    await page.goto(server.url + `${A}-vs-${B}/`);
    await pairHeading(nameOf(A), nameOf(B));
    await page.getByRole('button', { name: 'Swap tools' }).click();
    await pairHeading(nameOf(B), nameOf(A));
  });
  assert.deepEqual(opened, [ENTRY]);

  // The changed tool's page was written again, and a pair with it reads its new shard.
  await page.goto(server.url + `tools/${E}/`);
  await expectText(page.locator('#app'), new RegExp(TAGLINE));
  const linked = await dataReadBy(async () => {
    await page.goto(server.url + `?a=${E}&b=${A}`);
    await pairHeading(nameOf(E), nameOf(A));
  });
  assert.ok(linked.includes(shardPath(republished, E)), `the new shard of ${E}: ${linked}`);
  await expectText(page.locator('#app'), new RegExp(TAGLINE));
  assert.deepEqual(page.problems, []);
  manifest = publish(bundle);
});
