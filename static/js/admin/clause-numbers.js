// A clause added on a declaration's admin page gets the number after the highest one on the page.
"use strict";
document.addEventListener("formset:added", (event) => {
  if (event.detail.formsetName !== "clauses") {
    return;
  }
  const inputs = document.querySelectorAll(
    '#clauses-group input[name^="clauses-"][name$="-number"]',
  );
  let highest = 0;
  for (const input of inputs) {
    if (input !== event.target.querySelector('input[name$="-number"]')) {
      highest = Math.max(highest, Number.parseInt(input.value, 10) || 0);
    }
  }
  const added = event.target.querySelector('input[name$="-number"]');
  if (added && !added.value) {
    added.value = highest + 1;
  }
});
