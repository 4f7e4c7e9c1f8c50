// Publishing at scale, beside Hugo building the same number of plain pages in the same run.
//
// One generated catalogue (N tools, four reviewer roles: each tool with four short reviews) is
// published with the release `verdicts-publish` (every tool's page and the budgeted comparison
// pages, without preview images), and the same tools are written as a Hugo site of one Markdown
// page each (the tool's fields and its four reviews) and built with Debian's `hugo`. The two
// alternate, run by run, on the same machine; then the publish again after one tool changed, and
// (with --previews) the full publish with every preview image. Wall time and peak memory (the
// peak resident set of the process, read from /proc while it runs) for each.
//
//   node scripts/publish-bench.mjs [--tools N] [--runs R] [--previews]
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, openSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './stats.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const TOOLS = flag('--tools', 100000);
const RUNS = flag('--runs', 2);
const PREVIEWS = args.includes('--previews');
if (!Number.isInteger(TOOLS) || TOOLS < 2 || !Number.isInteger(RUNS) || RUNS < 1) {
  console.error('usage: node scripts/publish-bench.mjs [--tools N ≥ 2] [--runs R ≥ 1] [--previews]');
  process.exit(2);
}

const work = 'target/bench/publish';
mkdirSync(work, { recursive: true });
const bundle = join(work, `tools-${TOOLS}x4.json`);
if (!existsSync(bundle)) {
  const out = openSync(bundle, 'w');
  execFileSync('target/release/verdicts-generate', ['--tools', String(TOOLS), '--roles', '4', '--seed', '1'], { stdio: ['ignore', out, 'inherit'] });
  closeSync(out);
}

/** Runs a command to its end: wall seconds and peak resident memory (MB), polled from /proc. */
function measure(command, argv, options = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, argv, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
    let peak = 0;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = Number((status.match(/VmHWM:\s+(\d+) kB/) ?? [])[1] ?? 0);
        peak = Math.max(peak, hwm);
      } catch {
        // Gone between polls: the last reading stands.
      }
    }, 25);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      if (code !== 0) return reject(new Error(`${command} exited with ${code}: ${stderr}`));
      resolve({ seconds: (performance.now() - t0) / 1000, peakMb: peak / 1024 });
    });
  });
}

const files = (dir) => readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile()).length;

