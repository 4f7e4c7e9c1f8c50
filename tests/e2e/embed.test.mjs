// Embedding on a partner site of another origin: the loader, the pair's page it derives, the
// height protocol, forged and malformed messages, the attribution link, the snippet from the
// Embed panel, and sandboxing. The pairs embedded here have pages of their own in the seed site
// (the folder of its ids in alphabetical order).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../scripts/static-server.mjs';
import { appSuite, freshPageEachTest } from '../support/suite.mjs';
import { newPage, axeViolations } from '../support/browser.mjs';
import { eventually, expectAttribute, expectCount, expectEqual, expectMatch, expectText } from '../support/expect.mjs';

let app;
let partner;
let browser;
let page;

appSuite(async (s) => {
  ({ server: app, browser } = s);
  partner = await startServer({ root: 'crates/catalog/tests/fixtures', prefix: '/' });
  assert.notEqual(new URL(app.url).origin, new URL(partner.url).origin);
});
after(async () => {
  await partner?.close();
});
freshPageEachTest(() => ({ server: app, browser }), (p) => {
  partner.reset();
  partner.override('favicon.ico', { status: 204, type: 'image/x-icon' });
  page = p;
}, { viewport: { width: 1000, height: 2400 } });

const html = (body) => ({ type: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner article</title></head><body style="margin:0">${body}</body></html>` });
const loader = () => `<script async src="${app.url}embed.js"></script>`;
const frameHeight = (sel) => page.locator(sel).evaluate((f) => f.getBoundingClientRect().height);
const contentHeight = (sel) => page.frameLocator(sel).locator('html').evaluate((h) => Math.ceil(h.getBoundingClientRect().height));

/** Waits until the frame has been resized by its own messages to its content height (±3 px). */
async function settled(sel) {
  await page.locator(sel).scrollIntoViewIfNeeded();
  await page.frameLocator(sel).getByRole('heading', { level: 1 }).waitFor();
  // The embed reports its height from a ResizeObserver: look again until the frame has caught up.
  await eventually(async () => {
    const [frame, content] = [await frameHeight(sel), await contentHeight(sel)];
    assert.ok(Math.abs(frame - content) <= 3, `${sel} is ${frame}px high for ${content}px of content`);
  }, { timeout: 15_000 });
}

test('two embeds on another origin appear, size themselves, and resize independently', async () => {
  partner.override('article.html', html(`
    <h1>Partner article</h1>
    <div id="one" data-verdicts-a="mistral-8x24b" data-verdicts-b="openai-o3-pro-api"></div>
    <p>Between the embeds.</p>
    <div id="two" data-verdicts-a="mistral-8x22b-instruct-v2" data-verdicts-b="openai-o3-pro-api" data-verdicts-roles="buyer" data-verdicts-theme="dark"></div>
    ${loader()}`));
  await page.goto(partner.url + 'article.html');
  const one = '#one iframe', two = '#two iframe';
  await settled(one);
  await settled(two);
  await expectAttribute(page.locator(one), 'src', `${app.url}mistral-8x24b-vs-openai-o3-pro-api/?embed=1`);
  await expectAttribute(page.locator(two), 'src', `${app.url}mistral-8x22b-instruct-v2-vs-openai-o3-pro-api/?roles=buyer&embed=1&theme=dark`);
  await expectText(page.frameLocator(one).getByRole('heading', { level: 1 }), /Mistral 8x24B Mixture-of-Experts\s+vs\s+OpenAI o3 Pro API/);
  await expectCount(page.frameLocator(two).getByRole('region', { name: 'Reviews' }).getByRole('article'), 2);
  await expectAttribute(page.frameLocator(two).locator('html'), 'data-theme', 'dark');
  await expectAttribute(page.locator(one), 'loading', 'lazy');
  await expectMatch(() => page.locator(one).getAttribute('title'), /mistral-8x24b vs openai-o3-pro-api/);
  assert.equal(await page.frameLocator(one).getByRole('banner').count(), 0, 'no site header in the embed');
  assert.equal(await page.frameLocator(one).getByRole('contentinfo').count(), 0, 'no footer in the embed');
  const before = { one: await frameHeight(one), two: await frameHeight(two) };
  assert.ok(Math.abs(before.one - (await contentHeight(one))) <= 3, 'the first embed has its content height');

  await page.frameLocator(one).getByRole('button', { name: /The builder/ }).click();
  await page.waitForFunction(([s, h]) => document.querySelector(s).getBoundingClientRect().height < h - 100, [one, before.one]);
  await settled(one);
  assert.equal(await frameHeight(two), before.two, 'the other embed did not move');

  const link = page.frameLocator(one).getByRole('link', { name: 'Full comparison on Verdicts' });
  await expectAttribute(link, 'href', `${app.url}mistral-8x24b-vs-openai-o3-pro-api/?roles=builder`);
  await expectAttribute(link, 'target', '_blank');
  assert.deepEqual(page.problems, []);
});

test('forged and malformed resize messages change nothing and raise no errors', async () => {
  partner.override('forged.html', html(`
    <div id="one" data-verdicts-a="mistral-8x24b" data-verdicts-b="openai-o3-pro-api"></div>
    <iframe id="stranger" title="not an embed" src="${app.url}?embed=1&a=openai-o4-api&b=mistral-8x24b" style="height:300px"></iframe>
    <iframe id="rogue" title="rogue" srcdoc="<script>setInterval(function(){parent.postMessage({type:'verdicts:resize',height:55},'*')},50)</script>"></iframe>
    ${loader()}`));
  await page.goto(partner.url + 'forged.html');
  await settled('#one iframe');
  const height = await frameHeight('#one iframe');
  await page.evaluate(() => {
    const forged = [
      { type: 'verdicts:resize', height: 40 }, null, 'verdicts:resize', 42, [1, 2],
      { type: 'verdicts:resize', height: 'tall' }, { type: 'verdicts:resize', height: Infinity },
      { type: 'verdicts:resize' }, { type: 'other', height: 10 },
    ];
    for (const m of forged) window.postMessage(m, '*');
  });
  // Messages are delivered in order: once a last one arrives, the loader has seen them all.
  await page.evaluate(() => new Promise((resolve) => {
    addEventListener('message', function done(e) {
      if (e.data === 'test:done') { removeEventListener('message', done); resolve(); }
    });
    postMessage('test:done', '*');
  }));
  assert.equal(await frameHeight('#one iframe'), height, 'only the embed itself can resize its frame');
  assert.equal(await page.locator('#stranger').evaluate((f) => f.style.height), '300px', 'an unregistered frame is not resized');
  assert.deepEqual(page.problems, []);
});

test('an embed far below the fold loads nothing until the reader scrolls near it', async () => {
  partner.override('long.html', html(`
    <h1>Partner article</h1>
    <div id="near" data-verdicts-a="mistral-8x22b-instruct-v2" data-verdicts-b="mistral-8x24b"></div>
    <div style="height:12000px">A long article.</div>
    <div id="far" data-verdicts-a="mistral-8x24b" data-verdicts-b="openai-o3-pro-api"></div>
    ${loader()}`));
  const since = app.requests.length;
  const farPage = '/mistral-8x24b-vs-openai-o3-pro-api/';
  const farRequested = () => app.requests.slice(since).some((r) => r.path.endsWith(farPage));
  await page.goto(partner.url + 'long.html');
  await page.frameLocator('#near iframe').getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('#far iframe').count(), 0, 'the far embed has no iframe yet');
  await expectEqual(async () => Math.round((await page.locator('#far').boundingBox()).height), 1200, 'but keeps its space');
  const nearPage = '/mistral-8x22b-instruct-v2-vs-mistral-8x24b/';
  assert.ok(app.requests.slice(since).some((r) => r.path.endsWith(nearPage)), 'the near embed loaded its pair\'s page');
  assert.equal(farRequested(), false, 'nothing of the far embed was requested before scrolling');
  const wasmRequested = () => app.requests.slice(since).some((r) => r.path.endsWith('.wasm'));
  const appScriptRequested = () => app.requests.slice(since).some((r) => /\/verdicts-[0-9a-f]+\.js$/.test(r.path));
  assert.equal(wasmRequested() || appScriptRequested(), false, 'the near embed shows its page and loads no app until the reader turns to it');

  // The reader presses a role filter in the near embed: the app loads, takes over, and applies it.
  const near = page.frameLocator('#near iframe');
  await near.getByRole('button', { name: /The builder/ }).click();
  const reviews = near.getByRole('region', { name: 'Reviews' });
  // The filter applies once the app has taken over and pressed the button again.
  await expectCount(reviews.getByRole('article'), 2, 'only the builder\'s two reviews', { timeout: 15_000 });
  assert.ok(wasmRequested() && appScriptRequested(), 'the app was loaded once the reader pressed a button');

  await page.locator('#far').scrollIntoViewIfNeeded();
  await page.frameLocator('#far iframe').getByRole('heading', { level: 1 }).waitFor();
  assert.ok(farRequested(), 'the far embed loads once the reader scrolls to it');
  assert.deepEqual(page.problems, []);
});

test('elements added after load are upgraded by Verdicts.upgrade()', async () => {
  partner.override('late.html', html(`<div id="slot"></div>${loader()}`));
  await page.goto(partner.url + 'late.html');
  await page.waitForFunction(() => window.Verdicts && typeof window.Verdicts.upgrade === 'function');
  await page.evaluate(() => {
    document.getElementById('slot').innerHTML = '<div id="late" data-verdicts-a="openai-o4-api" data-verdicts-b="openai-o3-pro-api"></div>';
    window.Verdicts.upgrade();
    window.Verdicts.upgrade(); // twice is harmless
  });
  await page.locator('#late iframe').waitFor();
  assert.equal(await page.locator('#late iframe').count(), 1);
  await settled('#late iframe');
  // The other order than the folder's: the query names it, and the embed shows it.
  await expectAttribute(page.locator('#late iframe'), 'src', `${app.url}openai-o3-pro-api-vs-openai-o4-api/?a=openai-o4-api&b=openai-o3-pro-api&embed=1`);
  await expectText(page.frameLocator('#late iframe').getByRole('heading', { level: 1 }), /^OpenAI o4 API.*\s+vs\s+OpenAI o3 Pro API$/);
});

test('the snippet from the Embed panel, pasted into a blank page on another origin, works', async () => {
  const context = page.context();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  await page.goto(app.url + '?a=openai-o4-api&b=openai-o3-pro-api&roles=skeptic,buyer');
  await page.getByRole('button', { name: 'Embed' }).click();
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  const code = await eventually(async () => {
    const value = await page.getByRole('textbox', { name: 'Embed code' }).inputValue();
    assert.match(value, /data-verdicts-a="openai-o4-api" data-verdicts-b="openai-o3-pro-api" data-verdicts-roles="skeptic,buyer" data-verdicts-theme="light" style="min-height:1200px"/);
    assert.match(value, new RegExp(`<script async src="${app.url}embed.js"></script>`));
    return value;
  });
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await page.getByText('Copied to the clipboard.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  await page.frameLocator('iframe.preview').getByRole('heading', { level: 1, name: /OpenAI o4 API/ }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'the open Embed panel');

  partner.override('pasted.html', html(code));
  const blank = await newPage(browser, { viewport: { width: 800, height: 2400 } });
  page = blank;
  await page.goto(partner.url + 'pasted.html');
  await settled('div[data-verdicts-a] iframe');
  const frame = page.frameLocator('div[data-verdicts-a] iframe');
  await expectCount(frame.getByRole('region', { name: 'Reviews' }).getByRole('article'), 4);
  await expectAttribute(frame.locator('html'), 'data-theme', 'light');
  await context.close();
});

test('a pasted embed pushes nothing on the partner page down, on a phone', async () => {
  await page.goto(app.url + '?a=mistral-8x24b&b=openai-o3-pro-api');
  await page.getByRole('button', { name: 'Embed' }).click();
  const code = await page.getByRole('textbox', { name: 'Embed code' }).inputValue();
  const words = '<p>Choosing a model for a support assistant means weighing price, latency and how well it follows instructions.</p>';
  // A phone-ready partner page: its layout is as wide as the screen.
  partner.override('phone.html', {
    type: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Partner article</title></head>
<body style="margin:0 16px"><h1>Which model should we ship?</h1>${words}${code}<h2>After the comparison</h2>${words}</body></html>`,
  });
  const phone = await newPage(browser, { viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
  // Every shift counts: nobody touches the partner's page here (Chromium marks these shifts as
  // following an input in this setting, which Lighthouse on a real load does not).
  await phone.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => { window.__shift += e.value; }))
      .observe({ type: 'layout-shift', buffered: true });
  });
  // The loader is async: on a slow connection it arrives after the partner's page has painted.
  let release;
  const held = new Promise((r) => (release = r));
  await phone.route('**/embed.js', async (route) => {
    await held;
    await route.continue();
  });
  page = phone;
  await page.goto(partner.url + 'phone.html', { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
  release();
  await settled('div[data-verdicts-a] iframe');
  await eventually(async () => assert.ok(await frameHeight('div[data-verdicts-a] iframe') > 1200, 'on a phone the embed is taller than the space kept for it'));
  await expectEqual(() => page.locator('div[data-verdicts-a]').evaluate((d) => d.style.minHeight), '', 'the loader let go of the kept space');
  const shift = await page.evaluate(() => window.__shift);
  assert.ok(shift <= 0.02, `the partner page's layout shift is ${shift.toFixed(3)}`);
  const inside = await page.frameLocator('div[data-verdicts-a] iframe').locator('html').evaluate(() => window.__shift);
  assert.ok(inside <= 0.02, `the embed's own layout shift is ${inside.toFixed(3)}`);
  assert.deepEqual(page.problems, []);
});

