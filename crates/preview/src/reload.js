// The preview's reload script: the preview server adds it to the HTML it serves (never to the
// published site). On "updated" from the server it reloads the page, which then shows a notice
// saying so; the notice is announced to screen readers.
(() => {
  const KEY = 'verdicts-preview-updated';
  const notice = (text) => {
    const box = document.createElement('div');
    box.setAttribute('role', 'status');
    box.id = 'verdicts-preview-notice';
    box.textContent = text;
    box.style.cssText =
      'position:fixed;z-index:2147483647;right:1rem;bottom:1rem;padding:.5rem .9rem;border-radius:.4rem;' +
      'background:#14532d;color:#fff;font:600 14px/1.4 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.3)';
    document.body.appendChild(box);
    setTimeout(() => box.remove(), 4000);
  };
  try {
    const updated = sessionStorage.getItem(KEY);
    if (updated) {
      sessionStorage.removeItem(KEY);
      notice(updated);
    }
  } catch (_) {
    // Storage blocked: the page still reloads, without the notice.
  }
  const events = new EventSource('/__preview/events');
  events.addEventListener('updated', (event) => {
    try {
      sessionStorage.setItem(KEY, event.data || 'Updated');
    } catch (_) {
      // As above.
    }
    location.reload();
  });
})();
