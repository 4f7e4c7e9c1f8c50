// Comparing two tools: pickers, swap, the sections' figures, the role filter, the URL as the
// state, phones, and accessibility, the way a visitor uses them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appSuite, freshPageEachTest } from '../support/suite.mjs';
import { newPage, axeViolations, readText } from '../support/browser.mjs';
import { eventually, expectAttribute, expectCount, expectEqual, expectMatch, expectText, expectValue } from '../support/expect.mjs';
import { ENTRY } from '../support/data.mjs';

let server;
let browser;
let page;

appSuite((s) => ({ server, browser } = s));
freshPageEachTest(() => ({ server, browser }), (p) => (page = p));

async function open(query = '', p = page) {
  await p.goto(server.url + query);
  await p.getByRole('combobox', { name: 'First tool' }).waitFor();
}
// Where the page is, under the site root: a pair's page folder and the query string.
const query = (p = page) => {
  const url = new URL(p.url());
  return url.pathname.slice(new URL(server.url).pathname.length) + url.search;
};
const title = (p = page) => p.getByRole('heading', { level: 1 }).innerText();
const region = (name) => page.getByRole('region', { name, exact: true });

test('pick the first tool by typing and choosing from the list', async () => {
  await open();
  const first = page.getByRole('combobox', { name: 'First tool' });
  await first.click();
  await first.fill('o3');
  const listbox = page.getByRole('listbox', { name: 'First tool' });
  await expectAttribute(first, 'aria-expanded', 'true');
  await expectEqual(() => listbox.getByRole('option').allInnerTexts().then((t) => t.map((x) => x.split('\n')[0])), ['OpenAI o3 Pro API']);
  await listbox.getByRole('option', { name: /OpenAI o3 Pro API/ }).click();
  await expectEqual(query, 'openai-o3-pro-api-vs-openai-o4-api/');
  await expectMatch(title, /OpenAI o3 Pro API\s+vs\s+OpenAI o4 API/);
  await expectValue(first, 'OpenAI o3 Pro API');
  await expectAttribute(first, 'aria-expanded', 'false');
  assert.deepEqual(page.problems, []);
});

test('typing is case- and accent-insensitive and Enter picks the best match', async () => {
  await open();
  const second = page.getByRole('combobox', { name: 'Second tool' });
  await second.fill('MÍXTURE');
  await page.keyboard.press('Enter');
  await expectEqual(query, 'mistral-8x22b-instruct-v2-vs-mistral-8x24b/');
});

test('pick the second tool with the keyboard alone', async () => {
  await open();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'second-tool-input')) break;
  }
  const second = page.getByRole('combobox', { name: 'Second tool' });
  assert.ok(await second.evaluate((el) => el === document.activeElement), 'Tab reaches the second picker');
  await page.keyboard.press('ArrowDown');
  await expectAttribute(second, 'aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await eventually(async () => {
    const active = await second.getAttribute('aria-activedescendant');
    assert.ok(active, 'an option is active');
    assert.match(await page.locator(`#${active}`).innerText({ timeout: 1000 }), /Mistral 8x24B Mixture-of-Experts/);
  });
  await page.keyboard.press('Enter');
  await expectEqual(query, 'mistral-8x22b-instruct-v2-vs-mistral-8x24b/');
  await expectValue(second, 'Mistral 8x24B Mixture-of-Experts');
  // Escape abandons what was typed.
  await second.fill('zzz');
  await expectText(page.getByRole('status').filter({ hasText: 'No tool matches' }), /No tool matches/);
  await page.keyboard.press('Escape');
  await expectValue(second, 'Mistral 8x24B Mixture-of-Experts');
  await expectAttribute(second, 'aria-expanded', 'false');
});

test('choosing the tool already on the other side swaps them, and Swap tools swaps', async () => {
  await open();
  const first = page.getByRole('combobox', { name: 'First tool' });
  await first.fill('o4');
  await page.getByRole('option', { name: /OpenAI o4 API/ }).click();
  await expectEqual(query, 'openai-o4-api-vs-mistral-8x22b-instruct-v2/');
  await page.getByRole('button', { name: 'Swap tools' }).click();
  await expectEqual(query, '');
  await expectMatch(title, /^Mistral 8x22B Instruct v2\s+vs/);
});

