// End-to-end test of the real appraise-desktop binary: tauri-driver drives WebKitWebDriver,
// which starts the app; we assert what its window shows and save a screenshot.
//
// Run it through scripts/e2e.sh (builds everything, runs under xvfb-run). Environment:
//   APPRAISE_DESKTOP_BIN  the binary (default: $CARGO_TARGET_DIR or <repo>/target, debug/appraise-desktop)
//   TAURI_DRIVER          tauri-driver (default: on PATH, else ~/.cargo/bin/tauri-driver)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const artifacts = path.join(here, 'artifacts');
const targetDir = process.env.CARGO_TARGET_DIR
  ? path.resolve(repo, process.env.CARGO_TARGET_DIR)
  : path.join(repo, 'target');
const application =
  process.env.APPRAISE_DESKTOP_BIN ?? path.join(targetDir, 'debug', 'appraise-desktop');
const DRIVER_PORT = 4444;
const NATIVE_PORT = 4445;

// Literal floors on what the demo must show, on top of the exact counts read from the core.
// The filled demo has 8 organisations, 8 sites and 5 options (Mid Staffordshire and neighbours).
const MIN_ORGANISATIONS = 5;
const MIN_SITES = 6;
const MIN_OPTIONS = 5;

// A blank window is WebKitGTK's compositing failing under Xvfb; this is the documented cure.
process.env.WEBKIT_DISABLE_COMPOSITING_MODE = '1';

function tauriDriverPath() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, 'tauri-driver'))
    .find((candidate) => existsSync(candidate));
  return onPath ?? path.join(os.homedir(), '.cargo', 'bin', 'tauri-driver');
}