// The Hugo site: a page per tool with its fields and its four reviews (what a tool page says).
const hugoSite = join(work, `hugo-${TOOLS}`);
if (!existsSync(join(hugoSite, 'done'))) {
  rmSync(hugoSite, { recursive: true, force: true });
  const data = JSON.parse(readFileSync(bundle, 'utf8'));
  const roles = new Map(data.roles.map((r) => [r.id, r.label]));
  const reviews = new Map();
  for (const r of data.reviews) {
    if (!reviews.has(r.tool)) reviews.set(r.tool, []);
    reviews.get(r.tool).push(r);
  }
  mkdirSync(join(hugoSite, 'content/tools'), { recursive: true });
  mkdirSync(join(hugoSite, 'layouts/_default'), { recursive: true });
  writeFileSync(join(hugoSite, 'config.toml'), 'baseURL = "http://127.0.0.1:8080/"\ntitle = "Verdicts"\ndisableKinds = ["taxonomy", "term", "RSS"]\n');
  writeFileSync(join(hugoSite, 'layouts/_default/baseof.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} — Verdicts</title><meta name="description" content="{{ .Params.tagline }}"></head><body>{{ block "main" . }}{{ end }}</body></html>\n');
  writeFileSync(join(hugoSite, 'layouts/_default/single.html'), '{{ define "main" }}<main><h1>{{ .Title }}</h1><p>{{ .Params.vendor }} · {{ .Params.category }}</p><p>{{ .Params.tagline }}</p>{{ .Content }}</main>{{ end }}\n');
  writeFileSync(join(hugoSite, 'layouts/_default/list.html'), '{{ define "main" }}<main><h1>{{ .Title }}</h1></main>{{ end }}\n');
  const q = (s) => JSON.stringify(String(s ?? ''));
  for (const t of data.tools) {
    const body = (reviews.get(t.id) ?? [])
      .map((r) => `## ${roles.get(r.role) ?? r.role}: ${r.verdict}\n\n${r.quote ?? r.summary ?? ''}\n`)
      .join('\n');
    writeFileSync(
      join(hugoSite, 'content/tools', `${t.id}.md`),
      `---\ntitle: ${q(t.name)}\nvendor: ${q(t.vendor)}\ncategory: ${q(t.category)}\ntagline: ${q(t.tagline)}\n---\n\n${t.description}\n\n${body}`,
    );
  }
  writeFileSync(join(hugoSite, 'done'), '');
}

const site = join(work, 'site');
const base = ['--bundle', bundle, '--base-url', 'http://127.0.0.1:8080/', '--out', site];
async function publishOnce(extra = []) {
  rmSync(site, { recursive: true, force: true });
  cpSync('dist', site, { recursive: true });
  return measure('target/release/verdicts-publish', [...base, ...extra]);
}
async function hugoOnce() {
  const out = join(work, 'hugo-public');
  rmSync(out, { recursive: true, force: true });
  return measure('hugo', ['--quiet', '--source', hugoSite, '--destination', join(process.cwd(), out)]);
}

const ours = [];
const hugo = [];
for (let run = 0; run < RUNS; run++) {
  ours.push(await publishOnce(['--no-previews']));
  hugo.push(await hugoOnce());
  console.error(`run ${run + 1}: publish ${ours.at(-1).seconds.toFixed(1)} s, hugo ${hugo.at(-1).seconds.toFixed(1)} s`);
}
const pageFiles = files(site);

// Publishing again after one tool changed: its tagline.
const changed = JSON.parse(readFileSync(bundle, 'utf8'));
changed.tools[Math.floor(changed.tools.length / 2)].tagline += ' (changed)';
const changedBundle = join(work, `tools-${TOOLS}x4-changed.json`);
writeFileSync(changedBundle, JSON.stringify(changed));
const again = await measure('target/release/verdicts-publish', ['--bundle', changedBundle, '--base-url', 'http://127.0.0.1:8080/', '--out', site, '--no-previews']);

let withPreviews = null;
if (PREVIEWS) {
  withPreviews = await publishOnce();
  withPreviews.files = files(site);
}

const m = (xs, key) => median(xs.map((x) => x[key]));
const row = (name, value, reference) => console.log(`| ${name} | ${value} | ${reference} |`);
console.log(`\nPublishing ${TOOLS.toLocaleString('en')} generated tools (4 reviews each), ${RUNS} run(s) each, alternating; medians.\n`);
console.log('| Measure | Verdicts | Hugo (same run) |');
console.log('|---|---|---|');
row('pages without images: wall time', `${m(ours, 'seconds').toFixed(1)} s (${ours.map((r) => r.seconds.toFixed(1)).join(', ')})`, `${m(hugo, 'seconds').toFixed(1)} s (${hugo.map((r) => r.seconds.toFixed(1)).join(', ')})`);
row('time ratio (target ≤ 2)', `${(m(ours, 'seconds') / m(hugo, 'seconds')).toFixed(2)} × Hugo`, '1');
row('peak memory (target ≤ Hugo)', `${m(ours, 'peakMb').toFixed(0)} MB`, `${m(hugo, 'peakMb').toFixed(0)} MB`);
row('files written', `${pageFiles.toLocaleString('en')}`, `${files(join(work, 'hugo-public')).toLocaleString('en')}`);
row('again after one tool changed (target ≤ 10 s)', `${again.seconds.toFixed(1)} s, ${again.peakMb.toFixed(0)} MB`, '');
if (withPreviews) row('everything with preview images', `${withPreviews.seconds.toFixed(1)} s, ${withPreviews.peakMb.toFixed(0)} MB, ${withPreviews.files.toLocaleString('en')} files`, '');
