// End-to-end tests of "your model, kept and shared": the model editor,
// autosave to localStorage, share links (#m=1.<code>), reset with undo, JSON
// export and import, damaged links and storage, and the locked, compact embed
// in a sandboxed iframe on a page of another origin.
// Run: trunk build --release && node --test tests/e2e/
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';

import { assertHygiene, expectResult, expectValue, gotoApp, openPage, unlabelledControls, useServerAndBrowser, waitUntil, withPage } from './helpers.mjs';
import { startHost } from './server.mjs';

const getEnv = useServerAndBrowser();

const STORAGE_KEY = 'csql-calculator/model/v1';
const KEYS = ['engagement', 'fit', 'intent'];

/** The card of one component, found by its heading id (stable across renames). */
const card = (page, key) => page.locator(`section.component[aria-labelledby="${key}-title"]`);

/** Switches a component to "Type a score" and types `value` as its score. */
async function typeScore(page, key, value) {
  const radio = card(page, key).getByRole('radio', { name: 'Type a score' });
  await radio.check();
  // The score box turns from read-only (derived) into a text box.
  await waitUntil(page, (k) => document.querySelector(`[data-testid=score-${k}]`)?.readOnly === false, key);
  await page.locator(`[data-testid=score-${key}]`).fill(value);
  await expectValue(page, `[data-testid=score-${key}]`, value);
}

async function setWeight(page, key, value) {
  await page.locator(`[data-testid=weight-${key}]`).fill(value);
  await expectValue(page, `[data-testid=weight-${key}]`, value);
}

async function expectWeights(page, values) {
  for (const [i, key] of KEYS.entries()) await expectValue(page, `[data-testid=weight-${key}]`, values[i]);
}

const noticeTexts = (page) => page.locator('[data-testid=notice] p').allTextContents();

/** Waits for a notice whose message matches `pattern`, and returns it. */
async function expectNotice(page, pattern) {
  const notice = page.locator('[data-testid=notice]').filter({ has: page.locator('p', { hasText: pattern }) }).first();
  try {
    await notice.waitFor({ state: 'visible' });
  } catch {
    assert.fail(`no notice matching ${pattern}; notices: ${JSON.stringify(await noticeTexts(page))}`);
  }
  return notice;
}

/** The 50/30/20 weights, every component typed: 80/60/40. */
async function fillSixtySix(page) {
  await setWeight(page, 'engagement', '50');
  await setWeight(page, 'fit', '30');
  await setWeight(page, 'intent', '20');
  await typeScore(page, 'engagement', '80');
  await typeScore(page, 'fit', '60');
  await typeScore(page, 'intent', '40');
  // (80*50 + 60*30 + 40*20) / (50+30+20) = (4000 + 1800 + 800) / 100 = 66.0 < 70
  await expectResult(page, '66.0', 'below-threshold');
}

const shareLink = (page) => page.locator('[data-testid=share-link]').inputValue();

async function saved(page) {
  const text = await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY);
  assert.ok(text, 'a model is saved');
  return JSON.parse(text);
}

