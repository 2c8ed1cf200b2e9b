// Shared helpers for the end-to-end tests: one headless Chromium per test file,
// a fresh context per test, and a page that records everything that could hint
// at a broken or leaky page (console errors, page errors, failed requests, every
// request URL, CSP violations).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';

import { launchBrowser } from './browser.mjs';
import { start } from './server.mjs';

export { launchBrowser };

export const OUT_DIR = fileURLToPath(new URL('./out/', import.meta.url));

/** How long any single wait may take before a test fails. */
export const TIMEOUT = 15_000;

/** Starts the app's server and one browser for a test file; returns a getter for both. */
export function useServerAndBrowser() {
  let env;
  before(async () => {
    const server = await start();
    try {
      env = { server, browser: await launchBrowser() };
    } catch (e) {
      await server.close();
      throw e;
    }
  });
  after(async () => {
    await env?.browser.close();
    await env?.server.close();
  });
  return () => env;
}

/** The page's controls (and focusable regions) that have no accessible name, as HTML snippets. */
export function unlabelledControls(page) {
  return page.evaluate(() => {
    const text = (el) => (el?.textContent ?? '').trim();
    const named = (el) => {
      if ((el.getAttribute('aria-label') ?? '').trim()) return true;
      // A button is named by its own text.
      if (el.tagName === 'BUTTON' && text(el)) return true;
      const ids = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
      if (ids.some((id) => text(document.getElementById(id)))) return true;
      return [...(el.labels ?? [])].some((label) => text(label));
    };
    return [...document.querySelectorAll('input, button, select, textarea, [tabindex="0"]')]
      .filter((el) => el.type !== 'hidden' && !named(el))
      .map((el) => el.outerHTML.slice(0, 160));
  });
}

// Runs in the page before any of its scripts, in every document of the context.
const CSP_LISTENER = () => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    const v = { directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample };
    window.__cspViolations.push(v);
    // Also report to the test, so violations survive a reload or navigation.
    if (typeof window.__reportCspViolation === 'function') window.__reportCspViolation(v);
  });
};

/**
 * Opens a fresh context and page that records problems. Returns
 * { context, page, log }, where log holds consoleErrors, pageErrors,
 * failedRequests, requests (every URL) and cspViolations.
 */
export async function openPage(browser, { viewport = { width: 1280, height: 900 }, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, serviceWorkers: 'block' });
  context.setDefaultTimeout(TIMEOUT);
  const log = { consoleErrors: [], pageErrors: [], failedRequests: [], badResponses: [], requests: [], cspViolations: [] };
  await context.exposeBinding('__reportCspViolation', (_source, v) => log.cspViolations.push(v));
  await context.addInitScript(CSP_LISTENER);
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.consoleErrors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => log.pageErrors.push(String(err?.stack ?? err)));
  page.on('request', (req) => log.requests.push(req.url()));
  page.on('requestfailed', (req) => {
    // A navigation (reload, Back) cancels what the page was still loading: not a failure.
    if (req.failure()?.errorText !== 'net::ERR_ABORTED') log.failedRequests.push(`${req.url()}: ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) log.badResponses.push(`${res.status()} ${res.url()}`);
  });
  return { context, page, log };
}

/** Loads `url` and waits until the app has rendered its result. */
export async function gotoApp(page, url) {
  const response = await page.goto(url, { waitUntil: 'load' });
  assert.equal(response?.status(), 200, `GET ${url}`);
  await page.locator('[data-testid=csql-score]').waitFor({ state: 'visible' });
}

export const scoreText = (page) => page.locator('[data-testid=csql-score]').textContent();
export const verdict = (page) => page.locator('[data-testid=csql-verdict]').getAttribute('data-verdict');

/** Waits until `fn(arg)`, run in the page, is truthy (no fixed sleeps). */
export function waitUntil(page, fn, arg) {
  return page.waitForFunction(fn, arg, { timeout: TIMEOUT, polling: 'raf' });
}

/** Waits until the score reads `score` and the verdict is `word`, then checks both. */
export async function expectResult(page, score, word) {
  try {
    await waitUntil(
      page,
      ([s, w]) =>
        document.querySelector('[data-testid=csql-score]')?.textContent === s &&
        document.querySelector('[data-testid=csql-verdict]')?.getAttribute('data-verdict') === w,
      [score, word],
    );
  } catch {
    // Fall through to the assertions below for a readable message.
  }
  assert.equal(await scoreText(page), score, 'score');
  assert.equal(await verdict(page), word, 'verdict');
}

/** Waits until the input matching `selector` has the value `value`, then checks it. */
export async function expectValue(page, selector, value) {
  try {
    await waitUntil(page, ([sel, v]) => document.querySelector(sel)?.value === v, [selector, value]);
  } catch {
    // Fall through to the assertion for a readable message.
  }
  assert.equal(await page.locator(selector).inputValue(), value, `value of ${selector}`);
}

/** Gathers CSP violations still only in the page (the binding normally has them already). */
async function pageCspViolations(page) {
  try {
    return await page.evaluate(() => window.__cspViolations ?? []);
  } catch {
    return [];
  }
}

/**
 * Privacy and hygiene: only requests to `origin` (or to any of an array of
 * origins, e.g. a host page and the app it embeds), and no errors of any kind.
 */
export async function assertHygiene(page, log, origin) {
  const inPage = await pageCspViolations(page);
  const csp = log.cspViolations.length ? log.cspViolations : inPage;
  const origins = [].concat(origin);
  const outside = log.requests.filter((url) => !origins.some((o) => url.startsWith(o + '/')));
  assert.deepEqual(outside, [], 'requests to another origin');
  assert.deepEqual(log.consoleErrors, [], 'console errors');
  assert.deepEqual(log.pageErrors, [], 'page errors');
  assert.deepEqual(log.failedRequests, [], 'failed requests');
  assert.deepEqual(log.badResponses, [], 'HTTP error responses');
  assert.deepEqual(csp, [], 'CSP violations');
}

/**
 * Wraps a test body: opens a fresh context and page, runs `body({ page, log })`,
 * then checks hygiene (also when the body passed) and closes the context.
 */
export function withPage(getEnv, body, options) {
  return async () => {
    const { browser, server } = getEnv();
    const { context, page, log } = await openPage(browser, options);
    try {
      await body({ page, log, context, server });
      await assertHygiene(page, log, server.origin);
    } finally {
      await context.close();
    }
  };
}

export function outDir() {
  mkdirSync(OUT_DIR, { recursive: true });
  return OUT_DIR;
}
