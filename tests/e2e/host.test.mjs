// The host API, the tabs as addresses and one home for the team's targets,
// in a real browser against the release build.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { assertHygiene, OUT_DIR, expectResult, expectValue, gotoApp, openPage, useServerAndBrowser, waitUntil, withPage } from './helpers.mjs';
import { startHost } from './server.mjs';

/** A wiki page on another origin: embeds `src`, records what the frame posts, and can post to it. */
function hostPage(src) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A wiki page</title><link rel="icon" href="data:,"></head>
<body>
<h1>Qualifying expansion leads</h1>
<script>
  window.results = [];
  window.heights = [];
  addEventListener('message', (event) => {
    const frame = document.getElementById('f');
    if (!frame || event.source !== frame.contentWindow || !event.data) return;
    if (event.data.type === 'csql-calculator:result') window.results.push(event.data);
    if (event.data.type === 'csql-calculator:height') window.heights.push(event.data.height);
  });
  window.post = (message) => document.getElementById('f').contentWindow.postMessage(message, '*');
</script>
<iframe id="f" title="CSQL calculator" sandbox="allow-scripts" src="${src.replaceAll('&', '&amp;')}" width="100%" height="900" style="border:0"></iframe>
</body></html>`;
}

describe('Host API, addresses and targets (release build)', () => {
  const getEnv = useServerAndBrowser();

  test('a host page on another origin sets values, receives results, and cannot change locked weights', async () => {
    const { browser, server } = getEnv();
    // Placeholder origin first, to learn the host's origin; then the real page.
    const probe = await startHost('');
    const hostOrigin = probe.origin;
    await probe.close();
    for (const [page, query] of [
      ['embed.html', `lock=1&weights=50,30,20&threshold=70`],
      ['', `embed=1&lock=1&weights=50,30,20&threshold=70`],
    ]) {
      const host = await startHost(hostPage(`${server.base}${page}?${query}`));
      const h = await openPage(browser);
      try {
        await h.page.goto(host.url, { waitUntil: 'load' });
        const frame = await (await h.page.locator('#f').elementHandle()).contentFrame();
        await frame.locator('[data-testid=csql-score]').waitFor({ state: 'visible' });
        // On load the frame says its result: nothing entered, 0.0.
        await waitUntil(h.page, () => window.results.length >= 1);
        const first = await h.page.evaluate(() => window.results[0]);
        assert.equal(first.score, 0);
        assert.equal(first.verdict, 'below-threshold');
        assert.deepEqual(first.components.map((c) => c.key), ['engagement', 'fit', 'intent']);
        assert.ok(first.model_link.includes('#m=1.'), 'a model link');
        assert.deepEqual(first.gates_missing, [], 'below the threshold: no gate is the problem yet');

        // Set signals as if typed. Engagement: trend 10 (x2), seats 100, QBR yes, responsiveness 10:
        // (100x2 + 100 + 100 + 100) / 5 = 100. Fit: use case yes (x2), ICP yes, 5 integrations: 100.
        // Intent: beyond plan yes, usage 100, new stakeholder yes, budget cycle yes: 100.
        // Score 100 x (50 + 30 + 20) / 100 = 100; budget ticked, the other four gates missing.
        const values = {
          active_users_trend: '10', seats_active: '100', qbr_attended: 'yes', responsiveness: '10',
          use_case_match: 'yes', icp_segment: 'yes', integrations: '5',
          beyond_plan: 'yes', plan_usage: '100', new_stakeholder: 'yes', budget_cycle_open: 'yes',
          // A component key would type its score directly: a locked model keeps its scoring mode.
          engagement: '0',
        };
        const count = await h.page.evaluate(() => window.results.length);
        await h.page.evaluate((values) => window.post({ type: 'csql-calculator:set', values, gates: { budget: true } }), values);
        await waitUntil(h.page, (n) => window.results.length > n, count);
        const result = await h.page.evaluate(() => window.results.at(-1));
        assert.equal(result.score, 100);
        assert.equal(result.verdict, 'gates-missing');
        assert.deepEqual(result.gates_missing, ['product_fit', 'usage', 'stakeholder', 'timing']);
        assert.deepEqual(result.components.map((c) => c.points), [50, 30, 20]);
        await expectResult(frame, '100.0', 'gates-missing');
        // The weights stay as the link locked them.
        await expectValue(frame, '[data-testid=weight-engagement]', '50');
        // Issue 15: what was not used is said, with why. Engagement is scored
        // from its signals, which a locked page keeps.
        assert.deepEqual(result.ignored, [{
          key: 'engagement',
          reason: 'this component is scored from its signals and the page is locked: set its signals\' keys instead',
        }]);
        // A value that is not text no longer drops the whole message: the
        // rest is used, and the number is named.
        const sent = await h.page.evaluate(() => window.results.length);
        await h.page.evaluate(() => window.post({ type: 'csql-calculator:set', values: { seats_active: 85, responsiveness: '5' } }));
        await waitUntil(h.page, (n) => window.results.length > n, sent);
        const typed = await h.page.evaluate(() => window.results.at(-1));
        assert.deepEqual(typed.ignored, [{ key: 'seats_active', reason: 'values are text ("80") and gates are true or false' }]);
        await expectValue(frame, '#signal-engagement-responsiveness', '5');
        // Back to 10 for the checks below: (100x2 + 100 + 100 + 100) / 5 = 100 again.
        await h.page.evaluate(() => window.post({ type: 'csql-calculator:set', values: { responsiveness: '10' } }));
        await waitUntil(h.page, (n) => window.results.length > n, sent + 1);

        // Malformed, huge and unknown messages are ignored without a word.
        const before = await h.page.evaluate(() => window.results.length);
        await h.page.evaluate(() => {
          window.post('hello');
          window.post({ type: 'csql-calculator:set', values: 'nope' });
          window.post({ type: 'something-else', values: { seats_active: '0' } });
          const flood = {};
          for (let i = 0; i < 5000; i += 1) flood['k' + i] = '1';
          window.post({ type: 'csql-calculator:set', values: flood });
        });
        // One well-formed message after them is answered, and only it.
        await h.page.evaluate(() => window.post({ type: 'csql-calculator:set', values: {}, gates: { timing: true } }));
        await waitUntil(h.page, (n) => window.results.length > n, before);
        assert.equal(await h.page.evaluate(() => window.results.length), before + 1);
        assert.deepEqual(await h.page.evaluate(() => window.results.at(-1).gates_missing), ['product_fit', 'usage', 'stakeholder']);
        await assertHygiene(h.page, h.log, [server.origin, host.origin]);
      } finally {
        await h.context.close();
        await host.close();
      }
    }
    // A link that names another origin ignores this host's messages.
    const other = await startHost(hostPage(`${server.base}embed.html?lock=1&origin=https://wiki.example.com`));
    const o = await openPage(browser);
    try {
      await o.page.goto(other.url, { waitUntil: 'load' });
      const frame = await (await o.page.locator('#f').elementHandle()).contentFrame();
      await frame.locator('[data-testid=csql-score]').waitFor({ state: 'visible' });
      await waitUntil(o.page, () => window.results.length >= 1);
      await o.page.evaluate(() => window.post({ type: 'csql-calculator:set', values: { seats_active: '100' } }));
      // The frame answers nothing and changes nothing; the next result it posts is still the first.
      await o.page.waitForTimeout(300);
      assert.equal(await o.page.evaluate(() => window.results.length), 1);
      assert.equal(await frame.locator('#signal-engagement-seats_active').inputValue(), '');
      assert.ok(hostOrigin.startsWith('http://127.0.0.1:'));
    } finally {
      await o.context.close();
      await other.close();
    }
  });

  test(
    'the tabs are addresses: Back, Forward and reload keep the view; a middle click opens a new tab',
    withPage(getEnv, async ({ page, context, server }) => {
      await gotoApp(page, server.base);
      await page.getByRole('link', { name: 'Score a book of accounts' }).click();
      await page.locator('[data-testid=load-sample]').waitFor({ state: 'visible' });
      assert.match(page.url(), /\?view=book$/);
      await page.getByRole('link', { name: 'Programme' }).click();
      await waitUntil(page, () => location.search === '?view=programme');
      await page.goBack();
      await waitUntil(page, () => location.search === '?view=book' && !document.querySelector('[data-view=book]').hidden);
      await page.goForward();
      await waitUntil(page, () => !document.querySelector('[data-view=programme]').hidden);
      await page.reload();
      await waitUntil(page, () => document.querySelector('[data-view=programme]') && !document.querySelector('[data-view=programme]').hidden);
      // A middle click leaves the page as it is and opens the view in a new tab.
      const opened = context.waitForEvent('page');
      await page.getByRole('link', { name: 'Score a book of accounts' }).click({ button: 'middle' });
      const tab = await opened;
      await tab.waitForLoadState('load');
      assert.match(tab.url(), /\?view=book$/);
      assert.match(page.url(), /\?view=programme$/);
      await tab.close();
    }),
  );

  test(
    'the targets have one home: after undo the Programme view shows the targets in force, and its next edit keeps them',
    withPage(getEnv, async ({ page, server }) => {
      await page.goto(`${server.base}?view=programme&csms=3&submitted=20&accepted=15&won=6`, { waitUntil: 'load' });
      const box = page.locator('[data-testid=bench-smb-volume-great]');
      await box.fill('6');
      await expectValue(page, '[data-testid=bench-smb-volume-great]', '6');
      // Back to the calculator: reset the model (targets go back to the reference table), then undo.
      await page.getByRole('link', { name: 'Score an account' }).click();
      await page.getByRole('button', { name: 'Reset to default' }).click();
      await page.getByRole('link', { name: 'Programme' }).click();
      await expectValue(page, '[data-testid=bench-smb-volume-great]', '4');
      await page.getByRole('link', { name: 'Score an account' }).click();
      await page.getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('link', { name: 'Programme' }).click();
      await expectValue(page, '[data-testid=bench-smb-volume-great]', '6');
      // The next edit starts from the targets in force, not a stale copy: world class 9 keeps great at 6.
      await page.locator('[data-testid=bench-smb-volume-world-class]').fill('9');
      await page.reload();
      await expectValue(page, '[data-testid=bench-smb-volume-great]', '6');
      await expectValue(page, '[data-testid=bench-smb-volume-world-class]', '9');
    }),
  );

  test(
    'storage: a refused write keeps the saved model, and unreadable saved text is kept before anything is saved',
    withPage(getEnv, async ({ page, server }) => {
      const KEY = 'csql-calculator/model/v1';
      const BACKUP = 'csql-calculator/model/unreadable';
      await gotoApp(page, server.base);
      await page.locator('[data-testid=threshold]').fill('65');
      await waitUntil((page), (k) => (localStorage.getItem(k) ?? '').includes('"threshold": "65"'), KEY);
      // Storage full: the next write throws.
      await page.evaluate(() => {
        Storage.prototype.setItem = function () {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      });
      await page.locator('[data-testid=threshold]').fill('50');
      await page.locator('[data-testid=notice]', { hasText: 'refused to save' }).waitFor();
      assert.match(await page.evaluate((k) => localStorage.getItem(k), KEY), /"threshold": "65"/, 'the saved model is as it was');
      // A reload (storage works again) opens the model saved before.
      await page.reload();
      await page.locator('[data-testid=csql-score]').waitFor();
      await expectValue(page, '[data-testid=threshold]', '65');

      // Unreadable saved text: kept under the backup key, offered, and the first change saves over the model key only.
      await page.evaluate((k) => localStorage.setItem(k, '{"version":1,"model":'), KEY);
      await page.reload();
      await page.locator('[data-testid=notice]', { hasText: 'could not be read' }).waitFor();
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), BACKUP), '{"version":1,"model":');
      await page.locator('[data-testid=threshold]').fill('60');
      await waitUntil(page, (k) => (localStorage.getItem(k) ?? '').includes('"threshold": "60"'), KEY);
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), BACKUP), '{"version":1,"model":', 'the backup stays');
      // Still offered after a reload, until dismissed.
      await page.reload();
      const offer = page.locator('[data-testid=notice]', { hasText: 'could not read is kept' });
      await offer.waitFor();
      await offer.getByRole('button', { name: 'Dismiss this notice' }).click();
      await waitUntil(page, (k) => localStorage.getItem(k) === null, BACKUP);
    }),
  );

  /** A wiki page on another origin with a tall section before and after the frame. */
  function wikiPage(src, { grow, height }) {
    const filler = '<p>' + 'Qualification criteria agreed between CS and Sales. '.repeat(40) + '</p>';
    const script = grow
      ? `<script>addEventListener('message', (event) => {
           const frame = document.getElementById('f');
           if (frame && event.source === frame.contentWindow && event.data && event.data.type === 'csql-calculator:height') frame.style.height = event.data.height + 'px';
         });</script>`
      : '';
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wiki</title><link rel="icon" href="data:,"></head>
<body style="margin:0 auto;max-width:860px">${filler}
<iframe id="f" title="CSQL calculator" sandbox="allow-scripts" src="${src.replaceAll('&', '&amp;')}" width="100%" height="${height}" style="border:0;display:block"></iframe>
${filler}${script}</body></html>`;
  }

  /** The score bar's box in the host's viewport, and the host's viewport height. */
  async function scoreBarOnScreen(hostPage, frame) {
    const bar = await frame.evaluate(() => {
      const el = document.querySelector('[data-testid=score-bar]');
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, shown: getComputedStyle(el).display !== 'none' && r.height > 0, text: el.textContent };
    });
    const frameBox = await hostPage.evaluate(() => {
      const r = document.getElementById('f').getBoundingClientRect();
      return { top: r.top, height: r.height, viewport: innerHeight };
    });
    return { ...bar, hostTop: frameBox.top + bar.top, hostBottom: frameBox.top + bar.bottom, viewport: frameBox.viewport, frameHeight: frameBox.height };
  }

  test('in a frame its host grows to full height, scrolled to the last inputs, the score bar is in the part on screen', async () => {
    const { browser, server } = getEnv();
    const host = await startHost(wikiPage(`${server.base}embed.html?lock=1`, { grow: true, height: 900 }));
    const h = await openPage(browser, { viewport: { width: 860, height: 800 } });
    try {
      await h.page.goto(host.url, { waitUntil: 'load' });
      const frame = await (await h.page.locator('#f').elementHandle()).contentFrame();
      await frame.locator('[data-testid=csql-score]').waitFor({ state: 'visible' });
      // The host grew the frame to the page's height.
      await waitUntil(h.page, () => document.getElementById('f').getBoundingClientRect().height > 1500);
      // Scroll the wiki page so the frame's last inputs are on screen, then type Intent's plan usage.
      const inFrame = await frame.evaluate(() => [...document.querySelectorAll('input')].at(-1).getBoundingClientRect().bottom);
      await h.page.evaluate((y) => {
        const frameTop = document.getElementById('f').getBoundingClientRect().top + scrollY;
        scrollTo(0, frameTop + y - innerHeight + 40);
      }, inFrame);
      const last = frame.locator('[data-testid=signal-intent-plan_usage]');
      await last.fill('80');
      // Plan usage 80 of Intent's four shares, weight 30: 80 x 1/4 x 0.3 = 6.0.
      await waitUntil(frame, () => document.querySelector('[data-testid=score-bar] strong')?.textContent === '6.0');
      await waitUntil(frame, () => document.documentElement.dataset.frame === 'clipped');
      const bar = await scoreBarOnScreen(h.page, frame);
      assert.ok(bar.shown, 'the score bar is shown');
      assert.ok(bar.hostTop >= 0 && bar.hostBottom <= bar.viewport + 1, `the score bar is on screen: ${JSON.stringify(bar)}`);
      assert.match(bar.text, /^6\.0 · Below the threshold/);
      await h.page.screenshot({ path: `${OUT_DIR}embed-grown-860.png` });
      await assertHygiene(h.page, h.log, [server.origin, host.origin]);
    } finally {
      await h.context.close();
      await host.close();
    }
  });

  test('in a fixed 600 px frame with no host script, the page scrolls inside and the score bar stays in view', async () => {
    const { browser, server } = getEnv();
    const host = await startHost(wikiPage(`${server.base}embed.html?lock=1`, { grow: false, height: 600 }));
    const h = await openPage(browser, { viewport: { width: 860, height: 800 } });
    try {
      await h.page.goto(host.url, { waitUntil: 'load' });
      await h.page.locator('#f').scrollIntoViewIfNeeded();
      const frame = await (await h.page.locator('#f').elementHandle()).contentFrame();
      await frame.locator('[data-testid=csql-score]').waitFor({ state: 'visible' });
      const last = frame.locator('[data-testid=signal-intent-plan_usage]');
      await frame.evaluate(() => [...document.querySelectorAll('input')].at(-1).scrollIntoView());
      await last.fill('80');
      await waitUntil(frame, () => document.querySelector('[data-testid=score-bar] strong')?.textContent === '6.0');
      const bar = await scoreBarOnScreen(h.page, frame);
      assert.equal(bar.frameHeight, 600);
      assert.ok(bar.shown, 'the score bar is shown');
      // Inside the frame's 600 px: at its bottom, in view.
      const inside = await frame.evaluate(() => {
        const r = document.querySelector('[data-testid=score-bar]').getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, height: innerHeight, frame: document.documentElement.dataset.frame ?? '' };
      });
      assert.ok(inside.top >= 0 && inside.bottom <= inside.height + 1, `in the frame's view: ${JSON.stringify(inside)}`);
      assert.equal(inside.frame, '', 'a frame of fixed height is not a grown one');
      await h.page.screenshot({ path: `${OUT_DIR}embed-fixed-600.png` });
      await assertHygiene(h.page, h.log, [server.origin, host.origin]);
    } finally {
      await h.context.close();
      await host.close();
    }
  });
});
