// Publishing: a site published with scripts/publish.sh from a bundle that is not the default one
// (six tools, names with É and 東京, a tool without reviews), served from a sub-path the way a
// host serves it: every page of the sitemap index with scripts off, its tags, JSON-LD, oEmbed
// answer and preview image, the feed, the reversed pair, moving between pages with the history, a
// refused bundle, an embed of a published pair, a page of an older publish, and votes after a
// reload.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer } from '../../scripts/static-server.mjs';
import { newPage, appIsLive } from '../support/browser.mjs';
import { appSuite, freshPageEachTest } from '../support/suite.mjs';
import { eventually, expectAttribute, expectCount, expectEqual } from '../support/expect.mjs';
import { serveBundle } from '../support/data.mjs';

const BASE = 'https://verdicts.example/tools/compare/';
const FIXTURE = 'crates/catalog/tests/fixtures/publish/bundle.json';
const BUNDLE = JSON.parse(readFileSync(FIXTURE, 'utf8'));
const nameOf = (id) => BUNDLE.tools.find((t) => t.id === id).name;

let work;
let site;
let server;
let partner;
let browser;
let page;

function publish(bundle, out = site) {
  return spawnSync('scripts/publish.sh', ['--bundle', bundle, '--base-url', BASE, '--out', out], { encoding: 'utf8' });
}

// The fixture, published into a copy of the release build, served from a sub-path.
appSuite(async (s) => {
  ({ server, browser } = s);
  partner = await startServer({ root: 'crates/catalog/tests/fixtures', prefix: '/' });
}, {
  site: async () => {
    work = mkdtempSync(join(tmpdir(), 'verdicts-publish-'));
    site = join(work, 'site');
    cpSync('dist', site, { recursive: true });
    const run = publish(FIXTURE);
    assert.equal(run.status, 0, `publish.sh failed:\n${run.stdout}\n${run.stderr}`);
    return site;
  },
});
after(async () => {
  await partner?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});
freshPageEachTest(() => ({ server, browser }), (p) => {
  partner.reset();
  page = p;
});

/** The local address of a public URL of the published site. */
const local = (url) => server.url + url.slice(BASE.length);
const meta = (p, attr, key) => p.locator(`meta[${attr}="${key}"]`).getAttribute('content');
// The sitemap index names its files by URL; their pages are read from the files it names.
const sitemapFiles = () => [...readFileSync(join(site, 'sitemap.xml'), 'utf8').matchAll(/<sitemap><loc>([^<]+)<\/loc><lastmod>([^<]+)<\/lastmod><\/sitemap>/g)];
const sitemapUrls = () => sitemapFiles().flatMap(([, file]) =>
  [...readFileSync(join(site, file.slice(BASE.length)), 'utf8').matchAll(/<url><loc>([^<]+)<\/loc><lastmod>([^<]+)<\/lastmod><\/url>/g)]);
const jsonLd = async (p) => (await p.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t));
const heading = (p = page) => p.getByRole('heading', { level: 1 }).innerText();

async function pngSize(url) {
  const response = await fetch(url);
  assert.equal(response.status, 200, url);
  assert.equal(response.headers.get('content-type'), 'image/png');
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], `${url} is a PNG`);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

