// Combined facet filter of a collection listing (practice bank, document
// registry). Its words come from the theme's i18n.toml via data attributes. Works from file:// — the data is embedded in the page as JSON
// (#filter-data); without JavaScript the static, paginated list stays.
// Values of one facet are alternatives (OR); facets combine (AND). Each
// value shows how many entries it would give with the other choices kept.
// With data-text on the box (the document registry) a text field narrows by
// title, number and issuer («161-ОД», «161 од», «№161» alike). When every
// entry has a row in the listing ([data-item] = its address), rows are shown
// and hidden in place, so a registry table keeps its columns.
(function () {
  "use strict";
  var dataEl = document.getElementById("filter-data");
  var box = document.querySelector("[data-filter]");
  var listing = document.getElementById("listing");
  if (!dataEl || !box || !listing) return;
  var data = JSON.parse(dataEl.textContent);
  var selected = {};
  data.facets.forEach(function (f) { selected[f.name] = []; });

  var query = [];
  function norm(s) { return s.toLowerCase().replace(/ё/g, "е").replace(/[^0-9a-zа-я]+/g, ""); }
  data.items.forEach(function (item) { item.norm = norm(item.keys || item.title || ""); });
  var rows = {};
  Array.prototype.forEach.call(listing.querySelectorAll("[data-item]"), function (r) {
    rows[r.getAttribute("data-item")] = r;
  });
  var inPlace = data.items.length > 0 && data.items.every(function (item) { return rows[item.url]; });

  function matches(item, except) {
    if (!query.every(function (w) { return item.norm.indexOf(w) !== -1; })) return false;
    return data.facets.every(function (f) {
      if (f.name === except) return true;
      var chosen = selected[f.name];
      if (!chosen.length) return true;
      var vals = item.values[f.name] || [];
      return chosen.some(function (v) { return vals.indexOf(v) !== -1; });
    });
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  var form = el("form", { "class": "facets", "aria-label": box.dataset.form });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  var text = null;
  if (box.dataset.text) {
    var tl = el("label", { "for": "facet-text", "class": "facet-text" }, box.dataset.text);
    text = el("input", { type: "search", id: "facet-text", autocomplete: "off" });
    tl.appendChild(text);
    form.appendChild(tl);
  }
  var counters = [];
  data.facets.forEach(function (f, fi) {
    var fs = el("fieldset");
    fs.appendChild(el("legend", {}, f.label));
    f.values.forEach(function (v, vi) {
      var id = "facet-" + fi + "-" + vi;
      var input = el("input", { type: "checkbox", id: id, value: v.value, "data-facet": f.name });
      var label = el("label", { "for": id });
      label.appendChild(document.createTextNode(v.value + " "));
      var count = el("span", { "class": "count" }, "(" + v.count + ")");
      label.appendChild(count);
      counters.push({ facet: f.name, value: v.value, span: count, input: input });
      var row = el("div", { "class": "facet-value" });
      row.appendChild(input);
      row.appendChild(label);
      fs.appendChild(row);
    });
    form.appendChild(fs);
  });
  var reset = el("button", { type: "button", "class": "facet-reset" }, box.dataset.reset);
  form.appendChild(reset);
  var status = el("p", { "class": "facet-status", role: "status", "aria-live": "polite" });
  var results = el("ul", { "class": "page-list facet-results" });
  results.hidden = true;
  box.appendChild(form);
  box.appendChild(status);
  box.appendChild(results);
  box.hidden = false;

  function update() {
    var any = query.length > 0 || data.facets.some(function (f) { return selected[f.name].length > 0; });
    counters.forEach(function (c) {
      var n = data.items.filter(function (item) {
        return matches(item, c.facet) && (item.values[c.facet] || []).indexOf(c.value) !== -1;
      }).length;
      c.span.textContent = "(" + n + ")";
      c.input.disabled = n === 0 && !c.input.checked;
    });
    results.textContent = "";
    if (!any) {
      results.hidden = true;
      listing.hidden = false;
      Object.keys(rows).forEach(function (u) { rows[u].hidden = false; });
      status.textContent = "";
      return;
    }
    var found = data.items.filter(function (item) { return matches(item, null); });
    status.textContent = box.dataset.found
      .replace("{found}", found.length)
      .replace("{total}", data.items.length);
    if (inPlace) {
      data.items.forEach(function (item) { rows[item.url].hidden = found.indexOf(item) === -1; });
      return;
    }
    found.forEach(function (item) {
      var li = el("li");
      li.appendChild(el("a", { href: item.url, "class": "page-link" }, item.title));
      if (item.description) li.appendChild(el("p", {}, item.description));
      results.appendChild(li);
    });
    results.hidden = false;
    listing.hidden = true;
  }

  form.addEventListener("change", function (e) {
    var t = e.target;
    if (!t.dataset || !t.dataset.facet) return;
    var list = selected[t.dataset.facet];
    var i = list.indexOf(t.value);
    if (t.checked && i === -1) list.push(t.value);
    if (!t.checked && i !== -1) list.splice(i, 1);
    update();
  });
  if (text) {
    text.addEventListener("input", function () {
      query = text.value.split(/\s+/).map(norm).filter(function (w) { return w; });
      update();
    });
  }
  reset.addEventListener("click", function () {
    if (text) { text.value = ""; query = []; }
    form.querySelectorAll("input[type=checkbox]").forEach(function (i) { i.checked = false; });
    data.facets.forEach(function (f) { selected[f.name] = []; });
    update();
  });
})();
