// Measures the authors' preview: from saving a tool file to the open page showing the change,
// in headless Chromium, for a generated catalogue kept as a content folder.
//
//   node scripts/preview-bench.mjs [--tools 100] [--runs 10] [--edit tagline|name]
//
// It needs the release build in dist/ (scripts/build.sh). It generates a fictional catalogue
// (verdicts-generate), exports it as a folder (verdicts-content export), runs scripts/preview.sh
// on a free port, opens the index page, then edits the first tool (one of the pair shown) RUNS
// times, each time timing the save until the page shows the new text. `--edit tagline` (the
// default) changes its tagline, an edit that touches its own pages; `--edit name` renames it, which
// touches every page that names it (this one is in the default pair: every page). Prints each
// time, and the publisher's own "Published in N ms" lines.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { launch } from '../tests/support/browser.mjs';

const { values } = parseArgs({
  options: { tools: { type: 'string', default: '100' }, runs: { type: 'string', default: '10' }, edit: { type: 'string', default: 'tagline' } },
});
if (!['tagline', 'name'].includes(values.edit)) throw new Error('--edit is tagline or name');
const field = values.edit;
const tools = Number(values.tools);
const runs = Math.min(Math.max(Number(values.runs), 1), 50);
const work = mkdtempSync(join(tmpdir(), 'verdicts-preview-bench-'));
const content = join(work, 'content');
const cargo = (args, out) => {
  const run = spawnSync('cargo', ['run', '--quiet', '--locked', ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(run.stderr);
  if (out) writeFileSync(out, run.stdout);
};
cargo(['-p', 'verdicts-publish', '--bin', 'verdicts-generate', '--', '--tools', String(tools)], join(work, 'bundle.json'));
cargo(['-p', 'verdicts-content', '--', 'export', '--bundle', join(work, 'bundle.json'), '--to', content]);

let output = '';
const preview = spawn('scripts/preview.sh', [content, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
preview.stdout.on('data', (c) => (output += c));
preview.stderr.on('data', (c) => (output += c));
const deadline = Date.now() + 120_000;
while (!/Published in/.test(output)) {
  if (Date.now() > deadline || preview.exitCode !== null) throw new Error(`the preview did not start:\n${output}`);
  await new Promise((r) => setTimeout(r, 100));
}
const url = output.match(/on (http:\/\/127\.0\.0\.1:\d+\/)/)[1];
const browser = await launch();
const times = [];
try {
  const page = await browser.newPage();
  await page.goto(url);
  const file = join(content, 'tools', 'tool-00000.toml');
  const original = readFileSync(file, 'utf8');
  for (let i = 0; i < runs; i++) {
    const text = `Bench edit ${i}`;
    const started = performance.now();
    writeFileSync(file, original.replace(new RegExp(`^${field} = ".*"$`, 'm'), `${field} = "${text}"`));
    await page.waitForFunction((t) => document.querySelector('#app')?.textContent.includes(t), text, { polling: 'raf', timeout: 30_000 });
    times.push(performance.now() - started);
    // Let the app take the page over before the next save, as a person reading it would.
    await page.waitForLoadState('load');
  }
} finally {
  await browser.close();
  preview.kill('SIGINT');
  rmSync(work, { recursive: true, force: true });
}
const sorted = [...times].sort((a, b) => a - b);
const published = [...output.matchAll(/Published in (\d+) ms/g)].map((m) => Number(m[1]));
console.log(`${tools} tools, ${runs} saves of the first tool's ${field}: save → page shows the change, ms: ${times.map((t) => t.toFixed(0)).join(', ')}`);
console.log(`min ${sorted[0].toFixed(0)}, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)}, max ${sorted.at(-1).toFixed(0)}`);
console.log(`publishing (read the folder and publish the site), ms: ${published.join(', ')}`);