test('each section shows the seed figures for Mistral 8x24B vs OpenAI o3 Pro', async () => {
  await open('?a=mistral-8x24b&b=openai-o3-pro-api');
  const card = page.getByRole('region', { name: 'OpenAI o3 Pro API' });
  await eventually(async () => {
    const cardText = await card.innerText();
    assert.match(cardText, /Panel ship\s+75%\s+3 of 4/);
    assert.match(cardText, /Community\s+—\s+no votes yet/);
    assert.match(cardText, /Entry\s+Paid/);
  });
  await expectText(page.getByRole('region', { name: 'Mistral 8x24B Mixture-of-Experts' }), /Panel ship\s+100%\s+4 of 4[\s\S]*Entry\s+Free/);

  await eventually(async () => {
    const verdict = await region('Panel verdict').innerText();
    assert.match(verdict, /100%\s+4 of 4 reviewers say ship/);
    assert.match(verdict, /75%\s+3 of 4 reviewers say ship/);
    assert.match(verdict, /The panel favours Mistral 8x24B Mixture-of-Experts: 100% ship against 75%\./);
  });

  const pricing = region('Pricing');
  await expectEqual(async () => (await pricing.getByRole('row').allInnerTexts()).slice(1).map((r) => r.split('\t').map((c) => c.trim())), [
    ['Entry', 'Free', 'Paid'],
    ['Per 1M input tokens', 'Not listed', '$20'],
    ['Per 1M output tokens', 'Not listed', '$80'],
  ]);
  await expectText(pricing, /Positioned as a premium tier above o3\./);

  const split = region('Reviewer split');
  await expectText(split.getByRole('row', { name: /The buyer/ }), /Ship[\s\S]*Skip[\s\S]*Split/);
  await expectText(split.getByRole('row', { name: /The builder/ }), /Agree: ship both/);
  await expectText(split, /3 of 4 reviewers give both the same verdict; 1 split\./);

  await expectEqual(async () => ((await region('Community vote').innerText()).match(/No votes yet/g) ?? []).length, 2);

  const cards = region('Reviews').getByRole('article');
  await expectCount(cards, 8);
  const skip = region('Reviews').getByRole('article', { name: 'The buyer on OpenAI o3 Pro API: Skip' });
  await expectMatch(() => readText(skip), /Skip[\s\S]*The specific thing that would flip this to a ship/);
});

test('the role filter: one role, two roles, none left, with counts and the URL', async () => {
  await open('?a=mistral-8x24b&b=openai-o3-pro-api');
  const group = page.getByRole('group', { name: 'Filter by reviewer role' });
  const all = group.getByRole('button', { name: /All roles/ });
  const builder = group.getByRole('button', { name: /The builder/ });
  const buyer = group.getByRole('button', { name: /The buyer/ });
  await expectAttribute(all, 'aria-pressed', 'true');
  await expectText(all, /All roles\s*8/);
  await expectCount(group.getByRole('button', { name: 'The skeptic 2 reviews' }), 1);

  await builder.click();
  await expectEqual(query, 'mistral-8x24b-vs-openai-o3-pro-api/?roles=builder');
  await expectAttribute(builder, 'aria-pressed', 'true');
  await expectAttribute(all, 'aria-pressed', 'false');
  await expectCount(region('Reviews').getByRole('article'), 2);
  await expectCount(region('Reviewer split').getByRole('row'), 2);

  await buyer.click();
  await expectEqual(query, 'mistral-8x24b-vs-openai-o3-pro-api/?roles=builder,buyer');
  await expectCount(region('Reviews').getByRole('article'), 4);
  await expectEqual(
    () => region('Reviews').getByRole('heading', { level: 3 }).allInnerTexts(),
    ['The builder', 'The buyer'],
  );

  await builder.click();
  await buyer.click();
  await expectEqual(query, 'mistral-8x24b-vs-openai-o3-pro-api/?roles=');
  await expectCount(region('Reviews').getByRole('article'), 0);
  await expectText(region('Reviews'), /No reviewer roles are selected/);
  await expectText(region('Reviewer split'), /No reviewer roles are selected/);

  await all.click();
  await expectEqual(query, 'mistral-8x24b-vs-openai-o3-pro-api/');
  await expectCount(region('Reviews').getByRole('article'), 8);
});

