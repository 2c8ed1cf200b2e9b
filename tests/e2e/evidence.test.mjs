// The evidence for the weights, in a real browser: a new user loads the sample
// book and sees the backtest of the default weights, fits weights to the
// outcomes, sees the evidence, applies the suggestion (and can undo it),
// compares it with the original as scenarios, and shares the link: a
// colleague sees the same scenarios. Then the model goes to the warehouse.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { expectValue, openPage, useServerAndBrowser, waitUntil, withPage, assertHygiene } from './helpers.mjs';

const text = (page, id) => page.locator(`[data-testid=${id}]`).textContent();

async function loadSample(page, base) {
  await page.goto(`${base}?view=book`, { waitUntil: 'load' });
  await page.locator('[data-testid=load-sample]').click();
  await page.locator('[data-testid=backtest]').waitFor({ state: 'visible' });
}

describe('Evidence for the weights (release build)', () => {
  const getEnv = useServerAndBrowser();

  test('backtest, fit, apply with undo, scenarios compared and shared by link', async () => {
    const { browser, server } = getEnv();
    const a = await openPage(browser);
    let link;
    try {
      const { page } = a;
      await loadSample(page, server.base);
      // The backtest of the default weights, in the documented forms.
      assert.match(await text(page, 'backtest-qualified'), /^\d+$/);
      assert.match(await text(page, 'backtest-conversion'), /^\d+\.\d%$/);
      assert.match(await text(page, 'backtest-captured'), /^\d+\.\d%$/);
      assert.match(await text(page, 'backtest-lift'), /^\d+\.\dx$/);
      assert.match(await text(page, 'backtest-auc'), /^0\.\d\d$/);
      assert.match(await text(page, 'suggested-threshold'), /Suggested threshold: \d+/);
      // Live: threshold 0 qualifies every account without a missing gate, so
      // conversion among the qualified becomes the book's overall conversion.
      const conversion70 = await text(page, 'backtest-conversion');
      await page.locator('[data-testid=threshold]').fill('0');
      await waitUntil(page, (c) => document.querySelector('[data-testid=backtest-conversion]').textContent !== c, conversion70);
      await page.locator('[data-testid=threshold]').fill('70');
      await waitUntil(page, (c) => document.querySelector('[data-testid=backtest-conversion]').textContent === c, conversion70);

      // Keep the original criteria as a scenario first.
      await page.getByLabel('Scenario name').fill('Original');
      await page.locator('[data-testid=scenario-save]').click();
      await page.getByRole('checkbox', { name: 'Original' }).waitFor();

      // Fit, see the evidence, apply.
      await page.locator('[data-testid=fit-weights]').click();
      const apply = page.locator('[data-testid=apply-fitted]');
      await apply.waitFor({ state: 'visible', timeout: 30_000 });
      const shares = await Promise.all(['engagement', 'fit', 'intent'].map((k) => text(page, `fitted-weight-${k}`)));
      for (const s of shares) assert.match(s, /^\d+\.\d%$/);
      // Shares of 100: they add up to 100 within rounding.
      const sum = shares.map((s) => Number.parseFloat(s)).reduce((x, y) => x + y, 0);
      assert.ok(Math.abs(sum - 100) <= 0.2, `shares add up to ${sum}`);
      const before = await page.locator('[data-testid=weight-engagement]').inputValue();
      await apply.click();
      await waitUntil(page, (b) => document.querySelector('[data-testid=weight-engagement]').value !== b, before);
      // Undo from the notice brings the original weights back; apply again.
      await page.getByRole('button', { name: 'Undo' }).click();
      await expectValue(page, '[data-testid=weight-engagement]', before);
      await page.locator('[data-testid=fit-weights]').click();
      await apply.waitFor({ state: 'visible', timeout: 30_000 });
      await apply.click();
      await waitUntil(page, (b) => document.querySelector('[data-testid=weight-engagement]').value !== b, before);
      await page.getByLabel('Scenario name').fill('Fitted');
      await page.locator('[data-testid=scenario-save]').click();
      // Both chosen: compared side by side.
      await page.locator('[data-testid=scenario-flips]').waitFor({ state: 'visible' });
      const flips = Number(await text(page, 'scenario-flips'));
      assert.ok(flips > 0, `${flips} accounts flip between the original and fitted weights`);

      // Share: the link carries the scenarios.
      await page.getByRole('link', { name: 'Score an account' }).click();
      link = await page.locator('[data-testid=share-link]').inputValue();
      await assertHygiene(page, a.log, server.origin);
    } finally {
      await a.context.close();
    }

    const b = await openPage(browser);
    try {
      const { page } = b;
      await page.goto(`${server.base}?view=book${link.slice(link.indexOf('#'))}`, { waitUntil: 'load' });
      await page.locator('[data-testid=load-sample]').click();
      await page.locator('[data-testid=backtest]').waitFor({ state: 'visible' });
      await page.getByRole('checkbox', { name: 'Original' }).check();
      await page.getByRole('checkbox', { name: 'Fitted' }).check();
      await page.locator('[data-testid=scenario-flips]').waitFor({ state: 'visible' });
      assert.ok(Number(await text(page, 'scenario-flips')) > 0);
      await assertHygiene(page, b.log, server.origin);
    } finally {
      await b.context.close();
    }
  });

  test(
    'the warehouse panel writes the SQL for the chosen engine and the spreadsheet formulas',
    withPage(getEnv, async ({ page, server }) => {
      await loadSample(page, server.base);
      // Folded until opened: the SQL is written only while it is shown.
      assert.equal(await page.locator('[data-testid=sql-export]').count(), 0);
      await page.getByText('Export for your warehouse').click();
      const sql = page.locator('[data-testid=sql-export]');
      await sql.waitFor({ state: 'visible' });
      assert.match(await sql.inputValue(), /csql_verdict/);
      assert.match(await sql.inputValue(), /FROM\s+"?accounts"?/i);
      await page.locator('[data-testid=sql-dialect]').selectOption('bigquery');
      await waitUntil(page, () => document.querySelector('[data-testid=sql-export]').value.includes('for BigQuery'));
      await page.getByLabel('Accounts table').fill('crm.accounts_nightly');
      await waitUntil(page, () => document.querySelector('[data-testid=sql-export]').value.includes('accounts_nightly'));
      for (const [value, name] of [['duckdb', 'DuckDB'], ['postgres', 'PostgreSQL'], ['snowflake', 'Snowflake'], ['spark', 'Spark']]) {
        await page.locator('[data-testid=sql-dialect]').selectOption(value);
        await waitUntil(page, (n) => document.querySelector('[data-testid=sql-export]').value.includes(`for ${n}`), name);
        assert.match(await sql.inputValue(), /csql_score/);
      }
      assert.match(await page.locator('[data-testid=formula-score]').inputValue(), /^=/);
      assert.match(await page.locator('[data-testid=formula-verdict]').inputValue(), /csql/);
    }),
  );
});
