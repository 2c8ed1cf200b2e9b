// Book benchmark: drives the RELEASE build in headless Chromium and measures
// what issue 4 ("Fast, measured") asks for. A harness, not a test: it reports
// each figure against its target (pass/miss) and never fails on a miss; it exits
// non-zero only when it cannot measure (no build, checksum differs, page broken).
//
//   bash bench/run.sh
//
// which builds dist/ (the shipped bundle; bench/size.mjs measures it), then the
// same release bundle with RUSTFLAGS=--cfg csql_bench into bench/out/dist/
// (adds the exports of src/web/bench.rs, which the shipped bundle leaves out),
// then runs this file against bench/out/dist/ (or $BENCH_DIST).
//
// Writes bench/out/book.json and prints a Markdown table. Options (env):
//   BENCH_SIZES=1000,10000,100000   rows for the weight-change runs
//   BENCH_IMPORT=10000,100000       rows for the import runs
//   BENCH_IMPORT_REPS=3             fresh pages per import size (median reported)
//   BENCH_CHANGES=30                weight changes per size
//   CHROMIUM=/usr/bin/chromium
//
// How each figure is taken (all clocks are performance.now() in the page unless said):
// 1. Import and score: from the file input's `change` event (a capture listener
//    on window, so before the app's handler) to the first animation frame +
//    setTimeout(0) after [data-testid=row-count] reads the row count and
//    [data-testid=csql-count] a number (seen by a MutationObserver, so at DOM
//    commit, not at the next poll). The CSV is the app's own sample book
//    (`bench_sample_csv`: the generator behind "Load the sample book"), made in
//    a separate page, written to bench/out/csv/ and handed to setInputFiles as a
//    path. Node's Date.now() around setInputFiles..waitForFunction is reported
//    too (`wallMs`: adds protocol round trips and the 100 ms polling).
// 2. Weight change to painted frame: set [data-testid=weight-engagement]'s value,
//    dispatch `input`, wait until [data-testid=csql-count] shows the count that
//    weight gives (learnt on two untimed warm-up changes; if both weights give
//    the same count, no wait), then requestAnimationFrame followed by
//    setTimeout(0): the frame holding the new result has been painted. Also
//    reported: when the new count reached the DOM (the work, without the wait
//    for the next frame).
//    Alternates two values so every change really rescores.
// 3. Memory: peak JS heap (CDP Performance.getMetrics JSHeapUsedSize polled from
//    Node every 50 ms, plus performance.memory.usedJSHeapSize sampled in the page
//    at each step) and the WebAssembly linear memory (memory.buffer.byteLength of
//    the instance Trunk's boot script passes in its TrunkApplicationStarted
//    event; linear memory only grows, so its last size is its peak). The JS heap
//    excludes wasm memory and ArrayBuffer backing stores. Polls cannot run while
//    the page's main thread is busy, so a heap peak inside one long task is missed.
// 4. Transfer size: gzip -9 of every file in dist/, the shipped bundle without
//    the bench exports (bench/out/size.json from bench/size.mjs; run here if stale).
// 5. wasm vs JS: `bench_score` (src/web/bench.rs, the loop of score_all) against
//    the same arithmetic in JavaScript on typed arrays, same seeded data, same
//    checksum required to the last bit; median over several calls.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { launchBrowser } from '../tests/e2e/browser.mjs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const list = (name, fallback) => (process.env[name] ?? fallback).split(',').filter(Boolean).map(Number);
const SIZES = list('BENCH_SIZES', '1000,10000,100000');
const IMPORT_SIZES = list('BENCH_IMPORT', '10000,100000');
const IMPORT_REPS = Number(process.env.BENCH_IMPORT_REPS ?? 3);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 30);
const SEED = 0x5eedc5c1n; // SAMPLE_SEED in src/model/book/sample.rs
const TIMEOUT = 180_000;
const WEIGHTS = ['40', '10']; // alternated on the engagement weight