test('a role toggle changes only what depends on roles, and keeps the groups that stay', async () => {
  await open('?a=mistral-8x24b&b=openai-o3-pro-api');
  const group = page.getByRole('group', { name: 'Filter by reviewer role' });
  await group.getByRole('button', { name: /The builder/ }).click();
  const sections = ['The short answer', 'Panel verdict', 'Pricing', 'Community vote'];
  const handles = await Promise.all(sections.map((name) => region(name).elementHandle()));
  const builderCard = await region('Reviews').getByRole('article', { name: /^The builder on OpenAI o3 Pro API/ }).elementHandle();
  const builderRow = await region('Reviewer split').getByRole('row', { name: /The builder/ }).elementHandle();
  await page.evaluate(([els, names, card, row]) => {
    window.__mutated = [];
    els.forEach((el, i) => new MutationObserver((records) => window.__mutated.push(`${names[i]}: ${records.length}`))
      .observe(el, { subtree: true, childList: true, attributes: true, characterData: true }));
    card.__kept = true;
    row.__kept = true;
  }, [handles, sections, builderCard, builderRow]);

  await group.getByRole('button', { name: /The buyer/ }).click();
  await expectCount(region('Reviews').getByRole('article'), 4);
  await group.getByRole('button', { name: /The skeptic/ }).click();
  await expectCount(region('Reviews').getByRole('article'), 6);
  assert.deepEqual(await page.evaluate(() => window.__mutated), [], 'nothing changed in the short answer, Panel verdict, Pricing or Community vote');
  // The builder's card and row were kept, not made again.
  const kept = async (locator) => locator.evaluate((el) => el.__kept === true);
  assert.ok(await kept(region('Reviews').getByRole('article', { name: /^The builder on OpenAI o3 Pro API/ })), 'the card');
  assert.ok(await kept(region('Reviewer split').getByRole('row', { name: /The builder/ })), 'the row');
});

test('switching the pair rewrites the sections in place: the same cards, rows and tables, the new tool\'s words', async () => {
  await open('?a=mistral-8x24b&b=openai-o3-pro-api');
  const bundle = await (await page.request.get(server.url + 'data/bundle.json')).json();
  const quote = (tool, role) => bundle.reviews.find((r) => r.tool === tool && r.role === role).quote;
  const marked = {
    'the second tool card': page.getByRole('region', { name: 'OpenAI o3 Pro API' }),
    'the builder card on the second tool': region('Reviews').getByRole('article', { name: 'The builder on OpenAI o3 Pro API: Ship' }),
    "the builder's split row": region('Reviewer split').getByRole('row', { name: /The builder/ }),
    'the pricing table': region('Pricing').getByRole('table'),
    'the panel verdict summary': region('Panel verdict').getByText(/The panel favours/),
    'the short answer': region('The short answer'),
    'the first picker': page.getByRole('combobox', { name: 'First tool' }),
    'the featured comparisons': page.getByRole('navigation', { name: 'Featured comparisons' }),
  };
  for (const locator of Object.values(marked)) await locator.evaluate((el) => { el.__kept = true; });
  // What does not depend on the pair is left alone: the featured links change only which one
  // is the current page.
  await page.getByRole('navigation', { name: 'Featured comparisons' }).evaluate((nav) => {
    window.__featured = [];
    new MutationObserver((records) => window.__featured.push(...records.map((r) => r.attributeName ?? r.type)))
      .observe(nav, { subtree: true, childList: true, attributes: true, characterData: true });
  });

  const second = page.getByRole('combobox', { name: 'Second tool' });
  await second.fill('o4');
  await page.getByRole('option', { name: /OpenAI o4 API/ }).click();
  await page.getByRole('region', { name: /^OpenAI o4 API/ }).waitFor();

  const card = region('Reviews').getByRole('article', { name: /^The builder on OpenAI o4 API .*: Ship$/ });
  await eventually(async () => assert.ok((await readText(card)).includes(quote('openai-o4-api', 'builder')), 'the card quotes the new tool\'s builder'));
  await expectText(region('Reviewer split').getByRole('row', { name: /The buyer/ }), /Ship[\s\S]*Skip[\s\S]*Split/);
  await expectText(region('Panel verdict'), /The panel favours Mistral 8x24B Mixture-of-Experts: 100% ship against 75%\./);
  await expectText(region('The short answer'), /The panel favours Mistral 8x24B Mixture-of-Experts: 4 of 4 reviewers ship it, 3 of 4 ship OpenAI o4 API/);
  await expectCount(region('Reviews').getByText(quote('openai-o3-pro-api', 'builder')), 0, 'the old tool\'s words are gone');
  const now = {
    'the second tool card': page.getByRole('region', { name: /^OpenAI o4 API/ }),
    'the builder card on the second tool': card,
    "the builder's split row": region('Reviewer split').getByRole('row', { name: /The builder/ }),
    'the pricing table': region('Pricing').getByRole('table'),
    'the panel verdict summary': region('Panel verdict').getByText(/The panel favours/),
    'the short answer': region('The short answer'),
    'the first picker': page.getByRole('combobox', { name: 'First tool' }),
    'the featured comparisons': page.getByRole('navigation', { name: 'Featured comparisons' }),
  };
  for (const [name, locator] of Object.entries(now)) {
    assert.ok(await locator.evaluate((el) => el.__kept === true), `${name} was updated in place, not made again`);
  }
  assert.deepEqual([...new Set(await page.evaluate(() => window.__featured))], ['aria-current'], 'the featured links were not written again');
});

