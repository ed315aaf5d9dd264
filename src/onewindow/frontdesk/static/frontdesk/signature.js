// Signature pad for the delivery window: draw with a finger, stylus or mouse on the canvas;
// on submit the drawing is sent as a PNG data URL in the hidden "signature" field.
(function () {
  "use strict";
  document.querySelectorAll("[data-signature-pad]").forEach(function (canvas) {
    var form = canvas.closest("form");
    var field = form.querySelector("input[name=signature]");
    var ctx = canvas.getContext("2d");
    var drawing = false;
    var drawn = false;
    function scale() {
      var ratio = window.devicePixelRatio || 1;
      var rect = canvas.getBoundingClientRect();
      canvas.width = rect.width * ratio;
      canvas.height = rect.height * ratio;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.lineWidth = 2.5;
      ctx.lineCap = "round";
      ctx.strokeStyle = "#111";
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, rect.width, rect.height);
      drawn = false;
    }
    function point(event) {
      var rect = canvas.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    }
    canvas.addEventListener("pointerdown", function (event) {
      drawing = true;
      var p = point(event);
      ctx.beginPath();
      ctx.moveTo(p.x, p.y);
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) return;
      var p = point(event);
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
      drawn = true;
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      canvas.addEventListener(name, function () { drawing = false; });
    });
    var clear = form.querySelector("[data-signature-clear]");
    if (clear) clear.addEventListener("click", function () { scale(); field.value = ""; });
    form.addEventListener("submit", function () {
      if (drawn) field.value = canvas.toDataURL("image/png");
    });
    scale();
  });
})();