/** Clicks `button` and returns the text of the file it downloads. */
async function downloadText(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

describe('Your model, kept and shared (release build)', () => {
  test(
    '1. an edited model is saved on every change and restored exactly on reload',
    withPage(getEnv, async ({ page, server }) => {
      await gotoApp(page, server.base);
      const edit = page.getByRole('button', { name: 'Edit model' });
      assert.equal(await edit.getAttribute('aria-pressed'), 'false');
      await edit.click();
      const done = page.getByRole('button', { name: 'Done editing' });
      await done.waitFor();
      assert.equal(await done.getAttribute('aria-pressed'), 'true', 'the toggle says it is pressed');
      // The editor is open: names, signal rows, add buttons.
      for (const key of KEYS) await page.locator(`#${key}-name`).waitFor();
      assert.equal(await page.locator('#edit-engagement-active_users_trend-weight').inputValue(), '2');
      assert.deepEqual(
        await page.locator('#edit-engagement-active_users_trend-direction option').evaluateAll((os) => os.map((o) => o.value)),
        ['positive', 'negative'],
      );
      assert.ok((await page.getByRole('button', { name: /^Add a signal/ }).count()) >= 3, 'Add a signal per component');
      await page.getByRole('button', { name: 'Add a component' }).waitFor();
      await page.getByRole('button', { name: 'Add a gate' }).waitFor();

      await page.locator('#engagement-name').fill('Usage depth');
      await waitUntil(page, () => document.getElementById('engagement-title')?.textContent === 'Usage depth');
      await typeScore(page, 'fit', '90');
      // (0*40 + 90*30 + 0*30) / (40+30+30) = 2700 / 100 = 27.0: Engagement and
      // Intent are derived from blank signals, so 0.
      await expectResult(page, '27.0', 'below-threshold');

      // Saved as it changed, in the documented shape.
      const doc = await saved(page);
      assert.equal(doc.version, 1);
      assert.equal(doc.model.components[0].name, 'Usage depth');
      assert.equal(doc.model.components[1].direct, '90');

      await page.reload();
      await page.locator('[data-testid=csql-score]').waitFor();
      await waitUntil(page, () => document.getElementById('engagement-title')?.textContent === 'Usage depth');
      assert.equal(await page.locator('#engagement-title').textContent(), 'Usage depth');
      await page.getByText('Usage depth weight', { exact: true }).waitFor();
      await expectValue(page, '[data-testid=score-fit]', '90');
      assert.equal(await page.locator('[data-testid=score-fit]').evaluate((el) => el.readOnly), false, 'Fit is still typed');
      await expectResult(page, '27.0', 'below-threshold');
      await expectWeights(page, ['40', '30', '30']);
      // The editor is a view state, not part of the model: it starts closed.
      assert.equal(await page.getByRole('button', { name: 'Edit model' }).getAttribute('aria-pressed'), 'false');
      assert.deepEqual(await noticeTexts(page), [], 'no notice after a plain reload');
      assert.deepEqual(await saved(page), doc, 'the reload saved the same model back');
    }),
  );

  test(
    '2. a share link opens the same model and score in a fresh browser profile',
    withPage(getEnv, async ({ page, server }) => {
      await gotoApp(page, server.base);
      await fillSixtySix(page);
      const link = await shareLink(page);
      assert.ok(link.startsWith(server.base + '#m=1.'), `share link: ${link.slice(0, 80)}`);
      assert.match(link.slice((server.base + '#m=1.').length), /^[A-Za-z0-9_-]+$/, 'base64url code');

      // Copy link: headless Chromium may refuse the clipboard; either way the user is told.
      await page.getByRole('button', { name: 'Copy link' }).click();
      await expectNotice(page, /^(Link copied|This page may not use the clipboard)/);

      const b = await openPage(getEnv().browser);
      let linkFromB;
      try {
        await gotoApp(b.page, link);
        // Same arithmetic as above: 66.0, below the threshold of 70.
        await expectResult(b.page, '66.0', 'below-threshold');
        await expectWeights(b.page, ['50', '30', '20']);
        for (const [key, value] of [['engagement', '80'], ['fit', '60'], ['intent', '40']]) {
          await expectValue(b.page, `[data-testid=score-${key}]`, value);
        }
        // Nothing was saved in this profile, so nothing was replaced: no notice.
        assert.deepEqual(await noticeTexts(b.page), [], 'no notice in a fresh profile');
        // Opening a link writes nothing by itself ...
        assert.equal(await b.page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), null, 'nothing saved on open');
        // ... the first change saves the link's model with it: Intent typed 100 gives
        // (80*50 + 60*30 + 100*20) / 100 = 78.0 >= 70, but no gate is ticked.
        await b.page.locator('[data-testid=score-intent]').fill('100');
        await expectResult(b.page, '78.0', 'gates-missing');
        await waitUntil(b.page, (k) => localStorage.getItem(k) !== null, STORAGE_KEY);
        const doc = await saved(b.page);
        assert.deepEqual(doc.model.components.map((c) => [c.weight, c.direct]), [['50', '80'], ['30', '60'], ['20', '100']]);
        linkFromB = await shareLink(b.page);
        await assertHygiene(b.page, b.log, server.origin);
      } finally {
        await b.context.close();
      }

      // Back in A, which has the 66.0 model saved: B's link replaces it on screen,
      // with an undo, and leaves the saved model alone until something changes.
      // (A real load: from the open page, a link differing only in its #fragment
      // would be a same-document navigation, which the app does not listen for.)
      await page.goto('about:blank');
      await gotoApp(page, linkFromB);
      await expectResult(page, '78.0', 'gates-missing');
      const opened = await expectNotice(page, /^Opened the model from this link/);
      assert.equal((await saved(page)).model.components[2].direct, '40', 'the saved model is untouched');
      await opened.getByRole('button', { name: 'Undo' }).click();
      await expectResult(page, '66.0', 'below-threshold');
      await expectValue(page, '[data-testid=score-intent]', '40');
    }),
  );

  test(
    '3. reset to default can be undone',
    withPage(getEnv, async ({ page, server }) => {
      await gotoApp(page, server.base);
      await setWeight(page, 'fit', '55');
      await page.getByRole('button', { name: 'Reset to default' }).click();
      await expectWeights(page, ['40', '30', '30']);
      const notice = await expectNotice(page, /^Back to the default model/);
      const undo = notice.getByRole('button', { name: 'Undo' });
      await undo.click();
      await expectWeights(page, ['40', '55', '30']);
      // Autosave follows the undo too.
      await waitUntil(page, (k) => JSON.parse(localStorage.getItem(k) ?? '{}').model?.components?.[1]?.weight === '55', STORAGE_KEY);
    }),
  );

  test(
    '4. damaged or hostile share links give a notice, defaults, and a working page',
    withPage(getEnv, async ({ page, server }) => {
      // A real code, to truncate.
      await gotoApp(page, server.base);
      await fillSixtySix(page);
      const code = (await shareLink(page)).split('#m=')[1];
      assert.ok(code.length > 40, `code length ${code.length}`);
      const truncated = code.slice(0, Math.floor(code.length / 2));

      const fragments = {
        'not base64url': '#m=1.%%%',
        'unknown version': '#m=9.abc',
        truncated: '#m=' + truncated,
        'huge (200 000 characters)': '#m=1.' + 'A'.repeat(200_000),
      };
      for (const [what, fragment] of Object.entries(fragments)) {
        // A fresh profile each time: nothing saved, so the page shows the default model.
        const f = await openPage(getEnv().browser);
        try {
          await gotoApp(f.page, server.base + fragment);
          await expectNotice(f.page, /^This share link could not be opened/);
          // Defaults: (0*40 + 0*30 + 0*30) / 100 = 0.0 < 70.
          await expectResult(f.page, '0.0', 'below-threshold');
          await expectWeights(f.page, ['40', '30', '30']);
          // Still responds: Engagement's weight 60 gives it 60/(60+30+30) = 50.0% of the score.
          await setWeight(f.page, 'engagement', '60');
          const share = f.page.getByLabel('Engagement share of the score');
          await waitUntil(f.page, () => document.querySelector('output[for=weight-engagement]')?.textContent === '50.0%');
          assert.equal(await share.textContent(), '50.0%', what);
          await assertHygiene(f.page, f.log, server.origin);
        } catch (e) {
          e.message = `${what}: ${e.message}`;
          throw e;
        } finally {
          await f.context.close();
        }
      }
    }),
  );

  test(
    '5. unreadable saved data: defaults, a notice, and the text can be downloaded',
    withPage(getEnv, async ({ page, context, server }) => {
      await context.addInitScript((k) => localStorage.setItem(k, '{not json'), STORAGE_KEY);
      await gotoApp(page, server.base);
      const notice = await expectNotice(page, /^The model saved in this browser could not be read/);
      await expectResult(page, '0.0', 'below-threshold');
      await expectWeights(page, ['40', '30', '30']);
      const file = await downloadText(page, notice.getByRole('button', { name: 'Download the saved text' }));
      assert.equal(file.text, '{not json', 'the unreadable text is kept, byte for byte');
      assert.match(file.name, /\.json$/);
      // The page works: Fit typed 50 -> 50*30/100 = 15.0.
      await typeScore(page, 'fit', '50');
      await expectResult(page, '15.0', 'below-threshold');
    }),
  );

  test(
    '6. embedded on another origin in a sandboxed iframe: locked, compact, sized by messages',
    async () => {
      const { browser, server } = getEnv();
      // The embed code, from the app itself, for the 50/30/20 with 80/60/40 model.
      const a = await openPage(browser);
      let src;
      try {
        await gotoApp(a.page, server.base);
        await fillSixtySix(a.page);
        const link = await shareLink(a.page);
        const embed = a.page.getByRole('button', { name: 'Embed', exact: true });
        assert.equal(await embed.getAttribute('aria-expanded'), 'false');
        await embed.click();
        const code = a.page.locator('[data-testid=embed-code]');
        await code.waitFor();
        assert.equal(await embed.getAttribute('aria-expanded'), 'true');
        assert.equal(await code.evaluate((el) => el.readOnly), true, 'embed code is read-only');
        const snippet = await code.inputValue();
        src = snippet.match(/<iframe [^>]*src="([^"]+)"/)?.[1];
        assert.equal(src, `${server.base}embed.html?lock=1#m=${link.split("#m=")[1]}`, "the iframe loads the lean embed with the share code, locked");
        assert.match(snippet, /sandbox="allow-scripts allow-downloads"/);
        assert.match(snippet, /<script>[\s\S]*addEventListener\("message"[\s\S]*csql-calculator:height[\s\S]*<\/script>/);
        await assertHygiene(a.page, a.log, server.origin);
      } finally {
        await a.context.close();
      }

      const host = await startHost(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A wiki page</title><link rel="icon" href="data:,"></head>
<body>
<h1>Qualifying expansion leads</h1>
<script>
  window.heights = [];
  addEventListener('message', (event) => {
    const frame = document.getElementById('f');
    if (frame && event.source === frame.contentWindow && event.data && event.data.type === 'csql-calculator:height') {
      window.heights.push(event.data.height);
      frame.style.height = event.data.height + 'px';
    }
  });
</script>
<iframe id="f" title="CSQL calculator" sandbox="allow-scripts" src="${src.replaceAll('&', '&amp;')}" width="100%" height="150" style="border:0"></iframe>
</body></html>`);
      const h = await openPage(browser);
      try {
        const response = await h.page.goto(host.url, { waitUntil: 'load' });
        assert.equal(response?.status(), 200);
        const frame = await (await h.page.locator('#f').elementHandle()).contentFrame();
        assert.ok(frame, 'the iframe has a frame');
        try {
          await frame.locator('[data-testid=csql-score]').waitFor({ state: 'visible' });
        } catch (e) {
          // Usually CORS (the frame's origin is opaque): say what the browser said.
          e.message += `\nThe app did not render in the frame: ${JSON.stringify({ console: h.log.consoleErrors, failed: h.log.failedRequests, bad: h.log.badResponses, page: h.log.pageErrors })}`;
          throw e;
        }

        // The frame tells its host how tall it is; the host resized it.
        await waitUntil(h.page, () => window.heights.some((v) => typeof v === 'number' && v > 200));
        const heights = await h.page.evaluate(() => window.heights);
        assert.ok(heights.every((v) => Number.isFinite(v)), `heights: ${heights}`);
        const last = heights.at(-1);
        await waitUntil(h.page, (px) => document.getElementById('f').getBoundingClientRect().height === px, last);
        // The last height reported is the frame's whole content: no inner scroll bar, no feedback loop.
        await waitUntil(frame, (px) => document.body.scrollHeight === px, last);

        // The model from the link: 66.0, below 70.
        await expectResult(frame, '66.0', 'below-threshold');
        await expectValue(frame, '[data-testid=weight-engagement]', '50');

        // Compact: no header, view tabs or toolbar.
        assert.equal(await frame.locator('header, nav.views, .view-tab').count(), 0, 'no header or view tabs');
        assert.equal(await frame.getByRole('button', { name: /Edit model|Reset to default|Copy link|Export JSON|Embed/ }).count(), 0, 'no toolbar');
        assert.equal(await frame.locator('[data-testid=share-link], #import-json').count(), 0, 'no share box or import');

        // Locked: criteria read-only, inputs editable.
        for (const key of KEYS) {
          assert.equal(await frame.locator(`[data-testid=weight-${key}]`).evaluate((el) => el.readOnly), true, `weight-${key} read-only`);
        }
        assert.equal(await frame.locator('[data-testid=threshold]').evaluate((el) => el.readOnly), true, 'threshold read-only');
        assert.deepEqual(await frame.locator('input[type=range]').evaluateAll((els) => els.map((el) => el.disabled)), [true, true, true, true], 'sliders disabled');
        const required = frame.locator('input[id$=-required]');
        assert.ok((await required.count()) >= 1, 'gates have a required box');
        assert.ok((await required.evaluateAll((els) => els.map((el) => el.disabled))).every(Boolean), 'required boxes disabled');

        // Typing into the locked weight changes nothing ...
        await frame.locator('[data-testid=weight-engagement]').focus();
        await h.page.keyboard.press('End');
        await h.page.keyboard.type('9');
        // ... while a typed score still counts:
        await frame.locator('[data-testid=score-intent]').fill('100');
        // (80*50 + 60*30 + 100*20) / 100 = (4000 + 1800 + 2000) / 100 = 78.0 >= 70,
        // but no gate is ticked.
        await expectResult(frame, '78.0', 'gates-missing');
        await expectValue(frame, '[data-testid=weight-engagement]', '50');
        // A gate can still be ticked (an input, not a criterion).
        await frame.locator('input[type=checkbox]:not([id$=-required])').first().check();

        // No storage in a sandbox without allow-same-origin: a locked embed
        // never saves, so its readers are told nothing they cannot act on
        // (issue 19), and nothing crashes.
        const texts = await frame.locator('[data-testid=notice] p').allTextContents();
        assert.equal(texts.filter((t) => /save/.test(t)).length, 0, `no storage notice: ${JSON.stringify(texts)}`);
        assert.ok(!(await frame.evaluate(() => document.body.innerText)).includes('internal error'), 'the app did not stop');

        // Only the two local origins were asked for anything; no errors.
        await assertHygiene(h.page, h.log, [server.origin, host.origin]);
        assert.ok(h.log.requests.some((u) => u.startsWith(server.origin) && u.endsWith('.wasm')), 'the frame loaded the wasm');
      } finally {
        await h.context.close();
        await host.close();
      }
    },
  );

  test(
    '6b. lock=1 without embed: the toolbar keeps sharing but offers no editing',
    withPage(getEnv, async ({ page, server }) => {
      await gotoApp(page, server.base);
      await fillSixtySix(page);
      const code = (await shareLink(page)).split('#m=')[1];
      await gotoApp(page, `${server.base}?lock=1#m=${code}`);
      await expectResult(page, '66.0', 'below-threshold');
      await page.getByRole('button', { name: 'Copy link' }).waitFor();
      assert.equal(await page.getByRole('button', { name: /^(Edit model|Reset to default)$/ }).count(), 0, 'no editing');
      assert.equal(await page.locator('#import-json').count(), 0, 'no import');
      assert.equal(await page.locator('[data-testid=weight-fit]').evaluate((el) => el.readOnly), true);
      await page.locator('[data-testid=score-fit]').fill('100');
      // (80*50 + 100*30 + 40*20) / 100 = 78.0
      await expectResult(page, '78.0', 'gates-missing');
    }),
  );

  test(
    '7. export JSON, import it changed, undo, and refuse bad files',
    withPage(getEnv, async ({ page, server }) => {
      await gotoApp(page, server.base);
      const file = await downloadText(page, page.getByRole('button', { name: 'Export JSON' }));
      assert.equal(file.name, 'csql-model.json');
      const doc = JSON.parse(file.text);
      assert.equal(doc.version, 1);
      assert.equal(doc.model.components.length, 3);
      assert.equal(doc.model.threshold, '70');

      doc.model.threshold = '60';
      await page.locator('#import-json').setInputFiles({ name: 'model-60.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
      await expectValue(page, '[data-testid=threshold]', '60');
      const imported = await expectNotice(page, /^Imported the model from “model-60\.json”/);
      await imported.getByRole('button', { name: 'Undo' }).click();
      await expectValue(page, '[data-testid=threshold]', '70');

      for (const [name, text] of [
        ['version-only.json', '{"version":1}'],
        ['notes.txt', 'just some notes'],
      ]) {
        await page.locator('#import-json').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
        await expectNotice(page, new RegExp(`^Import failed: “${name.replace('.', '\\.')}”`));
      }
      await expectValue(page, '[data-testid=threshold]', '70');
      await expectResult(page, '0.0', 'below-threshold');
    }),
  );

  test(
    '8. at 375x800 with the editor and the embed panel open: labelled controls, no horizontal scroll',
    withPage(
      getEnv,
      async ({ page, server }) => {
        await gotoApp(page, server.base);
        await page.getByRole('button', { name: 'Edit model' }).click();
        await page.getByRole('button', { name: 'Add a component' }).waitFor();
        await page.getByRole('button', { name: 'Embed', exact: true }).click();
        await page.locator('[data-testid=embed-code]').waitFor();
        const report = await page.evaluate(() => {
          const text = (el) => (el?.textContent ?? '').trim();
          return {
            controls: document.querySelectorAll('input, button, select, textarea').length,
            scroll: document.documentElement.scrollWidth,
            inner: window.innerWidth,
            culprits: [...document.querySelectorAll('body *')]
              .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
              .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 0.5))
              .map((el) => `${el.tagName.toLowerCase()}#${el.id} "${text(el).slice(0, 30)}"`)
              .slice(0, 5),
          };
        });
        assert.ok(report.controls > 60, `the editor's controls are there: ${report.controls}`);
        assert.deepEqual(await unlabelledControls(page), [], 'controls without an accessible name');
        assert.ok(report.scroll <= report.inner, `horizontal scroll: ${report.scroll} > ${report.inner}; sticking out: ${report.culprits.join(', ')}`);
      },
      { viewport: { width: 375, height: 800 } },
    ),
  );
});
