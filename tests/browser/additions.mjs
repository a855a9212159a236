// Adding people to free seats in a real browser: three by the form, a bad row explained, a list
// over the free seats refused, 300 by paste, a double submit that assigns once, and a 2,000-person
// CSV file added in the background with its progress page, access re-sent. Run by all.mjs.
import { execSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, handler, login, open, rows, scenario, seed, settled, shot } from './harness.mjs';

const email = (name) => `${name}.${seed.tag}@example.com`.toLowerCase();
const people = (prefix, count) => Array.from({ length: count }, (_, i) => `Member,${prefix}${letters(i)},${email(prefix + i)}`);
const letters = (n) => { let s = ''; do { s = String.fromCharCode(97 + n % 26) + s; n = Math.floor(n / 26); } while (n > 0); return s; };

/** The session's facts (dt => dd). */
async function facts(page, line) {
    await open(page, `${handler}/session.php?id=${line}`);
    return page.locator('dl.shopsetup-session-facts').evaluate((dl) => Object.fromEntries(
        [...dl.querySelectorAll('dt')].map((dt) => [dt.innerText.trim(), dt.nextElementSibling.innerText.trim()])));
}
const taken = async (page, line) => Number((await facts(page, line))['Seats taken']);
/** The seats taken, read in another tab (the page stays where it is). */
async function takenElsewhere(page, line) {
    const other = await page.context().newPage();
    try {
        return await taken(other, line);
    } finally {
        await other.close();
    }
}

/** Opens the add page of an order line, pastes a list and asks for the preview. */
async function previewList(page, line, lines) {
    await open(page, `${handler}/add.php?id=${line}`);
    await page.fill('#id_list', lines.join('\n'));
    await Promise.all([page.waitForNavigation(), page.click('#id_submitbutton')]);
}
const confirmButton = (page) => page.locator('form.shopsetup-add-confirm button[type=submit]');
const text = (page, selector) => page.locator(selector).innerText();

scenario('an operator previews and adds three people by the form', async (page) => {
    await login(page, seed.operatorc, seed.password);
    const before = await taken(page, seed.linec);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Add participants"), input[value="Add participants"]')]);
    await settled(page);
    const names = [['Form', 'Ada', 'student'], ['Form', 'Bea', 'student'], ['Form', 'Cyd', 'teacher']];
    for (const [i, [last, first, role]] of names.entries()) {
        await page.fill(`#id_lastname_${i}`, last);
        await page.fill(`#id_firstname_${i}`, first);
        await page.fill(`#id_email_${i}`, email(`form${first}`));
        await page.selectOption(`#id_role_${i}`, role);
    }
    await Promise.all([page.waitForNavigation(), page.click('#id_submitbutton')]);
    await shot(page, 'add-form-preview');
    const counts = await text(page, '.shopsetup-preview-counts');
    check(/Accounts to create: 3/.test(counts), `three accounts to create: ${counts}`);
    check((await rows(page, 'table.shopsetup-preview-rows')).length === 3, 'three rows previewed');
    check(await takenElsewhere(page, seed.linec) === before, 'the preview wrote nothing');
    await Promise.all([page.waitForNavigation(), confirmButton(page).click()]);
    await shot(page, 'add-form-done');
    check(/3 seats taken/.test(await page.innerText('body')), 'the session page says three seats were taken');
    check(await taken(page, seed.linec) === before + 3, 'three more seats taken');
});

scenario('a bad row is explained in the preview and nothing can be added', async (page) => {
    await login(page, seed.operatorc, seed.password);
    await previewList(page, seed.linec, ['lastname;firstname;email;role', `Good;Gus;${email('gus')};learner`,
        'Bad;Bob;not-an-email;', `Odd;Ola;${email('ola')};manager`]);
    await shot(page, 'add-bad-rows');
    const invalid = await rows(page, 'table.shopsetup-invalid-rows');
    check(invalid.length === 2, `two invalid rows, got ${JSON.stringify(invalid)}`);
    check(invalid[0][0] === 'List row 3' && invalid[0][1] === 'email', `row 3's email: ${invalid[0]}`);
    check(invalid[1][0] === 'List row 4' && invalid[1][1] === 'role' && /unknown role/.test(invalid[1][2]), `row 4's role: ${invalid[1]}`);
    check(await confirmButton(page).count() === 0, 'no add button');
});

scenario('a list over the free seats is refused, even when posted without the preview', async (page) => {
    await login(page, seed.operatorb, seed.password);
    const before = await taken(page, seed.lineb);
    const list = people('over', 3);
    await previewList(page, seed.lineb, list);
    await shot(page, 'add-over-seats');
    check(/needs 3 seats but 2 are left/.test(await page.innerText('body')), 'the preview says the seats are too few');
    check(await confirmButton(page).count() === 0, 'no add button');
    const rowsjson = JSON.stringify(Object.fromEntries(list.map((l, i) => {
        const [lastname, firstname, mail] = l.split(',');
        return [`list-${i + 1}`, { lastname, firstname, email: mail, role: '', city: '' }];
    })));
    const answer = await page.evaluate(async ([url, json]) => {
        const body = new URLSearchParams({ sesskey: M.cfg.sesskey, confirmed: json });
        return (await fetch(url, { method: 'POST', body })).text();
    }, [`${handler}/add.php?id=${seed.lineb}`, rowsjson]);
    check(/needs 3 seats but 2 are left: nobody was added/.test(answer), 'the forged post is refused');
    check(await taken(page, seed.lineb) === before, 'nothing written');
});

