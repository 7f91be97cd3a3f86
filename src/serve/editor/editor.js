// The editor form's lists: buttons to add, remove and move items. The form
// works without this script (an empty last row takes a new value).
(function () {
  "use strict";
  function button(text, label, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.addEventListener("click", action);
    return b;
  }
  function renumber(list) {
    var legend = list.querySelector("legend").textContent.replace(/ \*$/, "");
    list.querySelectorAll("li").forEach(function (li, i) {
      var n = i + 1;
      li.querySelector("input").setAttribute("aria-label", legend + " — " + n);
      var bs = li.querySelectorAll("button");
      bs[0].setAttribute("aria-label", "Поднять " + n + "-е значение");
      bs[1].setAttribute("aria-label", "Опустить " + n + "-е значение");
      bs[2].setAttribute("aria-label", "Удалить " + n + "-е значение");
    });
  }
  function enhance(li, list) {
    var ol = li.parentNode;
    li.appendChild(button("↑", "Поднять", function () {
      if (li.previousElementSibling) ol.insertBefore(li, li.previousElementSibling);
      renumber(list);
      li.querySelector("input").focus();
    }));
    li.appendChild(button("↓", "Опустить", function () {
      if (li.nextElementSibling) ol.insertBefore(li.nextElementSibling, li);
      renumber(list);
      li.querySelector("input").focus();
    }));
    li.appendChild(button("✕", "Удалить", function () {
      var next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      renumber(list);
      if (next) next.querySelector("input").focus();
    }));
  }
  document.querySelectorAll("[data-list]").forEach(function (list) {
    var ol = list.querySelector("ol");
    var last = ol.lastElementChild;
    // The spare empty row is for use without the script.
    if (last && !last.querySelector("input").value) last.remove();
    ol.querySelectorAll("li").forEach(function (li) { enhance(li, list); });
    var add = button("Добавить", "Добавить значение: " + list.querySelector("legend").textContent, function () {
      var li = document.createElement("li");
      var input = document.createElement("input");
      input.type = "text";
      input.name = list.id.replace(/^pole-/, "");
      if (list.dataset.picker) input.setAttribute("list", list.dataset.picker);
      li.appendChild(input);
      ol.appendChild(li);
      enhance(li, list);
      renumber(list);
      input.focus();
    });
    add.textContent = "Добавить";
    list.appendChild(add);
    renumber(list);
  });
  var summary = document.getElementById("oshibki");
  if (summary) summary.focus();
})();
