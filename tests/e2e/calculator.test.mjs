// End-to-end tests of the release build (dist/) in headless Chromium, served
// from a sub-path (/wiki/csql/) as a wiki page would link to it.
// Run: trunk build --release && node --test tests/e2e/
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { expectResult, expectValue, gotoApp, outDir, scoreText, unlabelledControls, useServerAndBrowser, verdict, waitUntil, withPage } from './helpers.mjs';

const getEnv = useServerAndBrowser();
const url = (query = '') => getEnv().server.base + query;

const ALL_GATES = 'product_fit,usage,stakeholder,budget,timing';
const FILLED = '?weights=50,30,20&threshold=70&engagement=80&fit=60&intent=40';

describe('CSQL calculator (release build)', () => {
  test(
    'a. a pre-filled link scores 66.0, below the threshold, with no notice',
    withPage(getEnv, async ({ page, log, server }) => {
      await gotoApp(page, url(FILLED));
      // (80*50 + 60*30 + 40*20) / (50+30+20) = (4000 + 1800 + 800) / 100 = 66.0 < 70
      await expectResult(page, '66.0', 'below-threshold');
      assert.equal(await page.locator('[data-testid=notice]').count(), 0, 'no notice');
      // The build works from a sub-path: everything it loads is under /wiki/csql/.
      const outside = log.requests.filter((u) => !u.startsWith(server.base));
      assert.deepEqual(outside, [], 'requests outside the sub-path');
      assert.ok(log.requests.some((u) => u.endsWith('.wasm')), 'the wasm module was loaded');
    }),
  );

  test(
    'b. the keyboard alone flips the verdict (slider End, typed weight, Tab, gate Space)',
    withPage(getEnv, async ({ page }) => {
      const link = url(`${FILLED}&gates=${ALL_GATES}`);
      await gotoApp(page, link);
      // All gates met, but 66.0 < 70.
      await expectResult(page, '66.0', 'below-threshold');

      // Part 1: the Engagement slider to its end (max 100).
      const slider = page.locator('input[type=range][aria-label="Engagement weight slider"]');
      await slider.focus();
      await page.keyboard.press('End');
      // (80*100 + 60*30 + 40*20) / (100+30+20) = 10600 / 150 = 70.666... -> 70.7 >= 70
      await expectResult(page, '70.7', 'csql');
      await expectValue(page, '[data-testid=weight-engagement]', '100');

      // Part 2: from the same link, type the Intent weight down to 0.
      await gotoApp(page, link);
      await expectResult(page, '66.0', 'below-threshold');
      const intent = page.locator('[data-testid=weight-intent]');
      await intent.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('0');
      await expectValue(page, '[data-testid=weight-intent]', '0');
      // (80*50 + 60*30 + 40*0) / (50+30+0) = 5800 / 80 = 72.5 >= 70
      await expectResult(page, '72.5', 'csql');

      // Tab moves focus on to another control.
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        return { testid: el?.getAttribute('data-testid'), tag: el?.tagName, isBody: el === document.body };
      });
      assert.notEqual(focused.testid, 'weight-intent', 'focus left the Intent weight');
      assert.equal(focused.isBody, false, 'focus is on a control, not lost to <body>');
      assert.match(focused.tag, /^(INPUT|BUTTON|SELECT|TEXTAREA|A)$/, 'focus is on a control');

      // Unticking the Timing gate with Space: 72.5 still clears 70, but a gate is open.
      const timing = page.locator('[data-testid=gate-timing]');
      await timing.focus();
      assert.equal(await timing.isChecked(), true, 'Timing starts ticked');
      await page.keyboard.press('Space');
      await waitUntil(page, () => !document.querySelector('[data-testid=gate-timing]').checked);
      await expectResult(page, '72.5', 'gates-missing');
    }),
  );

  test(
    'c. bad link values give notices, the page still scores, and a notice can be dismissed',
    withPage(getEnv, async ({ page }) => {
      await gotoApp(page, url('?weights=50,abc,20&threshold=150'));
      const notices = page.locator('[data-testid=notice]');
      await waitUntil(page, () => document.querySelectorAll('[data-testid=notice]').length === 2);
      const texts = await notices.allTextContents();
      assert.equal(texts.length, 2, 'two notices');
      assert.ok(texts.some((t) => t.includes('weights')), `a notice names weights: ${JSON.stringify(texts)}`);
      assert.ok(texts.some((t) => t.includes('threshold')), `a notice names threshold: ${JSON.stringify(texts)}`);
      // Defaults: weights 40,30,30 and threshold 70; every signal blank counts as 0,
      // so (0*40 + 0*30 + 0*30) / 100 = 0.0 < 70.
      await expectResult(page, '0.0', 'below-threshold');
      await expectValue(page, '[data-testid=weight-engagement]', '40');
      await expectValue(page, '[data-testid=weight-fit]', '30');
      await expectValue(page, '[data-testid=weight-intent]', '30');

      await notices.first().getByRole('button', { name: 'Dismiss this notice' }).click();
      await waitUntil(page, () => document.querySelectorAll('[data-testid=notice]').length === 1);
      assert.equal(await notices.count(), 1, 'one notice left');
      await expectResult(page, '0.0', 'below-threshold');
    }),
  );

  test(
    'd. all weights 0 is invalid, shown as a dash with a message, never NaN',
    withPage(getEnv, async ({ page }) => {
      await gotoApp(page, url());
      for (const key of ['engagement', 'fit', 'intent']) {
        const input = page.locator(`[data-testid=weight-${key}]`);
        await input.focus();
        await page.keyboard.press('Control+A');
        await page.keyboard.type('0');
        await expectValue(page, `[data-testid=weight-${key}]`, '0');
      }
      // 0 + 0 + 0 = 0: nothing to normalise by, so there is no score.
      await expectResult(page, 'n/a', 'invalid');
      await assert.doesNotReject(page.getByText('Every weight is 0').first().waitFor({ state: 'visible' }), 'message visible');
      const body = await page.evaluate(() => document.body.innerText);
      for (const word of ['NaN', 'undefined', 'Infinity']) {
        assert.ok(!body.includes(word), `page text contains ${word}`);
      }
    }),
  );

  test(
    'signals mode: an Engagement signal derives the Engagement score',
    withPage(getEnv, async ({ page }) => {
      await gotoApp(page, url());
      const trend = page.getByLabel(/^Active-user trend/);
      assert.equal(await trend.getAttribute('id'), 'signal-engagement-active_users_trend');
      await trend.focus();
      await page.keyboard.type('8');
      // Rating 8/10 = 80, weight 2 of 2+1+1+1 = 5 signal weight, others blank (0):
      // 80*2/5 = 32.0
      await expectValue(page, '[data-testid=score-engagement]', '32.0');
      assert.equal(await page.locator('[data-testid=score-engagement]').evaluate((el) => el.readOnly), true, 'derived score is read-only');
      // The total follows: 32*40 / (40+30+30) = 12.8
      await expectResult(page, '12.8', 'below-threshold');
    }),
  );

  for (const viewport of [
    { width: 375, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    test(
      `f. at ${viewport.width}x${viewport.height}: no horizontal scroll, every control labelled`,
      withPage(
        getEnv,
        async ({ page }) => {
          // Notices and a filled result make the widest page.
          await gotoApp(page, url(`${FILLED}&gates=usage,budget,nope`));
          await expectResult(page, '66.0', 'below-threshold');
          // Saved first, so a human can see a failure too.
          await page.screenshot({ path: join(outDir(), `calculator-${viewport.width}.png`), fullPage: true });
          const unlabelled = await unlabelledControls(page);
          assert.deepEqual(unlabelled, [], 'controls without an accessible name');
          assert.ok((await page.locator('input, button, select').count()) > 20, 'the page has its controls');
          // Checked last, after the labels, so both are always checked at both sizes.
          const widths = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            inner: window.innerWidth,
            // The innermost elements sticking out to the right, to name the culprit.
            culprits: [...document.querySelectorAll('body *')]
              .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
              .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 0.5))
              .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`)
              .slice(0, 5),
          }));
          assert.ok(
            widths.scroll <= widths.inner,
            `horizontal scroll: scrollWidth ${widths.scroll} > innerWidth ${widths.inner}; sticking out: ${widths.culprits.join(', ')}`,
          );
        },
        { viewport },
      ),
    );
  }

  test(
    'e. privacy: a full session requests nothing outside the server origin',
    withPage(getEnv, async ({ page, log, server }) => {
      await gotoApp(page, url(`${FILLED}&gates=${ALL_GATES}`));
      await expectResult(page, '66.0', 'below-threshold');
      // Exercise the page: a signal, mode switch, a gate, a notice-free reload.
      await page.getByRole('radio', { name: 'From signals' }).first().check();
      await page.getByLabel(/^Active-user trend/).fill('10');
      await page.locator('[data-testid=gate-budget]').uncheck();
      await waitUntil(page, () => document.querySelector('[data-testid=csql-verdict]')?.getAttribute('data-verdict') !== null);
      await page.reload();
      await page.locator('[data-testid=csql-score]').waitFor();
      assert.ok(log.requests.length >= 5, `requests were recorded: ${log.requests.length}`);
      for (const u of log.requests) assert.ok(u.startsWith(server.origin + '/'), `request to another origin: ${u}`);
      // withPage then checks console errors, page errors, failed requests and CSP violations.
      assert.equal(typeof (await scoreText(page)), 'string');
      assert.ok(await verdict(page));
    }),
  );
});
