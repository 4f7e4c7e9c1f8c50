// The app's loader in a published page, in place of the static import Trunk writes (see
// loader.rs). The publisher defines WASM and MODULE just before it: the `href` and `integrity`
// of the app's wasm and of its JS module. The publisher drops these whole-line comments and the
// indentation.

// Wait until the inline script says (the page has painted, or the reader turned to the embed);
// without it, until the first frame.
await (window.verdictsStart ? verdictsStart() : new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
// The wasm, as bytes, with its integrity checked: bytes are compiled off the main thread.
const wasmBytes = fetch(WASM.href, { integrity: WASM.integrity })
  .then((r) => r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${WASM.href} answered ${r.status}`)));
// The module through a modulepreload link, which checks its integrity; a browser without
// modulepreload (Safari before 17) imports it directly.
const l = document.createElement('link');
const bindings = await (l.relList.supports('modulepreload') ? new Promise((ok, fail) => {
  l.rel = 'modulepreload';
  l.href = MODULE.href;
  l.integrity = MODULE.integrity;
  l.crossOrigin = 'anonymous';
  l.onload = ok;
  l.onerror = () => fail(new Error(`${MODULE.href} could not be loaded`));
  document.head.append(l);
}) : Promise.resolve()).then(() => import(MODULE.href));
const init = bindings.default;
