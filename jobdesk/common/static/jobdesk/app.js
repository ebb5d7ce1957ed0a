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
