// Printing the calculator (issue 9): a one-page summary of the account. The
// result, the account's inputs and the gates are on paper; the toolbar, view
// tabs, sliders, buttons and notices are not. Printed with Chromium's own
// print-to-PDF (page.pdf), on Letter and A4; the PDFs are saved under
// tests/e2e/out/ for people to look at.
// Run: bash scripts/build.sh --release && node --test tests/e2e/print.test.mjs
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { expectResult, gotoApp, outDir, useServerAndBrowser, waitUntil, withPage } from './helpers.mjs';

const getEnv = useServerAndBrowser();

/** Pages in a PDF: its page objects (`/Type /Page`, not `/Pages`). */
const pageCount = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;

/** Whether each selector's elements are all out of the printed page (display none, or none exist). */
function hiddenInPrint(page, selectors) {
  return page.evaluate(
    (list) =>
      Object.fromEntries(
        list.map((sel) => [sel, [...document.querySelectorAll(sel)].every((el) => el.closest('[hidden]') || el.getClientRects().length === 0)]),
      ),
    selectors,
  );
}

async function printsOnOnePage(page, name) {
  for (const format of ['Letter', 'A4']) {
    const pdf = await page.pdf({ format });
    await writeFile(join(outDir(), `print-${name}-${format}.pdf`), pdf);
    assert.equal(pageCount(pdf), 1, `${name} on ${format}: one page`);
  }
}

describe('Printing the calculator (release build)', () => {
  test(
    'a filled-in account prints on one page: result, inputs and gates, without the screen-only parts',
    withPage(getEnv, async ({ page, server }) => {
      // A bad link value gives a notice on screen, which must not print.
      await gotoApp(page, `${server.base}?threshold=abc`);
      assert.ok((await page.locator('[data-testid=notice]').count()) > 0, 'a notice on screen');
      await page.getByLabel('Account (optional)').fill('Acme Corp');
      await page.getByLabel('Active-user trend over the last quarter (0 falling, 5 flat, 10 growing fast)').fill('8');
      // As a CRM export writes them: a percent sign, a comma between thousands.
      await page.getByLabel('Licensed seats active in the last 30 days (%)').fill('75%');
      await page.getByLabel('Attended the last QBR').check();
      await page.getByLabel('Responsiveness to emails and meetings (0-10)').fill('9');
      await page.getByLabel('Their use case matches our value proposition').check();
      await page.getByLabel('Integrations connected').fill('1,234');
      await page.getByLabel('Asked about features beyond their plan').check();
      await page.getByLabel('Usage of plan limits (%)').fill('60');
      await page.getByLabel('Their budget cycle is open').check();
      for (const gate of ['product_fit', 'usage', 'stakeholder', 'budget', 'timing']) await page.locator(`[data-testid=gate-${gate}]`).check();
      // Engagement (8 -> 80 x2, 75, QBR 100, 9 -> 90) / 5 = 425 / 5 = 85;
      // Fit (use case 100 x2, ICP 0, 1,234 integrations -> capped 100) / 4 = 75;
      // Intent (100 + 60 + 0 + 100) / 4 = 65. 0.4 x 85 + 0.3 x 75 + 0.3 x 65 = 34 + 22.5 + 19.5 = 76.0.
      await expectResult(page, '76.0', 'csql');

      await page.emulateMedia({ media: 'print' });
      await waitUntil(page, () => matchMedia('print').matches);
      const hidden = await hiddenInPrint(page, [
        '.views',
        '.toolbar',
        '.notices',
        '[data-testid=notice]',
        'input[type=range]',
        '.layout button',
        '.score-strip',
        '.colophon',
      ]);
      for (const [selector, gone] of Object.entries(hidden)) assert.ok(gone, `${selector} is not printed`);
      // What is printed: the score, the verdict, the account, its signals, the gates and the weights.
      for (const sel of ['[data-testid=csql-score]', '[data-testid=csql-verdict]', '#account-name', '.gates', '.criteria', '.component']) {
        assert.ok(await page.locator(sel).first().isVisible(), `${sel} is printed`);
      }
      assert.equal(await page.locator('#account-name').inputValue(), 'Acme Corp');
      // Nothing wider than the paper.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `printed page scrolls sideways by ${overflow}px`);
      await printsOnOnePage(page, 'calculator');
    }),
  );

  test(
    'the embedded calculator and the first screen print on one page too',
    withPage(getEnv, async ({ page, server }) => {
      await gotoApp(page, `${server.base}embed.html?lock=1&weights=50,30,20&engagement=80&fit=60&intent=40`);
      // (80 x 50 + 60 x 30 + 40 x 20) / 100 = 66.0.
      await expectResult(page, '66.0', 'below-threshold');
      await printsOnOnePage(page, 'embed');
      await gotoApp(page, server.base);
      await printsOnOnePage(page, 'first-screen');
    }),
  );
});
