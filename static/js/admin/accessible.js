// The admin for keyboard and screen-reader users: autocomplete pickers named, lists that hold
// only items, and the focus in a row as soon as it is added.
// An autocomplete picker (select2) is named for screen readers by its field's label, as the
// select it replaces is: select2's own box is named only by the value chosen, if any, and its
// search box not at all.
"use strict";

function labelOf(select) {
  return select.getAttribute("aria-label")
    || document.querySelector(`label[for="${select.id}"]`)?.textContent.replace(/:\s*$/, "").trim();
}

function nameAutocompletes() {
  // select2 puts the "clear" button of a multiple picker inside its list of choices, where a
  // list may hold only items; it works as well just after the list, in the same box.
  for (const clear of document.querySelectorAll(
    ".select2-selection--multiple > ul > .select2-selection__clear",
  )) {
    clear.parentElement.after(clear);
  }
  for (const select of document.querySelectorAll("select.admin-autocomplete")) {
    const container = select.nextElementSibling;
    const label = labelOf(select);
    if (!container?.classList.contains("select2") || !label) {
      continue;
    }
    for (const element of container.querySelectorAll(
      ".select2-selection, .select2-selection__rendered, .select2-search__field",
    )) {
      if (element.getAttribute("aria-label") !== label) {
        element.setAttribute("aria-label", label);
        element.removeAttribute("aria-labelledby");
      }
    }
  }
}

// Pickers are built, and rebuilt, by Django's autocomplete.js (on load, in each row added, and
// as choices are made): name them whenever the page changes.
new MutationObserver(nameAutocompletes).observe(document.documentElement, {
  childList: true,
  subtree: true,
});
document.addEventListener("DOMContentLoaded", nameAutocompletes);
window.addEventListener("load", nameAutocompletes);

// A row added with "Add another" takes the focus on its first field, so that by keyboard the
// row is filled in where it appeared, not searched for.
document.addEventListener("formset:added", (event) => {
  const first = event.target.querySelector(
    "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea",
  );
  if (first && !first.classList.contains("select2-hidden-accessible")) {
    first.focus();
  } else if (first) {
    setTimeout(() => first.nextElementSibling?.querySelector(".select2-selection")?.focus(), 0);
  }
});