function treeDigest(dir) {
  const hash = createHash('sha256');
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(path.slice(dir.length)).update(readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

test('every page of the sitemap shows its own pair without scripts, with its tags, structured data, oEmbed answer and preview image', async () => {
  assert.deepEqual(sitemapFiles().map(([, file, lastmod]) => [file, lastmod]), [[`${BASE}sitemaps/1.xml`, BUNDLE.updated]]);
  const all = sitemapUrls();
  const urls = all.filter(([, url]) => !url.startsWith(`${BASE}tools/`));
  // Six tools: fifteen pairs, the default one at the index; and a page per tool (tools.test.mjs).
  assert.equal(urls.length, 15);
  assert.deepEqual(
    all.filter(([, url]) => url.startsWith(`${BASE}tools/`)).map(([, url]) => url).sort(),
    BUNDLE.tools.map((t) => `${BASE}tools/${t.id}/`).sort(),
  );
  assert.equal(urls[0][1], BASE);
  assert.ok(urls.every(([, , lastmod]) => lastmod === BUNDLE.updated), 'lastmod is the bundle date');
  assert.match(readFileSync(join(site, 'robots.txt'), 'utf8'), new RegExp(`Sitemap: ${BASE}sitemap\\.xml`));

  const plain = await newPage(browser, { javaScriptEnabled: false });
  for (const [, url] of urls) {
    await plain.goto(local(url));
    const folder = url.slice(BASE.length);
    const [a, b] = folder ? folder.replace(/\/$/, '').split('-vs-') : BUNDLE.featured.default;
    const [nameA, nameB] = [nameOf(a), nameOf(b)];
    const title = `${nameA} vs ${nameB} — Verdicts`;
    assert.equal(await plain.title(), title, url);
    assert.equal(await heading(plain), `${nameA} vs ${nameB}`);
    assert.equal(await plain.getByRole('banner').count(), 1, 'the site header');
    assert.equal(await plain.getByRole('contentinfo').count(), 1, 'the footer');
    const reviews = BUNDLE.reviews.filter((r) => r.tool === a || r.tool === b).length;
    assert.equal(await plain.getByRole('region', { name: 'Reviews' }).getByRole('article').count(), reviews, url);

    assert.equal(await plain.locator('link[rel="canonical"]').getAttribute('href'), url);
    assert.equal(await meta(plain, 'property', 'og:url'), url);
    assert.equal(await meta(plain, 'property', 'og:title'), title);
    assert.equal(await meta(plain, 'property', 'og:type'), 'website');
    assert.equal(await meta(plain, 'property', 'og:site_name'), 'Verdicts');
    assert.equal(await meta(plain, 'name', 'twitter:card'), 'summary_large_image');
    const description = await meta(plain, 'name', 'description');
    assert.match(description, new RegExp(`^Panel: ${nameA} (\\d+ % ship \\(\\d of 4\\)|not reviewed yet), ${nameB} (\\d+ % (ship )?\\(\\d of 4\\)|not reviewed yet)\\. Pricing, reviewer split and community vote\\.$`));
    assert.equal(await meta(plain, 'property', 'og:description'), description);
    assert.match(await meta(plain, 'property', 'og:image:alt'), new RegExp(`^${nameA} vs ${nameB} on Verdicts\\.`));
    const image = await meta(plain, 'property', 'og:image');
    assert.equal(image, `${url}preview.png`);
    assert.deepEqual([await meta(plain, 'property', 'og:image:width'), await meta(plain, 'property', 'og:image:height')], ['1200', '630']);
    assert.deepEqual(await pngSize(local(image)), [1200, 630]);

    // Structured data: the pair as a list of its two tools, and the breadcrumbs.
    const [list, crumbs] = await jsonLd(plain);
    assert.equal(list['@context'], 'https://schema.org');
    assert.equal(list['@type'], 'ItemList');
    assert.deepEqual(list.itemListElement.map((e) => [e.item['@type'], e.item.name, e.item.url]),
      [[a, nameA], [b, nameB]].map(([id, name]) => ['SoftwareApplication', name, `${BASE}tools/${id}/`]));
    assert.equal(crumbs['@type'], 'BreadcrumbList');
    assert.deepEqual(crumbs.itemListElement.map((e) => e.name), ['Verdicts', `${nameA} vs ${nameB}`]);
    // The feed, and the oEmbed answer beside the page with the pair's snippet.
    assert.equal(await plain.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href'), 'feed.xml');
    const oembedUrl = await plain.locator('link[rel="alternate"][type="application/json+oembed"]').getAttribute('href');
    assert.equal(oembedUrl, `${url}oembed.json`);
    const oembed = await (await fetch(local(oembedUrl))).json();
    assert.deepEqual([oembed.type, oembed.version, oembed.title, oembed.provider_url], ['rich', '1.0', title, BASE]);
    assert.ok(oembed.html.includes(`data-verdicts-a="${a}" data-verdicts-b="${b}"`), oembed.html);
  }
  const feed = readFileSync(join(site, 'feed.xml'), 'utf8');
  assert.match(feed, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/);
  assert.ok(feed.includes(`<link rel="self" type="application/atom+xml" href="${BASE}feed.xml"/>`));
  assert.deepEqual([...feed.matchAll(/<entry>\n    <id>([^<]+)<\/id>/g)].map(([, id]) => id),
    [...BUNDLE.featured.pairs.map(([a, b]) => `${BASE}${a}-vs-${b}/`), ...BUNDLE.tools.map((t) => `${BASE}tools/${t.id}/`)],
    'the featured comparisons, then the tools (all of the same date: comparisons first, then in bundle order)');
  // The figures in words, for a pair the panel has reviewed on one side only.
  await plain.goto(server.url + 'eclair-api-vs-orbit-search/');
  assert.equal(
    await meta(plain, 'name', 'description'),
    'Panel: Éclair API 75 % ship (3 of 4), Orbit Search not reviewed yet. Pricing, reviewer split and community vote.',
  );
  await plain.context().close();
});

test('the reversed order is a page of the same comparison that names the canonical one', async () => {
  const plain = await newPage(browser, { javaScriptEnabled: false });
  await plain.goto(server.url + 'tokyo-lm-vs-eclair-api/');
  assert.equal(await heading(plain), '東京 LM vs Éclair API');
  assert.equal(await plain.locator('link[rel="canonical"]').getAttribute('href'), `${BASE}eclair-api-vs-tokyo-lm/`);
  assert.equal(await meta(plain, 'property', 'og:image'), `${BASE}eclair-api-vs-tokyo-lm/preview.png`);
  assert.ok(!sitemapUrls().some(([, url]) => url.endsWith('tokyo-lm-vs-eclair-api/')), 'not in the sitemap');
  await plain.context().close();

  // The live app on it: the Swap button goes to the canonical page.
  await page.goto(server.url + 'tokyo-lm-vs-eclair-api/');
  await expectEqual(heading, '東京 LM vs Éclair API');
  await page.getByRole('button', { name: 'Swap tools' }).click();
  await page.waitForURL(server.url + 'eclair-api-vs-tokyo-lm/');
  await expectEqual(heading, 'Éclair API vs 東京 LM');
  assert.deepEqual(page.problems, []);
});

test('moving between pair pages and query views: links, Back/Forward and refresh', async () => {
  await page.goto(server.url + 'eclair-api-vs-tokyo-lm/');
  await expectEqual(() => page.title(), 'Éclair API vs 東京 LM — Verdicts');
  // Featured links point at pages.
  const featured = page.getByRole('navigation', { name: 'Featured comparisons' });
  await expectAttribute(featured.getByRole('link', { name: 'Nimbus Agent vs Quill Notes' }), 'href', `${server.url}nimbus-agent-vs-quill-notes/`);
  await expectAttribute(featured.getByRole('link', { name: 'Éclair API vs 東京 LM' }), 'aria-current', 'page');

  // Picking another tool goes to that pair's page; a role filter stays on it, in the query.
  const first = page.getByRole('combobox', { name: 'First tool' });
  await first.fill('orbit');
  await page.keyboard.press('Enter');
  await page.waitForURL(server.url + 'orbit-search-vs-tokyo-lm/');
  await expectEqual(heading, 'Orbit Search vs 東京 LM');
  await page.getByRole('group', { name: 'Filter by reviewer role' }).getByRole('button', { name: /The buyer/ }).click();
  await page.waitForURL(server.url + 'orbit-search-vs-tokyo-lm/?roles=buyer');
  await page.reload();
  await expectEqual(() => page.title(), 'Orbit Search vs 東京 LM — Verdicts');
  await expectCount(page.getByRole('region', { name: 'Reviews' }).getByRole('article'), 1);

  await page.goBack();
  await page.waitForURL(server.url + 'eclair-api-vs-tokyo-lm/');
  await expectEqual(heading, 'Éclair API vs 東京 LM');
  await page.goForward();
  await page.waitForURL(server.url + 'orbit-search-vs-tokyo-lm/?roles=buyer');
  await expectEqual(heading, 'Orbit Search vs 東京 LM');

  // The home link goes to the index; the query overrides a page's pair.
  await page.getByRole('link', { name: 'Verdicts', exact: true }).first().click();
  await page.waitForURL(server.url);
  await appIsLive(page);
  await expectEqual(heading, 'Kestrel 7 vs 東京 LM');
  await page.goto(server.url + 'eclair-api-vs-tokyo-lm/?a=nimbus-agent&roles=skeptic');
  await expectEqual(heading, 'Nimbus Agent vs 東京 LM');
  await expectCount(page.getByRole('region', { name: 'Reviews' }).getByRole('article'), 2);
  // A folder asked for without its slash is sent to it, as a host does.
  await page.goto(server.url + 'kestrel-7-vs-quill-notes');
  await expectEqual(() => page.url(), server.url + 'kestrel-7-vs-quill-notes/');
  await expectEqual(heading, 'Kestrel 7 vs Quill Notes');
  assert.deepEqual(page.problems, []);
});

test('a refused bundle leaves the published site as it was', () => {
  const before = treeDigest(site);
  const run = publish('crates/catalog/tests/fixtures/invalid/many-errors.json');
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /error: tools\[\d+\]\.\S+: /, 'every problem with its JSON path');
  assert.match(run.stderr, /unchanged/);
  assert.equal(treeDigest(site), before);
  assert.ok(!existsSync(`${site}.publishing`), 'the half-made site is gone');
});

test('an embed of a published pair paints that pair from its page before the app runs', async () => {
  partner.override('favicon.ico', { status: 204, type: 'image/x-icon' });
  partner.override('article.html', {
    type: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title></head><body>
      <div data-verdicts-a="nimbus-agent" data-verdicts-b="quill-notes" data-verdicts-theme="dark"></div>
      <script async src="${server.url}embed.js"></script></body></html>`,
  });
  const held = await newPage(browser, { waitForApp: false });
  await held.route('**/*.wasm', () => {}); // the app never runs: only the static page shows
  await held.goto(partner.url + 'article.html');
  const iframe = held.locator('div[data-verdicts-a] iframe');
  await expectAttribute(iframe, 'src', `${server.url}nimbus-agent-vs-quill-notes/?embed=1&theme=dark`);
  const frame = held.frameLocator('div[data-verdicts-a] iframe');
  await expectEqual(() => heading(frame), 'Nimbus Agent vs Quill Notes');
  await expectAttribute(frame.locator('html'), 'data-theme', 'dark');
  await expectAttribute(frame.locator('html'), 'data-embed', '');
  assert.equal(await frame.getByRole('banner').count(), 0, 'no site header in the embed');
  await eventually(async () => assert.ok(await frame.getByRole('link', { name: 'Full comparison on Verdicts' }).isVisible()));
  assert.ok(!(await frame.getByRole('combobox', { name: 'First tool' }).isVisible()), 'no pickers');
  await held.context().close();
});

test('a page of an older publish shows the data now served, and nothing of the old one', async () => {
  // The data was published again since the page was: the tool was renamed (its id stays).
  serveBundle(server, JSON.stringify(BUNDLE).replaceAll('Éclair', 'Crème'));
  await page.goto(server.url + 'eclair-api-vs-tokyo-lm/');
  await page.getByRole('heading', { level: 1, name: 'Crème API vs 東京 LM' }).waitFor();
  await expectEqual(() => page.title(), 'Crème API vs 東京 LM — Verdicts');
  assert.equal(await page.locator('#app').getByText('Éclair').count(), 0, 'no stale text on screen');
  // Its pages may not match the new bundle: links use the index's query instead.
  const link = page.getByRole('navigation', { name: 'Featured comparisons' }).getByRole('link', { name: 'Nimbus Agent vs Quill Notes' });
  await expectAttribute(link, 'href', `${server.url}?a=nimbus-agent&b=quill-notes`);
  assert.deepEqual(page.problems, []);
});

test('after a reload the stored vote shows from the moment the app takes over', async () => {
  await page.goto(server.url + 'eclair-api-vs-tokyo-lm/');
  const ship = () => page.getByRole('region', { name: 'Community vote' }).getByRole('button', { name: 'Ship Éclair API', exact: true });
  await ship().click();
  await expectAttribute(ship(), 'aria-pressed', 'true');
  // Every state the live vote button is ever in after the reload is recorded.
  await page.addInitScript(() => {
    window.__pressed = [];
    new MutationObserver(() => {
      const live = document.querySelector('#app > .live [data-replay="vote:ship:eclair-api"]');
      if (live) window.__pressed.push(live.getAttribute('aria-pressed'));
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-pressed'] });
  });
  await page.reload();
  await expectAttribute(ship(), 'aria-pressed', 'true');
  const seen = await page.evaluate(() => window.__pressed);
  assert.ok(seen.length > 0 && seen.every((p) => p === 'true'), `never shown as not voted: ${seen}`);
});
