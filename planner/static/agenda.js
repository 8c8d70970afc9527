// Drag and drop for the agenda editor (templates/agenda/editor.html).
//
// Dropping an item on the upper part of another item puts it before that item, on the lower
// part after it, on the middle as its last sub-item. The move is sent as JSON
// {item, parent, index, revision} with the CSRF token in the X-CSRFToken header; the server
// renumbers and answers, and the page is reloaded to show the derived numbers (and the
// message the server flashed). Without JavaScript, or from the keyboard, the buttons "Move up",
// "Move down", "Indent" and "Outdent" beside each item do the same.
(function () {
  "use strict";

  const tree = document.querySelector("[data-agenda-tree]");
  const tokenMeta = document.querySelector('meta[name="csrf-token"]');
  if (!tree || !tokenMeta || !("draggable" in document.createElement("div"))) {
    return;
  }
  const status = document.getElementById("agenda-status");
  const maxDepth = Number(tree.dataset.maxDepth || 3);
  let dragged = null;

  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }

  function itemOf(element) {
    return element ? element.closest("li[data-item]") : null;
  }

  function siblingsOf(li) {
    return Array.from(li.parentElement.children).filter(
      (el) => el.matches("li[data-item]") && el !== dragged
    );
  }

  function childrenOf(li) {
    const list = li.querySelector(":scope > ol");
    return list
      ? Array.from(list.children).filter((el) => el.matches("li[data-item]") && el !== dragged)
      : [];
  }

  // Where a drop at clientY on the row of `target` puts the dragged item.
  function placement(target, row, clientY) {
    const box = row.getBoundingClientRect();
    const y = (clientY - box.top) / Math.max(box.height, 1);
    const depth = Number(target.dataset.depth);
    const height = Number(dragged.dataset.height);
    const canNest = depth + 1 + height <= maxDepth;
    if (y < 0.3 || (!canNest && y < 0.5)) {
      return { zone: "before", parent: target.dataset.parent, index: siblingsOf(target).indexOf(target) };
    }
    if (y > 0.7 || !canNest) {
      return { zone: "after", parent: target.dataset.parent, index: siblingsOf(target).indexOf(target) + 1 };
    }
    return { zone: "inside", parent: target.dataset.item, index: childrenOf(target).length };
  }

  function clearMarks() {
    tree.querySelectorAll(".drop-before, .drop-after, .drop-inside").forEach((el) => {
      el.classList.remove("drop-before", "drop-after", "drop-inside");
    });
  }

  function validTarget(target) {
    return target && dragged && target !== dragged && !dragged.contains(target);
  }

  tree.querySelectorAll("li[data-item] > .item-row").forEach((row) => {
    row.setAttribute("draggable", "true");
    const handle = row.querySelector(".drag-handle");
    if (handle) {
      handle.hidden = false;
    }
  });

  tree.addEventListener("dragstart", (event) => {
    const row = event.target.closest ? event.target.closest(".item-row") : null;
    if (!row) {
      return;
    }
    dragged = itemOf(row);
    dragged.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.item);
  });

  tree.addEventListener("dragend", () => {
    if (dragged) {
      dragged.classList.remove("dragging");
    }
    dragged = null;
    clearMarks();
  });

  tree.addEventListener("dragover", (event) => {
    const row = event.target.closest ? event.target.closest(".item-row") : null;
    const target = itemOf(row);
    if (!row || !validTarget(target)) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    clearMarks();
    row.classList.add("drop-" + placement(target, row, event.clientY).zone);
  });

  tree.addEventListener("dragleave", (event) => {
    const row = event.target.closest ? event.target.closest(".item-row") : null;
    if (row && !row.contains(event.relatedTarget)) {
      row.classList.remove("drop-before", "drop-after", "drop-inside");
    }
  });

  tree.addEventListener("drop", (event) => {
    const row = event.target.closest ? event.target.closest(".item-row") : null;
    const target = itemOf(row);
    if (!row || !validTarget(target)) {
      return;
    }
    event.preventDefault();
    const place = placement(target, row, event.clientY);
    const move = {
      item: dragged.dataset.item,
      parent: place.parent || null,
      index: place.index,
      revision: tree.dataset.revision,
    };
    clearMarks();
    send(move);
  });

  function send(move) {
    fetch(tree.dataset.moveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": tokenMeta.content,
      },
      body: JSON.stringify(move),
    })
      .then((response) => {
        // 200: moved; 409: refused (the server flashed why). Either way the page shows the
        // agenda as it now is, with the server's numbers.
        if (response.status === 200 || response.status === 409) {
          window.location.reload();
          return;
        }
        return response
          .json()
          .then((body) => say(body.error || tree.dataset.failed))
          .catch(() => say(tree.dataset.failed));
      })
      .catch(() => say(tree.dataset.failed));
  }
})();
