// Signature pad for O3.3.2 轉介同意書: draw on the canvas, posted as a PNG data URL.
// The server checks the PNG by its content; the page works without this script (scan upload).
(function () {
  function setup(form) {
    const canvas = form.querySelector("[data-signature-canvas]");
    const input = form.querySelector("[data-signature-input]");
    if (!canvas || !input) return;
    const ctx = canvas.getContext("2d");
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.strokeStyle = "#000";
    let drawing = false;
    let drawn = false;
    function point(event) {
      const rect = canvas.getBoundingClientRect();
      return {
        x: ((event.clientX - rect.left) * canvas.width) / rect.width,
        y: ((event.clientY - rect.top) * canvas.height) / rect.height,
      };
    }
    canvas.addEventListener("pointerdown", (event) => {
      drawing = true;
      const p = point(event);
      ctx.beginPath();
      ctx.moveTo(p.x, p.y);
      canvas.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    canvas.addEventListener("pointermove", (event) => {
      if (!drawing) return;
      const p = point(event);
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
      drawn = true;
      event.preventDefault();
    });
    function stop() {
      drawing = false;
      if (drawn) input.value = canvas.toDataURL("image/png");
    }
    canvas.addEventListener("pointerup", stop);
    canvas.addEventListener("pointerleave", stop);
    const clear = form.querySelector("[data-signature-clear]");
    if (clear) {
      clear.addEventListener("click", () => {
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        drawn = false;
        input.value = "";
      });
    }
  }
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-signature-form]").forEach(setup);
  });
})();
