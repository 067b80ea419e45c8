// The candidate-date page: a week grid of half hours drawn over the form
// of ranges. Picking cells rewrites the form's rows, so what is posted is
// always the form; without this file the rows are typed by hand.
// Times are wall-clock strings in the page's zone ("2027-03-14T09:30");
// no Date object ever converts them between zones.
document.addEventListener("DOMContentLoaded", () => {
  const grid = document.getElementById("connect-grid");
  const fieldset = document.getElementById("connect-ranges");
  if (!grid || !fieldset) return;
  const d = grid.dataset;
  // First visit: show the page in the browser's own zone.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const select = document.getElementById("f-timezone");
  if ("detectZone" in d && zone && select && select.value !== zone &&
      [...select.options].some((o) => o.value === zone)) {
    const url = new URL(window.location.href);
    url.searchParams.set("tz", zone);
    window.location.replace(url.toString());
    return;
  }
  const weekdays = d.weekdays.split(",");
  const firstWeekday = Number(d.firstWeekday); // 0 = Monday
  const now = d.now;
  const FIRST_HOUR = 7, LAST_HOUR = 22, STEP = 30;
  const picked = new Set();

  const pad = (n) => String(n).padStart(2, "0");
  const day = (s) => new Date(s + "T00:00:00Z");
  const iso = (date) => date.toISOString().slice(0, 10);
  const addDays = (s, n) => { const t = day(s); t.setUTCDate(t.getUTCDate() + n); return iso(t); };
  const key = (date, minutes) => `${date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  const next = (k) => {
    let [date, time] = k.split("T");
    let m = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) + STEP;
    if (m >= 1440) { m -= 1440; date = addDays(date, 1); }
    return key(date, m);
  };

  // The rows already there (saved dates, or what was typed) become cells.
  for (const row of fieldset.querySelectorAll("[data-range-row]")) {
    const [start, end] = row.querySelectorAll("input");
    if (!start.value || !end.value || end.value <= start.value) continue;
    const s = start.value.slice(0, 16);
    let k = s.slice(0, 14) + pad(Math.floor(Number(s.slice(14, 16)) / STEP) * STEP);
    for (let guard = 0; k < end.value.slice(0, 16) && guard < 14 * 48; guard++) { picked.add(k); k = next(k); }
  }

  const weekStart = (s) => {
    const wd = (day(s).getUTCDay() + 6) % 7; // Monday 0
    return addDays(s, -((wd - firstWeekday + 7) % 7));
  };
  let shown = weekStart(d.today);

  // Merges the picked cells into ranges and writes them as the form's rows.
  const writeRows = () => {
    const keys = [...picked].sort();
    const ranges = [];
    for (const k of keys) {
      const last = ranges[ranges.length - 1];
      if (last && last.end === k) last.end = next(k);
      else ranges.push({ start: k, end: next(k) });
    }
    const rows = [...fieldset.querySelectorAll("[data-range-row]")];
    const template = rows[0];
    rows.forEach((r) => r.remove());
    const count = Math.max(ranges.length + 1, 1);
    for (let i = 0; i < count; i++) {
      const row = template.cloneNode(true);
      row.classList.remove("invalid");
      for (const p of row.querySelectorAll(".error")) p.remove();
      const [start, end] = row.querySelectorAll("input");
      const [ls, le] = row.querySelectorAll("label");
      start.id = `f-start-${i}`; end.id = `f-end-${i}`;
      ls.htmlFor = start.id; le.htmlFor = end.id;
      start.removeAttribute("aria-invalid"); end.removeAttribute("aria-invalid");
      start.value = ranges[i] ? ranges[i].start : "";
      end.value = ranges[i] ? ranges[i].end : "";
      fieldset.appendChild(row);
    }
  };

  let painting = null;
  const draw = () => {
    grid.replaceChildren();
    const nav = document.createElement("div");
    nav.className = "grid-nav";
    const prev = document.createElement("button");
    prev.type = "button"; prev.className = "secondary"; prev.textContent = "‹ " + d.labelPrev;
    prev.disabled = shown <= weekStart(d.today);
    prev.addEventListener("click", () => { shown = addDays(shown, -7); draw(); });
    const title = document.createElement("strong");
    title.textContent = `${shown} – ${addDays(shown, 6)}`;
    const nextWeek = document.createElement("button");
    nextWeek.type = "button"; nextWeek.className = "secondary"; nextWeek.textContent = d.labelNext + " ›";
    nextWeek.addEventListener("click", () => { shown = addDays(shown, 7); draw(); });
    nav.append(prev, title, nextWeek);
    const help = document.createElement("p");
    help.className = "muted"; help.textContent = d.labelHelp;
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    head.appendChild(document.createElement("th"));
    const days = [...Array(7)].map((_, i) => addDays(shown, i));
    days.forEach((date, i) => {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = `${weekdays[i]} ${Number(date.slice(8, 10))}`;
      head.appendChild(th);
    });
    const body = table.createTBody();
    for (let m = FIRST_HOUR * 60; m < LAST_HOUR * 60; m += STEP) {
      const tr = body.insertRow();
      const th = document.createElement("th");
      th.className = "hour"; th.scope = "row";
      th.textContent = m % 60 === 0 ? `${pad(m / 60)}:00` : "";
      tr.appendChild(th);
      for (const date of days) {
        const k = key(date, m);
        const b = document.createElement("button");
        b.type = "button";
        b.dataset.cell = k;
        b.setAttribute("aria-label", `${d.labelCell} ${k.replace("T", " ")}`);
        b.setAttribute("aria-pressed", picked.has(k) ? "true" : "false");
        b.disabled = k < now;
        const set = (on) => {
          if (on) picked.add(k); else picked.delete(k);
          b.setAttribute("aria-pressed", on ? "true" : "false");
        };
        b.addEventListener("pointerdown", (e) => {
          e.preventDefault();
          painting = !picked.has(k);
          set(painting);
        });
        b.addEventListener("pointerenter", () => { if (painting !== null) set(painting); });
        b.addEventListener("click", (e) => {
          // Keyboard (Enter, Space): pointer presses were handled above.
          if (e.detail === 0) { set(!picked.has(k)); writeRows(); }
        });
        tr.insertCell().appendChild(b);
      }
    }
    grid.append(nav, help, table);
  };
  document.addEventListener("pointerup", () => {
    if (painting !== null) { painting = null; writeRows(); }
  });
  grid.hidden = false;
  grid.classList.add("connect-grid");
  draw();
});
