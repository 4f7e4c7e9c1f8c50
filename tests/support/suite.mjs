// The setup every end-to-end file shares: the release build served from a sub-path, the way a
// host serves it, and one headless browser, both started before the file's tests and closed after.
import { before, after } from 'node:test';
import { startServer } from '../../scripts/static-server.mjs';
import { launch } from './browser.mjs';

/** Registers the hooks; `ready({ server, browser })` is called (and awaited) once both are up. */
export function appSuite(ready) {
  let server;
  let browser;
  before(async () => {
    server = await startServer({ root: 'dist', prefix: '/tools/compare/' });
    browser = await launch();
    await ready({ server, browser });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}
