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

function check(cond, msg) {
  if (!cond) throw new Error(msg);
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
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  const errors = [];
  // A form answered with its field errors (422) is expected, not a page error.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('status of 422')) errors.push(m.text()); });
  try {
    if (phase === 'invite') {
      await signIn(page);
      await page.goto(base + '/members');
      await page.click('text=Invite teammates');
      await page.fill('#f-emails', 'ken@example.org, lia@example.org\nnot-an-address');
      await page.selectOption('#f-department', 'Sales');
      await page.fill('#f-position', 'Consultant');
      await Promise.all([page.waitForNavigation(), page.click('button[value=send]')]);
      const table = await page.textContent('[data-testid=invite-results]');
      check(table.includes('ken@example.org') && table.includes('lia@example.org'), 'results list both addresses');
      check((table.match(/Invited/g) || []).length === 2, 'two invited: ' + table);
      check(table.includes('invalid_email'), 'the bad address is reported');
      await page.screenshot({ path: path.join(shots, 'members-invite.png'), fullPage: true });
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
      await signIn(page);
      await page.goto(base + '/members/' + process.env.MEMBER_ID + '/schedule');
      await page.fill('#f-timezone', 'Asia/Tokyo');
      await page.fill('input[name="weekly.mon"]', '9:00-12:00, 13:00-18:00');
      await page.fill('input[name="breaks.mon"]', '15:00-15:15');
      await page.fill('input[name="daily_caps.mon"]', '4');
      // A cap on a day without hours is refused, and what was typed stays.
      await page.fill('input[name="weekly.sun"]', '');
      await page.fill('input[name="daily_caps.sun"]', '2');
      await Promise.all([page.waitForNavigation(), page.click('text=Save schedule')]);
      const refused = await page.textContent('main');
      check(refused.includes('working hours'), 'the cap on Sunday is refused: ' + refused);
      check((await page.inputValue('input[name="weekly.mon"]')) === '09:00-12:00, 13:00-18:00', 'typed hours kept');
      check((await page.inputValue('#f-timezone')) === 'Asia/Tokyo', 'typed time zone kept');
      await page.fill('input[name="daily_caps.sun"]', '');
      await Promise.all([page.waitForNavigation(), page.click('text=Save schedule')]);
      check((await page.textContent('.notice')).includes('Saved'), 'saved');
      check((await page.inputValue('input[name="breaks.mon"]')) === '15:00-15:15', 'break shown after saving');
      await page.fill('input[name=start]', '2027-05-03T09:00');
      await page.fill('input[name=end]', '2027-05-07T18:00');
      await page.fill('input[name=reason]', 'Golden Week');
      await Promise.all([page.waitForNavigation(), page.click('button:text("Add")')]);
      const listed = await page.textContent('main');
      check(listed.includes('Golden Week') && listed.includes('Mon, May 3, 2027, 9:00 AM'), 'period listed in the member time zone: ' + listed);
      await page.screenshot({ path: path.join(shots, 'schedule-editor.png'), fullPage: true });
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
