// Progressive enhancement of the member forms. Every form works without
// this file: long selects are plain selects, the weekly editor has one
// spare row per group and a "copy Monday when saving" checkbox. With it:
// a filter box narrows long selects, rows are added and removed in
// place, Monday is copied at once, and a day's cap is off while the day
// has no working hours (a disabled input is not sent, so it is ignored).
"use strict";

(() => {
  // Accents and case do not count when filtering: "montreal" finds Montréal.
  const fold = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  // ---- Select with search ----
  function picker(box) {
    const filter = box.querySelector(".picker-filter");
    const select = box.querySelector("select");
    const status = box.querySelector("[data-picker-status]");
    // Off as a whole form may be (a read-only page's fieldset).
    if (!filter || !select || select.matches(":disabled")) return;
    const all = Array.from(select.options).map((option) => ({
      option,
      text: fold(option.textContent + " " + option.value),
    }));
    filter.hidden = false;

    function apply() {
      const words = fold(filter.value).split(/\s+/).filter(Boolean);
      const current = select.value;
      let shown = all.filter((e) => words.every((w) => e.text.includes(w)));
      const matches = shown.length;
      // With nothing found the current choice stays, so the form never
      // loses its value.
      if (!matches) shown = all.filter((e) => e.option.value === current);
      select.replaceChildren(...shown.map((e) => e.option));
      if (shown.some((e) => e.option.value === current)) select.value = current;
      else if (shown.length) select.selectedIndex = 0;
      // While filtering the matches show as a list to pick from.
      if (words.length && shown.length > 1) select.size = Math.min(shown.length, 8);
      else select.removeAttribute("size");
      if (status) {
        status.textContent = words.length ? status.dataset.template.replace("{count}", String(matches)) : "";
      }
    }

    filter.addEventListener("input", apply);
    filter.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown" || ev.key === "Enter") {
        // Enter picks the first match instead of sending the form.
        ev.preventDefault();
        select.focus();
      } else if (ev.key === "Escape" && filter.value) {
        ev.preventDefault();
        filter.value = "";
        apply();
      }
    });
  }

  // ---- Weekly hours editor ----
  function week(editor) {
    for (const el of editor.querySelectorAll("[data-add], [data-remove], [data-copy-monday]")) el.hidden = false;
    // The button does at once what the checkbox does on saving.
    for (const el of editor.querySelectorAll("[data-nojs]")) {
      el.hidden = true;
      for (const box of el.querySelectorAll("input")) box.checked = false;
    }

    const rowsOf = (list) => Array.from(list.querySelectorAll("[data-row]"));
    const timesOf = (row) => row.querySelectorAll("input[type=time]");
    const isEmpty = (row) => Array.from(timesOf(row)).every((i) => !i.value);

    function renumber(list) {
      const name = list.dataset.name;
      const rows = rowsOf(list);
      rows.forEach((row, i) => {
        const n = String(i + 1);
        const [start, end] = timesOf(row);
        start.name = `${name}[${i}].start`;
        end.name = `${name}[${i}].end`;
        start.setAttribute("aria-label", list.dataset.labelStart.replace("{n}", n));
        end.setAttribute("aria-label", list.dataset.labelEnd.replace("{n}", n));
        const remove = row.querySelector("[data-remove]");
        if (remove) {
          remove.setAttribute("aria-label", list.dataset.labelRemove.replace("{n}", n));
          // A lone row is cleared by emptying it; removing it would do the same.
          remove.hidden = rows.length === 1;
        }
      });
    }

    // A fresh row shaped like the list's first one, without its values
    // or errors.
    function blank(list) {
      const row = list.querySelector("[data-row]").cloneNode(true);
      row.classList.remove("invalid");
      for (const e of row.querySelectorAll(".error")) e.remove();
      for (const input of row.querySelectorAll("input")) {
        input.value = "";
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
      }
      return row;
    }

    // The cap is for days with working hours only.
    function sync(day) {
      const cap = day.querySelector("[data-cap]");
      const hours = day.querySelector('[data-kind="weekly"] [data-rows]');
      if (!cap || !hours) return;
      cap.disabled = !rowsOf(hours).some((row) => Array.from(timesOf(row)).every((i) => i.value));
    }

    // The spare row the page adds for typing without a script is not
    // needed when rows can be added.
    for (const list of editor.querySelectorAll("[data-rows]")) {
      const rows = rowsOf(list);
      if (rows.length > 1) rows.filter(isEmpty).forEach((row) => row.remove());
      renumber(list);
    }

    function copyMonday(button) {
      const monday = editor.querySelector('[data-day="mon"]');
      for (const key of ["tue", "wed", "thu", "fri"]) {
        const day = editor.querySelector(`[data-day="${key}"]`);
        for (const kind of ["weekly", "breaks"]) {
          const from = monday.querySelector(`[data-kind="${kind}"] [data-rows]`);
          const to = day.querySelector(`[data-kind="${kind}"] [data-rows]`);
          const copies = rowsOf(from).map((row) => {
            const copy = blank(to);
            const [src, dst] = [timesOf(row), timesOf(copy)];
            dst[0].value = src[0].value;
            dst[1].value = src[1].value;
            return copy;
          });
          to.replaceChildren(...copies);
          renumber(to);
        }
        day.querySelector("[data-cap]").value = monday.querySelector("[data-cap]").value;
        sync(day);
      }
      const status = editor.querySelector("[data-week-status]");
      if (status) status.textContent = button.dataset.done;
    }

    editor.addEventListener("click", (ev) => {
      const add = ev.target.closest("[data-add]");
      if (add) {
        const list = add.closest("[data-kind]").querySelector("[data-rows]");
        const row = blank(list);
        list.append(row);
        renumber(list);
        timesOf(row)[0].focus();
        sync(add.closest("[data-day]"));
        return;
      }
      const remove = ev.target.closest("[data-remove]");
      if (remove) {
        const row = remove.closest("[data-row]");
        const list = row.parentElement;
        const day = row.closest("[data-day]");
        // A group keeps one row to type into.
        if (rowsOf(list).length === 1) list.append(blank(list));
        const next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        renumber(list);
        if (next) timesOf(next)[0].focus();
        sync(day);
        return;
      }
      const copy = ev.target.closest("[data-copy-monday]");
      if (copy) copyMonday(copy);
    });
    editor.addEventListener("input", (ev) => {
      if (ev.target.matches("input[type=time]")) sync(ev.target.closest("[data-day]"));
    });
  }

  function start() {
    document.querySelectorAll("[data-picker]").forEach(picker);
    document.querySelectorAll("[data-week-editor]").forEach(week);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
