// The live preview for data authors (scripts/preview.sh): a copy of the shipped content folder
// previewed, an edit to a tool file shown in the open page with an "Updated" notice, a broken
// edit shown as the list of problems with their file:line:column, and the site back once fixed;
// and the same folder published with scripts/publish.sh --content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { launch, newPage } from '../support/browser.mjs';
import { expectText, eventually } from '../support/expect.mjs';

const TOOL = 'tools/mistral-8x22b-instruct-v2.toml';

let work;
let content;
let preview;
let url;
let browser;
let output = '';

/** Starts scripts/preview.sh on a free port; resolves with its address once it has published. */
function startPreview(dir) {
  preview = spawn('scripts/preview.sh', [dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  preview.stdout.on('data', (chunk) => (output += chunk));
  preview.stderr.on('data', (chunk) => (output += chunk));
  return eventually(() => {
    assert.equal(preview.exitCode, null, `the preview stopped:\n${output}`);
    const address = output.match(/on (http:\/\/127\.0\.0\.1:\d+\/)/);
    assert.ok(address && /Published in \d+ ms/.test(output), `not yet published:\n${output}`);
    return address[1];
  }, { timeout: 120_000, interval: 100 });
}

const edit = (path, change) => {
  const file = join(content, path);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
};

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'verdicts-preview-'));
  content = join(work, 'content');
  cpSync('content', content, { recursive: true });
  url = await startPreview(content);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  preview?.kill('SIGINT');
  if (work) rmSync(work, { recursive: true, force: true });
});

test('an edit shows in the open page, a broken edit lists its problems, and fixing it brings the site back', async () => {
  const page = await newPage(browser);
  await page.goto(url);
  const title = page.getByRole('heading', { level: 1 });
  await expectText(title, /Mistral 8x22B Instruct v2/, 'the seed is previewed');

  // An edit: the page reloads by itself and says so.
  edit(TOOL, (t) => t.replace('name = "Mistral 8x22B Instruct v2"', 'name = "Mistral Large Preview"'));
  await expectText(title, /Mistral Large Preview/, 'the edited name is shown');
  await expectText(page.getByRole('status').filter({ hasText: 'Updated' }), /Updated/, 'the page says it was updated');

  // A broken edit: every problem, with its file, line and column, instead of a blank page.
  edit(TOOL, (t) => t.replace('entry = "free"', 'entry = "fre"'));
  const problems = page.getByRole('list', { name: 'Problems' });
  await expectText(
    page.getByRole('heading', { level: 1 }),
    /The catalogue has 1 error\(s\)/,
    'the page lists the errors',
  );
  await expectText(problems, /mistral-8x22b-instruct-v2\.toml:\d+:\d+: error: entry: unknown variant `fre`.*did you mean "free"\?/);

  // Fixed: the site is back, with the edit; the catalogue is the one published before the
  // error, so it is shown again without publishing.
  edit(TOOL, (t) => t.replace('entry = "fre"', 'entry = "free"'));
  await expectText(page.getByRole('heading', { level: 1 }), /Mistral Large Preview/, 'the site is back');
  assert.match(output, /No change to the catalogue/);
  assert.deepEqual(page.problems.filter((p) => !/EventSource|net::ERR/.test(p)), []);
});

test('the reload script is only in what the preview serves, never in the published files', async () => {
  const served = await (await fetch(url)).text();
  assert.match(served, /new EventSource\('\/__preview\/events'\)/);
  const folder = output.match(/published into (\S+) and the page reloads/)[1];
  const pages = readdirSync(folder, { recursive: true }).filter((f) => f.endsWith('.html'));
  assert.ok(pages.length > 0, `no published pages in ${folder}`);
  for (const file of pages) {
    assert.doesNotMatch(readFileSync(join(folder, file), 'utf8'), /__preview/, file);
  }
});

test('publish.sh --content content/ publishes the same pages as the default bundle', () => {
  const publishInto = (name, source) => {
    const out = join(work, name);
    cpSync('dist', out, { recursive: true });
    const run = spawnSync('scripts/publish.sh', [...source, '--base-url', 'https://verdicts.example/', '--out', out], { encoding: 'utf8' });
    assert.equal(run.status, 0, `publish.sh failed:\n${run.stdout}\n${run.stderr}`);
    return out;
  };
  const fromBundle = publishInto('from-bundle', ['--bundle', 'public/data/bundle.json']);
  const fromFolder = publishInto('from-folder', ['--content', 'content']);
  // The data's version folder is named by the text published, which differs (see below).
  const files = (dir) => readdirSync(dir, { recursive: true }).map((f) => f.replace(/^(data\/v1\/)[0-9a-f]{16}/, '$1VERSION')).sort();
  assert.deepEqual(files(fromFolder), files(fromBundle));
  for (const file of ['sitemap.xml', 'robots.txt']) {
    assert.equal(readFileSync(join(fromFolder, file), 'utf8'), readFileSync(join(fromBundle, file), 'utf8'), file);
  }
  // The pages differ only by the hash of the bundle's text (the folder's is in canonical order).
  // The page's own two tools carry their places in the bundle, which the folder orders by id.
  const page = (dir) => readFileSync(join(dir, 'mistral-8x24b-vs-openai-o3-pro-api', 'index.html'), 'utf8')
    .replace(/<script type="application\/json" id="verdicts-page-data"[^>]*>[^<]*<\/script>/, '');
  const hashes = (html) => new Set(html.match(/[0-9a-f]{16}/g));
  const unhashed = (html, other) => [...hashes(html)].filter((h) => !other.includes(h)).reduce((t, h) => t.replaceAll(h, 'HASH'), html);
  assert.equal(unhashed(page(fromFolder), page(fromBundle)), unhashed(page(fromBundle), page(fromFolder)));
});
