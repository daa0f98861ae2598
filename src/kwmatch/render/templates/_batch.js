(function () {
  "use strict";
  var table = document.getElementById("ranking");
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var level = document.getElementById("filter-level");
  var specialization = document.getElementById("filter-specialization");
  var shown = document.getElementById("shown");
  document.getElementById("filters").hidden = false;
  function key(row, index, numeric) {
    var value = row.cells[index].getAttribute("data-value") || "";
    if (!numeric) { return value; }
    var number = parseFloat(value);
    return isNaN(number) ? -1 : number;
  }
  Array.prototype.forEach.call(heads, function (head, index) {
    var button = head.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var descending = head.getAttribute("aria-sort") !== "descending";
      var numeric = head.getAttribute("data-type") === "number";
      Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
      head.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, index, numeric), y = key(b, index, numeric);
        var order = numeric ? x - y : String(x).localeCompare(String(y));
        return descending ? -order : order;
      });
      var fragment = document.createDocumentFragment();
      rows.forEach(function (row) { fragment.appendChild(row); });
      body.appendChild(fragment);
    });
  });
  function apply() {
    var count = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var hide = (level.value && row.getAttribute("data-level") !== level.value) ||
        (specialization.value && row.getAttribute("data-specialization") !== specialization.value);
      row.hidden = Boolean(hide);
      if (!hide) { count += 1; }
    });
    shown.textContent = count + " of " + body.rows.length + " shown";
  }
  level.addEventListener("change", apply);
  specialization.addEventListener("change", apply);
  apply();
}());
