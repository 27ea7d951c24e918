/**
 * Debian's chromium for the browser tests, driven by playwright-core (never a downloaded
 * browser). The tests run where it is installed, and always under CI, which installs it
 * (.ci/run) and must run them: there a missing browser fails instead of skipping.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser tests run here. */
export const BROWSER_TESTS_RUN = existsSync(CHROMIUM) || Boolean(process.env.CI);

/**
 * The title of a browser suite; where it is skipped, the title and stderr say why.
 * @param title The suite's title.
 * @param file The test file, named in the stderr line.
 */
export function browserSuiteTitle(title: string, file: string): string {
  if (BROWSER_TESTS_RUN) return title;
  const message = `skipped: ${CHROMIUM} is missing (apt-get install -y chromium) and CI is not set`;
  process.stderr.write(`${file}: ${message}\n`);
  return `${title} (${message})`;
}

/** Starts headless chromium with the flags of a sandbox-less machine without GPU or network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