test('a deep link with roles opens that view, survives a refresh, and Back/Forward restore pairs', async () => {
  await open('?a=openai-o3-pro-api&b=mistral-8x24b&roles=skeptic');
  await expectMatch(title, /^OpenAI o3 Pro API\s+vs\s+Mistral 8x24B/);
  await expectCount(region('Reviews').getByRole('article'), 2);
  await expectAttribute(page.getByRole('button', { name: /The skeptic/ }), 'aria-pressed', 'true');
  await page.reload();
  await page.getByRole('combobox', { name: 'First tool' }).waitFor();
  await expectCount(region('Reviews').getByRole('article'), 2);

  await open('');
  await page.getByRole('link', { name: 'Mistral 8x24B Mixture-of-Experts vs OpenAI o3 Pro API' }).click();
  await expectEqual(query, 'mistral-8x24b-vs-openai-o3-pro-api/');
  await page.getByRole('button', { name: 'Swap tools' }).click();
  await expectEqual(query, 'openai-o3-pro-api-vs-mistral-8x24b/');
  // A refresh of a URL the app wrote loads it from the static host as it is.
  await page.reload();
  await expectMatch(title, /^OpenAI o3 Pro API\s+vs\s+Mistral 8x24B/);
  const at = (where) => page.waitForFunction((w) => location.pathname.endsWith(w) && !location.search, where);
  await page.goBack();
  await at('/mistral-8x24b-vs-openai-o3-pro-api/');
  await expectMatch(title, /^Mistral 8x24B Mixture-of-Experts\s+vs\s+OpenAI o3 Pro API/);
  await page.goBack();
  await at('/tools/compare/');
  await expectMatch(title, /^Mistral 8x22B Instruct v2\s+vs\s+OpenAI o4 API/);
  await page.goForward();
  await at('/mistral-8x24b-vs-openai-o3-pro-api/');
  await expectMatch(title, /^Mistral 8x24B/);
  await expectEqual(() => page.title(), 'Mistral 8x24B Mixture-of-Experts vs OpenAI o3 Pro API — Verdicts');
});

test('unknown ids fall back to the default pair with a visible notice', async () => {
  await open('?a=no-such-tool&b=openai-o3-pro-api&roles=ghost');
  await expectMatch(title, /^Mistral 8x22B Instruct v2\s+vs\s+OpenAI o3 Pro API/);
  await eventually(async () => {
    const notice = await page.getByRole('status').filter({ hasText: 'no-such-tool' }).innerText();
    assert.match(notice, /There is no tool “no-such-tool” in this comparison/);
    assert.match(notice, /There is no reviewer role “ghost”/);
  });
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expectCount(page.getByText('no-such-tool'), 0);
});

test('a 360 px wide phone has no horizontal scrolling', async () => {
  const phone = await newPage(browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  for (const q of ['', '?a=openai-o4-api&b=openai-o3-pro-api&roles=buyer']) {
    await open(q, phone);
    const [scroll, width] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll <= width, `page ${q || '(default)'} is ${scroll}px wide on a ${width}px screen`);
  }
  // Picking by touch works too.
  await phone.getByRole('combobox', { name: 'First tool' }).tap();
  await phone.getByRole('option', { name: /Mistral 8x24B/ }).tap();
  await expectEqual(() => query(phone), 'mistral-8x24b-vs-openai-o3-pro-api/?roles=buyer');
  await phone.context().close();
});

