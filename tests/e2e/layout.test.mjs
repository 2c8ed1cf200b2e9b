// Every view at every width from a phone to a wide screen, with special care
// for 880-1100 px (a wiki page's content column): no sideways scroll, no text
// cut off by its box or spilling out of its card, no word split across lines,
// every control reachable and focusable. Screenshots of every view and width are saved under
// tests/e2e/out/screens/ (git-ignored) for people to look at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe, test } from 'node:test';

import { OUT_DIR, assertHygiene, openPage, useServerAndBrowser, waitUntil } from './helpers.mjs';
import { VIEWS } from './views.mjs';

export const WIDTHS = [320, 375, 768, 900, 1000, 1280, 1920];
/** Widths checked again in the dark theme. */
export const DARK_WIDTHS = [320, 900, 1920];

const SCREENS = `${OUT_DIR}screens/`;

/** Runs in the page: every layout problem found, as short strings. */
function layoutProblems() {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && el.getClientRects().length)
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth} (${wide.join(', ')})`);
  }
  const visible = (el) => {
    const s = getComputedStyle(el);
    return el.getClientRects().length > 0 && s.visibility !== 'hidden' && !el.closest('[hidden], .visually-hidden');
  };
  const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')} "${(el.textContent || el.value || '').trim().slice(0, 40)}"`;
  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el) || ['svg', 'path', 'rect', 'line', 'g', 'text', 'title', 'circle', 'polyline'].includes(el.tagName.toLowerCase())) continue;
    const s = getComputedStyle(el);
    const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const clipsX = ['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis' || s.whiteSpace === 'nowrap';
    // A scroll box (overflow auto) is a deliberate inner scroller, not a clip.
    if (hasText && clipsX && el.scrollWidth > el.clientWidth + 1) problems.push(`clipped text: ${describe(el)}`);
    if (hasText && el.scrollWidth > el.clientWidth + 1 && s.overflowX === 'visible' && el.clientWidth > 0 && el.tagName !== 'TD' && el.tagName !== 'TH') {
      // Text wider than its own box spills out.
      problems.push(`text wider than its box: ${describe(el)} (${el.scrollWidth} > ${el.clientWidth})`);
    }
    const card = el.parentElement?.closest('.card');
    if (card && hasText && !el.closest('.book-scroll, .programme-scroll, .scroll-x')) {
      const r = el.getBoundingClientRect();
      const c = card.getBoundingClientRect();
      if (r.width > 0 && (r.left < c.left - 1 || r.right > c.right + 1)) problems.push(`text outside its card: ${describe(el)}`);
    }
  }
  const controls = document.querySelectorAll('input, button, select, textarea, a[href], summary, [tabindex="0"]');
  for (const el of controls) {
    if (!visible(el) || el.disabled || el.type === 'hidden') continue;
    // A visually hidden file input is reached through its label.
    const target = el.matches('input[type=file]') ? document.querySelector(`label[for="${el.id}"]`) ?? el : el;
    const r = target.getBoundingClientRect();
    // Inside a scroll box (the book's table) a control is reached by scrolling the box,
    // which is itself focusable and keyboard-scrollable.
    const scroller = target.parentElement?.closest('.book-scroll, .programme-scroll, .scroll-x');
    if (scroller) {
      const box = scroller.getBoundingClientRect();
      if (box.right > root.clientWidth + 1 || scroller.tabIndex < 0) problems.push(`scroll box off screen or not focusable: ${describe(scroller)}`);
    } else if (r.right > root.clientWidth + 1 || r.left < -1) problems.push(`control off screen: ${describe(el)}`);
    if (r.width < 1 || r.height < 1) problems.push(`control with no size: ${describe(el)}`);
    if (el.tabIndex < 0) problems.push(`control not focusable: ${describe(el)}`);
  }
  // No word broken across two lines: a word (letters, at least four) whose
  // range has boxes on two lines was split mid-word. Codes, ids and numbers
  // are not words, and text boxes and code are left out.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let broken = 0;
  for (let node = walker.nextNode(); node && broken < 5; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !visible(el) || el.closest('textarea, input, select, option, svg, .visually-hidden, code')) continue;
    for (const match of node.textContent.matchAll(/\p{L}{4,}/gu)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) {
        problems.push(`word broken across lines: "${match[0]}" in ${describe(el)}`);
        broken += 1;
        break;
      }
    }
  }
  // A sticky element must fit in the viewport, or part of it is unreachable.
  for (const el of document.querySelectorAll('body *')) {
    if (visible(el) && getComputedStyle(el).position === 'sticky' && el.getBoundingClientRect().height > innerHeight + 1) {
      problems.push(`sticky taller than the screen: ${describe(el)} (${Math.round(el.getBoundingClientRect().height)} > ${innerHeight})`);
    }
  }
  return problems;
}

describe('Every view at every width (release build)', () => {
  const getEnv = useServerAndBrowser();
  mkdirSync(SCREENS, { recursive: true });

  for (const view of VIEWS) {
    test(`${view.name}: no sideways scroll, no clipped text, every control reachable`, async () => {
      const { browser, server } = getEnv();
      const failures = [];
      // Every width in the light theme; the dark theme at the narrowest, a wiki column and the widest.
      const runs = [...WIDTHS.map((w) => [w, 'light']), ...DARK_WIDTHS.map((w) => [w, 'dark'])];
      for (const [width, colorScheme] of runs) {
        const { context, page, log } = await openPage(browser, { viewport: { width, height: 900 }, colorScheme });
        try {
          await view.open(page, server.base);
          // Let the layout settle (fonts, the sticky strip).
          await waitUntil(page, () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
          const problems = await page.evaluate(layoutProblems);
          const suffix = colorScheme === 'dark' ? '-dark' : '';
          await page.screenshot({ path: `${SCREENS}${view.name}-${width}${suffix}.png`, fullPage: true });
          for (const p of problems) failures.push(`${width} px ${colorScheme}: ${p}`);
          await assertHygiene(page, log, server.origin);
        } finally {
          await context.close();
        }
      }
      assert.deepEqual(failures, [], `${view.name} has layout problems`);
    });
  }
});
