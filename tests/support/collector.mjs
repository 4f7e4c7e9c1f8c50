// A vote endpoint for tests: records every POSTed vote report, answers CORS preflights, and
// can be told to fail.
import { createServer } from 'node:http';

export async function startCollector() {
  const reports = [];
  let failing = false;
  const server = createServer((req, res) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      return res.end();
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failing) {
        res.writeHead(503, cors);
        return res.end();
      }
      reports.push({ method: req.method, type: req.headers['content-type'], cookie: req.headers.cookie, body: JSON.parse(body || 'null') });
      res.writeHead(204, cors);
      res.end();
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/votes`,
    reports,
    fail: (on) => (failing = on),
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
  };
}
