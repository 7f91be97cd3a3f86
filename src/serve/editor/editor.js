// The editor form's lists: buttons to add, remove and move items, at any
// depth (a talk's speakers inside the programme); the names of referenced
// entries beside their ids; a live preview of the Markdown text. The form
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
  function own(el, selector) {
    return Array.prototype.filter.call(el.children, function (c) {
      return c.matches(selector);
    });
  }
  // The title of the entry an id names, from the picker's options.
  function showName(input) {
    var span = input.parentNode.querySelector(":scope > .ref-name");
    var list = input.list;
    if (!span || !list) return;
    var title = "";
    Array.prototype.forEach.call(list.options, function (o) {
      if (o.value === input.value) title = o.dataset.title;
    });
    span.textContent = title;
  }
  function picker(input) {
    if (!input.list) return;
    input.addEventListener("input", function () { showName(input); });
    showName(input);
  }
  var fresh = 0;
  // Lists of texts: one input per value.
  function textList(list) {
    var ol = own(list, "ol")[0];
    var legend = own(list, "legend")[0].textContent.replace(/ \*$/, "");
    function renumber() {
      own(ol, "li").forEach(function (li, i) {
        var n = i + 1;
        li.querySelector("input").setAttribute("aria-label", legend + " — " + n);
        var bs = own(li, "button");
        bs[0].setAttribute("aria-label", "Поднять " + n + "-е значение");
        bs[1].setAttribute("aria-label", "Опустить " + n + "-е значение");
        bs[2].setAttribute("aria-label", "Удалить " + n + "-е значение");
      });
    }
    function enhance(li) {
      li.appendChild(button("↑", "Поднять", function () {
        if (li.previousElementSibling) ol.insertBefore(li, li.previousElementSibling);
        renumber();
        li.querySelector("input").focus();
      }));
      li.appendChild(button("↓", "Опустить", function () {
        if (li.nextElementSibling) ol.insertBefore(li.nextElementSibling, li);
        renumber();
        li.querySelector("input").focus();
      }));
      li.appendChild(button("✕", "Удалить", function () {
        var next = li.nextElementSibling || li.previousElementSibling;
        li.remove();
        renumber();
        if (next) next.querySelector("input").focus();
      }));
      picker(li.querySelector("input"));
    }
    var last = ol.lastElementChild;
    // The spare empty row is for use without the script.
    if (last && !last.querySelector("input").value) last.remove();
    own(ol, "li").forEach(enhance);
    var add = button("Добавить", "Добавить значение: " + legend, function () {
      var li = document.createElement("li");
      var input = document.createElement("input");
      input.type = "text";
      input.name = list.dataset.name;
      if (list.dataset.picker) {
        input.setAttribute("list", list.dataset.picker);
        input.autocomplete = "off";
        fresh += 1;
        var span = document.createElement("span");
        span.className = "ref-name";
        span.id = "imia-novoe-" + fresh;
        input.setAttribute("aria-describedby", span.id);
        li.appendChild(input);
        li.appendChild(span);
      } else {
        li.appendChild(input);
      }
      ol.appendChild(li);
      enhance(li);
      renumber();
      input.focus();
    });
    add.textContent = "Добавить";
    list.appendChild(add);
    renumber();
  }
  // Lists of records (a programme's talks, a talk's speakers): move, remove
  // and add items. Each item's hidden «_order» token goes with it, so the
  // order sent is the new order; a new item gets a fresh token in its field
  // names, put in place of the list's own mark (data-slot).
  function recordList(list) {
    var template = own(list, "template")[0];
    var title = own(list, "legend")[0].textContent;
    function items() { return own(list, ".item"); }
    function renumber() {
      items().forEach(function (item, i) {
        var n = i + 1;
        own(item, "legend")[0].querySelector(".n").textContent = n;
        var bs = own(own(item, ".item-tools")[0], "button");
        bs[0].setAttribute("aria-label", "Поднять: " + title + ", " + n);
        bs[1].setAttribute("aria-label", "Опустить: " + title + ", " + n);
        bs[2].setAttribute("aria-label", "Удалить: " + title + ", " + n);
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
      tools.appendChild(button("Удалить", "Удалить", function () {
        var next = item.nextElementSibling;
        if (!next || !next.classList.contains("item")) next = item.previousElementSibling;
        item.remove();
        renumber();
        focusIn(next && next.classList.contains("item") ? next : add);
      }));
      var legend = own(item, "legend")[0];
      item.insertBefore(tools, legend.nextSibling);
    }
    items().forEach(enhance);
    var text = "Добавить: " + list.dataset.item;
    var add = button(text, text + " (список «" + title + "»)", function () {
      fresh += 1;
      var html = template.innerHTML.split(list.dataset.slot).join("n" + fresh);
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var item = holder.firstElementChild;
      list.insertBefore(item, template);
      enhance(item);
      within(item);
      renumber();
      focusIn(item);
    });
    list.appendChild(add);
    renumber();
  }
  // Every list and picker inside `root` (the page, or an item just added).
  function within(root) {
    root.querySelectorAll("[data-list]").forEach(textList);
    root.querySelectorAll("[data-records]").forEach(recordList);
    root.querySelectorAll("div.field > input[list]").forEach(picker);
  }
  within(document);
  // The Markdown text as the page will show it, rendered by the preview
  // server (the same Markdown and typography as a build) as one types.
  var body = document.querySelector("textarea[data-preview]");
  if (body) {
    var out = document.getElementById(body.dataset.preview);
    var form = body.form;
    var timer = null;
    var update = function () {
      var data = new URLSearchParams();
      ["_token", "_page", "_type"].forEach(function (n) {
        if (form.elements[n]) data.append(n, form.elements[n].value);
      });
      data.append("_body", body.value);
      fetch("/__metodist/edit/preview", { method: "POST", body: data })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) { out.innerHTML = html; })
        .catch(function () {
          out.textContent = "Предпросмотр сейчас недоступен: сохраните запись, чтобы увидеть страницу.";
        });
    };
    body.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 300);
    });
    update();
  }
  var summary = document.getElementById("oshibki");
  if (summary) summary.focus();
})();
