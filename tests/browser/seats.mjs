// The seats pages in a real browser: an operator's sessions and a 1,000-participant session
// (sorted, paged), refusals (another operator, a participant, a guest), the sales admin's view.
//
// Run by all.mjs.
import { check, handler, login, open, rows, scenario, seed, shot } from './harness.mjs';

const refused = async (page) => /do not currently have permissions|Sorry, but you do not/i.test(await page.innerText('body'));

scenario('an operator sees their session with its seats', async (page) => {
    await login(page, seed.operatora, seed.password);
    await open(page, `${handler}/sessions.php`);
    await shot(page, 'operator-sessions');
    const table = await rows(page, 'table.shopsetup-sessions');
    check(table.length === 1, `one session listed, got ${table.length}`);
    const [order, course, group, bought, taken, left] = table[0];
    check(order === seed.txa && course === seed.course && group === seed.txa, `the order, course and group: ${table[0]}`);
    check(bought === '1000' && taken === '1000' && left === '0', `seats 1000/1000/0, got ${bought}/${taken}/${left}`);
});

scenario('an operator sorts and pages a 1,000-participant session', async (page) => {
    await login(page, seed.operatora, seed.password);
    await open(page, `${handler}/session.php?id=${seed.linea}`);
    await shot(page, 'session-page-1');
    const first = await rows(page, 'table.shopsetup-participants');
    check(first.length === 50, `50 rows a page, got ${first.length}`);
    await Promise.all([page.waitForNavigation(), page.click('table.shopsetup-participants th.header.c1 a')]);
    const byemail = await rows(page, 'table.shopsetup-participants');
    const emails = byemail.map((r) => r[1]);
    check(emails.join('\n') === [...emails].sort().join('\n'), 'sorted by email');
    await shot(page, 'session-sorted-by-email');
    await Promise.all([page.waitForNavigation(), page.click('.pagination a[href*="page=1"]')]);
    const second = await rows(page, 'table.shopsetup-participants');
    check(second.length === 50 && second[0][1] > emails[emails.length - 1], 'page 2 follows page 1');
    await shot(page, 'session-page-2');
});

scenario('another operator is refused the session', async (page) => {
    await login(page, seed.operatorb, seed.password);
    await open(page, `${handler}/session.php?id=${seed.linea}`);
    await shot(page, 'other-operator-refused');
    check(await refused(page), 'no permission');
    check(!(await page.locator('table.shopsetup-participants').count()), 'no participant shown');
});

scenario('a participant is refused the session and has no session of their own', async (page) => {
    await login(page, seed.learner, seed.password);
    await open(page, `${handler}/session.php?id=${seed.linea}`);
    await shot(page, 'participant-refused');
    check(await refused(page), 'no permission');
    await open(page, `${handler}/sessions.php`);
    await shot(page, 'participant-sessions');
    check((await rows(page, 'table.shopsetup-sessions')).length === 0, 'no session listed');
    await open(page, `${handler}/sessions.php?all=1`);
    check(await refused(page), "every customer's sessions refused");
});

scenario("the sales admin sees both customers' orders", async (page) => {
    await login(page, seed.salesadmin, seed.password);
    await open(page, `${handler}/sessions.php?all=1`);
    await shot(page, 'sales-admin-sessions');
    const orders = (await rows(page, 'table.shopsetup-sessions')).map((r) => r[1]);
    check(orders.includes(seed.txa) && orders.includes(seed.txb), `both orders listed: ${orders}`);
    await open(page, `${handler}/session.php?id=${seed.lineb}`);
    await shot(page, 'sales-admin-session');
    check((await rows(page, 'table.shopsetup-participants')).length === 3, "the other customer's three participants");
});

scenario('a guest is sent to the login page', async (page) => {
    await open(page, `${handler}/session.php?id=${seed.linea}`);
    await shot(page, 'guest');
    check(/\/login\/index\.php/.test(page.url()), `at the login page, got ${page.url()}`);
});

