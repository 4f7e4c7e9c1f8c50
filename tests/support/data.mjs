// A bundle as the site's read API serves it (docs/data-api.md): the entry point, the tool shards
// and the name files, written by the project's own publisher (`verdicts-publish --data-only`,
// built by scripts/test.sh) and served by the test server in place of the published ones.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';

/** The publisher and the generator the tests run: the debug builds scripts/test.sh makes. */
export const PUBLISHER = process.env.VERDICTS_PUBLISH_BIN || 'target/debug/verdicts-publish';
export const GENERATOR = process.env.VERDICTS_GENERATE_BIN || 'target/debug/verdicts-generate';
/** The published site's entry point, under the site's root. */
export const ENTRY = 'data/catalog.json';

function filesUnder(dir, root = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), root) : [relative(root, join(dir, e.name))]);
}

/**
 * The read API's files of `bundle` (an object, or JSON text): `{ version, manifest, files }`,
 * `files` a Map from the path under the site's root (`data/…`) to the file's text. Fails the test
 * with the publisher's words when it refuses the bundle.
 */
export function dataFiles(bundle) {
  const dir = mkdtempSync(join(tmpdir(), 'verdicts-e2e-data-'));
  try {
    const input = join(dir, 'bundle.json');
    writeFileSync(input, typeof bundle === 'string' ? bundle : JSON.stringify(bundle));
    const run = spawnSync(PUBLISHER, ['--bundle', input, '--data-only', '--out', join(dir, 'site')], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${PUBLISHER} --data-only refused the bundle:\n${run.stdout}${run.stderr}`);
    const root = join(dir, 'site');
    const files = new Map(filesUnder(join(root, 'data')).map((p) => [`data/${p}`, readFileSync(join(root, 'data', p), 'utf8')]));
    const manifest = JSON.parse(files.get(ENTRY));
    return { version: manifest.version, manifest, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The path of the shard holding tool `id` among `files` (as `dataFiles` returns them). */
export function shardPathOf(files, id) {
  for (const [path, text] of files) {
    if (/\/tools\/\d+\.json$/.test(path) && JSON.parse(text).tools.some((t) => t.tool.id === id)) return path;
  }
  throw new Error(`no shard holds ${id}`);
}

/**
 * Serves `bundle` from `server` (scripts/static-server.mjs) as the site's current data: every file
 * of its read API as an override, the entry point included. `change(files)` may alter the Map of
 * files (path → text, or an override object for a fault) before they are served. Returns what
 * `dataFiles` returns.
 */
export function serveBundle(server, bundle, change = () => {}) {
  const data = dataFiles(bundle);
  change(data.files);
  for (const [path, body] of data.files) {
    server.override(path, typeof body === 'string' ? { body } : body);
  }
  return data;
}

const MASK = (1n << 64n) - 1n;

/** The shard of tool `id` among `shards`, the way docs/data-api.md tells a reader to find it:
 * Lamping and Veach's jump hash of the id's 64-bit FNV-1a hash. */
export function shardOf(id, shards) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(id)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & MASK;
  let key = hash;
  let b = -1;
  let j = 0;
  while (j < shards) {
    b = j;
    key = (key * 2862933555777941757n + 1n) & MASK;
    j = Math.floor((b + 1) * (2 ** 31 / Number((key >> 33n) + 1n)));
  }
  return b;
}

/** The paths, under the site's root, of tool `id`'s shard and of the name file for `key`. */
export const shardPath = (manifest, id) => `data/v1/${manifest.version}/tools/${shardOf(id, manifest.shards)}.json`;
export const namesPath = (manifest, key) =>
  `data/v1/${manifest.version}/names/${Buffer.from(key, 'utf8').toString('hex') || 'all'}.json`;

/** The key of the name file a folded word is read from: its longest prefix among the entry
 * point's `names` (docs/data-api.md). */
export function fileOf(manifest, word) {
  const chars = [...word];
  for (let end = chars.length; end >= 0; end--) {
    const prefix = chars.slice(0, end).join('');
    if (manifest.names.includes(prefix)) return prefix;
  }
  return null;
}
