// Deciding faster: the workload cost calculator, Copy link and Share, keyboard shortcuts and
// their dialog, the printed decision memo (read back from a PDF), related comparisons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appSuite, freshPageEachTest } from '../support/suite.mjs';
import { axeViolations, newPage } from '../support/browser.mjs';
import { eventually, expectAttribute, expectCount, expectEqual, expectText, expectValue } from '../support/expect.mjs';
import { serveBundle } from '../support/data.mjs';

const BUNDLE = JSON.parse(readFileSync(new URL('../../public/data/bundle.json', import.meta.url), 'utf8'));
const O3 = 'OpenAI o3 Pro API';
const M24 = 'Mistral 8x24B Mixture-of-Experts';
const O4 = 'OpenAI o4 API with Structured Outputs & Native Code Execution';
const PAGE = 'mistral-8x24b-vs-openai-o3-pro-api/';
let server;
let browser;
let page;

appSuite((s) => ({ server, browser } = s));
freshPageEachTest(() => ({ server, browser }), (p) => (page = p));

const region = (name, p = page) => p.getByRole('region', { name, exact: true });
const calculator = (p = page) => region('Pricing', p).getByRole('group', { name: 'Estimate your monthly cost' });
const where = (p = page) => {
  const url = new URL(p.url());
  return url.pathname.slice(new URL(server.url).pathname.length) + url.search;
};
async function open(path = PAGE, p = page) {
  await p.goto(server.url + path);
  await p.getByRole('heading', { level: 1 }).waitFor();
}

test('the cost calculator: presets, typed amounts, the arithmetic, bad input, and the URL', async () => {
  await open();
  const calc = calculator();
  await calc.getByRole('button', { name: 'Production chatbot: 50M in, 10M out' }).click();
  await calc.getByText('≈ $1,800 / month').waitFor();
  await eventually(async () => {
    const text = await calc.innerText();
    assert.match(text, /50M input × \$20 per 1M = \$1,000; 10M output × \$80 per 1M = \$800/);
    assert.match(text, new RegExp(`${M24}\\s+Not listed`));
    assert.match(text, new RegExp(`${M24} lists no per-token prices to compare with\\.`));
  });
  await expectEqual(where, `${PAGE}?in=50M&out=10M`);
  // A refresh (or a shared link) shows the same estimate.
  await page.reload();
  await expectValue(calculator().getByRole('textbox', { name: 'Input tokens per month' }), '50M');
  await calculator().getByText('≈ $1,800 / month').waitFor();

  // Typed amounts as people write them.
  const input = calculator().getByRole('textbox', { name: 'Input tokens per month' });
  await input.fill('1.5B');
  await calculator().getByText('≈ $30,800 / month').waitFor();
  await expectEqual(where, `${PAGE}?in=1.5B&out=10M`);
  await input.fill('12,000,000');
  await calculator().getByText('≈ $1,040 / month').waitFor();

  // Bad input says what is accepted, next to the field.
  await input.fill('lots');
  await expectAttribute(input, 'aria-invalid', 'true');
  await eventually(async () => {
    const described = await input.getAttribute('aria-describedby');
    assert.ok(described, 'the field names its error message');
    const error = page.locator(`#${described}`);
    assert.match(await error.innerText({ timeout: 1000 }), /Write a number of tokens, such as 50M, 1\.5B, 200k or 12,000,000\./);
  });
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.problems, []);
});

test('the calculator\'s fields follow the address through a swap, a preset, Back and Forward', async () => {
  await open(`${PAGE}?in=50M&out=10M`);
  const field = (name) => calculator().getByRole('textbox', { name });
  await expectValue(field('Input tokens per month'), '50M');
  await page.getByRole('button', { name: 'Swap tools' }).click();
  await expectEqual(where, 'openai-o3-pro-api-vs-mistral-8x24b/?in=50M&out=10M', 'the swap keeps the workload');
  await calculator().getByRole('button', { name: 'Batch pipeline: 1B in, 200M out' }).click();
  await expectEqual(where, 'openai-o3-pro-api-vs-mistral-8x24b/?in=1B&out=200M');
  await expectValue(field('Input tokens per month'), '1B');
  await page.goBack();
  await expectEqual(where, `${PAGE}?in=50M&out=10M`);
  await expectValue(field('Input tokens per month'), '50M');
  await expectValue(field('Output tokens per month'), '10M');
  await calculator().getByText('≈ $1,800 / month').waitFor();
  await page.goForward();
  await expectEqual(where, 'openai-o3-pro-api-vs-mistral-8x24b/?in=1B&out=200M');
  await expectValue(field('Input tokens per month'), '1B');
  await expectValue(field('Output tokens per month'), '200M');
  assert.deepEqual(page.problems, []);
});

