// Headless Chromium for the end-to-end tests: the system's Chromium, never a downloaded one.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launch({ extraArgs = [] } = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** Resolves once the app has replaced the static page (build-time comparison or skeleton) with
 * the live one, or at once on a page that is not the app. */
export const appIsLive = (page) =>
  page.waitForFunction(() => !document.querySelector('#app > .prerendered, #app > .static-skeleton'), null, { timeout: 30_000 });

/**
 * A fresh page with console errors and page errors collected into `page.problems`. Its `goto`
 * and `reload` wait until the app has taken the page over, as a visitor would before acting
 * (unless `waitForApp: false`, or scripts are off).
 */
export async function newPage(browser, { viewport = { width: 1200, height: 900 }, waitForApp = true, ...options } = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
  // Without scripts the static page is all there is.
  for (const name of options.javaScriptEnabled === false || !waitForApp ? [] : ['goto', 'reload']) {
    const original = page[name].bind(page);
    page[name] = async (...args) => {
      const response = await original(...args);
      await appIsLive(page);
      return response;
    };
  }
  return page;
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page; returns the WCAG 2 A/AA violations. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(AXE);
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}

/** The text of an element the way a person reads it: scrolled to first, because parts of the
 * page far below the fold are laid out (and so have rendered text) only as they come near. */
export async function readText(locator) {
  await locator.scrollIntoViewIfNeeded();
  await locator.page().evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return locator.innerText();
}
