// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el instanceof HTMLSelectElement && el.hasAttribute("data-autosubmit") && el.form) {
    el.form.submit();
  }
});
document.addEventListener("click", (event) => {
  const el = event.target instanceof Element ? event.target.closest("[data-print]") : null;
  if (el) {
    event.preventDefault();
    window.print();
  }
});

// Small screens: the main menu shows the areas; 全部選單 unfolds every screen (and folds it again).
document.addEventListener("DOMContentLoaded", () => {
  const nav = document.querySelector("[data-mainnav]");
  const toggle = nav ? nav.querySelector("[data-nav-toggle]") : null;
  if (!nav || !toggle) return;
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    const expanded = nav.classList.toggle("expanded");
    toggle.setAttribute("aria-expanded", expanded ? "true" : "false");
  });
});

// Small screens stack a list's cells (app.css): each cell is labelled with its column's header
// so that "三重就業中心" still says whether it is where the case comes from or goes to.
function labelListCells(root) {
  root.querySelectorAll("table.list").forEach((table) => {
    const heads = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
    if (!heads.length) return;
    table.querySelectorAll("tbody tr").forEach((row) => {
      let column = 0;
      Array.from(row.children).forEach((cell) => {
        const span = Number(cell.getAttribute("colspan") || 1);
        if (span === 1 && heads[column] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", heads[column]);
        }
        column += span;
      });
    });
  });
}
document.addEventListener("DOMContentLoaded", () => labelListCells(document));
document.addEventListener("htmx:load", (event) => labelListCells(event.target));