test('two priced tools are compared, and the embed view shows the estimate too', async () => {
  const bundle = structuredClone(BUNDLE);
  bundle.tools.find((t) => t.id === 'openai-o4-api').pricing.prices = [
    { amount: 5, currency: 'USD', unit: '1M input tokens', per: { quantity: 1000000, item: 'input-token' } },
    { amount: 15, currency: 'USD', unit: '1M output tokens', per: { quantity: 1000000, item: 'output-token' } },
  ];
  serveBundle(server, bundle);
  await open('?a=openai-o4-api&b=openai-o3-pro-api&in=50M&out=10M');
  await calculator().getByText('≈ $400 / month').waitFor();
  await expectText(calculator(), new RegExp(`${O4.replace(/[&]/g, '\\$&')} is cheaper than ${O3} by \\$1,400 a month\\.`));

  const embed = await newPage(browser);
  await open(`${PAGE}?embed=1&in=50M&out=10M`, embed);
  await calculator(embed).getByText('≈ $1,800 / month').waitFor();
  await embed.context().close();
});

test('Copy link copies exactly what is on screen; Share opens the share sheet where there is one', async () => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await page.addInitScript(() => {
    window.__shared = [];
    Object.defineProperty(navigator, 'share', { value: (data) => { window.__shared.push(data); return Promise.resolve(); } });
  });
  await open(`${PAGE}?roles=buyer&in=50M&out=10M`);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.getByRole('status').filter({ hasText: 'Link copied to the clipboard.' }).waitFor();
  const expected = `${server.url}${PAGE}?roles=buyer&in=50M&out=10M`;
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);

  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('status').filter({ hasText: 'Shared.' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__shared), [{ title: `${M24} vs ${O3} — Verdicts`, url: expected }]);

  // Without the Web Share API there is no Share button.
  const plain = await newPage(browser);
  await plain.addInitScript(() => { delete Navigator.prototype.share; });
  await open(PAGE, plain);
  assert.equal(await plain.getByRole('button', { name: 'Share' }).count(), 0);
  await plain.context().close();
});

test('keyboard shortcuts work outside fields only, and their dialog keeps the focus', async () => {
  await open();
  await page.keyboard.press('/');
  const first = page.getByRole('combobox', { name: 'First tool' });
  await eventually(async () => assert.ok(await first.evaluate((el) => el === document.activeElement), '/ goes to “First tool”'));
  await page.keyboard.type('s');
  assert.equal(where(), PAGE, 'typing s in a field does not swap');
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { level: 1 }).click();

  await page.keyboard.press('s');
  await page.waitForURL(`${server.url}openai-o3-pro-api-vs-mistral-8x24b/`);
  await page.keyboard.press('4');
  await page.waitForURL(`${server.url}openai-o3-pro-api-vs-mistral-8x24b/?roles=buyer`);
  await expectCount(region('Reviews').getByRole('article'), 2);
  await page.keyboard.press('0');
  await page.waitForURL(`${server.url}openai-o3-pro-api-vs-mistral-8x24b/`);

  const opener = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await opener.focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  await eventually(async () => assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'the focus moves into the dialog'));
  await expectText(dialog, /Swap the tools/);
  assert.deepEqual(await axeViolations(page), [], 'the open dialog');
  await page.keyboard.press('s');
  assert.equal(where(), 'openai-o3-pro-api-vs-mistral-8x24b/', 'no shortcut behind the open dialog');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await eventually(async () => assert.ok(await opener.evaluate((el) => el === document.activeElement), 'the focus returns to where it was'));
  assert.deepEqual(page.problems, []);
});