const TARGETS = {
  change10k: { limit: 16, what: 'weight change to painted frame, median, 10,000 rows', unit: 'ms' },
  change100k: { limit: 50, what: 'weight change to painted frame, median, 100,000 rows', unit: 'ms' },
  import100k: { limit: 1500, what: '100,000 rows imported and scored', unit: 'ms' },
  fit100k: { limit: 1000, what: 'fit and cross-validation on 100,000 rows, click to suggestion painted', unit: 'ms' },
  longTask100k: { limit: 50, what: 'longest task while 100,000 rows are imported', unit: 'ms' },
  gzip: { limit: 350 * 1024, what: 'dist/ gzipped', unit: 'bytes' },
};

const OUT = new URL('./out/', import.meta.url);
/** The shipped bundle: what bench/size.mjs measures. */
const DIST = new URL('../dist/', import.meta.url);
/** The same bundle built with `--cfg csql_bench` (bench/run.sh), which adds the bench exports. */
const BENCH_DIST = process.env.BENCH_DIST ? new URL(`file://${resolve(process.env.BENCH_DIST)}/`) : new URL('./out/dist/', import.meta.url);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function percentile(xs, p) {
  // Nearest-rank percentile.
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const round = (x, d = 1) => (x == null || Number.isNaN(x) ? x : Math.round(x * 10 ** d) / 10 ** d);
const mb = (b) => round(b / 1048576, 1);

// ---------------------------------------------------------------- server

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

/**
 * Serves `dir` under /wiki/csql/ on 127.0.0.1, as tests/e2e/server.mjs serves
 * dist/ (that one is fixed to dist/; the bench serves the bench build).
 */
async function serve(dir) {
  const root = resolve(fileURLToPath(dir));
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    let rel = pathname.startsWith('/wiki/csql/') ? decodeURIComponent(pathname.slice('/wiki/csql/'.length)) : null;
    if (rel === '') rel = 'index.html';
    const file = rel == null ? null : resolve(join(root, rel));
    try {
      if (!file || !file.startsWith(root + sep)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    base: origin + '/wiki/csql/',
    close: () => new Promise((ok) => (server.closeAllConnections?.(), server.close(() => ok()))),
  };
}

// ---------------------------------------------------------------- browser

function launch() {
  return launchBrowser([
    // Un-bucketed performance.memory figures.
    '--enable-precise-memory-info',
    // A headless page is never hidden, but make sure timers and frames are never throttled.
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows',
  ]);
}

// Runs before the page's scripts: keeps the wasm instance's exports (for its
// memory) and samples memory whenever asked.
const INIT = () => {
  window.__bench = { wasm: null, peakHeap: 0, peakWasm: 0, longTasks: [] };
  // Tasks of over 50 ms: the page did not answer input for that long.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long task timing in this browser: reported as none measured.
  }
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__bench.wasm = e.detail?.wasm ?? null;
  });
  window.__benchSample = () => {
    const b = window.__bench;
    const heap = performance.memory?.usedJSHeapSize ?? 0;
    const wasm = b.wasm?.memory?.buffer?.byteLength ?? 0;
    b.peakHeap = Math.max(b.peakHeap, heap);
    b.peakWasm = Math.max(b.peakWasm, wasm);
    return { heap, wasm };
  };
  setInterval(window.__benchSample, 50);
};

