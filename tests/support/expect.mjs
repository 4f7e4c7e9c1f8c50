// Assertions that wait and retry, the way a person looks again until the page has caught up:
// each runs its check until it passes or the time is up, then fails with the last mismatch.
import assert from 'node:assert/strict';

const TIMEOUT = 10_000;

/** Runs `check` (which throws while the page is not yet as expected) until it passes. */
export async function eventually(check, { timeout = TIMEOUT, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}

/** Waits until `actual()` deep-equals `expected`. */
export const expectEqual = (actual, expected, message, options) =>
  eventually(async () => assert.deepEqual(await actual(), expected, message), options);

/** Waits until `actual()` matches `pattern`. */
export const expectMatch = (actual, pattern, message, options) =>
  eventually(async () => assert.match(await actual(), pattern, message), options);

/** Waits until a field's value is `value`. */
export const expectValue = (locator, value, options) =>
  expectEqual(() => locator.inputValue(), value, `the field says “${value}”`, options);

/** Waits until `locator` matches exactly `n` elements. */
export const expectCount = (locator, n, message, options) =>
  expectEqual(() => locator.count(), n, message, options);

/** Waits until the element's attribute `name` is `value` (null: the attribute is absent). */
export const expectAttribute = (locator, name, value, message, options) =>
  expectEqual(() => locator.getAttribute(name), value, message, options);

/** Waits until the element's rendered text matches `pattern`. */
export const expectText = (locator, pattern, message, options) =>
  expectMatch(() => locator.innerText(), pattern, message, options);
