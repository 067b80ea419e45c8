// Progressive enhancement for the booking feed section: a copy button.
// Without script the address stays selectable in its read-only field.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-copy-from]")) {
    const field = document.getElementById(button.dataset.copyFrom);
    if (!field || !navigator.clipboard) continue;
    button.hidden = false;
    const status = button.closest("section")?.querySelector(".feed-copy-status");
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        if (status) status.textContent = button.dataset.copied || "";
      } catch {
        field.select();
      }
    });
  }
  for (const field of document.querySelectorAll("input[readonly]#feed-url")) {
    field.addEventListener("focus", () => field.select());
  }
});
