// Behaviour shared by every page. Scripts live in files (the Content-Security-Policy allows no
// inline script or event handler attributes).
"use strict";

// Read-only addresses to copy (calendar feeds): focusing one selects all of it.
document.addEventListener("focusin", (event) => {
  const field = event.target;
  if (field instanceof HTMLInputElement && field.hasAttribute("data-select-on-focus")) {
    field.select();
  }
});