test('an embed whose style sheet fails still shows its comparison', async () => {
  partner.override('unstyled.html', html(`<div data-verdicts-a="mistral-8x24b" data-verdicts-b="openai-o3-pro-api" style="min-height:1200px"></div>${loader()}`));
  await page.route(/\/main-[0-9a-f]+\.css$/, (route) => route.abort());
  await page.goto(partner.url + 'unstyled.html');
  const frame = page.frameLocator('div[data-verdicts-a] iframe');
  await frame.getByRole('heading', { level: 1, name: /Mistral 8x24B/ }).waitFor();
  assert.equal(await frame.locator('html').evaluate((h) => h.hidden), false);
});

test('the embed view passes axe-core, and works in a sandboxed iframe without storage', async () => {
  await page.goto(app.url + '?embed=1&a=mistral-8x24b&b=openai-o3-pro-api&theme=dark');
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.deepEqual(await axeViolations(page), []);

  partner.override('sandboxed.html', html(`<iframe id="box" title="Verdicts" sandbox="allow-scripts allow-popups" style="width:100%;height:1800px;border:0"
    src="${app.url}?embed=1&a=mistral-8x24b&b=openai-o3-pro-api"></iframe>`));
  await page.goto(partner.url + 'sandboxed.html');
  const frame = page.frameLocator('#box');
  await frame.getByRole('heading', { level: 1, name: /Mistral 8x24B/ }).waitFor();
  await frame.getByRole('button', { name: 'Ship OpenAI o3 Pro API', exact: true }).click();
  await expectAttribute(frame.getByRole('button', { name: 'Ship OpenAI o3 Pro API', exact: true }), 'aria-pressed', 'true');
  await frame.getByText('will not be remembered').waitFor();
  await frame.getByRole('button', { name: /The buyer/ }).click();
  await expectCount(frame.getByRole('region', { name: 'Reviews' }).getByRole('article'), 2);
  // The style sheet loads too (checked against its integrity hash as a CORS request).
  await eventually(async () => assert.notEqual(await frame.locator('body').evaluate((b) => getComputedStyle(b).fontFamily), 'Times New Roman'));
  assert.deepEqual(page.problems, []);
});
