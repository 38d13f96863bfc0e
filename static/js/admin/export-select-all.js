// The export page's "Select all" toggle, bound here rather than by an inline handler, which the
// Content-Security-Policy refuses. onSelectToggleChange comes with django-import-export's page.
document.addEventListener("DOMContentLoaded", () => {
  for (const toggle of document.querySelectorAll("input.select-toggle")) {
    toggle.addEventListener("change", (event) => onSelectToggleChange(event));
  }
});
