// 以名稱搜尋 boxes of code-list fields (jobdesk/taxonomy/forms.py): picking 「5120 廚師」 from the
// list (the "input" event a pick fires) adds 5120 to the field it serves. Without this script
// the field still takes names.
(function () {
  function setup(box) {
    const field = document.getElementById(box.getAttribute("data-code-search-for"));
    const list = box.list;
    if (!field || !list) return;
    box.hidden = false;
    box.addEventListener("input", () => {
      const picked = Array.from(list.options).find((o) => o.value === box.value);
      if (!picked) return;
      const code = picked.value.split(" ")[0];
      const codes = field.value.split(/[、,，;；\s]+/).filter(Boolean);
      if (!codes.includes(code)) codes.push(code);
      field.value = codes.join("、");
      box.value = "";
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-code-search-for]").forEach(setup);
  });
})();
