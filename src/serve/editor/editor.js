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
  // Lists of records (a programme's talks): move, remove and add items.
  // Each item's hidden «_order» token goes with it, so the order sent is
  // the new order; a new item gets a fresh token in its field names.
  var fresh = 0;
  document.querySelectorAll("[data-records]").forEach(function (list) {
    var template = list.querySelector("template");
    var title = list.querySelector("legend").textContent;
    function items() {
      return Array.prototype.filter.call(list.children, function (c) {
        return c.classList && c.classList.contains("item");
      });
    }
    function renumber() {
      items().forEach(function (item, i) {
        var n = i + 1;
        item.querySelector("legend .n").textContent = n;
        var bs = item.querySelectorAll(".item-tools button");
        bs[0].setAttribute("aria-label", "Поднять пункт " + n);
        bs[1].setAttribute("aria-label", "Опустить пункт " + n);
        bs[2].setAttribute("aria-label", "Удалить пункт " + n);
      });
    }
    function focusIn(item) {
      var f = item && item.querySelector("input:not([type=hidden]), select, textarea, button");
      if (f) f.focus();
    }
    function enhance(item) {
      var tools = document.createElement("p");
      tools.className = "item-tools";
      tools.appendChild(button("↑ Поднять", "Поднять", function () {
        var prev = item.previousElementSibling;
        if (prev && prev.classList.contains("item")) list.insertBefore(item, prev);
        renumber();
        tools.querySelector("button").focus();
      }));
      tools.appendChild(button("↓ Опустить", "Опустить", function () {
        var next = item.nextElementSibling;
        if (next && next.classList.contains("item")) list.insertBefore(next, item);
        renumber();
        tools.querySelectorAll("button")[1].focus();
      }));
      tools.appendChild(button("Удалить пункт", "Удалить", function () {
        var next = item.nextElementSibling;
        if (!next || !next.classList.contains("item")) next = item.previousElementSibling;
        item.remove();
        renumber();
        focusIn(next && next.classList.contains("item") ? next : add);
      }));
      item.insertBefore(tools, item.querySelector("legend").nextSibling);
    }
    items().forEach(enhance);
    var add = button("Добавить пункт", "Добавить пункт: " + title, function () {
      fresh += 1;
      var html = template.innerHTML.split("__N__").join("n" + fresh);
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var item = holder.firstElementChild;
      list.insertBefore(item, template);
      enhance(item);
      renumber();
      focusIn(item);
    });
    list.appendChild(add);
    renumber();
  });
  var summary = document.getElementById("oshibki");
  if (summary) summary.focus();
})();
