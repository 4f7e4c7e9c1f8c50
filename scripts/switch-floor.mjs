// The floor of a pair switch as the benchmark times it: the same DOM changes, the same address
// and the same page title, made by plain script with no app work in between. The app makes the
// changes once in a page of its own (recorded with a MutationObserver), the recording is undone,
// and the benchmark then replays one switch at a time, interleaved with the app's own switches in
// another page, so that both see the same moments of a noisy machine.

/**
 * In `page` (the app, loaded and idle), switches to each of `urls` in turn and records what each
 * switch changed: text, attributes and child lists, with the title the switch left. Then undoes
 * every change, newest first, so the page shows its first pair again. Resolves with the number of
 * changes per switch.
 */
export async function recordSwitches(page, urls) {
  return page.evaluate(async (urls) => {
    const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const recorded = [];
    for (const url of urls) {
      const records = [];
      const observer = new MutationObserver((rs) => records.push(...rs));
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true, attributeOldValue: true, characterDataOldValue: true });
      history.pushState(null, '', url);
      dispatchEvent(new PopStateEvent('popstate'));
      await new Promise((r) => setTimeout(r, 0));
      records.push(...observer.takeRecords());
      observer.disconnect();
      // Each change as [node, kind, name, before, after, next sibling]; a node written twice is
      // written once, with its final value (the floor makes the fewest writes).
      const changes = [];
      // What each node has had written so far: its attribute names, or null for its text.
      const written = new Map();
      for (const m of records) {
        if (m.type === 'childList') {
          changes.push([m.target, 'list', null, [...m.removedNodes], [...m.addedNodes], m.nextSibling]);
        } else {
          const name = m.type === 'attributes' ? m.attributeName : null;
          if (!written.has(m.target)) written.set(m.target, new Set());
          const first = !written.get(m.target).has(name);
          written.get(m.target).add(name);
          changes.push([m.target, name === null ? 'text' : 'attr', name, m.oldValue, undefined, null, first]);
        }
      }
      for (const c of changes) {
        if (c[1] === 'text') c[4] = c[0].data;
        if (c[1] === 'attr') c[4] = c[0].getAttribute(c[2]);
      }
      recorded.push({ changes, title: document.title });
      await nextFrame();
    }
    const put = (node, kind, name, value) => {
      if (kind === 'text') node.data = value;
      else if (value === null) node.removeAttribute(name);
      else node.setAttribute(name, value);
    };
    for (let k = recorded.length - 1; k >= 0; k--) {
      const { changes } = recorded[k];
      for (let i = changes.length - 1; i >= 0; i--) {
        const [node, kind, name, before, after, next] = changes[i];
        if (kind === 'list') {
          for (const n of after) n.remove();
          for (const n of before) node.insertBefore(n, next && next.parentNode === node ? next : null);
        } else {
          put(node, kind, name, before);
        }
      }
    }
    window.__switchFloor = { recorded, put, title: document.title };
    await nextFrame();
    return recorded.map((r) => r.changes.length);
  }, urls);
}

/** In the page: replays recorded switch `k` to `url`, timed as the benchmark times the app's
 * (`paint` is the benchmark's `afterPaint`, which reads `t0`). */
export async function replaySwitch([k, url, paint]) {
  const { recorded, put } = window.__switchFloor;
  const t0 = performance.now();
  history.pushState(null, '', url);
  for (const [node, kind, name, before, after, next, first] of recorded[k].changes) {
    if (kind === 'list') {
      for (const n of before) n.remove();
      for (const n of after) node.insertBefore(n, next && next.parentNode === node ? next : null);
    } else if (first) {
      put(node, kind, name, after);
    }
  }
  document.title = recorded[k].title;
  return await eval(paint);
}
