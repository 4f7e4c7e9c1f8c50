// The setup every end-to-end file shares: the release build served from a sub-path, the way a
// host serves it, and one headless browser, both started before the file's tests and closed after.
import { before, after, beforeEach } from 'node:test';
import { startServer } from '../../scripts/static-server.mjs';
import { launch, newPage } from './browser.mjs';

/** Registers the hooks; `ready({ server, browser })` is called (and awaited) once both are up.
 * `site()`, if given, makes the folder to serve (default: the release build in dist/). */
export function appSuite(ready, { site = async () => 'dist' } = {}) {
  let server;
  let browser;
  before(async () => {
    server = await startServer({ root: await site(), prefix: '/tools/compare/' });
    browser = await launch();
    await ready({ server, browser });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/** Before each test: the server's overrides and records cleared, every page of earlier tests
 * closed and a fresh one opened; `use(page)` receives it (and may add its own handlers). */
export function freshPageEachTest(suite, use, pageOptions = {}) {
  beforeEach(async () => {
    const { server, browser } = suite();
    server.reset();
    await Promise.all(browser.contexts().map((c) => c.close()));
    await use(await newPage(browser, pageOptions));
  });
}
