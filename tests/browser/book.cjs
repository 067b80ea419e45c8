// Drives the public booking page in headless Chromium as a guest in
// New York: the zone is detected, a day and a time are picked, the form
// refuses a missing answer (keeping what was typed), then books; the
// confirmation offers the invitation as a download.
// Then, as the same guest: the booked time cannot be booked twice, the
// booking is moved and cancelled from its link.
//   node book.cjs book|manage
// Env: BASE_URL, SLUG, SHOTS (folder for screenshots); book: DAY
// (YYYY-MM-DD in New York), EXPECTED (09:00 Tokyo on that day in New
// York, as English writes it: "7:00 PM"); manage: BOOKING_URL (printed by
// the book phase), START (the booked time, RFC 3339).
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const base = process.env.BASE_URL;
const shots = process.env.SHOTS;
const slug = process.env.SLUG;
const day = process.env.DAY;
const expected = process.env.EXPECTED;
const zone = 'America/New_York';
const phase = process.argv[2];

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-pw-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1200, height: 900 },
    timezoneId: zone,
    // The guest reads English, so times are on the 12-hour clock.
    locale: 'en-US',
    acceptDownloads: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  const errors = [];
  // Pages answered on purpose with 422 (field errors), 409 (slot taken) or
  // 404 (unknown links) log their status; that is expected, not a page error.
  const expected4xx = /status of (422|409|404)\b/;
  page.on('console', (m) => { if (m.type() === 'error' && !expected4xx.test(m.text())) errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    if (phase === 'book') await book(page);
    else if (phase === 'manage') await manage(page);
    else throw new Error('unknown phase ' + phase);
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

// On a phone 390 px wide the page needs no sideways scrolling.
async function fitsAPhone(page, shot) {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.screenshot({ path: path.join(shots, shot), fullPage: true });
  await page.setViewportSize(before);
  check(wide <= 390, `${shot}: the page is ${wide} px wide at 390 px`);
}

async function book(page) {
    // First visit without a zone: app.js adds the browser's one.
    await page.goto(base + '/book/' + slug);
    await page.waitForURL(/[?&]tz=America%2FNew_York/);
    await page.waitForLoadState('load');
    check((await page.inputValue('#f-tz')) === zone, 'the detected zone is selected');
    check((await page.textContent('h1')).includes('Consultation'), 'page title shown');
    check((await page.textContent('main')).includes('30 minutes'), 'duration shown');

    // The day may be in the next month.
    if ((await page.locator(`a[data-day="${day}"]`).count()) === 0) {
      await Promise.all([page.waitForNavigation(), page.click('a[rel=next]')]);
    }
    await Promise.all([page.waitForNavigation(), page.click(`a[data-day="${day}"]`)]);
    const times = (await page.locator('.book-slot').allTextContents()).map((t) => t.trim());
    check(times.length > 0, 'the day has times');
    // Tokyo's working day starts in New York's evening: the first time of
    // that block is 09:00 Tokyo; Tokyo's 09:00 itself is not a New York slot.
    const evening = times.filter((t) => t.endsWith('PM'));
    check(evening[0] === expected, `first evening time is ${expected}: ${times.join(' ')}`);
    check(!times.includes('9:00 AM'), 'times are not shown in Tokyo time: ' + times.join(' '));
    await page.screenshot({ path: path.join(shots, 'book-day.png'), fullPage: true });
    await fitsAPhone(page, 'book-day-390.png');

    await Promise.all([page.waitForNavigation(), page.locator('.book-slot', { hasText: expected }).first().click()]);
    // A range says AM or PM once, after its end: "7:00 – 7:30 PM".
    const start = expected.split(' ')[0];
    const when = await page.textContent('[data-testid=book-when]');
    check(when.includes(start) && when.includes(zone), 'the chosen time is shown in New York: ' + when);

    // Without the required answer (browser validation off, as in an old
    // browser): the server refuses it and keeps what was typed.
    await page.fill('#f-name', 'Gail Guest');
    await page.fill('#f-email', 'gail@example.org');
    await page.fill('#f-notes', 'About the offer');
    await page.evaluate(() => { document.querySelector('form.book-form').noValidate = true; });
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('button:text("Book this time")')]);
    check(refused.status() === 422, 'refused with 422, got ' + refused.status());
    const invalid = await page.textContent('.field.invalid');
    check(invalid.includes('Company') && invalid.includes('required'), 'the field error is shown: ' + invalid);
    check((await page.inputValue('#f-name')) === 'Gail Guest', 'typed name kept');
    check((await page.inputValue('#f-notes')) === 'About the offer', 'typed notes kept');
    await page.screenshot({ path: path.join(shots, 'book-form-error.png'), fullPage: true });

    await page.getByLabel(/Company/).fill('Acme');
    await Promise.all([page.waitForNavigation(), page.click('button:text("Book this time")')]);
    check(/\/booking\/[^/?]+\?new=1$/.test(page.url()), 'on the guest page: ' + page.url());
    check((await page.textContent('h1')).includes('You are booked'), 'confirmation heading');
    const booked = await page.textContent('[data-testid=booking-when]');
    check(booked.includes(start) && booked.includes(zone), 'booked time in New York: ' + booked);
    check((await page.textContent('main')).includes('Acme'), 'answer shown');
    await page.screenshot({ path: path.join(shots, 'book-confirmed.png'), fullPage: true });
    await fitsAPhone(page, 'book-confirmed-390.png');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Add to calendar')]);
    check(download.suggestedFilename() === 'invite.ics', 'file name: ' + download.suggestedFilename());
    const ics = fs.readFileSync(await download.path(), 'utf8');
    check(ics.startsWith('BEGIN:VCALENDAR') && ics.includes('METHOD:REQUEST') && ics.includes('Consultation'), 'an invitation: ' + ics.slice(0, 200));
    console.log('BOOKING_URL=' + page.url().replace(/\?new=1$/, ''));
}

