// A row added to an ordered inline (clauses, outcomes, related events) gets the number after the
// highest one on the page, so staff entering a declaration or a meeting type text, not numbers.
"use strict";
const NUMBERED_FIELDS = { clauses: "number", outcomes: "order", events: "order" };

document.addEventListener("formset:added", (event) => {
  const prefix = event.detail.formsetName;
  const field = NUMBERED_FIELDS[prefix];
  if (!field) {
    return;
  }
  const added = event.target.querySelector(`[name$="-${field}"]`);
  let highest = 0;
  for (const input of document.querySelectorAll(`#${prefix}-group [name^="${prefix}-"][name$="-${field}"]`)) {
    if (input !== added) {
      highest = Math.max(highest, Number.parseInt(input.value, 10) || 0);
    }
  }
  if (added && (!added.value || added.value === "0")) {
    added.value = highest + 1;
  }
});
