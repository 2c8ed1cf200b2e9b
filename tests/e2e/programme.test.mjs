// End-to-end tests of the Programme view in the release build (dist/), in
// headless Chromium, served from the sub-path /wiki/csql/ as a wiki links it.
// Run: trunk build --release && node --test tests/e2e/programme.test.mjs
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { expectValue, outDir, TIMEOUT, unlabelledControls, useServerAndBrowser, waitUntil, withPage } from './helpers.mjs';

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
      // The new row is blank: it waits for its counts, with no red before
      // anything is typed (issue 15); the figures say what to enter.
      assert.equal(await page.locator('#csm-1-accepted-error').count(), 0, 'no error on a row nothing was typed in');
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
      // The link's Team row holds totals and Bo adds to them: the page says so.
      await waitUntil(page, () => (document.querySelector('[data-testid=rows-add-up]')?.textContent ?? '').includes('(4 CSMs in all)'));
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

  test(
    'custom dates: no error before anything is typed, plain forms are read, and leaving a box shows YYYY-MM-DD',
    withPage(getEnv, async ({ page }) => {
      await gotoProgramme(page, url('?view=programme&csms=1&submitted=8&accepted=6&won=2'));
      await page.locator('[data-testid=programme-period]').selectOption('custom');
      await page.locator('[data-testid=programme-start]').waitFor({ state: 'visible' });
      await waitUntil(page, () => document.querySelector('[data-testid=overall-explanation]')?.textContent === "Enter the period's start and end dates (YYYY-MM-DD) to see the figures.");
      assert.equal(await page.locator('.field-error').count(), 0, 'nothing typed, nothing marked in red');
      assert.equal(await page.locator('[aria-invalid=true]').count(), 0);
      await expectHooks(page, ['n/a', 'n/a', 'n/a', 'na', 'na', 'na']);
      assert.equal(await page.locator('[data-testid=programme-start]').getAttribute('placeholder'), 'YYYY-MM-DD');

      await typeInto(page, '[data-testid=programme-start]', '1 Jan 2025');
      await page.keyboard.press('Tab');
      await expectValue(page, '[data-testid=programme-start]', '2025-01-01');
      await typeInto(page, '[data-testid=programme-end]', '2025/4/1');
      await page.keyboard.press('Tab');
      await expectValue(page, '[data-testid=programme-end]', '2025-04-01');
      // 31 + 28 + 31 = 90 days, 90 / 91.3125 = 0.986 quarters;
      // 6 accepted / 1 CSM / 0.98563 = 6.09 -> 6.1 (SMB great 4-7); 6/8 = 75.0%;
      // 2/6 = 33.3% (great), on 6 accepted: no caution.
      await waitUntil(page, () => document.querySelector('[data-testid=period-summary]')?.textContent === '2025-01-01 to 2025-04-01: 90 days, 0.99 quarters.');
      await expectHooks(page, ['6.1', '75.0%', '33.3%', 'great', 'great', 'great']);

      // Day and month that could be either way round: both readings are named.
      await typeInto(page, '[data-testid=programme-end]', '01/02/2025');
      await page.keyboard.press('Tab');
      await page.locator('#programme-end-error').waitFor({ state: 'visible' });
      assert.equal(
        await page.locator('#programme-end-error').textContent(),
        'Period end date: \u201c01/02/2025\u201d could be 2025-02-01 or 2025-01-02; use YYYY-MM-DD',
      );
      await expectValue(page, '[data-testid=programme-end]', '01/02/2025');
    }),
  );

  test(
    'Add a CSM on a fresh page turns the empty Team row into the first CSM and puts the keyboard in its name',
    withPage(getEnv, async ({ page }) => {
      await gotoProgramme(page, url('?view=programme'));
      await expectValue(page, '[data-testid=csm-0-name]', 'Team');
      await page.locator('[data-testid=add-csm]').focus();
      await page.keyboard.press('Enter');
      await waitUntil(page, () => document.activeElement?.getAttribute('data-testid') === 'csm-0-name');
      await expectValue(page, '[data-testid=csm-0-name]', '');
      assert.equal(await page.locator('[data-testid=csm-1-name]').count(), 0, 'still one row: nothing counts twice');
      await page.keyboard.type('Ann');
      // The next one goes after it, and the keyboard follows.
      await page.locator('[data-testid=add-csm]').focus();
      await page.keyboard.press('Enter');
      await waitUntil(page, () => document.activeElement?.getAttribute('data-testid') === 'csm-1-name');
      await expectValue(page, '[data-testid=csm-0-name]', 'Ann');
      assert.equal(await page.locator('[data-testid=rows-add-up]').count(), 0, 'no Team row, nothing to add up');
    }),
  );

  test(
    'a CSM with nothing accepted is below good overall, and rates on fewer than five carry a caution',
    withPage(getEnv, async ({ page }) => {
      await gotoProgramme(page, url('?view=programme&segment=smb&csm=Ann,12,9,4&csm=Cy,6,0,0&csm=Di,3,2,1'));
      await page.locator('[data-testid=coaching-table]').waitFor({ state: 'visible' });
      const cells = await page.evaluate(() => {
        const q = (id) => document.querySelector(`[data-testid=${id}]`);
        return {
          // Cy: 0 accepted / 1 CSM = 0.0, under good's 2: below good on volume, so below good overall.
          cy: [q('coach-1-per-quarter')?.textContent, q('coach-1-conversion')?.textContent, q('coach-1-tier-overall')?.getAttribute('data-tier')],
          // Di: 2 of 3 submitted = 66.7%, 1 of 2 accepted = 50.0%: both on fewer than five.
          di: [
            q('coach-2-acceptance')?.textContent,
            q('coach-2-acceptance')?.getAttribute('data-sample'),
            q('coach-2-acceptance-caution')?.textContent,
            q('coach-2-conversion')?.textContent,
            q('coach-2-conversion')?.getAttribute('data-sample'),
            q('coach-2-conversion-caution')?.textContent,
          ],
          // Ann: 12 submitted and 9 accepted are enough.
          ann: [q('coach-0-acceptance')?.getAttribute('data-sample'), q('coach-0-acceptance-caution'), q('coach-0-conversion-caution')],
        };
      });
      assert.deepEqual(cells.cy, ['0.0', 'n/a', 'below']);
      assert.deepEqual(cells.di, ['66.7%', 'small', 'only 3 submitted', '50.0%', 'small', 'only 2 accepted']);
      assert.deepEqual(cells.ann, [null, null, null]);
      // Team: 11 accepted / 3 CSMs = 3.67 -> 3.7 (SMB good 2-4); 11 of 21 = 52.4%;
      // 5 of 11 = 45.5% (world class from 40): overall good. No caution.
      await expectHooks(page, ['3.7', '52.4%', '45.5%', 'good', 'world-class', 'good']);
      assert.equal(await page.locator('[data-testid=conversion-caution]').count(), 0);

      // A team of one with 3 submitted, 2 accepted, 1 won: both team rates cautioned in words.
      await gotoProgramme(page, url('?view=programme&csms=1&submitted=3&accepted=2&won=1'));
      assert.equal(await page.locator('[data-testid=acceptance-rate]').getAttribute('data-sample'), 'small');
      assert.equal(await page.locator('[data-testid=conversion-rate]').getAttribute('data-sample'), 'small');
      assert.equal(
        await page.locator('[data-testid=conversion-caution]').textContent(),
        'Only 2 accepted: with fewer than 5, one deal won or lost moves the rate by 25 points or more, so read it with care.',
      );
      assert.match(await page.locator('[data-testid=acceptance-caution]').textContent(), /^Only 3 submitted: with fewer than 5, /);
    }),
  );

  test(
    'a book with more owners than the table holds fills 500 rows and says how many were left out',
    withPage(getEnv, async ({ page }) => {
      // 503 owners with one account each, accepted and lost.
      const lines = ['id,name,owner,segment,engagement,fit,intent,accepted,won'];
      for (let i = 1; i <= 503; i += 1) lines.push(`A${i},Account ${i},Owner ${i},smb,50,50,50,yes,no`);
      await page.goto(url('?view=book'), { waitUntil: 'load' });
      await page.locator('[data-testid=csv-input]').setInputFiles({ name: 'owners-503.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
      await waitUntil(page, () => document.querySelector('[data-testid=row-count]')?.textContent === '503');
      await page.getByLabel('This book covers').selectOption({ label: 'A quarter' });
      await page.getByRole('button', { name: 'Measure the programme from this book' }).click();
      const notice = page.locator('.programme-notices [data-testid=notice] p');
      await notice.waitFor({ state: 'visible' });
      assert.equal(
        await notice.textContent(),
        'owners-503.csv has 503 owners; the table holds 500, so the 3 that come last in the file were left out, and the team figures do not count them.',
      );
      // The first 500 owners: 500 accepted by 500 CSMs in a quarter = 1.0; 500/500 = 100.0%; 0/500 = 0.0%.
      await expectHooks(page, ['1.0', '100.0%', '0.0%', 'below', 'below', 'below']);
      await expectValue(page, '[data-testid=csm-499-name]', 'Owner 500');
      assert.equal(await page.locator('[data-testid=csm-500-name]').count(), 0);
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