async function manage(page) {
    const bookingUrl = process.env.BOOKING_URL;
    // The booked time is taken now: the form answers 409 with the day's times.
    const tz = encodeURIComponent(zone);
    await page.goto(base + '/book/' + slug + '?start=' + encodeURIComponent(process.env.START) + '&tz=' + tz);
    await page.fill('#f-name', 'Second Guest');
    await page.fill('#f-email', 'second@example.org');
    await page.getByLabel(/Company/).fill('Other');
    const [taken] = await Promise.all([page.waitForNavigation(), page.click('button:text("Book this time")')]);
    check(taken.status() === 409, 'taken answers 409, got ' + taken.status());
    check((await page.textContent('[data-testid=book-notice]')).includes('just taken'), 'taken notice shown');
    check((await page.locator('.book-slot').count()) > 0, 'the day\'s other times are offered');
    await page.screenshot({ path: path.join(shots, 'book-taken.png'), fullPage: true });

    // Move it.
    await page.goto(bookingUrl);
    check((await page.textContent('h1')).includes('Your booking'), 'guest page');
    await Promise.all([page.waitForNavigation(), page.click('text=Pick another time')]);
    check((await page.textContent('main')).includes(zone), 'reschedule list in the guest zone');
    const slot = page.locator('button.book-slot').first();
    const newTime = (await slot.textContent()).trim();
    await Promise.all([page.waitForNavigation(), slot.click()]);
    check(page.url().endsWith('?moved=1'), 'back on the booking: ' + page.url());
    const moved = await page.textContent('.notice');
    check(moved.includes('Moved to') && moved.includes(newTime.split(' ')[0]), 'moved notice: ' + moved);
    await page.screenshot({ path: path.join(shots, 'book-moved.png'), fullPage: true });

    // Cancel it, with a reason, after the confirmation dialog.
    page.once('dialog', (d) => d.accept());
    await page.fill('#f-reason', 'Plans changed');
    await Promise.all([page.waitForNavigation(), page.click('button:text("Cancel booking")')]);
    check((await page.textContent('[data-testid=booking-state]')).includes('Cancelled'), 'cancelled shown');
    check((await page.locator('button:text("Cancel booking")').count()) === 0, 'no actions left');
    check((await page.locator('text=Pick another time').count()) === 0, 'no reschedule left');
    await page.screenshot({ path: path.join(shots, 'book-cancelled.png'), fullPage: true });
    const ics = await page.request.get(bookingUrl + '/invite.ics');
    check(ics.headers()['content-type'].startsWith('text/calendar'), 'ics type');
    check((await ics.text()).includes('METHOD:CANCEL'), 'the cancelled invitation cancels');

    const unknown = await page.goto(base + '/booking/no-such-token');
    check(unknown.status() === 404, 'unknown token 404, got ' + unknown.status());
    const nopage = await page.goto(base + '/book/no-such-page');
    check(nopage.status() === 404, 'unknown page 404, got ' + nopage.status());
}
