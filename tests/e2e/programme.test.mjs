// End-to-end tests of the Programme view in the release build (dist/), in
// headless Chromium, served from the sub-path /wiki/csql/ as a wiki links it.
// Run: trunk build --release && node --test tests/e2e/programme.test.mjs
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { outDir, TIMEOUT, unlabelledControls, useServerAndBrowser, waitUntil, withPage } from './helpers.mjs';

const getEnv = useServerAndBrowser();
const url = (query = '') => getEnv().server.base + query;

const DONE_WHEN = '?view=programme&segment=smb&period=quarter&csms=3&submitted=20&accepted=15&won=6';

/** Loads `link` and waits until the Programme view has rendered its team figures. */
async function gotoProgramme(page, link) {
  const response = await page.goto(link, { waitUntil: 'load' });
  assert.equal(response?.status(), 200, `GET ${link}`);
  await page.locator('[data-testid=per-csm-per-quarter]').waitFor({ state: 'visible' });
}

/** The six team hooks: three texts and three data-tier words. */
function teamHooks(page) {
  return page.evaluate(() => {
    const q = (id) => document.querySelector(`[data-testid=${id}]`);
    return [
      q('per-csm-per-quarter')?.textContent,
      q('acceptance-rate')?.textContent,
      q('conversion-rate')?.textContent,
      q('tier-volume')?.getAttribute('data-tier'),
      q('tier-conversion')?.getAttribute('data-tier'),
      q('tier-overall')?.getAttribute('data-tier'),
    ];
  });
}

/** Waits until the six hooks read `expected`, then checks them. */
async function expectHooks(page, expected) {
  try {
    await page.waitForFunction(
      (want) => {
        const q = (id) => document.querySelector(`[data-testid=${id}]`);
        const got = [
          q('per-csm-per-quarter')?.textContent,
          q('acceptance-rate')?.textContent,
          q('conversion-rate')?.textContent,
          q('tier-volume')?.getAttribute('data-tier'),
          q('tier-conversion')?.getAttribute('data-tier'),
          q('tier-overall')?.getAttribute('data-tier'),
        ];
        return JSON.stringify(got) === JSON.stringify(want);
      },
      expected,
      { timeout: TIMEOUT, polling: 'raf' },
    );
  } catch {
    // Fall through to the assertion for a readable message.
  }
  assert.deepEqual(await teamHooks(page), expected, 'team hooks');
}

