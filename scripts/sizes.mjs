// Prints the shipped size of dist/'s index page and of the app shell (everything the app loads
// besides the HTML page and the bundle: its script, wasm and style sheet): raw, gzip and brotli,
// per file and the shell's total.
//   node scripts/sizes.mjs [dist] [--json]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'dist';
const SHELL = new Set(['.html', '.js', '.wasm', '.css']);

export function shellSizes(root = dir) {
  const rows = [];
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name);
    if (!statSync(path).isFile() || !SHELL.has(extname(name))) continue;
    if (name === 'embed.js') continue; // the partner loader is not part of the app shell
    const raw = readFileSync(path);
    rows.push({
      file: name.replace(/-[0-9a-f]{8,}/, ''),
      raw: raw.length,
      gzip: gzipSync(raw, { level: 9 }).length,
      brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  const shell = rows
    .filter((r) => !r.file.endsWith('.html'))
    .reduce((t, r) => ({ file: 'shell', raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return [...rows, shell];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = shellSizes();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows));
  } else {
    const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
    console.log('file'.padEnd(24) + 'raw'.padStart(11) + 'gzip'.padStart(11) + 'brotli'.padStart(11));
    for (const r of rows) console.log(r.file.padEnd(24) + kb(r.raw) + kb(r.gzip) + kb(r.brotli));
  }
}