async function newPage(browser, log) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  context.setDefaultTimeout(TIMEOUT);
  await context.addInitScript(INIT);
  const page = await context.newPage();
  page.on('pageerror', (err) => log.push(`page error: ${err}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.push(`console error: ${msg.text()}`);
  });
  return { context, page };
}

async function openBook(page, base) {
  const res = await page.goto(base + '?view=book', { waitUntil: 'load' });
  assert.equal(res?.status(), 200, 'GET ?view=book');
  await page.waitForFunction(() => window.__bench?.wasm && window.wasmBindings, null, { timeout: TIMEOUT });
  await page.locator('[data-testid=csv-input]').waitFor({ state: 'attached', timeout: 20_000 });
}

/** Whether ?view=book has the hooks the harness drives (the view may still be a stub). */
async function bookViewReady(browser, base, log) {
  const { context, page } = await newPage(browser, log);
  try {
    await openBook(page, base);
    return true;
  } catch (err) {
    log.push(`the book view is not ready (no [data-testid=csv-input] on ?view=book): ${String(err).split('\n')[0]}`);
    return false;
  } finally {
    await context.close();
  }
}

/** Polls CDP Performance.getMetrics every `ms`, keeping the peak JSHeapUsedSize. */
async function heapPoller(page, ms = 50) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let peak = 0;
  let last = 0;
  let stopped = false;
  const sample = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    last = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    peak = Math.max(peak, last);
  };
  const loop = (async () => {
    while (!stopped) {
      try {
        await sample();
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, ms));
    }
  })();
  return {
    sample,
    get peak() {
      return peak;
    },
    get last() {
      return last;
    },
    async stop() {
      stopped = true;
      await loop;
      await cdp.detach().catch(() => {});
    },
  };
}

// ---------------------------------------------------------------- CSV

const csvCache = new Map();
/** The app's own sample book of `rows` accounts, made by the wasm core in a throwaway page. */
async function sampleCsv(browser, base, rows, log) {
  if (csvCache.has(rows)) return csvCache.get(rows);
  const { context, page } = await newPage(browser, log);
  try {
    await page.goto(base, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof window.wasmBindings?.bench_sample_csv === 'function', null, { timeout: TIMEOUT });
    const text = await page.evaluate(
      ([n, seed]) => new TextDecoder().decode(window.wasmBindings.bench_sample_csv(n, BigInt(seed))),
      [rows, String(SEED)],
    );
    // setInputFiles is given a path: a local browser reads the file itself, so no
    // copy of it travels through the protocol or lands in the page's JS heap.
    const dir = new URL('./csv/', OUT);
    mkdirSync(dir, { recursive: true });
    const path = new URL(`book-${rows}.csv`, dir).pathname;
    writeFileSync(path, text);
    const csv = { path, bytes: Buffer.byteLength(text) };
    csvCache.set(rows, csv);
    return csv;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- 1. import

/** Installs the in-page clocks for one import of `rows` rows; resolves via window.__importDone. */
const ARM_IMPORT = (rows) => {
  const t = { change: null, dom: null, painted: null };
  window.__import = t;
  const onChange = (e) => {
    if (t.change == null && e.target?.matches?.('[data-testid=csv-input]')) t.change = performance.now();
  };
  addEventListener('change', onChange, true);
  addEventListener('input', onChange, true);
  // The import report's row count and the summary's CSQL count: imported and scored.
  const shows = () => {
    const el = document.querySelector('[data-testid=row-count]');
    const csql = document.querySelector('[data-testid=csql-count]');
    return el && Number(el.textContent.replace(/[^0-9]/g, '')) === rows && /[0-9]/.test(csql?.textContent ?? '');
  };
  window.__importDone = new Promise((resolve) => {
    const done = () => {
      t.dom = performance.now();
      observer.disconnect();
      requestAnimationFrame(() =>
        setTimeout(() => {
          t.painted = performance.now();
          resolve(t);
        }, 0),
      );
    };
    const observer = new MutationObserver(() => {
      if (t.dom == null && shows()) done();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
};

async function importBook(page, csv, rows) {
  await page.evaluate(ARM_IMPORT, rows);
  const wall0 = Date.now();
  await page.locator('[data-testid=csv-input]').setInputFiles(csv.path);
  await page.waitForFunction(
    (n) => Number((document.querySelector('[data-testid=row-count]')?.textContent ?? '').replace(/[^0-9]/g, '')) === n,
    rows,
    { timeout: TIMEOUT, polling: 100 },
  );
  const wallMs = Date.now() - wall0;
  const t = await page.evaluate(() => window.__importDone);
  const long = await page.evaluate(
    ([from, to]) => window.__bench.longTasks.filter((e) => e.start >= from - 1 && e.start <= to).map((e) => e.ms),
    [t.change, t.painted],
  );
  return { ms: t.painted - t.change, domMs: t.dom - t.change, wallMs, longTasks: long.length, longestTaskMs: long.length ? Math.max(...long) : 0 };
}

/** Fits weights to the book's outcomes: from the click to the suggestion painted, and the long tasks meanwhile. */
async function fitWeights(page) {
  await page.locator('[data-testid=fit-weights]').waitFor({ state: 'visible' });
  const r = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-testid=apply-fitted], [data-testid=fit-refused]')) {
            observer.disconnect();
            requestAnimationFrame(() =>
              setTimeout(() => {
                const end = performance.now();
                const long = window.__bench.longTasks.filter((e) => e.start >= start - 1 && e.start <= end).map((e) => e.ms);
                resolve({ ms: end - start, refused: !!document.querySelector('[data-testid=fit-refused]'), long });
              }, 0),
            );
          }
        });
        observer.observe(document.body, { subtree: true, childList: true });
        setTimeout(() => reject(new Error('the fit did not finish in 60 s')), 60_000);
        document.querySelector('[data-testid=fit-weights]').click();
      }),
  );
  return { ms: r.ms, refused: r.refused, longTasks: r.long.length, longestTaskMs: r.long.length ? Math.max(...r.long) : 0 };
}

// ---------------------------------------------------------------- 2. weight changes

/**
 * In the page: sets the engagement weight and resolves with the time to the
 * painted frame. With an expected count, first waits until the count reaches
 * the DOM (a MutationObserver callback, a microtask right after the mutation,
 * so whether the app renders at once, in a microtask or a few frames later),
 * then one requestAnimationFrame (the frame that holds the change) and a
 * setTimeout(0) (runs once that frame is painted).
 */
const CHANGE = async ([value, expected]) => {
  const input = document.querySelector('[data-testid=weight-engagement]');
  const count = () => document.querySelector('[data-testid=csql-count]')?.textContent ?? null;
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  let observer;
  let dom = null;
  const updated =
    expected == null
      ? Promise.resolve()
      : new Promise((resolve, reject) => {
          observer = new MutationObserver(() => {
            if (dom == null && count() === expected) {
              dom = performance.now();
              resolve();
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          setTimeout(() => reject(new Error(`csql-count stayed ${count()} (expected ${expected})`)), 10_000);
        });
  const t0 = performance.now();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  try {
    await updated;
  } finally {
    observer?.disconnect();
  }
  await frame();
  await new Promise((r) => setTimeout(r, 0));
  const end = performance.now();
  return { ms: end - t0, domMs: (dom ?? end) - t0, count: count() };
};

async function weightChanges(page) {
  await page.locator('[data-testid=weight-engagement]').waitFor({ state: 'attached' });
  const original = await page.locator('[data-testid=weight-engagement]').inputValue();
  // Two untimed warm-up changes learn the count each weight gives.
  const counts = [];
  for (const w of WEIGHTS) {
    await page.evaluate(CHANGE, [w, null]);
    await page.waitForTimeout(300);
    counts.push(await page.evaluate(() => document.querySelector('[data-testid=csql-count]')?.textContent ?? null));
  }
  const distinct = counts[0] != null && counts[0] !== counts[1];
  const times = [];
  const domTimes = [];
  for (let i = 0; i < CHANGES; i++) {
    const k = i % 2;
    const r = await page.evaluate(CHANGE, [WEIGHTS[k], distinct ? counts[k] : null]);
    if (distinct) assert.equal(r.count, counts[k], 'csql-count after a weight change');
    times.push(r.ms);
    domTimes.push(r.domMs);
  }
  return {
    original,
    weights: WEIGHTS,
    csqlCounts: counts,
    waitedForCount: distinct,
    changes: times.length,
    medianMs: median(times),
    p95Ms: percentile(times, 95),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    medianDomMs: median(domTimes),
    p95DomMs: percentile(domTimes, 95),
    timesMs: times.map((x) => round(x, 2)),
    domTimesMs: domTimes.map((x) => round(x, 2)),
  };
}

// ---------------------------------------------------------------- 5. wasm vs JS

/** In the page: seeded data, both loops, checksums and timings. */
const WASM_VS_JS = ([rows, rounds, samples]) => {
  const width = 3;
  // mulberry32: a small seeded PRNG; values are whole and half points 0-100 like real component scores.
  let a = 0x5eedc5c1;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const components = new Float64Array(rows * width);
  for (let i = 0; i < components.length; i++) components[i] = Math.round(rand() * 200) / 2 + (i % 7 === 0 ? 1 / 3 : 0);
  const blocked = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) blocked[i] = rand() < 0.1 ? 1 : 0;
  const weights = new Float64Array([40, 35, 25]);
  const threshold = 60;
  const EPSILON = 1e-9;

  // The loop of score_all (src/model/book/score.rs), step for step.
  const jsScore = (components, blocked, weights, threshold, rounds) => {
    const width = weights.length;
    let total = 0;
    for (let k = 0; k < width; k++) total += weights[k];
    const fractions = new Float64Array(width);
    for (let k = 0; k < width; k++) fractions[k] = weights[k] / total;
    const n = blocked.length;
    let checksum = 0;
    for (let r = 0; r < rounds; r++) {
      const scores = new Float64Array(n);
      const csql = new Uint8Array(n);
      for (let i = 0, base = 0; i < n; i++, base += width) {
        let s = 0;
        for (let k = 0; k < width; k++) s += components[base + k] * fractions[k];
        scores[i] = s;
        csql[i] = s + EPSILON >= threshold && blocked[i] === 0 ? 1 : 0;
      }
      let sum = 0;
      let count = 0;
      for (let i = 0; i < n; i++) {
        sum += scores[i];
        count += csql[i];
      }
      checksum += sum + count;
    }
    return checksum;
  };
  const wasmScore = window.wasmBindings.bench_score;

  const time = (f) => {
    const t0 = performance.now();
    const v = f();
    return [performance.now() - t0, v];
  };
  // Warm up both (JIT tiers, wasm tier-up).
  for (let i = 0; i < 3; i++) {
    jsScore(components, blocked, weights, threshold, rounds);
    wasmScore(components, blocked, weights, threshold, rounds);
  }
  const js = [];
  const wasm = [];
  const copy = [];
  let jsSum;
  let wasmSum;
  for (let i = 0; i < samples; i++) {
    // Interleaved, so load on the machine hits both alike.
    let t;
    [t, jsSum] = time(() => jsScore(components, blocked, weights, threshold, rounds));
    js.push(t / rounds);
    [t, wasmSum] = time(() => wasmScore(components, blocked, weights, threshold, rounds));
    wasm.push(t / rounds);
    // rounds = 0: only the copy of the arrays into wasm memory.
    [t] = time(() => wasmScore(components, blocked, weights, threshold, 0));
    copy.push(t);
  }
  return { rows, width, rounds, samples, js, wasm, copy, jsSum, wasmSum };
};

// ---------------------------------------------------------------- main

function chromiumVersion(browser) {
  return browser.version();
}

function sizeReport() {
  const file = new URL('./size.json', OUT);
  if (!existsSync(new URL('index.html', DIST))) return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  const distTime = Math.max(
    ...['index.html', ...readFileSync(new URL('index.html', DIST), 'utf8').match(/[\w.-]+\.(?:js|wasm|css)/g)].map((f) =>
      existsSync(new URL(f, DIST)) ? statSync(new URL(f, DIST)).mtimeMs : 0,
    ),
  );
  if (!existsSync(file) || statSync(file).mtimeMs < distTime) {
    // Same logic as `node bench/size.mjs`, which writes bench/out/size.json.
    execFileSync(process.execPath, [new URL('./size.mjs', import.meta.url).pathname], { stdio: 'inherit' });
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

function verdict(value, target) {
  if (value == null || Number.isNaN(value)) return 'not measured';
  return value <= target.limit ? 'pass' : 'miss';
}

async function main() {
  const indexPath = new URL('index.html', BENCH_DIST);
  const glue = existsSync(indexPath) ? readFileSync(indexPath, 'utf8').match(/csql-calculator-[0-9a-f]+\.js/)?.[0] : null;
  if (!glue || !readFileSync(new URL(glue, BENCH_DIST), 'utf8').includes('export function bench_score')) {
    console.error(
      `${fileURLToPath(BENCH_DIST)} holds no build with the bench exports. Make one with\n` +
        '  RUSTFLAGS="--cfg csql_bench" CARGO_TARGET_DIR=target/bench trunk build --release --dist bench/out/dist\n' +
        'or run bash bench/run.sh (which also builds dist/ and measures its size).',
    );
    process.exit(1);
  }
  mkdirSync(OUT, { recursive: true });
  const size = sizeReport();
  const load = { before: loadavg().map((x) => round(x, 2)) };
  const server = await serve(BENCH_DIST);
  const browser = await launch();
  const log = [];
  const result = {
    measured: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, load },
    chromium: chromiumVersion(browser),
    build: {
      glue,
      served: fileURLToPath(BENCH_DIST),
      bundle: 'trunk build --release with RUSTFLAGS=--cfg csql_bench: the shipped bundle plus the bench exports',
    },
    method: {
      import: 'performance.now() in the page: file input change event (capture) -> row-count shows the count and csql-count a number (MutationObserver) -> rAF + setTimeout(0); wallMs = Node Date.now() around setInputFiles..waitForFunction',
      change: 'performance.now() in the page: set weight-engagement + input event -> csql-count shows the expected count -> rAF + setTimeout(0); domMs = until a MutationObserver sees the new count',
      heap: 'peak of CDP Performance.getMetrics JSHeapUsedSize polled every 50 ms from Node and performance.memory.usedJSHeapSize sampled every 50 ms in the page',
      wasmMemory: 'WebAssembly.Memory buffer.byteLength of the instance from the TrunkApplicationStarted event (only grows, so last = peak)',
      gzip: 'gzip -9 of every file in dist/ (bench/size.mjs)',
      longTasks: 'PerformanceObserver longtask entries (tasks over 50 ms) that start between the file input change and the painted count, or during the fit',
      fit: 'click on fit-weights -> apply-fitted (or the refusal) in the DOM (MutationObserver) -> rAF + setTimeout(0); the fit and its 5-fold cross-validation run a few Newton steps per frame',
      wasmVsJs: 'bench_score (src/web/bench.rs) vs the same loop in JS over typed arrays, per round, median; copy = one call with rounds = 0 (arrays copied into wasm memory)',
    },
    import: [],
    change: [],
    fit: [],
    memory: [],
    size: size && { measured: size.measured, of: 'dist/ (the shipped build)', totalRaw: size.total.raw, totalGzip: size.total.gzip, files: size.files },
    wasmVsJs: null,
    targets: {},
    problems: log,
  };

  try {
    const ready = await bookViewReady(browser, server.base, log);
    // 1. Import and score, each on a fresh page.
    for (const rows of ready ? IMPORT_SIZES : []) {
      const csv = await sampleCsv(browser, server.base, rows, log);
      const runs = [];
      for (let rep = 0; rep < IMPORT_REPS; rep++) {
        const { context, page } = await newPage(browser, log);
        try {
          await openBook(page, server.base);
          runs.push(await importBook(page, csv, rows));
        } finally {
          await context.close();
        }
        console.error(`import ${rows}: ${round(runs.at(-1).ms)} ms`);
      }
      result.import.push({
        rows,
        csvBytes: csv.bytes,
        medianMs: median(runs.map((r) => r.ms)),
        medianDomMs: median(runs.map((r) => r.domMs)),
        medianWallMs: median(runs.map((r) => r.wallMs)),
        runs: runs.map((r) => ({ ms: round(r.ms), domMs: round(r.domMs), wallMs: r.wallMs, longTasks: r.longTasks, longestTaskMs: round(r.longestTaskMs) })),
        maxLongestTaskMs: Math.max(...runs.map((r) => r.longestTaskMs)),
      });
    }

    // 2 and 3. Weight changes and memory, one fresh page per size.
    for (const rows of ready ? SIZES : []) {
      const csv = await sampleCsv(browser, server.base, rows, log);
      const { context, page } = await newPage(browser, log);
      try {
        await openBook(page, server.base);
        const heap = await heapPoller(page);
        const before = await page.evaluate(() => window.__benchSample());
        const imported = await importBook(page, csv, rows);
        const afterImport = await page.evaluate(() => window.__benchSample());
        const changes = await weightChanges(page);
        const fit = rows >= 10_000 ? await fitWeights(page) : null;
        if (fit) result.fit.push({ rows, ...fit });
        await heap.sample();
        const after = await page.evaluate(() => window.__benchSample());
        const peaks = await page.evaluate(() => ({ heap: window.__bench.peakHeap, wasm: window.__bench.peakWasm }));
        await heap.stop();
        result.change.push({ rows, importMs: round(imported.ms), ...changes });
        result.memory.push({
          rows,
          csvBytes: csv.bytes,
          peakJsHeapCdp: heap.peak,
          peakJsHeapPage: peaks.heap,
          jsHeapAtStart: before.heap,
          jsHeapAfterImport: afterImport.heap,
          jsHeapAtEnd: after.heap,
          wasmMemoryAtStart: before.wasm,
          wasmMemoryAfterImport: afterImport.wasm,
          wasmMemoryPeak: Math.max(peaks.wasm, after.wasm),
        });
        console.error(`changes ${rows}: median ${round(changes.medianMs)} ms, p95 ${round(changes.p95Ms)} ms`);
      } finally {
        await context.close();
      }
    }

    // 5. wasm vs JS on a fresh page (its wasm memory is otherwise untouched).
    {
      const { context, page } = await newPage(browser, log);
      try {
        await page.goto(server.base, { waitUntil: 'load' });
        await page.waitForFunction(() => typeof window.wasmBindings?.bench_score === 'function', null, { timeout: TIMEOUT });
        const r = await page.evaluate(WASM_VS_JS, [100_000, 10, 9]);
        assert.equal(r.wasmSum, r.jsSum, 'wasm and JS checksums differ');
        assert.ok(Number.isFinite(r.wasmSum), 'checksum is not a number');
        result.wasmVsJs = {
          rows: r.rows,
          components: r.width,
          roundsPerCall: r.rounds,
          calls: r.samples,
          checksum: r.wasmSum,
          checksumsEqual: r.wasmSum === r.jsSum,
          wasmMsPerRound: median(r.wasm),
          jsMsPerRound: median(r.js),
          wasmCopyMsPerCall: median(r.copy),
          wasmSamples: r.wasm.map((x) => round(x, 3)),
          jsSamples: r.js.map((x) => round(x, 3)),
        };
        console.error(`wasm ${round(median(r.wasm), 2)} ms/round, JS ${round(median(r.js), 2)} ms/round`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  load.after = loadavg().map((x) => round(x, 2));

  const at = (list, rows) => list.find((x) => x.rows === rows);
  const figures = {
    change10k: at(result.change, 10_000)?.medianMs,
    change100k: at(result.change, 100_000)?.medianMs,
    import100k: at(result.import, 100_000)?.medianMs,
    fit100k: at(result.fit, 100_000)?.ms,
    longTask100k: at(result.import, 100_000)?.maxLongestTaskMs,
    gzip: result.size?.totalGzip,
  };
  for (const [key, target] of Object.entries(TARGETS)) {
    result.targets[key] = { ...target, value: figures[key], result: verdict(figures[key], target) };
  }
  writeFileSync(new URL('./book.json', OUT), JSON.stringify(result, null, 2) + '\n');
  console.log(markdown(result));
  if (log.length) console.error('problems seen in the page:\n' + log.join('\n'));
}

function markdown(r) {
  const t = r.targets;
  const mark = (key) => (t[key] ? ` (target ≤ ${t[key].unit === 'bytes' ? t[key].limit / 1024 + ' KB' : t[key].limit + ' ms'}: **${t[key].result}**)` : '');
  const lines = [];
  lines.push(
    `Measured ${r.measured.slice(0, 10)} on ${r.machine.cpus} cores (${r.machine.cpuModel}), load average ${r.machine.load.before[0]} before / ${r.machine.load.after[0]} after, headless Chromium ${r.chromium}, release build.`,
    '',
    '| Measure | Rows | Median | p95 / other |',
    '| --- | ---: | ---: | --- |',
  );
  for (const i of r.import) {
    lines.push(
      `| Import and score (file chosen → count painted) | ${i.rows.toLocaleString('en')} (${mb(i.csvBytes)} MB) | ${round(i.medianMs, 0)} ms | runs ${i.runs.map((x) => round(x.ms, 0)).join(', ')} ms; Node wall ${round(i.medianWallMs, 0)} ms${i.rows === 100_000 ? mark('import100k') : ''} |`,
      `| Longest task during the import | ${i.rows.toLocaleString('en')} | ${round(i.maxLongestTaskMs, 0)} ms | long tasks (over 50 ms) per run: ${i.runs.map((x) => x.longTasks).join(', ')}${i.rows === 100_000 ? mark('longTask100k') : ''} |`,
    );
  }
  for (const f of r.fit) {
    lines.push(
      `| Fit weights to outcomes (fit + 5-fold CV) | ${f.rows.toLocaleString('en')} | ${round(f.ms, 0)} ms | longest task ${round(f.longestTaskMs, 0)} ms (${f.longTasks} over 50 ms)${f.refused ? '; refused' : ''}${f.rows === 100_000 ? mark('fit100k') : ''} |`,
    );
  }
  for (const c of r.change) {
    const key = c.rows === 10_000 ? 'change10k' : c.rows === 100_000 ? 'change100k' : null;
    lines.push(
      `| Weight change → painted frame (${c.changes} changes) | ${c.rows.toLocaleString('en')} | ${round(c.medianMs, 1)} ms | p95 ${round(c.p95Ms, 1)} ms, max ${round(c.maxMs, 1)} ms; DOM updated after ${round(c.medianDomMs, 1)} ms (p95 ${round(c.p95DomMs, 1)})${key ? mark(key) : ''} |`,
    );
  }
  for (const m of r.memory) {
    lines.push(
      `| Peak JS heap / wasm linear memory | ${m.rows.toLocaleString('en')} | ${mb(Math.max(m.peakJsHeapCdp, m.peakJsHeapPage))} MB / ${mb(m.wasmMemoryPeak)} MB | JS heap at start ${mb(m.jsHeapAtStart)} MB; wasm at start ${mb(m.wasmMemoryAtStart)} MB |`,
    );
  }
  const w = r.wasmVsJs;
  if (w) {
    lines.push(
      `| Scoring loop, wasm vs plain JS (${w.components} components, per round) | ${w.rows.toLocaleString('en')} | wasm ${round(w.wasmMsPerRound, 2)} ms / JS ${round(w.jsMsPerRound, 2)} ms | wasm copy-in ${round(w.wasmCopyMsPerCall, 2)} ms per call; checksums equal: ${w.checksumsEqual} |`,
    );
  }
  if (r.size) lines.push(`| dist/ transfer, gzip -9 | | ${round(r.size.totalGzip / 1024, 1)} KB | raw ${round(r.size.totalRaw / 1024, 1)} KB${mark('gzip')} |`);
  return lines.join('\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
