// Accessibility: axe-core runs on every view (the calculator, the calculator
// while editing, the book with the sample loaded and an account's detail open,
// the programme with several CSMs, the locked embed) at 375 and 1280 px, in
// the light and the dark theme (the system's preference), with
// every rule axe runs by default (WCAG A and AA and its best practices), and
// finds nothing. axe is read from node_modules and evaluated in the page by
// the test (never fetched from a CDN, never added as a script tag, which the
// page's CSP would refuse).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';

import { assertHygiene, openPage, useServerAndBrowser, waitUntil } from './helpers.mjs';
import { VIEWS } from './views.mjs';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const A11Y_WIDTHS = [375, 1280];

/** Runs axe on the whole page; returns each violation as one readable line per element. */
async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`),
    }));
  });
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.help}) at ${n}`));
}

describe('axe finds no accessibility violation on any view (release build)', () => {
  const getEnv = useServerAndBrowser();

  for (const view of VIEWS) {
    test(`${view.name}: 0 axe violations at ${A11Y_WIDTHS.join(' and ')} px, light and dark`, async () => {
      const { browser, server } = getEnv();
      const failures = [];
      for (const [width, colorScheme] of A11Y_WIDTHS.flatMap((w) => ['light', 'dark'].map((c) => [w, c]))) {
        const { context, page, log } = await openPage(browser, { viewport: { width, height: 900 }, colorScheme });
        try {
          await view.open(page, server.base);
          await waitUntil(page, () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
          // The system's preference is the theme in force.
          const theme = await page.evaluate(() => document.documentElement.dataset.theme);
          if (theme !== colorScheme) failures.push(`${width} px ${colorScheme}: data-theme is ${theme}`);
          for (const v of await axeViolations(page)) failures.push(`${width} px ${colorScheme}: ${v}`);
          await assertHygiene(page, log, server.origin);
        } finally {
          await context.close();
        }
      }
      assert.deepEqual(failures, [], `${view.name} has accessibility violations`);
    });
  }
});
