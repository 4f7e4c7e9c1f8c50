// The catalogue-size section of the benchmark: the same app published from three catalogues (the
// seed, 2,000 and 100,000 generated tools of the seed's shape: four reviewer roles, one review per
// role and tool), served the same way, measured side by side on a pair page. Every figure a
// visitor feels is shown beside the seed's from the same run, so what differs is the catalogue's
// size and not what one page shows. (Eight roles' pages block the main thread about twice as long
// as four roles' whatever the catalogue's size: docs/performance.md.)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './static-server.mjs';
import { median, p95 } from './stats.mjs';
import { newPage } from '../tests/support/browser.mjs';


/** Lighthouse's slow 4G, as CDP network conditions. */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

const files = (dir) => readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile()).length;

/** Publishes `bundle` with the built app of dist/ into `dir`: the time to publish its data files
 * alone (`--data-only`, what this section's target is about), and what the site holds. The site
 * gets the pages of its default and featured pairs and no preview images (`--max-pages 0
 * --no-previews`): the pair page measured is the same as in a full publish, whose time, with every
 * tool's page and the budgeted pairs, is the publishing benchmark's (scripts/publish-bench.sh). */
export function publishCatalogue(bundle, dir) {
  rmSync(dir, { recursive: true, force: true });
  cpSync('dist', dir, { recursive: true });
  const dataOnly = `${dir}.data-only`;
  rmSync(dataOnly, { recursive: true, force: true });
  const t0 = performance.now();
  execFileSync('target/release/verdicts-publish', ['--bundle', bundle, '--data-only', '--out', dataOnly], { stdio: 'ignore' });
  const seconds = (performance.now() - t0) / 1000;
  rmSync(dataOnly, { recursive: true, force: true });
  const out = execFileSync('target/release/verdicts-publish', ['--bundle', bundle, '--base-url', 'http://127.0.0.1:8080/', '--out', dir, '--max-pages', '0', '--no-previews'], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
  const data = out.split('\n').find((l) => l.startsWith('Data ')) ?? '';
  const number = (re) => Number((data.match(re) ?? [])[1] ?? NaN);
  return {
    seconds,
    files: files(dir),
    dataFiles: number(/: (\d+) file\(s\)/),
    shards: number(/(\d+) tool shard/),
    shardBytes: number(/tool shard\(s\) \((\d+) B in all/),
    largestShard: number(/tool shard\(s\) \(\d+ B in all, the largest (\d+) B/),
    nameFiles: number(/(\d+) name file/),
    largestNameFile: number(/name file\(s\) \(\d+ B in all, the largest (\d+) B/),
  };
}

/** Counts what crosses the network (encoded bytes) from now on, and which data files. */
async function meter(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map();
  let bytes = 0;
  let data = [];
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    const url = urls.get(e.requestId) ?? '';
    if (url.includes('/data/')) data.push(url.slice(url.indexOf('/data/') + 1));
  });
  return {
    cdp,
    reset() {
      bytes = 0;
      data = [];
    },
    read: () => ({ bytes, data: [...data] }),
  };
}

const visible = (page) => page.waitForFunction(() => performance.getEntriesByName('verdicts:comparison-visible').length > 0, null, { timeout: 60_000 });
const heading = (page) => page.evaluate(() => document.querySelector('h1')?.textContent ?? '');

/** One catalogue's figures on its default pair's page. */
async function measure(browser, url, { otherPair, query, runs }) {
  // Bytes until the comparison is interactive, and for a pair switch.
  const page = await newPage(browser, { viewport: { width: 412, height: 823 }, waitForApp: false });
  const m = await meter(page);
  await page.goto(url);
  await visible(page);
  const load = m.read();
  // What reading the data files' JSON (serde_json, in the app) took, file by file.
  const reads = await page.evaluate(() => performance.getEntriesByType('measure').filter((e) => e.name.startsWith('verdicts:read-json ')).map((e) => ({ file: e.name.slice('verdicts:read-json '.length).replace(/^.*\/data\/(v\d+\/[0-9a-f]+\/)?/, ''), ms: e.duration })));
  m.reset();
  const before = await heading(page);
  await page.evaluate((q) => { history.pushState(null, '', q); dispatchEvent(new PopStateEvent('popstate')); }, otherPair);
  await page.waitForFunction((h) => document.querySelector('h1')?.textContent !== h, before, { timeout: 60_000 });
  const switched = m.read();

  // A keystroke → the list, once the name files of every prefix of the query are in.
  const input = page.getByRole('combobox', { name: 'First tool' });
  await input.click();
  m.reset();
  await input.pressSequentially(query);
  await page.getByRole('option').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => ![...document.querySelectorAll('.picker [role=status]')].some((s) => s.textContent.includes('Searching')), null, { timeout: 60_000 });
  const search = m.read();
  const prefixes = Array.from({ length: query.length - 1 }, (_, i) => query.slice(0, i + 2));
  const keystroke = [];
  for (let i = 0; i < runs; i++) {
    keystroke.push(await page.evaluate(async (text) => {
      const field = document.getElementById('first-tool-input');
      const t0 = performance.now();
      field.value = text;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
      document.documentElement.getBoundingClientRect();
      const took = performance.now() - t0;
      return [took, document.querySelectorAll('#first-tool-listbox [role=option]').length];
    }, prefixes[i % prefixes.length]));
  }
  await page.context().close();

  // Navigation → interactive on the phone profile, and the first results of a query whose name
  // file is not in yet, on slow 4G.
  const interactive = [];
  const blocking = [];
  const phoneReads = [];
  const firstResults = [];
  for (let i = 0; i < 5; i++) {
    const phone = await newPage(browser, { viewport: { width: 412, height: 823 }, waitForApp: false });
    await phone.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((l) => window.__longTasks.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask' });
    });
    const cdp = await phone.context().newCDPSession(phone);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_CPU.rate });
    await phone.goto(url);
    await visible(phone);
    interactive.push(await phone.evaluate(() => performance.getEntriesByName('verdicts:comparison-visible')[0].startTime));
    // Blocking time as observed on the throttled phone (not simulated): each long task's excess
    // over 50 ms, from the first contentful paint to the interactive comparison.
    blocking.push(await phone.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
      const until = performance.getEntriesByName('verdicts:comparison-visible')[0].startTime;
      return window.__longTasks.filter(([start]) => start >= fcp && start <= until).reduce((t, [, d]) => t + Math.max(0, d - 50), 0);
    }));
    phoneReads.push(await phone.evaluate(() => performance.getEntriesByType('measure').filter((e) => e.name.startsWith('verdicts:read-json ')).reduce((t, e) => t + e.duration, 0)));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const field = phone.getByRole('combobox', { name: 'First tool' });
    await field.click();
    const t0 = await phone.evaluate(() => performance.now());
    await field.pressSequentially(query.slice(0, 3));
    await phone.getByRole('option').first().waitFor({ timeout: 60_000 });
    firstResults.push((await phone.evaluate(() => performance.now())) - t0);
    await phone.context().close();
  }
  return { load, reads, phoneReads, blocking, switched, search, keystroke, interactive, firstResults };
}

