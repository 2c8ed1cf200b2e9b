// Launching Debian's Chromium for the end-to-end tests and the benchmarks; no
// test-runner import here, so plain scripts (bench/) can use it too.
import { chromium } from 'playwright-core';

/** Debian's Chromium, headless, quiet on a closed network; `extraArgs` are added. */
export function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      ...extraArgs,
    ],
  });
}

