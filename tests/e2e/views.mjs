// The views every whole-page check opens (the width check, the axe check):
// how to open each, and what to wait for. One list, so both checks see the
// same pages.
import { fileURLToPath } from 'node:url';

import { gotoApp } from './helpers.mjs';

/** The views to check: how to open each, and what to wait for. */
export const VIEWS = [
  {
    name: 'calculator',
    open: async (page, base) => gotoApp(page, `${base}?weights=50,30,20&threshold=70&engagement=80&fit=60&intent=40`),
  },
  {
    name: 'calculator-empty',
    open: async (page, base) => gotoApp(page, base),
  },
  {
    name: 'editing',
    open: async (page, base) => {
      await gotoApp(page, base);
      await page.getByRole('button', { name: 'Edit model' }).click();
      await page.getByRole('button', { name: 'Add a component' }).waitFor();
    },
  },
  {
    name: 'book',
    open: async (page, base) => {
      await page.goto(`${base}?view=book`, { waitUntil: 'load' });
      await page.locator('[data-testid=load-sample]').click();
      await page.locator('[data-testid=book-row]').first().waitFor();
      await page.locator('[data-testid=book-row] button').first().click();
      await page.locator('[data-testid=account-detail]').waitFor();
    },
  },
  {
    // A CRM export: the column profile open, the mapping open, a model proposed from the file.
    name: 'book-crm',
    open: async (page, base) => {
      await page.goto(`${base}?view=book`, { waitUntil: 'load' });
      await page.locator('[data-testid=csv-input]').setInputFiles(fileURLToPath(new URL('../fixtures/hubspot_companies.csv', import.meta.url)));
      await page.locator('[data-testid=book-row]').first().waitFor();
      await page.locator('.book-profile summary').click();
      await page.locator('.book-mapping summary').click();
      await page.locator('[data-testid=model-from-file]').click();
      await page.locator('[data-testid=model-from-file-summary]').waitFor();
    },
  },
  {
    name: 'programme',
    open: async (page, base) => {
      await page.goto(`${base}?view=programme&segment=smb&csm=Ann,12,9,4&csm=Bo,10,4,1&csm=Cy,6,2,0&csm=Dee%20Longname-Surname,8,3,1`, { waitUntil: 'load' });
      await page.locator("[data-testid=per-csm-per-quarter]").waitFor();
    },
  },
  {
    name: 'embed',
    open: async (page, base) => gotoApp(page, `${base}embed.html?lock=1&weights=50,30,20&engagement=80&fit=60&intent=40`),
  },
];
