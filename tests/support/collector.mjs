// Vote collectors for the end-to-end tests.
//
// startCollector(): a stand-in that speaks the protocol (GET v1/challenge, POST v1/votes,
// GET v1/tallies/…), records every vote posted, answers CORS preflights, and can be told to fail.
// Its challenges are solvable (the app cannot tell its signature from a real one).
// startRealCollector(): the project's own verdicts-collector (built by scripts/test.sh) on a
// temporary SQLite file, which can be stopped (kill -9) and started again on the same file.
import { createServer } from 'node:http';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': 'content-type',
};

export async function startCollector() {
  const reports = [];
  let failing = false;
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      return res.end();
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failing) {
        res.writeHead(503, CORS);
        return res.end();
      }
      if (req.method === 'GET' && req.url === '/v1/challenge') {
        res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
        return res.end(JSON.stringify(challenge(1000)));
      }
      if (req.method === 'GET' && req.url.startsWith('/v1/tallies/')) {
        res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
        return res.end(JSON.stringify({ tools: {}, votes: 0, as_of: '2026-11-23T00:00:00Z' }));
      }
      reports.push({ method: req.method, path: req.url, type: req.headers['content-type'], cookie: req.headers.cookie, body: JSON.parse(body || 'null') });
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    reports,
    fail: (on) => (failing = on),
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
  };
}

/** A challenge as the collector makes one (docs/collector.md), signed with nothing. */
function challenge(max) {
  const salt = randomBytes(16).toString('hex');
  const n = randomInt(max + 1);
  const hash = createHash('sha256').update(`${salt}:${n}`).digest('hex');
  return { salt, expires: Math.floor(Date.now() / 1000) + 3600, max, challenge: hash, signature: '00'.repeat(32) };
}

/** A free port on 127.0.0.1. */
export async function freePort() {
  const probe = createServer();
  await new Promise((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

export async function startRealCollector({ bundle, allowOrigin, binary = 'target/debug/verdicts-collector', args = [] }) {
  const dir = mkdtempSync(join(tmpdir(), 'verdicts-e2e-collector-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  let child = null;
  const start = async () => {
    child = spawn(binary, ['--listen', `127.0.0.1:${port}`, '--bundle', bundle, '--db', join(dir, 'votes.sqlite'),
      '--allow-origin', allowOrigin, '--rate', '1000', '--burst', '1000', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`verdicts-collector exited with ${child.exitCode}`);
      try {
        const r = await fetch(`${url}v1/nothing`);
        if (r.status === 404) return;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('verdicts-collector did not start within 20 s');
  };
  const kill = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url,
    tallies: async (bundleId) => (await fetch(`${url}v1/tallies/${bundleId}`)).json(),
    kill,
    start,
    close: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