/** Resolves once something accepts connections on the port; rejects after `timeoutMs`. */
async function waitForPort(port, timeoutMs, driverExited) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exit = driverExited();
    if (exit) throw new Error(`tauri-driver exited before listening (${exit})`);
    const open = await new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => socket.end(() => resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What the window should show: the same Summary the `summary` command returns. */
function expectedSummary() {
  const json = execFileSync(application, ['--print-summary'], { encoding: 'utf8' });
  return JSON.parse(json);
}

/** Row count of a table's body, ignoring the "No ... yet." placeholder row. */
async function bodyRowCount(table) {
  const rows = await table.$$('tbody tr:not(.app-empty)');
  return rows.length;
}

async function columnHeaders(table) {
  const headers = await table.$$('thead th[scope="col"]');
  const texts = [];
  for (const header of headers) texts.push((await header.getText()).trim());
  return texts;
}

// One tauri-driver for the whole file; each suite opens its own app session.
/** @type {import('node:child_process').ChildProcess | undefined} */
let driver;
let driverLog = '';

function stopDriver() {
  if (driver && driver.exitCode === null && driver.signalCode === null && driver.pid) {
    // The driver runs in its own process group with WebKitWebDriver: end them together.
    try {
      process.kill(-driver.pid, 'SIGTERM');
    } catch {
      driver.kill('SIGTERM');
    }
  }
}
process.once('exit', stopDriver);

before(async () => {
  assert.ok(
    existsSync(application),
    `no app binary at ${application}: build it with cargo build -p appraise-desktop`,
  );
  mkdirSync(artifacts, { recursive: true });
  driver = spawn(
    tauriDriverPath(),
    ['--port', String(DRIVER_PORT), '--native-port', String(NATIVE_PORT)],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  driver.stdout.on('data', (d) => (driverLog += d));
  driver.stderr.on('data', (d) => (driverLog += d));
  let spawnError;
  driver.once('error', (e) => (spawnError = e));
  await waitForPort(DRIVER_PORT, 30_000, () =>
    spawnError
      ? `${spawnError.message} (is tauri-driver installed? scripts/install-deps.sh)`
      : driver.exitCode !== null || driver.signalCode !== null
        ? `code ${driver.exitCode ?? driver.signalCode}: ${driverLog}`
        : undefined,
  );
});

after(() => {
  stopDriver();
  writeFileSync(path.join(artifacts, 'tauri-driver.log'), driverLog);
});

/** Resolves `promise`, or rejects after `ms` with `what` timed out. */
function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Saves a screenshot if the driver can take one; a picture is evidence, not the test. */
async function trySaveScreenshot(browser, file) {
  try {
    await within(15_000, 'screenshot', browser.saveScreenshot(path.join(artifacts, file)));
  } catch (e) {
    console.error(`could not save ${file}: ${e.message}`);
  }
}

/** Starts the app with `args` and waits until it shows the summary or an error (or fails). */
async function openApp(args, screenshot) {
  const browser = await remote({
    hostname: '127.0.0.1',
    port: DRIVER_PORT,
    logLevel: 'warn',
    connectionRetryCount: 1,
    connectionRetryTimeout: 60_000,
    capabilities: {
      'tauri:options': { application, args },
      // WebKitWebDriver speaks classic WebDriver only, not BiDi.
      'wdio:enforceWebDriverClassic': true,
    },
  });
  try {
    // The window first shows "Loading…", then the summary (or the open error).
    const shown = await browser
      .waitUntil(
        async () =>
          (await browser.$('[data-testid="summary"]').isExisting()) ||
          (await browser.$('[data-testid="error"]').isExisting()),
        { timeout: 20_000, interval: 250 },
      )
      .catch(() => false);
    if (!shown) {
      const body = await within(
        15_000,
        'reading the page text',
        browser.execute(() => document.body?.innerText ?? ''),
      ).catch(() => '');
      await trySaveScreenshot(browser, screenshot);
      assert.fail(
        body.trim() === ''
          ? `the window is blank: no text rendered within 20 s (front end not built or not loading? see artifacts/${screenshot})`
          : `the window never showed the summary; it shows: ${JSON.stringify(body.slice(0, 500))}`,
      );
    }
    await trySaveScreenshot(browser, screenshot);
    return browser;
  } catch (e) {
    // Free the driver's only session so later suites can still run.
    await closeApp(browser);
    throw e;
  }
}

/** Grows the window to the page's height and saves the whole page, for a person to review. */
async function saveFullPage(browser, file) {
  const height = await browser.execute(() => document.documentElement.scrollHeight);
  const { width } = await browser.getWindowSize();
  await browser.setWindowSize(width, Math.min(height, 6000));
  await browser.saveScreenshot(path.join(artifacts, file));
}

async function closeApp(browser) {
  try {
    if (browser) await browser.deleteSession();
  } catch (e) {
    console.error(`closing the session failed: ${e}`);
  }
}

describe('the window on the built-in demo', () => {
  /** @type {WebdriverIO.Browser | undefined} */
  let browser;
  let expected;

  before(async () => {
    expected = expectedSummary();
    browser = await openApp([], 'window.png');
    const error = await browser.$('[data-testid="error"]');
    if (await error.isExisting()) {
      assert.fail(`the window shows an error instead of the summary: ${await error.getText()}`);
    }
  });

  after(async () => {
    // Last, so resizing cannot disturb the assertions; a failure here only loses the picture.
    if (browser) {
      await saveFullPage(browser, 'window-full.png').catch((e) => console.error(`full-page screenshot failed: ${e}`));
    }
  });

  after(() => closeApp(browser));

  it('is not blank: text is rendered and the NHS.UK styles are applied', async () => {
    const body = await browser.execute(() => document.body.innerText);
    assert.ok(body.trim().length > 0, 'the window is blank');
    const headerBackground = await browser.execute(
      () => getComputedStyle(document.querySelector('header')).backgroundColor,
    );
    assert.equal(headerBackground, 'rgb(0, 94, 184)', 'header is not NHS blue: stylesheet not loaded?');
  });

  it("shows the demo appraisal's title, read from the core", async () => {
    assert.match(expected.title, /^Illustrative/, 'the core demo title should start with "Illustrative"');
    const heading = await browser.$('h1[data-testid="title"]');
    assert.equal((await heading.getText()).trim(), expected.title);
    assert.equal(await browser.getTitle(), `${expected.title} – Appraise`);
    if (expected.illustrative) {
      assert.ok(
        await browser.$('[data-testid="illustrative"]').isDisplayed(),
        'an illustrative appraisal must carry the Illustrative label',
      );
    }
  });

  const tables = [
    {
      name: 'Organisations',
      testid: 'organisations-table',
      key: 'organisations',
      min: MIN_ORGANISATIONS,
      headers: ['Name', 'ODS code', 'Kind', 'CQC rating', 'Operating income'],
    },
    {
      name: 'Sites',
      testid: 'sites-table',
      key: 'sites',
      min: MIN_SITES,
      headers: ['Name', 'Organisation', 'Services today'],
    },
    {
      name: 'Options',
      testid: 'options-table',
      key: 'options',
      min: MIN_OPTIONS,
      headers: ['Name', 'Kind', 'Members', 'Description'],
    },
  ];

  for (const t of tables) {
    it(`shows the ${t.name} table with one row per ${t.key.replace(/s$/, '')}`, async () => {
      const section = await browser.$(`h2=${t.name}`);
      assert.ok(await section.isDisplayed(), `no "${t.name}" heading`);
      // A picture of the section for review (element screenshots are clipped to the viewport).
      await browser.execute((el) => el.scrollIntoView({ block: 'start' }), section);
      await browser.pause(200); // let WebKit paint the scrolled page
      await browser.saveScreenshot(path.join(artifacts, `${t.key}.png`));
      const table = await browser.$(`table[data-testid="${t.testid}"]`);
      assert.ok(await table.isExisting(), `no ${t.name} table`);
      assert.deepEqual(await columnHeaders(table), t.headers);

      const count = Number(await table.getAttribute('data-count'));
      assert.ok(Number.isInteger(count), `${t.name} table has no numeric data-count`);
      assert.equal(count, expected.counts[t.key], `data-count differs from the core's count`);
      assert.equal(await bodyRowCount(table), count, `${t.name} rows differ from data-count`);
      assert.ok(count >= t.min, `${t.name}: ${count} rows, expected at least ${t.min}`);

      const firstNames = await table.$$('tbody tr:not(.app-empty) th[scope="row"]');
      for (let i = 0; i < firstNames.length; i++) {
        assert.equal((await firstNames[i].getText()).trim(), expected[t.key][i].name);
      }
    });
  }
});

describe('the window on a file that cannot be opened', () => {
  /** @type {WebdriverIO.Browser | undefined} */
  let browser;
  const file = path.join(artifacts, 'not-an-appraisal.appraisal');

  before(async () => {
    writeFileSync(file, 'this is not an appraisal file\n');
    browser = await openApp([file], 'open-error.png');
  });

  after(() => closeApp(browser));

  it('reports the failure in the window instead of crashing', async () => {
    const error = await browser.$('[data-testid="error"]');
    assert.ok(await error.isDisplayed(), 'no error message shown');
    assert.equal(await error.getAttribute('data-kind'), 'open');
    assert.match(await error.getText(), /could not be opened/);
    assert.ok((await error.getText()).includes(file), 'the message should name the file');
    assert.equal(await browser.$('[data-testid="summary"]').isExisting(), false);
  });
});
