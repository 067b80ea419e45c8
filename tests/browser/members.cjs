// Drives the members UI in headless Chromium, one phase per run:
//   node members.cjs invite|join|approve|schedule
// Env: BASE_URL, EMAIL, PASSWORD, JOIN_URL (join), MEMBER_ID (schedule),
// SHOTS (folder for screenshots).
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const base = process.env.BASE_URL;
const shots = process.env.SHOTS;
const phase = process.argv[2];
const axeScript = path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js');

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

// axe-core on the page: a serious or critical violation fails the phase.
async function axeCheck(page, name) {
  await page.addScriptTag({ path: axeScript });
  const result = await page.evaluate(() => window.axe.run(document));
  check(result.passes.length > 0, `${name}: axe checked nothing`);
  console.log(`AXE ${name}: ${result.passes.length} rules pass, ${result.violations.length} violated`);
  const failing = [];
  for (const v of result.violations) {
    const serious = v.impact === 'serious' || v.impact === 'critical';
    if (serious) failing.push(v.id);
    const where = v.nodes.map((n) => n.target.join(' ')).join(', ');
    console.log(`AXE ${serious ? 'FAIL' : 'minor'} ${name} ${v.id} (${v.impact}): ${v.help}: ${where}`);
  }
  check(failing.length === 0, `${name}: axe violations ${failing.join(', ')}`);
}

async function noSidewaysScroll(page, what) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  const view = await page.evaluate(() => window.innerWidth);
  check(wide <= view, `${what}: the page is ${wide} px wide at ${view} px`);
}

async function signIn(page) {
  await page.goto(base + '/login');
  await page.fill('#f-email', process.env.EMAIL);
  await page.fill('#f-password', process.env.PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-pw-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1200, height: 900 },
    // The pages allow only their own scripts; axe-core is injected inline.
    bypassCSP: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  const errors = [];
  // A form answered with its field errors (422) is expected, not a page error.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('status of 422')) errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    if (phase === 'invite') {
      await signIn(page);
      await page.goto(base + '/members');
      await page.click('text=Invite teammates');
      await page.fill('#f-emails', 'ken@example.org, lia@example.org\nnot-an-address');
      await page.selectOption('#f-department', 'Sales');
      await page.selectOption('#f-position', 'Consultant');
      await Promise.all([page.waitForNavigation(), page.click('button[value=send]')]);
      const table = await page.textContent('[data-testid=invite-results]');
      check(table.includes('ken@example.org') && table.includes('lia@example.org'), 'results list both addresses');
      check((table.match(/Invited/g) || []).length === 2, 'two invited: ' + table);
      check(table.includes('invalid_email'), 'the bad address is reported');
      await page.screenshot({ path: path.join(shots, 'members-invite.png'), fullPage: true });
      await axeCheck(page, 'members-invite');
      await page.goto(base + '/members?state=invited');
      const list = await page.textContent('main');
      check(list.includes('ken@example.org') && list.includes('Consultant'), 'invited tab lists them');
    } else if (phase === 'join') {
      await page.goto(process.env.JOIN_URL);
      check((await page.textContent('main')).includes('ken@example.org'), 'join page names the address');
      await page.fill('#f-first_name', 'Ken');
      await page.fill('#f-last_name', 'Tanaka');
      await page.fill('#f-password', 'short');
      await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
      check((await page.textContent('main')).includes('at least 10 characters'), 'field error shown');
      check((await page.inputValue('#f-first_name')) === 'Ken', 'typed name kept');
      await page.fill('#f-password', 'violet tram orbits quietly');
      await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
      check((await page.textContent('h1')).includes('Welcome'), 'joined');
      await page.screenshot({ path: path.join(shots, 'members-join.png'), fullPage: true });
    } else if (phase === 'approve') {
      await signIn(page);
      await page.goto(base + '/members?state=pending');
      const row = page.locator('tr', { hasText: 'pat@example.org' });
      await Promise.all([page.waitForNavigation(), row.locator('button', { hasText: 'Approve' }).click()]);
      check((await page.textContent('.notice')).includes('approve done'), 'approval confirmed');
      await page.goto(base + '/members?state=active');
      check((await page.textContent('main')).includes('pat@example.org'), 'now active');
      await page.screenshot({ path: path.join(shots, 'members-approved.png'), fullPage: true });
    } else if (phase === 'schedule') {
      await schedule(page);
    } else {
      throw new Error('unknown phase ' + phase);
    }
    check(errors.length === 0, 'console errors: ' + errors.join('; '));
    console.log('OK', phase);
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error('FAILED', phase, e.message);
  process.exit(1);
});

