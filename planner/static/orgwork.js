// The organization-of-work grid (templates/schedule/orgwork.html): drag and drop, and the same
// move from the keyboard.
//
// Mouse: drag an item's block onto another half-day meeting. Keyboard: focus a block, press
// Enter or Space to pick it up, the arrow keys choose the half-day meeting (announced in the
// live region), Enter moves it there, Escape puts it down. Either way the page's own form is
// posted (item, target, revision, CSRF token) asking for JSON; the server saves the decision or
// refuses it (409 when a colleague changed the plan since the page was loaded, with their
// change), and the grid is then fetched again, so the capacity bars, the problems and the items
// that do not fit follow. Without JavaScript every block has a "Move…" form that does the same.
(function () {
  "use strict";

  document.documentElement.classList.add("has-js");
  let picked = null; // {item, number, block, index}
  let dragged = null;

  function root() {
    return document.getElementById("orgwork");
  }

  function sittings() {
    return Array.from(document.querySelectorAll(".og-sitting[data-slot]"));
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
  }

  function say(message) {
    const live = document.getElementById("orgwork-live");
    if (live) {
      live.textContent = message;
    }
  }

  function alarm(message) {
    const box = document.getElementById("orgwork-alert");
    if (box) {
      box.textContent = message;
    }
  }

  function clearTargets() {
    document
      .querySelectorAll(".key-target, .drop-target")
      .forEach((el) => el.classList.remove("key-target", "drop-target"));
  }

  async function refresh(focusItem, focusSlot) {
    const response = await fetch(window.location.pathname + window.location.search, {
      headers: { Accept: "text/html" },
      credentials: "same-origin",
    });
    const html = await response.text();
    const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("orgwork");
    const current = root();
    if (!fresh || !current) {
      window.location.reload();
      return;
    }
    const live = document.getElementById("orgwork-live").textContent;
    const alert = document.getElementById("orgwork-alert").textContent;
    current.replaceWith(fresh);
    document.getElementById("orgwork-live").textContent = live;
    document.getElementById("orgwork-alert").textContent = alert;
    if (focusItem) {
      const scope = focusSlot ? document.getElementById("slot-" + focusSlot) : document;
      const block = (scope || document).querySelector('.og-block[data-item="' + focusItem + '"]');
      if (block) {
        block.focus();
      }
    }
  }

  async function move(item, slot) {
    const section = root();
    const data = new FormData();
    data.append("csrf_token", section.dataset.csrf);
    data.append("revision", section.dataset.revision);
    data.append("item", item);
    data.append("target", slot);
    say(section.dataset.msgSaving);
    alarm("");
    let body = {};
    let status = 0;
    try {
      const response = await fetch(section.dataset.move, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      status = response.status;
      body = await response.json();
    } catch (error) {
      alarm(section.dataset.msgFailed);
      return;
    }
    if (status === 200) {
      say(body.ok);
    } else {
      let message = body.error || section.dataset.msgFailed;
      if (body.change) {
        message += " " + fill(section.dataset.msgLatest, body.change);
      }
      say("");
      alarm(message);
    }
    await refresh(item, status === 200 ? slot : null);
  }

  // --- Drag and drop --------------------------------------------------------------------------

  document.addEventListener("dragstart", (event) => {
    const block = event.target.closest && event.target.closest(".og-block[data-item]");
    if (!block) {
      return;
    }
    dragged = block;
    block.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", block.dataset.item);
  });

  document.addEventListener("dragend", () => {
    if (dragged) {
      dragged.classList.remove("dragging");
    }
    dragged = null;
    clearTargets();
  });

  document.addEventListener("dragover", (event) => {
    const sitting = dragged && event.target.closest && event.target.closest(".og-sitting");
    if (!sitting) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!sitting.classList.contains("drop-target")) {
      clearTargets();
      sitting.classList.add("drop-target");
    }
  });

  document.addEventListener("drop", (event) => {
    const sitting = event.target.closest && event.target.closest(".og-sitting");
    if (!sitting || !dragged) {
      return;
    }
    event.preventDefault();
    const item = dragged.dataset.item;
    const from = dragged.closest(".og-sitting");
    clearTargets();
    if (from === sitting) {
      return;
    }
    move(item, sitting.dataset.slot);
  });

  // --- Keyboard -------------------------------------------------------------------------------

  function choose(index) {
    const all = sittings();
    if (!all.length) {
      return;
    }
    picked.index = (index + all.length) % all.length;
    clearTargets();
    const target = all[picked.index];
    target.classList.add("key-target");
    target.scrollIntoView({ block: "nearest" });
    say(fill(root().dataset.msgTarget, { place: target.dataset.label }));
  }

  function putDown(message) {
    if (picked) {
      picked.block.classList.remove("picked");
    }
    picked = null;
    clearTargets();
    if (message) {
      say(message);
    }
  }

  document.addEventListener("keydown", (event) => {
    const block = event.target.closest && event.target.closest(".og-block[data-item]");
    if (!block || event.target !== block) {
      return;
    }
    const rtl = document.documentElement.dir === "rtl";
    const key = event.key;
    if (!picked || picked.block !== block) {
      if (key === "Enter" || key === " ") {
        event.preventDefault();
        putDown(null);
        const here = block.closest(".og-sitting");
        picked = { item: block.dataset.item, block: block, index: 0 };
        block.classList.add("picked");
        say(fill(root().dataset.msgPicked, { number: block.dataset.number }));
        const start = here ? sittings().indexOf(here) : -1;
        picked.index = start;
        choose(start < 0 ? 0 : start);
      }
      return;
    }
    if (key === "Escape") {
      event.preventDefault();
      putDown(root().dataset.msgCancel);
    } else if (key === "ArrowDown" || key === (rtl ? "ArrowLeft" : "ArrowRight")) {
      event.preventDefault();
      choose(picked.index + 1);
    } else if (key === "ArrowUp" || key === (rtl ? "ArrowRight" : "ArrowLeft")) {
      event.preventDefault();
      choose(picked.index - 1);
    } else if (key === "Enter" || key === " ") {
      event.preventDefault();
      const target = sittings()[picked.index];
      const from = block.closest(".og-sitting");
      const item = picked.item;
      putDown(null);
      if (target && target !== from) {
        move(item, target.dataset.slot);
      } else {
        say(root().dataset.msgCancel);
      }
    }
  });

  document.addEventListener("focusout", (event) => {
    if (picked && event.target === picked.block) {
      putDown(null);
    }
  });
})();
