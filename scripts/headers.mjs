// Writes dist/_headers: the HTTP headers to serve the build with, in the format Netlify and
// Cloudflare Pages read (other hosts: copy the values). The Content-Security-Policy allows the
// inline loader script Trunk writes by its hash, so it must be made after every build.
//
//   node scripts/headers.mjs [dist]
//   FRAME_ANCESTORS="https://partner.example https://other.example" node scripts/headers.mjs
//
// connect-src adds the origins of the bundle URL and the vote endpoint from index.html's
// <meta> tags when they are on another origin.
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';


export function inlineScriptHashes(...pages) {
  const hashes = new Set();
  for (const page of pages) {
    for (const m of page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
      hashes.add(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
    }
  }
  return [...hashes];
}

/** The index and every published page of a site folder. */
export function sitePages(dist) {
  const pages = [readFileSync(join(dist, 'index.html'), 'utf8')];
  for (const entry of readdirSync(dist, { withFileTypes: true })) {
    const page = join(dist, entry.name, 'index.html');
    if (entry.isDirectory() && existsSync(page)) pages.push(readFileSync(page, 'utf8'));
  }
  return pages;
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

/** The policy for pages that all carry the same settings as `page`; `others` are the other pages
 * of the site, whose inline scripts are allowed too. */
export function policy(page, frameAncestors = process.env.FRAME_ANCESTORS || '*', others = []) {
  const connect = ["'self'", metaOrigin(page, 'verdicts:bundle'), metaOrigin(page, 'verdicts:vote-endpoint')].filter(Boolean);
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${inlineScriptHashes(page, ...others).join(' ')}`,
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "frame-src 'self'",
    "object-src 'none'",
    // A pair page's <base href="../"> points at the site root, on the same origin.
    "base-uri 'self'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

export function headersFile(page, others = []) {
  const csp = policy(page, undefined, others);
  return `# Made by scripts/headers.mjs for this build; remake it after every build.
/*
  Content-Security-Policy: ${csp}
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  Access-Control-Allow-Origin: *
/index.html
  Cache-Control: no-cache
/*/index.html
  Cache-Control: no-cache
/data/*
  Cache-Control: no-cache
/embed.js
  Cache-Control: public, max-age=3600
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? 'dist';
  const [html, ...others] = sitePages(dist);
  writeFileSync(join(dist, '_headers'), headersFile(html, others));
  console.log(`Wrote ${join(dist, '_headers')}:\n  Content-Security-Policy: ${policy(html, undefined, others)}`);
}