scenario('an operator adds 300 people by paste', async (page) => {
    await login(page, seed.operatorc, seed.password);
    const before = await taken(page, seed.linec);
    await previewList(page, seed.linec, ['Nom,Prénom,Courriel', ...people('paste', 300)]);
    await shot(page, 'add-300-preview');
    check(/Accounts to create: 300/.test(await text(page, '.shopsetup-preview-counts')), '300 accounts to create');
    await Promise.all([page.waitForNavigation({ timeout: 120000 }), confirmButton(page).click()]);
    await shot(page, 'add-300-done');
    check(await taken(page, seed.linec) === before + 300, '300 more seats taken');
});

scenario('a double submit assigns the seats once', async (page) => {
    await login(page, seed.operatorc, seed.password);
    const before = await taken(page, seed.linec);
    await previewList(page, seed.linec, people('twice', 2));
    const form = page.locator('form.shopsetup-add-confirm');
    const json = await form.locator('input[name=confirmed]').inputValue();
    // Two posts of the same confirmation at the same moment, as two tabs or a double click send them.
    const answers = await page.evaluate(async ([url, rowsjson]) => {
        const post = () => fetch(url, { method: 'POST', body: new URLSearchParams({ sesskey: M.cfg.sesskey, confirmed: rowsjson }) });
        return Promise.all([post(), post()]).then((rs) => Promise.all(rs.map((r) => r.text())));
    }, [`${handler}/add.php?id=${seed.linec}`, json]);
    check(answers.length === 2, 'both posts answered');
    check(await taken(page, seed.linec) === before + 2, 'two seats taken, not four');
    await open(page, `${handler}/add.php?id=${seed.linec}`);
    await page.fill('#id_list', people('twice', 2).join('\n'));
    await Promise.all([page.waitForNavigation(), page.click('#id_submitbutton')]);
    await shot(page, 'add-twice-preview');
    check(/Already in this session: 2/.test(await text(page, '.shopsetup-preview-counts')), 'a third try: both already seated');
});

scenario('a 2,000-person CSV file is added in the background with a progress page', async (page) => {
    await login(page, seed.operatorc, seed.password);
    const before = await taken(page, seed.linec);
    const folder = mkdtempSync(join(tmpdir(), 'shopsetup-csv-'));
    const file = join(folder, 'participants.csv');
    writeFileSync(file, '\ufeff' + ['lastname;firstname;email;role', ...people('csv', 2000).map((l) => l.replaceAll(',', ';') + ';')].join('\r\n'));
    await open(page, `${handler}/add.php?id=${seed.linec}`);
    await settled(page);
    // Moodle's file picker: its upload repository.
    await page.click('#fitem_id_listfile .fp-btn-choose');
    await page.click('.file-picker .fp-repo-area .nav-link:has-text("Upload a file")');
    await page.setInputFiles('.file-picker input[type=file][name=repo_upload_file]', file);
    await page.click('.file-picker .fp-upload-btn');
    await page.waitForSelector('#fitem_id_listfile .filepicker-filename a:has-text("participants.csv")');
    await Promise.all([page.waitForNavigation({ timeout: 120000 }), page.click('#id_submitbutton')]);
    await shot(page, 'add-csv-preview');
    check(/Accounts to create: 2000/.test(await text(page, '.shopsetup-preview-counts')), '2,000 accounts to create');
    check(/in the background/.test(await page.innerText('body')), 'the preview says it runs in the background');
    await Promise.all([page.waitForNavigation(), confirmButton(page).click()]);
    check(/progress\.php/.test(page.url()), `at the progress page: ${page.url()}`);
    await shot(page, 'add-csv-queued');
    await settled(page);
    check(/Waiting for the site's background tasks/.test(await page.innerText('body')), 'queued until cron runs');
    // The operator leaves; the session page shows the running addition.
    await open(page, `${handler}/session.php?id=${seed.linec}`);
    check(/An addition of 2000 rows is running/.test(await page.innerText('body')), 'the session page links to it');
    await Promise.all([page.waitForNavigation(), page.click('a:has-text("An addition of 2000 rows")')]);
    await shot(page, 'add-csv-progress-waiting');
    execSync(process.env.SHOPSETUP_BROWSER_CRON, { stdio: 'ignore', timeout: 600000 });
    // The bar polls the task's progress by itself (core/stored_progress): no reload.
    await page.waitForFunction(() => /2000 seats taken/.test(document.body.innerText), null, { timeout: 30000 });
    await shot(page, 'add-csv-progress-done');
    await page.reload();
    await shot(page, 'add-csv-done');
    check(/2000 seats taken/.test(await page.innerText('.alert-success')), 'the progress page reports the 2,000 seats');
    check(await taken(page, seed.linec) === before + 2000, '2,000 more seats taken');
});

scenario('an operator re-sends access to a participant who never logged in, once an hour', async (page) => {
    await login(page, seed.operatorb, seed.password);
    await open(page, `${handler}/session.php?id=${seed.lineb}`);
    const buttons = page.locator('table.shopsetup-participants button:has-text("Re-send access")');
    check(await buttons.count() > 0, 're-send buttons for the accounts the order created');
    const who = await buttons.first().getAttribute('aria-label');
    await Promise.all([page.waitForNavigation(), buttons.first().click()]);
    await shot(page, 'access-resent');
    check(/will receive new credentials by email/.test(await text(page, '.alert-success')), 'sent');
    check(!/password/i.test(await page.innerText('table.shopsetup-participants')), 'no password shown');
    const again = page.locator(`table.shopsetup-participants button[aria-label="${who}"]`);
    await Promise.all([page.waitForNavigation(), again.click()]);
    await shot(page, 'access-resent-again');
    check(/less than an hour ago/.test(await text(page, '.alert-danger')), 'a second time within the hour: refused');
});
