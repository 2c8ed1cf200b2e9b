// Start-up benchmark: from navigation to a visible score, for embed.html (the
// lean calculator a wiki page embeds) and index.html (the full app), at normal
// speed and with the CPU slowed 4x (Chrome DevTools Protocol
// Emulation.setCPUThrottlingRate). A harness, not a test: it never fails on a
// figure. Serves dist/ (the shipped build) the way tests/e2e/server.mjs does.
//
// How a run is measured: a fresh browser context (empty cache), then
// page.goto; in the page, the time from navigationStart (performance.timeOrigin)
// to the first animation frame after [data-testid=csql-score] is in the DOM
// and visible (a MutationObserver installed before the page's scripts), plus
// whether the loading placeholder (#boot) was on screen before that.
// Median of BENCH_STARTUP_REPS runs (default 5) per page and speed.
//
// Writes bench/out/startup.json and prints a Markdown table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

import { launchBrowser } from '../tests/e2e/browser.mjs';
import { start } from '../tests/e2e/server.mjs';

const REPS = Number(process.env.BENCH_STARTUP_REPS ?? 5);
const PAGES = [
  ['embed.html', 'embed.html?lock=1&weights=50,30,20&engagement=80&fit=60&intent=40'],
  ['index.html', '?weights=50,30,20&engagement=80&fit=60&intent=40'],
];
const RATES = [1, 4];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x);

// Runs before the page's scripts: notes when the placeholder and the score show.
const WATCH = () => {
  window.__startup = { placeholder: null, score: null };
  const look = () => {
    const t = window.__startup;
    if (t.placeholder == null && document.getElementById('boot')) t.placeholder = performance.now();
    const score = document.querySelector('[data-testid=csql-score]');
    if (t.score == null && score && score.textContent.trim()) {
      requestAnimationFrame(() => {
        if (t.score == null) t.score = performance.now();
      });
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
};

async function run(browser, url, rate) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, serviceWorkers: 'block' });
  try {
    await context.addInitScript(WATCH);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__startup?.score != null, null, { timeout: 60_000, polling: 50 });
    return await page.evaluate(() => window.__startup);
  } finally {
    await context.close();
  }
}

async function main() {
  const server = await start();
  const browser = await launchBrowser();
  const load = { before: loadavg()[0] };
  const results = [];
  try {
    for (const [name, path] of PAGES) {
      for (const rate of RATES) {
        const runs = [];
        for (let i = 0; i < REPS; i++) runs.push(await run(browser, server.base + path, rate));
        results.push({
          page: name,
          cpuSlowdown: rate,
          medianScoreMs: median(runs.map((r) => r.score)),
          medianPlaceholderMs: median(runs.map((r) => r.placeholder ?? r.score)),
          runs: runs.map((r) => ({ scoreMs: round(r.score), placeholderMs: r.placeholder == null ? null : round(r.placeholder) })),
        });
        console.error(`${name} at ${rate}x: ${round(results.at(-1).medianScoreMs)} ms`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  load.after = loadavg()[0];
  const report = {
    measured: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, load },
    chromium: browser.version(),
    method: 'navigationStart -> first animation frame after csql-score shows text; fresh context (empty cache), dist/ from 127.0.0.1; CPU slowed with CDP Emulation.setCPUThrottlingRate',
    results,
  };
  mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./out/startup.json', import.meta.url), JSON.stringify(report, null, 2) + '\n');
  console.log(`Start-up measured ${report.measured.slice(0, 10)}, load ${load.before.toFixed(2)} before / ${load.after.toFixed(2)} after, Chromium ${report.chromium}.`);
  console.log('');
  console.log('| Page | CPU | Placeholder shown | Score visible (median) | Runs |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const r of results) {
    console.log(`| ${r.page} | ${r.cpuSlowdown}x | ${round(r.medianPlaceholderMs)} ms | ${round(r.medianScoreMs)} ms | ${r.runs.map((x) => x.scoreMs).join(', ')} ms |`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