/** The phone profile's CPU slowdown, set by the benchmark once it is calibrated. */
export const PHONE_CPU = { rate: 4 };

/**
 * The section: publishes the 2,000- and 100,000-tool catalogues (the seed is dist/ as built),
 * measures each and adds the rows.
 */
export async function catalogueSizes({ browser, lighthouseScores, lighthouseRuns, row, kb, ms, runs }) {
  const catalogues = [
    { name: 'seed (4 tools)', dir: 'dist', published: null, otherPair: '?a=mistral-8x22b-instruct-v2&b=openai-o3-pro-api', query: 'mistral ai' },
    { name: '2,000 tools', bundle: 'target/bench/tools-2000x4.json', dir: 'target/bench/site-2000x4', otherPair: '?a=tool-00002&b=tool-01234', query: 'fictional labs' },
    { name: '100,000 tools', bundle: 'target/bench/tools-100000x4.json', dir: 'target/bench/site-100000x4', otherPair: '?a=tool-00002&b=tool-71234', query: 'fictional labs' },
  ];
  for (const c of catalogues) {
    if (c.bundle && existsSync(c.bundle)) c.published = process.env.BENCH_REUSE_SITES && existsSync(join(c.dir, 'data/catalog.json')) ? { seconds: NaN, files: files(c.dir), dataFiles: NaN } : publishCatalogue(c.bundle, c.dir);
  }
  const results = [];
  const servers = [];
  try {
    for (const c of catalogues) {
      if (c.dir !== 'dist' && !c.published) continue;
      const server = await startServer({ root: c.dir, prefix: '/tools/compare/' });
      servers.push(server);
      console.error(`catalogue sizes: measuring ${c.name}`);
      results.push({ ...c, url: server.url, ...(await measure(browser, server.url, { otherPair: c.otherPair, query: c.query, runs })) });
    }
    // Lighthouse, its runs interleaved so that every catalogue sees the same moments of the
    // machine; at least seven, as its simulated LCP moves in steps from run to run and one run's
    // TBT on this two-core machine can be ten times another's for the same page.
    const lhRuns = Math.max(lighthouseRuns, 7);
    const lh = results.map(() => []);
    for (let i = 0; i < lhRuns; i++) {
      for (const [k, r] of results.entries()) lh[k].push(await lighthouseScores(r.url, 1));
    }
    for (const [k, r] of results.entries()) {
      const of = (key) => lh[k].map((x) => x[key]);
      r.lighthouse = { lcp: median(of('lcp')), tbt: median(of('tbt')), lcps: of('lcp'), tbts: of('tbt') };
    }
  } finally {
    for (const server of servers) await server.close();
  }
  const seed = results[0];
  const range = (xs) => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;
  const ratio = (a, b) => `×${(a / b).toFixed(2)}`;
  for (const r of results) {
    const vs = (value, seedValue, show) => (r === seed ? '' : `seed ${show(seedValue)} (${ratio(value, seedValue)})`);
    const n = r.name;
    row(`${n}: bytes until the comparison is interactive (data files)`, `${kb(r.load.bytes)} (${r.load.data.join(', ') || 'none'})`, vs(r.load.bytes, seed.load.bytes, kb), '≤ 1.1 × seed', r === seed ? null : r.load.bytes <= 1.1 * seed.load.bytes);
    const readMs = r.reads.reduce((t, x) => t + x.ms, 0);
    row(`${n}: reading the data files' JSON in the app (serde_json): desktop / phone CPU (median of 5)`, `${ms(readMs)} (${r.reads.map((x) => `${x.file} ${x.ms.toFixed(2)}`).join(', ')}) / ${ms(median(r.phoneReads))}`, `${(100 * median(r.phoneReads) / median(r.interactive)).toFixed(1)} % of navigation → interactive on the phone`, '', null);
    row(`${n}: bytes for a pair switch (files)`, `${kb(r.switched.bytes)} (${r.switched.data.length} file(s))`, vs(r.switched.bytes, seed.switched.bytes, kb), '', null);
    row(`${n}: bytes for the query “${r.query}”, typed (name files)`, `${kb(r.search.bytes)} (${r.search.data.length})`, vs(r.search.bytes, seed.search.bytes, kb), '', null);
    for (const [label, key, slack] of [['Lighthouse mobile LCP', 'lcp', 0], ['Lighthouse mobile TBT', 'tbt', 10]]) {
      const [value, seedValue, runsOf, seedRuns] = [r.lighthouse[key], seed.lighthouse[key], r.lighthouse[`${key}s`], seed.lighthouse[`${key}s`]];
      const inRatio = value <= Math.max(1.1 * seedValue, seedValue + slack);
      const inNoise = value <= Math.max(...seedRuns);
      row(`${n}: ${label} (median, range of ${runsOf.length})`, `${ms(value)} (${range(runsOf)})`, r === seed ? '' : `seed ${ms(seedValue)} (${range(seedRuns)}) (${ratio(value, seedValue)})`, '≤ 1.1 × seed or within noise', r === seed ? null : inRatio ? true : inNoise ? 'within noise' : false);
    }
    row(`${n}: navigation → interactive comparison, phone (slow 4G, ${PHONE_CPU.rate}× CPU; median, range of 5)`, `${ms(median(r.interactive))} (${range(r.interactive)})`, vs(median(r.interactive), median(seed.interactive), ms), '≤ 1.1 × seed or within noise', r === seed ? null : median(r.interactive) <= 1.1 * median(seed.interactive) || median(r.interactive) <= Math.max(...seed.interactive));
    {
      const [value, seedValue] = [median(r.blocking), median(seed.blocking)];
      const met = value <= Math.max(1.1 * seedValue, seedValue + 10) ? true : value <= Math.max(...seed.blocking) ? 'within noise' : false;
      row(`${n}: blocking time observed, phone (long tasks' excess over 50 ms, first paint → interactive; median, range of 5)`, `${ms(value)} (${range(r.blocking)})`, vs(value, seedValue, ms) + (r === seed ? '' : `, range ${range(seed.blocking)}`), '≤ 1.1 × seed or within noise', r === seed ? null : met);
    }
    const keys = r.keystroke.map(([t]) => t);
    const seedKeys = seed.keystroke.map(([t]) => t);
    const options = median(r.keystroke.map(([, o]) => o));
    const keyMet = p95(keys) > 16 ? false : p95(keys) <= 1.1 * p95(seedKeys) ? true : p95(keys) <= Math.max(...seedKeys) ? 'within noise' : 'p95 only';
    row(`${n}: keystroke → list, work (median / p95 of ${keys.length}; options listed, median ${options})`, `${ms(median(keys))} / ${ms(p95(keys))}`, r === seed ? `range ${range(keys)}` : `seed ${ms(p95(seedKeys))}, range ${range(seedKeys)} (${ratio(p95(keys), p95(seedKeys))})`, 'p95 ≤ 16 ms; ≤ 1.1 × seed or within noise', r === seed ? null : keyMet);
    row(`${n}: first keystroke → results, name file not yet in (slow 4G; median, range of 5)`, `${ms(median(r.firstResults))} (${range(r.firstResults)})`, vs(median(r.firstResults), median(seed.firstResults), ms), '≤ 300 ms', median(r.firstResults) <= 300);
    if (r.published) {
      const p = r.published;
      row(`${n}: publish the data (time / files in the site / data files)`, `${p.seconds.toFixed(1)} s / ${p.files} / ${p.dataFiles}`, `1 data file per ${(Number(n.replace(/\D/g, '')) / p.dataFiles).toFixed(0)} tools`, '≤ 1 data file per 16 tools', p.dataFiles * 16 <= Number(n.replace(/\D/g, '')));
      row(`${n}: shards (count / average / largest)`, `${p.shards} / ${kb(p.shardBytes / p.shards)} / ${kb(p.largestShard)}`, `name files ${p.nameFiles}, largest ${kb(p.largestNameFile)}`, '', null);
    }
  }
}
