// Writes dist/_headers: the HTTP headers to serve the build with, in the format Netlify and
// Cloudflare Pages read (other hosts: copy the values). The Content-Security-Policy allows the
// inline loader script Trunk writes by its hash, so it must be made after every build.
//
//   node scripts/headers.mjs [dist]
//   FRAME_ANCESTORS="https://partner.example https://other.example" node scripts/headers.mjs
//
// connect-src adds the origins of the bundle URL and the vote endpoint from index.html's
// <meta> tags when they are on another origin.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';


export function inlineScriptHashes(page) {
  const hashes = [];
  for (const m of page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

function metaOrigin(page, name) {
  const m = page.match(new RegExp(`<meta name="${name}" content="([^"]*)"`));
  if (!m || !/^https?:\/\//i.test(m[1].trim())) return null;
  try {
    return new URL(m[1].trim()).origin;
  } catch {
    return null;
  }
}

export function policy(page, frameAncestors = process.env.FRAME_ANCESTORS || '*') {
  const connect = ["'self'", metaOrigin(page, 'verdicts:bundle'), metaOrigin(page, 'verdicts:vote-endpoint')].filter(Boolean);
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${inlineScriptHashes(page).join(' ')}`,
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

export function headersFile(page) {
  const csp = policy(page);
  return `# Made by scripts/headers.mjs for this build; remake it after every build.
/*
  Content-Security-Policy: ${csp}
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  Access-Control-Allow-Origin: *
/index.html
  Cache-Control: no-cache
/data/*
  Cache-Control: no-cache
/embed.js
  Cache-Control: public, max-age=3600
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? 'dist';
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  writeFileSync(join(dist, '_headers'), headersFile(html));
  console.log(`Wrote ${join(dist, '_headers')}:\n  Content-Security-Policy: ${policy(html)}`);
}