// The weekly editor: a zone found by typing, an interval added (and one
// removed), a break, Monday copied to the weekdays, a cap refused on a
// day off with what was typed kept, then saved; axe-core and a phone's
// width; then a period of unavailability.
async function schedule(page) {
  await signIn(page);
  await page.goto(base + '/members/' + process.env.MEMBER_ID + '/schedule');
  const value = (sel) => page.inputValue(sel);

  // The time zone: the filter narrows the list, the first match is chosen.
  const filter = page.locator('#f-timezone-filter');
  check(await filter.isVisible(), 'the filter box shows with the script');
  await filter.fill('tokyo');
  check((await value('#f-timezone')) === 'Asia/Tokyo', 'first match chosen: ' + (await value('#f-timezone')));
  check((await page.locator('#f-timezone option').count()) === 1, 'one zone matches "tokyo"');
  check((await page.textContent('.picker [data-picker-status]')).includes('1'), 'the count is announced');
  await filter.press('Escape');
  check((await page.locator('#f-timezone option').count()) > 400, 'Escape brings the whole list back');
  check((await value('#f-timezone')) === 'Asia/Tokyo', 'and keeps the choice');

  // Monday: 09:00-12:00, an added 13:00-18:00, a break 15:00-15:15, cap 4.
  const mon = page.locator('fieldset.day[data-day="mon"]');
  const hours = mon.locator('[data-kind="weekly"]');
  check((await hours.locator('[data-row]').count()) === 1, 'no spare row once rows can be added');
  await page.fill('input[name="weekly.mon[0].start"]', '09:00');
  await page.fill('input[name="weekly.mon[0].end"]', '12:00');
  await hours.locator('[data-add]').click();
  check((await hours.locator('[data-row]').count()) === 2, 'a row was added');
  check(await page.evaluate(() => document.activeElement.name) === 'weekly.mon[1].start', 'the new row has the focus');
  await page.fill('input[name="weekly.mon[1].start"]', '13:00');
  await page.fill('input[name="weekly.mon[1].end"]', '18:00');
  await hours.locator('[data-add]').click();
  await hours.locator('[data-row]').nth(2).locator('[data-remove]').click();
  check((await hours.locator('[data-row]').count()) === 2, 'the extra row was removed');
  const label = await page.getAttribute('input[name="weekly.mon[1].end"]', 'aria-label');
  check(label === 'Monday, working hours 2: end', 'rows are labelled by number: ' + label);
  await page.fill('input[name="breaks.mon[0].start"]', '15:00');
  await page.fill('input[name="breaks.mon[0].end"]', '15:15');
  await page.fill('input[name="daily_caps.mon"]', '4');

  // Copy Monday to all weekdays.
  await mon.locator('[data-copy-monday]').click();
  check((await value('input[name="weekly.fri[1].end"]')) === '18:00', 'Friday got Monday\'s hours');
  check((await value('input[name="breaks.wed[0].start"]')) === '15:00', 'Wednesday got the break');
  check((await value('input[name="daily_caps.thu"]')) === '4', 'Thursday got the cap');
  check((await page.textContent('[data-week-status]')).includes('copied'), 'the copy is announced');
  check((await page.locator('[data-nojs]').first().isHidden()), 'the no-script checkbox is hidden');

  // Sunday has no hours: its cap is off, on with hours, off again without.
  const sunday = 'input[name="daily_caps.sun"]';
  check(await page.isDisabled(sunday), 'no cap on a day off');
  await page.fill('input[name="weekly.sun[0].start"]', '10:00');
  await page.fill('input[name="weekly.sun[0].end"]', '12:00');
  check(!(await page.isDisabled(sunday)), 'a cap once the day has hours');
  await page.fill('input[name="weekly.sun[0].start"]', '');
  await page.fill('input[name="weekly.sun[0].end"]', '');
  check(await page.isDisabled(sunday), 'off again without hours');

  // A request that sends a cap anyway (a page without this script, a
  // hand-made post) is refused by the server next to the field, and the
  // page comes back as typed.
  await page.locator(sunday).evaluate((el) => { el.disabled = false; el.value = '2'; });
  await Promise.all([page.waitForNavigation(), page.click('text=Save schedule')]);
  const refused = await page.textContent('fieldset.day[data-day="sun"] .cap .error');
  check(refused.includes('working hours'), 'the cap on Sunday is refused: ' + refused);
  check((await page.textContent('.form-error')).includes('Not saved'), 'the banner says nothing was saved');
  check((await value('input[name="weekly.mon[1].start"]')) === '13:00', 'typed hours kept');
  check((await value('input[name="weekly.fri[1].end"]')) === '18:00', 'copied hours kept');
  check((await value('#f-timezone')) === 'Asia/Tokyo', 'typed time zone kept');
  check((await value(sunday)) === '2' && !(await page.isDisabled(sunday)), 'the refused cap is shown to fix');
  await page.fill(sunday, '');
  await Promise.all([page.waitForNavigation(), page.click('text=Save schedule')]);
  check((await page.textContent('.notice')).includes('Saved'), 'saved');
  check((await value('input[name="breaks.mon[0].start"]')) === '15:00', 'break shown after saving');
  check((await value('input[name="weekly.thu[1].start"]')) === '13:00', 'copied hours saved');

  await axeCheck(page, 'schedule-editor');
  await page.screenshot({ path: path.join(shots, 'schedule-editor.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page, 'schedule editor on a phone');
  await page.screenshot({ path: path.join(shots, 'schedule-editor-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1200, height: 900 });

  await page.fill('input[name=start]', '2027-05-03T09:00');
  await page.fill('input[name=end]', '2027-05-07T18:00');
  await page.fill('input[name=reason]', 'Golden Week');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/unavailability"] button[type=submit]')]);
  const listed = await page.textContent('main');
  check(listed.includes('Golden Week') && listed.includes('Mon, May 3, 2027, 9:00 AM'), 'period listed in the member time zone: ' + listed);
}