/** Focuses `selector` and types `text` over its value, keyboard only. */
async function typeInto(page, selector, text) {
  await page.locator(selector).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

describe('Programme view (release build)', () => {
  test(
    'the quick-entry link shows 5.0 per CSM, 75.0% and 40.0%: great, world class, great',
    withPage(getEnv, async ({ page, log, server }) => {
      await gotoProgramme(page, url(DONE_WHEN));
      // 15 accepted / 3 CSMs / 1 quarter = 5.0 (SMB great 4-7); 15/20 = 75.0%;
      // 6/15 = 40.0% (SMB world class from 40); overall = lower = great.
      await expectHooks(page, ['5.0', '75.0%', '40.0%', 'great', 'world-class', 'great']);
      assert.equal(await page.locator('[data-testid=notice]').count(), 0, 'no notice');
      assert.equal(await page.locator('.field-error').count(), 0, 'no field error');
      const outside = log.requests.filter((u) => !u.startsWith(server.base));
      assert.deepEqual(outside, [], 'requests outside the sub-path');
    }),
  );

  test(
    'keyboard only: add a CSM row, fill it, and the coaching table follows the numbers',
    withPage(getEnv, async ({ page }) => {
      await gotoProgramme(page, url(DONE_WHEN));
      assert.equal(await page.locator('[data-testid=coaching-table]').count(), 0, 'one row: no table yet');
      await page.locator('[data-testid=add-csm]').focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=csm-1-name]').waitFor({ state: 'visible' });
      // The keyboard goes on in the new row.
      await waitUntil(page, () => document.activeElement?.getAttribute('data-testid') === 'csm-1-name');
      // The new row is blank: accepted is required, so it is asked for beside the field.
      await page.locator('#csm-1-accepted-error').waitFor({ state: 'visible' });
      await expectHooks(page, ['n/a', 'n/a', 'n/a', 'na', 'na', 'na']);
      await page.locator('[data-testid=coaching-table]').waitFor({ state: 'visible' });

      // Tab from the name through CSMs, submitted, accepted, won.
      await typeInto(page, '[data-testid=csm-1-name]', 'Bo');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.type('10');
      await page.keyboard.press('Tab');
      await page.keyboard.type('4');
      await page.keyboard.press('Tab');
      await page.keyboard.type('1');
      // Team: (15 + 4) / 4 CSMs = 4.75 -> 4.8 (great); 19/30 = 63.3%;
      // 7/19 = 36.8% (SMB great 30-40); overall great.
      await expectHooks(page, ['4.8', '63.3%', '36.8%', 'great', 'great', 'great']);
      // Bo: 4.0 per quarter (great), 4/10 = 40.0%, 1/4 = 25.0% (good) -> good.
      await waitUntil(page, () => document.querySelector('[data-testid=coach-1-per-quarter]')?.textContent === '4.0');
      const bo = await page.evaluate(() => {
        const q = (id) => document.querySelector(`[data-testid=${id}]`);
        return [q('coach-1-acceptance')?.textContent, q('coach-1-conversion')?.textContent, q('coach-1-tier-overall')?.getAttribute('data-tier')];
      });
      assert.deepEqual(bo, ['40.0%', '25.0%', 'good']);
      assert.equal(await page.locator('[data-testid=coaching-table] svg.bullet').count(), 4, 'two bullet charts per CSM');
      // Bo's 40% acceptance is below 50%: the coaching advice names Bo.
      await waitUntil(page, () => (document.querySelector('[data-testid=advice-coaching]')?.textContent ?? '').includes('Bo: acceptance 40.0% (4 of 10)'));

      // Won above accepted: the error sits beside the field, nothing reads NaN.
      await typeInto(page, '[data-testid=csm-1-won]', '9');
      await page.locator('#csm-1-won-error').waitFor({ state: 'visible' });
      assert.equal(await page.locator('#csm-1-won-error').textContent(), 'Bo, won: 9 is more than accepted (4); only accepted CSQLs can close won');
      await expectHooks(page, ['n/a', 'n/a', 'n/a', 'na', 'na', 'na']);
      const body = await page.evaluate(() => document.body.innerText);
      for (const word of ['NaN', 'undefined', 'Infinity']) assert.ok(!body.includes(word), `page text contains ${word}`);

      // The role select reorders the sections: a CRO reads the pipeline first.
      await page.locator('[data-testid=programme-role]').focus();
      await page.locator('[data-testid=programme-role]').selectOption('cro');
      await waitUntil(page, () => document.querySelector('[data-section]')?.getAttribute('data-section') === 'pipeline');
    }),
  );

  test(
    'a spreadsheet paste fills the grid, and a bad line is named without changing it',
    withPage(getEnv, async ({ page }) => {
      await gotoProgramme(page, url('?view=programme'));
      const area = page.locator('[data-testid=paste-rows]');
      await area.fill('Name\tSubmitted\tAccepted\tWon\nAnn\t12\t9\t4\nBo\t10\t4\t1\nCy\t6\t2\t0');
      await page.locator('[data-testid=paste-apply]').focus();
      await page.keyboard.press('Enter');
      // 15 accepted / 3 CSMs = 5.0; 15/28 = 53.6%; 5/15 = 33.3% (great) -> great.
      await expectHooks(page, ['5.0', '53.6%', '33.3%', 'great', 'great', 'great']);
      await page.locator('[data-testid=coaching-table]').waitFor({ state: 'visible' });
      assert.equal(await page.locator('[data-testid=csm-2-name]').inputValue(), 'Cy');

      await area.fill('Dee;5;6;1');
      await page.locator('[data-testid=paste-apply]').click();
      await page.locator('[data-testid=paste-problems]').waitFor({ state: 'visible' });
      assert.match(await page.locator('[data-testid=paste-problems]').textContent(), /Line 1: Dee, accepted: 6 is more than submitted \(5\)/);
      assert.equal(await page.locator('[data-testid=csm-0-name]').inputValue(), 'Ann', 'the grid is unchanged');
    }),
  );

  for (const viewport of [
    { width: 375, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    test(
      `at ${viewport.width}x${viewport.height}: no horizontal scroll, every control labelled`,
      withPage(
        getEnv,
        async ({ page }) => {
          // Three CSMs, a notice and custom dates make the widest page.
          await gotoProgramme(page, url('?view=programme&segment=galaxy&period=custom&start=2025-01-01&end=2025-04-01&csm=Ann,12,9,4&csm=Bo,10,4,1&csm=Cy,6,2,0'));
          await page.locator('[data-testid=coaching-table]').waitFor({ state: 'visible' });
          assert.equal(await page.locator('[data-testid=notice]').count(), 1, 'the unknown segment is noticed');
          // 90 days = 90 / 91.3125 quarters; 15 / 3 / 0.98563 = 5.07 -> 5.1.
          await expectHooks(page, ['5.1', '53.6%', '33.3%', 'great', 'great', 'great']);
          await page.screenshot({ path: join(outDir(), `programme-${viewport.width}.png`), fullPage: true });
          const unlabelled = await unlabelledControls(page);
          assert.deepEqual(unlabelled, [], 'controls without an accessible name');
          const widths = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            inner: window.innerWidth,
            culprits: [...document.querySelectorAll('body *')]
              .filter((el) => !el.closest('.table-scroll'))
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
});
