// How long the app takes to solve a vote's challenge in headless Chromium with the CPU slowed
// as the performance benchmark's phone (docs/performance.md), and the longest task meanwhile.
// Needs dist/ (scripts/build.sh) and the release collector; scripts/collector-bench.sh runs it.
//   node scripts/proof-bench.mjs [--runs N] (15) [--cpu-multiplier K] (3.5) [--difficulty D]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './static-server.mjs';
import { launch, newPage } from '../tests/support/browser.mjs';
import { freePort } from '../tests/support/collector.mjs';
import { median } from './stats.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Math.min(100, Math.max(1, Number(arg('runs', 15))));
const rate = Number(arg('cpu-multiplier', 3.5));
const difficulty = arg('difficulty', null);


const dir = mkdtempSync(join(tmpdir(), 'verdicts-proof-bench-'));
const site = await startServer({ root: 'dist', prefix: '/tools/compare/' });
const port = await freePort();
const collectorUrl = `http://127.0.0.1:${port}/`;
const collector = spawn('target/release/verdicts-collector', ['--listen', `127.0.0.1:${port}`, '--bundle', 'public/data/bundle.json',
  '--db', join(dir, 'votes.sqlite'), '--allow-origin', site.origin, ...(difficulty ? ['--difficulty', difficulty] : [])],
{ stdio: ['ignore', 'ignore', 'inherit'] });
const browser = await launch();
try {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try { if ((await fetch(`${collectorUrl}v1/nothing`)).status === 404) break; } catch { /* not yet */ }
    if (Date.now() > deadline || collector.exitCode !== null) throw new Error('the collector did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  const index = readFileSync('dist/index.html', 'utf8')
    .replace('<meta name="verdicts:vote-endpoint" content="">', `<meta name="verdicts:vote-endpoint" content="${collectorUrl}">`);
  site.override('index.html', { type: 'text/html', body: index });
  const solves = [];
  const longest = [];
  for (let i = 0; i < runs; i++) {
    const page = await newPage(browser);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.addInitScript(() => {
      window.__long = [];
      new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${site.url}?a=mistral-8x24b&b=openai-o3-pro-api`);
    // The first challenge is solved while the page starts; the one after a vote is solved on a
    // page at rest, so that its tasks are the solver's alone.
    await page.waitForFunction(() => performance.getEntriesByName('verdicts:proof-solved').length === 1, null, { timeout: 120_000 });
    await page.getByRole('region', { name: 'Community vote' }).getByRole('button', { name: 'Ship OpenAI o3 Pro API', exact: true }).click();
    const m = await page.waitForFunction(() => {
      const start = performance.getEntriesByName('verdicts:proof-start')[1];
      const solved = performance.getEntriesByName('verdicts:proof-solved')[1];
      if (!start || !solved) return null;
      const during = window.__long.filter(([t, d]) => t + d > start.startTime && t < solved.startTime);
      const tallies = performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/tallies/')).map((e) => e.responseEnd);
      return {
        solve: solved.startTime - start.startTime,
        longest: Math.max(0, ...during.map(([, d]) => d)),
        // Long tasks that begin once the tallies read after the vote have arrived: the page redrawn.
        afterTallies: during.filter(([t]) => tallies.some((end) => t >= end && t - end < 20)).length,
        count: during.length,
      };
    }, null, { timeout: 120_000 }).then((h) => h.jsonValue());
    solves.push(m.solve);
    longest.push(m.longest);
    console.log(`  run ${i + 1}: solved in ${Math.round(m.solve)} ms; ${m.count} tasks over 50 ms meanwhile (${m.afterTallies} as the tallies arrived: the page redrawn)`);
    await page.context().close();
  }
  const sorted = [...solves].sort((a, b) => a - b);
  console.log(`Proof of work in headless Chromium, CPU slowed ${rate}×, ${runs} solves${difficulty ? ` at difficulty ${difficulty}` : ''}:`);
  console.log(`  solve time median ${Math.round(median(solves))} ms (fastest ${Math.round(sorted[0])}, slowest ${Math.round(sorted.at(-1))})`);
  console.log(`  longest task while solving: ${Math.round(Math.max(...longest))} ms (0: none over 50 ms)`);
} finally {
  await browser.close();
  collector.kill('SIGKILL');
  await site.close();
  rmSync(dir, { recursive: true, force: true });
}
