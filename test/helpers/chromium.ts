/**
 * Debian's chromium for the browser tests, driven by playwright-core (never a downloaded
 * browser). The tests run where it is installed, and always under CI, which installs it
 * (.ci/run) and must run them: there a missing browser fails instead of skipping.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

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

/**
 * Opens a page from disk, collecting into `errors` its console errors, uncaught errors
 * and any request that is not for a file (a self-contained page makes none).
 * @param browser From {@link launchChromium}.
 * @param file Absolute path of the page.
 * @param errors Where the errors go.
 */
export async function openFilePage(browser: Browser, file: string, errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) errors.push(`request to ${request.url()}`);
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return page;
}
