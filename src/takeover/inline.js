// The inline script of every published page (see `inline_script` in takeover/mod.rs, which
// explains each part). It runs before the first paint, in the page's head. Plain ES5: it must
// run in every browser that can show the static page. The publisher drops these whole-line
// comments and the indentation; the keys it shares with the app are checked by Rust tests.

// Mark <html>: a link to another view than the rendered one shows the skeleton; the embed view
// and its theme style the static page.
(function (q, r) {
  if (/[?&](a|b|roles|in|out)=/.test(q)) r.setAttribute('data-deep-link', '');
  if (/[?&]embed=(1|true|yes)(&|$)/.test(q)) r.setAttribute('data-embed', '');
  var t = /[?&]theme=(light|dark)(&|$)/.exec(q);
  if (t) r.setAttribute('data-theme', t[1]);
})(location.search, document.documentElement);

// Buttons pressed on the static page, pressed again on the live one.
var verdictsPendingClicks = [];
addEventListener('click', function (e) {
  var b = e.target.closest && e.target.closest('#app > .prerendered [data-replay]');
  if (b) verdictsPendingClicks.push(b.getAttribute('data-replay'));
}, true);

// A press under way on the static page: the swap waits until it is released (and its click
// dispatched), at most three seconds, so that the press and the release land on the same
// element; a link pressed as the page is swapped would otherwise do nothing.
var verdictsPress = null;
addEventListener('pointerdown', function (e) {
  if (e.isPrimary && e.target.closest && e.target.closest('#app > .prerendered')) verdictsPress = verdictsPress || [];
}, true);
function verdictsReleased() {
  var waiting = verdictsPress || [];
  verdictsPress = null;
  waiting.forEach(function (f) { f(); });
}
['pointerup', 'pointercancel'].forEach(function (k) {
  addEventListener(k, function () { setTimeout(verdictsReleased, 0); }, true);
});
function verdictsWhenReleased(f) {
  if (!verdictsPress) return f();
  verdictsPress.push(f);
  setTimeout(verdictsReleased, 3000);
}

// The app stopped (a trap of its WebAssembly): say so, with a way forward.
function verdictsStopped(e) {
  var x = e.error || e.reason, d = document;
  if (typeof WebAssembly != 'object' || !(x instanceof WebAssembly.RuntimeError) || d.querySelector('.fatal-error')) return;
  var p = d.createElement('div'), h = d.createElement('h1'), t = d.createElement('p'), a = d.createElement('a');
  p.className = 'fatal-error';
  p.setAttribute('role', 'alert');
  p.tabIndex = -1;
  h.textContent = 'Something went wrong';
  t.textContent = 'The comparison stopped working because of an error in the app. Reloading the page usually helps.';
  a.href = location.href;
  a.className = 'button';
  a.textContent = 'Reload the page';
  p.append(h, t, a);
  (d.getElementById('app') || d.body).replaceChildren(p);
  p.focus();
}
addEventListener('error', verdictsStopped);
addEventListener('unhandledrejection', verdictsStopped);

// Framed in the embed view: hidden until the style sheet is in, and the page's height reported
// to the parent frame whenever it changes.
(function (r) {
  if (r.hasAttribute('data-embed') && window.parent !== window) {
    r.hidden = true;
    addEventListener('DOMContentLoaded', function () { r.hidden = false; });
    var last = 0;
    new ResizeObserver(function () {
      var h = Math.ceil(r.getBoundingClientRect().height);
      if (h !== last) {
        last = h;
        parent.postMessage({ type: 'verdicts:resize', height: h }, '*');
      }
    }).observe(r);
  }
})(document.documentElement);

// When the app starts loading: once the page has painted; in the embed view of its rendered
// pair, once the reader turns to the embed.
function verdictsStart() {
  return new Promise(function (go) {
    var r = document.documentElement;
    if (r.hasAttribute('data-embed') && !r.hasAttribute('data-deep-link') && document.querySelector('#app > .prerendered')) {
      var kinds = ['pointerdown', 'touchstart', 'keydown', 'focusin'], once = function () {
        kinds.forEach(function (k) { removeEventListener(k, once, true); });
        go();
      };
      kinds.forEach(function (k) { addEventListener(k, once, true); });
    } else requestAnimationFrame(function () {
      var P = window.PerformanceObserver, o;
      if (!P || (P.supportedEntryTypes || []).indexOf('paint') < 0) return setTimeout(go, 0);
      o = new P(function (l) {
        if (l.getEntriesByName('first-contentful-paint').length) {
          o.disconnect();
          setTimeout(go, 0);
        }
      });
      o.observe({ type: 'paint', buffered: true });
      setTimeout(go, 1000);
    });
  });
}
