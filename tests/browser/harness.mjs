// A small harness for browser tests of the handler's pages: Debian's chromium driven by
// playwright-core, one fresh browser context per scenario, screenshots of every page visited.
//
// Environment: SHOPSETUP_BROWSER_URL (the site's wwwroot), SHOPSETUP_BROWSER_SHOTS (folder for
// the screenshots), SHOPSETUP_CHROMIUM (default /usr/bin/chromium), SHOPSETUP_BROWSER_ONLY (a
// regular expression: only the scenarios it matches, for a developer's run), SHOPSETUP_BROWSER_CRON
// (the command that runs the site's ad-hoc tasks).
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';

export const base = (process.env.SHOPSETUP_BROWSER_URL || '').replace(/\/$/, '');
/** What the site's seed printed (tests/integration/fixtures/browser_seed.php), from the file named first. */
export const seed = JSON.parse(readFileSync(process.argv[2], 'utf8'));
/** The handler's pages. */
export const handler = '/local/shop/datahandling/handlers/std_setuponecoursesession';
const shots = process.env.SHOPSETUP_BROWSER_SHOTS || '/tmp/shopsetup-browser-shots';
mkdirSync(shots, { recursive: true });

const scenarios = [];
/** Declares a scenario: fn(page) runs in a fresh, logged-out browser context. */
export function scenario(name, fn) {
    scenarios.push({ name, fn });
}

/** Throws with a message unless ok. */
export function check(ok, what) {
    if (!ok) {
        throw new Error(what);
    }
}

/** Waits until Moodle's JavaScript has finished what the page started (M.util.pending_js). */
export async function settled(page) {
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => window.M && M.util && M.util.pending_js && M.util.pending_js.length === 0);
}

/** Logs in through Moodle's login form (its logintoken comes with the page). */
export async function login(page, username, password) {
    await page.goto(`${base}/login/index.php`);
    // The password field is rebuilt by a template once the page's JavaScript runs: fill it after.
    await settled(page);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await Promise.all([page.waitForNavigation(), page.click('#loginbtn')]);
    check(!(await page.locator('#loginerrormessage').count()), `${username} could not log in`);
}

/** Opens a path of the site. */
export async function open(page, path) {
    return page.goto(`${base}${path}`);
}

/** The cells' text of a table's body rows. */
export async function rows(page, selector) {
    return page.locator(`${selector} tbody tr:not(.emptyrow)`).evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
}

/** A full-page screenshot, named after the scenario and the step. */
export async function shot(page, name) {
    await page.screenshot({ path: `${shots}/${name.replace(/[^a-z0-9-]+/gi, '-')}.png`, fullPage: true });
}

/** Runs every scenario; prints one line per scenario and "browser: N passed, N failed, N skipped". */
export async function run() {
    const browser = await chromium.launch({ executablePath: process.env.SHOPSETUP_CHROMIUM || '/usr/bin/chromium', headless: true });
    let passed = 0;
    let failed = 0;
    try {
        const only = process.env.SHOPSETUP_BROWSER_ONLY ? new RegExp(process.env.SHOPSETUP_BROWSER_ONLY) : null;
        for (const { name, fn } of scenarios.filter((s) => !only || only.test(s.name))) {
            const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
            const page = await context.newPage();
            try {
                await fn(page);
                passed++;
                console.log(`ok - ${name}`);
            } catch (e) {
                failed++;
                console.log(`FAIL - ${name}: ${e.message}`);
                await shot(page, `FAILED-${name}`).catch(() => {});
            } finally {
                await context.close();
            }
        }
    } finally {
        await browser.close();
    }
    console.log(`browser: ${passed} passed, ${failed} failed, 0 skipped`);
    process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}
