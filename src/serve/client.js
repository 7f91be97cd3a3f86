// metodist serve: live reload. Injected into pages by the preview server only.
(function () {
  var generation = window.__metodistGeneration;
  var delay = 250;
  var overlayId = "metodist-overlay";

  function here() {
    var p = decodeURIComponent(location.pathname);
    return p.charAt(p.length - 1) === "/" ? p + "index.html" : p;
  }

  function affects(paths) {
    var page = here();
    return paths.some(function (p) {
      return p === page || !/\.html$/.test(p);
    });
  }

  function swapCss(paths, gen) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (paths.indexOf(decodeURIComponent(url.pathname)) < 0) return;
      url.searchParams.set("metodist", String(gen));
      var fresh = link.cloneNode();
      fresh.href = url.toString();
      fresh.onload = fresh.onerror = function () { link.remove(); };
      link.after(fresh);
    });
  }

  function setOverlay(html) {
    var old = document.getElementById(overlayId);
    if (old) old.remove();
    if (!html) return;
    var box = document.createElement("div");
    box.innerHTML = html;
    document.body.appendChild(box.firstChild);
  }

  function connect() {
    var ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__metodist/reload");
    ws.onopen = function () { delay = 250; };
    ws.onmessage = function (event) {
      var m = JSON.parse(event.data);
      if (m.type === "hello") {
        if (generation !== undefined && m.generation !== generation) { location.reload(); return; }
        setOverlay(m.errors);
      } else if (m.type === "reload") {
        if (affects(m.paths)) { location.reload(); return; }
        generation = m.generation;
      } else if (m.type === "css") {
        swapCss(m.paths, m.generation);
        generation = m.generation;
      } else if (m.type === "errors") {
        setOverlay(m.html);
      } else if (m.type === "fixed") {
        setOverlay(null);
      }
    };
    ws.onclose = function () {
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 2000);
    };
  }
  connect();
})();
