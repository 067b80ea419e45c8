// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Forms that ask for a confirmation before a destructive action.
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
  // Fill timezone fields with the browser's zone when left empty.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const input of document.querySelectorAll("input[data-detect-timezone]")) {
    if (!input.value && zone) input.value = zone;
  }
});

// Booking page: show times in the guest's own zone on the first visit.
document.addEventListener("DOMContentLoaded", () => {
  if (!document.querySelector("[data-book-detect-zone]")) return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const url = new URL(window.location.href);
  if (!zone || url.searchParams.has("tz")) return;
  url.searchParams.set("tz", zone);
  window.location.replace(url.toString());
});