test('printing gives a decision memo that fits A4 and Letter', async () => {
  const index = readFileSync(new URL('../../dist/index.html', import.meta.url), 'utf8')
    .replace('<meta name="verdicts:signup" content="">', '<meta name="verdicts:signup" content="https://news.example/join">');
  server.override('index.html', { type: 'text/html', body: index });
  await open(`?a=mistral-8x24b&b=openai-o3-pro-api&roles=buyer&in=50M&out=10M`);
  await calculator().getByText('≈ $1,800 / month').waitFor();
  const dir = mkdtempSync(join(tmpdir(), 'verdicts-memo-'));
  try {
    for (const format of ['A4', 'Letter']) {
      const file = join(dir, `${format}.pdf`);
      writeFileSync(file, await page.pdf({ format }));
      // Read back in reading order, whitespace aside (lines wrap where the page is narrow).
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      const squeezed = (t) => t.replace(/\s+/g, '');
      for (const expected of [M24, O3, 'Panel verdict', '75%', '≈ $1,800 / month', '$20 per 1M = $1,000', 'Reviewer split',
        `${server.url}${PAGE}?roles=buyer&in=50M&out=10M`, 'bundle updated 2026-11-21', 'The buyer is a developer']) {
        assert.ok(text.includes(squeezed(expected)), `${format}: the memo says “${expected}”`);
      }
      for (const absent of ['First tool', 'Swap tools', 'Copy link', 'Embed', 'Get the next comparison', 'Keyboard shortcuts', 'Featured:']) {
        assert.ok(!text.includes(squeezed(absent)), `${format}: no “${absent}” in the memo`);
      }
      assert.ok(!text.includes(squeezed('The primitive')), `${format}: only the selected roles' reviews`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Nothing is wider than a Letter page's printable width.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 720, height: 1000 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 720), 'no horizontal overflow in print');
});

test('related comparisons link to other pairs with either tool, and none when there are none', async () => {
  await open();
  const related = region('Related comparisons');
  const links = related.getByRole('link');
  await eventually(async () => {
    const labels = await links.allInnerTexts();
    assert.ok(labels.length > 0 && labels.length <= 6, `${labels}`);
    assert.ok(labels.every((l) => l.includes('Mistral 8x24B') || l.includes(O3)), 'each has one of the pair');
    assert.ok(!labels.some((l) => l.includes('Mistral 8x24B') && l.includes(O3)), 'not the pair itself');
    for (const href of await links.evaluateAll((as) => as.map((a) => a.href))) assert.match(href, /-vs-[^/]+\/$/, 'each to its page');
  });
  // This test is about the live page's links (a press during the handover: loading.test.mjs).
  await page.locator('#app > .prerendered').waitFor({ state: 'detached' });
  await links.first().click();
  await page.waitForURL(/-vs-/);
  // The address this page started at matches /-vs-/ too: look until it is another pair's.
  await eventually(() => assert.notEqual(where(), PAGE));

  // With a role filter and a workload, each link keeps both, and a click stays in the app.
  await open(`${PAGE}?roles=buyer&in=50M&out=10M`);
  const kept = region('Related comparisons').getByRole('link');
  await eventually(async () => {
    for (const href of await kept.evaluateAll((as) => as.map((a) => a.href))) {
      assert.match(href, /-vs-[^/]+\/\?roles=buyer&in=50M&out=10M$/, 'each keeps the filter and the workload');
    }
  });
  await page.evaluate(() => { window.sameDocument = true; });
  const target = await kept.first().evaluate((a) => a.href);
  await kept.first().click();
  await expectEqual(() => page.url(), target, 'the address is the link\'s');
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'shown in the app, without a reload');
  await expectValue(calculator().getByRole('textbox', { name: 'Input tokens per month' }), '50M');

  const lonely = structuredClone(BUNDLE);
  lonely.tools = lonely.tools.slice(0, 2);
  lonely.tools[1].category = 'Something else';
  lonely.reviews = lonely.reviews.filter((r) => lonely.tools.some((t) => t.id === r.tool));
  delete lonely.featured;
  serveBundle(server, lonely);
  await open('');
  assert.equal(await region('Related comparisons').count(), 0);
});
