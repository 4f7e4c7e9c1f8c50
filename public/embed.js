/*! Verdicts embed loader. Usage:
 *  <div data-verdicts-a="TOOL-ID" data-verdicts-b="TOOL-ID"
 *       data-verdicts-roles="ROLE-ID,ROLE-ID" data-verdicts-theme="light|dark|auto"
 *       style="min-height:1200px"></div>
 *  <script async src="https://YOUR-VERDICTS-HOST/PATH/embed.js"></script>
 * Elements added later: call window.Verdicts.upgrade() (or upgrade(element)).
 * Each placeholder becomes an iframe of the embed view, resized only by "verdicts:resize"
 * messages from that iframe's own window and origin. It shows the pair's folder, "A-vs-B/"
 * with the ids in alphabetical order (ASCII slugs, compared as strings: the site's rule), and
 * a and b in the query for the other order; a published page paints at once. The space is kept at
 * once; the iframe is made only when the placeholder comes near the screen, one iframe per task,
 * so the host page's own first tasks stay short. The placeholder's min-height (the space kept
 * from the host page's first paint, before this script runs) is let go of once the embed has
 * reported its height.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var app = new URL('./', script && script.src ? script.src : location.href);
  var MIN = 160, MAX = 20000, START = 1200, NEAR = '1250px 0px';
  var frames = [];
  // Boxes waiting for their iframe, made one per task.
  var queue = [], timer = 0;
  function makeNext() {
    timer = 0;
    var box = queue.shift();
    if (box && box.parentNode) {
      box.parentNode.replaceChild(box.verdictsFrame, box);
      frames.push(box.verdictsFrame);
    }
    if (queue.length) timer = setTimeout(makeNext, 0);
  }
  function make(box) {
    queue.push(box);
    if (!timer) timer = setTimeout(makeNext, 0);
  }
  var near = typeof IntersectionObserver === 'function' ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        near.unobserve(entry.target);
        make(entry.target);
      }
    });
  }, { rootMargin: NEAR }) : null;
  function upgrade(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var found = [].slice.call(scope.querySelectorAll('[data-verdicts-a][data-verdicts-b]'));
    if (scope !== document && scope.matches && scope.matches('[data-verdicts-a][data-verdicts-b]')) found.unshift(scope);
    found.forEach(function (el) {
      if (el.getAttribute('data-verdicts-ready')) return;
      el.setAttribute('data-verdicts-ready', '1');
      var a = el.getAttribute('data-verdicts-a'), b = el.getAttribute('data-verdicts-b');
      var roles = el.getAttribute('data-verdicts-roles'), theme = el.getAttribute('data-verdicts-theme');
      // The pair's folder; the other order (or no pair) in the query, which wins over it.
      var pair = a && b && a !== b, swap = b < a;
      var q = new URLSearchParams(!pair || swap ? { a: a, b: b } : {});
      if (roles !== null) q.set('roles', roles);
      q.set('embed', '1');
      if (theme === 'light' || theme === 'dark') q.set('theme', theme);
      var frame = document.createElement('iframe');
      frame.verdictsHost = el;
      var folder = pair ? encodeURIComponent(swap ? b : a) + '-vs-' + encodeURIComponent(swap ? a : b) + '/' : '';
      frame.src = app.href + folder + '?' + q.toString().replace(/%2C/g, ',');
      frame.title = 'Verdicts: ' + a + ' vs ' + b;
      frame.loading = 'lazy';
      frame.style.cssText = 'display:block;width:100%;border:0;height:' + START + 'px';
      var box = document.createElement('div');
      box.style.cssText = 'height:' + START + 'px';
      box.verdictsFrame = frame;
      el.textContent = '';
      el.appendChild(box);
      if (near) near.observe(box); else make(box);
    });
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== app.origin || !data || typeof data !== 'object' || data.type !== 'verdicts:resize') return;
    var height = data.height;
    if (typeof height !== 'number' || !isFinite(height)) return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.min(MAX, Math.max(MIN, Math.ceil(height))) + 'px';
        var host = frames[i].verdictsHost;
        if (host.style.minHeight === START + 'px') host.style.minHeight = '';
      }
    }
  });

  var api = window.Verdicts = window.Verdicts || {};
  api.upgrade = upgrade;
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { upgrade(); });
  } else {
    upgrade();
  }
})();