test('the answer comes first: within the first screen of a phone and a desktop, the same before and after the app takes over, the pickers a tap away', async () => {
  const screens = [['phone', { width: 390, height: 844 }, true], ['desktop', { width: 1280, height: 800 }, false]];
  const words = /^The panel favours Mistral 8x24B Mixture-of-Experts: 4 of 4 reviewers ship it, 3 of 4 ship OpenAI o3 Pro API\.\s*Community: no votes yet\.$/;
  for (const [name, viewport, mobile] of screens) {
    const boxes = [];
    // The published page as it is first painted (scripts off), then the live app.
    for (const javaScriptEnabled of [false, true]) {
      const p = await newPage(browser, { viewport, isMobile: mobile, hasTouch: mobile, javaScriptEnabled });
      await p.goto(server.url + 'mistral-8x24b-vs-openai-o3-pro-api/');
      const answer = p.getByRole('region', { name: 'The short answer', exact: true });
      await expectText(answer, words);
      const box = await answer.boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height, `${name}: the answer ends at ${box && box.y + box.height} px of a ${viewport.height} px screen`);
      boxes.push(box);
      // The pickers are right below, in the same first screen.
      const picker = p.getByRole('combobox', { name: 'First tool' });
      const at = await picker.boundingBox();
      assert.ok(at && at.y + at.height <= viewport.height, `${name}: the first picker ends at ${at && at.y + at.height} px`);
      if (javaScriptEnabled) {
        if (mobile) await picker.tap();
        else await picker.click();
        await picker.fill('o4');
        await p.getByRole('option', { name: /OpenAI o4 API/ }).click();
        await expectText(answer, /^A tie on the panel: 3 of 4 reviewers ship each\.\s*Community: no votes yet\.$/, `${name}: the answer follows the pair`);
        assert.deepEqual(p.problems, []);
      }
      await p.context().close();
    }
    assert.deepEqual(boxes[1], boxes[0], `${name}: the live answer sits exactly where the published one was painted`);
  }
});

test('axe-core finds no WCAG 2 A/AA violations: loaded, filtered, empty filter, error', async () => {
  for (const theme of ['light', 'dark']) {
    const p = await newPage(browser, { colorScheme: theme });
    await open('', p);
    assert.deepEqual(await axeViolations(p), [], `loaded (${theme})`);
    await open('?roles=builder,buyer', p);
    assert.deepEqual(await axeViolations(p), [], `filtered (${theme})`);
    await open('?roles=', p);
    assert.deepEqual(await axeViolations(p), [], `empty filter (${theme})`);
    await p.getByRole('combobox', { name: 'First tool' }).fill('o');
    await p.getByRole('listbox', { name: 'First tool' }).waitFor();
    assert.deepEqual(await axeViolations(p), [], `picker open (${theme})`);
    server.override(ENTRY, { status: 404 });
    await p.goto(server.url);
    await p.getByRole('alert').waitFor();
    assert.deepEqual(await axeViolations(p), [], `error (${theme})`);
    server.clear();
    await p.context().close();
  }
});

test('the footer names the bundle, and the newsletter call to action follows the deployer setting', async () => {
  await open();
  const footer = page.getByRole('contentinfo');
  await eventually(async () => {
    const text = await footer.innerText();
    assert.match(text, /Weekly AI Tool Verdicts/);
    assert.match(text, /Updated 2026-11-21/);
    assert.match(text, /each ship or skip verdict is read from the reviewer's own words/);
  });
  assert.equal(await page.getByRole('link', { name: 'Get the next comparison in your inbox' }).count(), 0, 'hidden when no signup URL is set');
  await expectCount(page.getByRole('banner').getByRole('link', { name: /Verdicts/ }), 1, 'the header names the product');

  const { readFileSync } = await import('node:fs');
  const index = readFileSync(new URL('../../dist/index.html', import.meta.url), 'utf8')
    .replace('<meta name="verdicts:signup" content="">', '<meta name="verdicts:signup" content="https://news.example/join?list=verdicts">');
  server.override('index.html', { type: 'text/html', body: index });
  await open();
  const cta = page.getByRole('link', { name: 'Get the next comparison in your inbox' });
  await expectAttribute(cta, 'href', 'https://news.example/join?list=verdicts');
  assert.deepEqual(await axeViolations(page), [], 'with the call to action');
});
