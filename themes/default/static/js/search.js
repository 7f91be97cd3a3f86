/* metodist: offline search over window.METODIST_SEARCH (search-index.js).
 *
 * No stemmer runs here. The index stores Snowball stems, which are prefixes
 * of the folded words, so a query word resolves to the longest prefix that
 * is a term of the index; where that guess would differ from the real stem
 * for a word of the site, the index's `forms` table gives the answer. The
 * Rust side (src/search/mod.rs: resolve, resolve_by_prefix) mirrors
 * `resolve` and `resolveByPrefix` below, and a test proves they agree with
 * the stemmer on every word of the site.
 */
(function () {
  'use strict';

  var WORD = /[\p{L}\p{N}\u0300\u0301]+/gu;
  var MAX_SHOWN = 50;

  function hasOwn(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  /* Lower case, ё → е, stress marks dropped (src/search/terms.rs: fold). */
  function fold(word) {
    return word.replace(/[\u0300\u0301]/g, '').toLowerCase().replace(/ё/g, 'е');
  }

  function words(text) {
    return text.match(WORD) || [];
  }

  /* Russian plural category (CLDR): 'one', 'few' or 'many'. */
  function pluralForm(n, one, few, many) {
    var d = n % 10, h = n % 100;
    if (d === 1 && h !== 11) return one;
    if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return few;
    return many;
  }

  function Engine(data) {
    this.docs = data.docs;
    this.terms = data.terms;
    this.forms = data.forms;
    this.stop = new Set(data.stop);
    this.maxCut = data.max_cut;
    this.minStem = data.min_stem;
    this.sorted = Object.keys(data.terms).sort();
  }

  /* The longest prefix of a folded word that is a term. */
  Engine.prototype.resolveByPrefix = function (folded) {
    var len = folded.length;
    var shortest = Math.max(Math.min(this.minStem, len), len - this.maxCut, 1);
    for (var n = len; n >= shortest; n--) {
      var prefix = folded.slice(0, n);
      if (hasOwn(this.terms, prefix)) return prefix;
    }
    return null;
  };

  /* The index term of a folded query word, or null. */
  Engine.prototype.resolve = function (folded) {
    if (hasOwn(this.forms, folded)) return this.forms[folded];
    return this.resolveByPrefix(folded);
  };

  /* Terms that start with `prefix` (the word being typed). */
  Engine.prototype.termsStartingWith = function (prefix) {
    var lo = 0, hi = this.sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (this.sorted[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    var out = [];
    for (var i = lo; i < this.sorted.length && this.sorted[i].indexOf(prefix) === 0; i++) {
      out.push(this.sorted[i]);
    }
    return out;
  };

  /* Documents matching every query word, best first. */
  Engine.prototype.search = function (query) {
    var self = this;
    var folded = words(query).map(fold).filter(function (w) { return !self.stop.has(w); });
    var matched = [];
    var scores = null;
    folded.forEach(function (word, i) {
      var candidates = new Set();
      var term = self.resolve(word);
      if (term !== null) candidates.add(term);
      if (i === folded.length - 1 && word.length >= 3) {
        self.termsStartingWith(word).forEach(function (t) { candidates.add(t); });
      }
      var local = new Map();
      candidates.forEach(function (t) {
        matched.push(t);
        var postings = self.terms[t];
        var doc = 0;
        for (var k = 0; k < postings.length; k += 2) {
          doc += postings[k];
          local.set(doc, Math.max(local.get(doc) || 0, postings[k + 1]));
        }
      });
      if (scores === null) {
        scores = local;
      } else {
        var next = new Map();
        scores.forEach(function (score, doc) {
          if (local.has(doc)) next.set(doc, score + local.get(doc));
        });
        scores = next;
      }
    });
    var hits = [];
    if (scores !== null) {
      scores.forEach(function (score, doc) { hits.push({ doc: doc, score: score }); });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return { hits: hits, terms: matched, words: folded };
  };

  /* Text split into parts, marking words that begin with a matched term. */
  function highlight(text, terms) {
    var parts = [];
    var last = 0;
    var first = -1;
    text.replace(WORD, function (word, offset) {
      var f = fold(word);
      var hit = terms.some(function (t) { return f.indexOf(t) === 0; });
      if (hit) {
        if (first < 0) first = parts.length;
        parts.push({ text: text.slice(last, offset), mark: false });
        parts.push({ text: word, mark: true });
        last = offset + word.length;
      }
      return word;
    });
    parts.push({ text: text.slice(last), mark: false });
    return parts;
  }

  /* About 200 characters of the text around the first matched word. */
  function snippet(text, terms) {
    var parts = highlight(text, terms);
    var at = 0;
    for (var i = 0; i < parts.length && !parts[i].mark; i++) at += parts[i].text.length;
    if (at >= text.length) at = 0;
    var start = Math.max(0, at - 60);
    var space = text.lastIndexOf(' ', start);
    start = start === 0 || space < 0 ? start : space + 1;
    var end = Math.min(text.length, start + 200);
    var cut = text.slice(start, end);
    var prefix = start > 0 ? '…' : '';
    var suffix = end < text.length && cut.slice(-1) !== '…' ? '…' : '';
    var marked = highlight(cut, terms);
    if (prefix) marked.unshift({ text: prefix, mark: false });
    if (suffix) marked.push({ text: suffix, mark: false });
    return marked;
  }

  /* ---- The page: #search-input, #search-status, #search-results ---- */

  var scriptSrc = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : '';

  function siteRoot() {
    return scriptSrc ? scriptSrc.replace(/js\/search\.js(\?.*)?$/, '') : '';
  }

  function docHref(url) {
    var href = new URL(url.replace(/^\//, ''), siteRoot() || window.location.href).href;
    if (window.location.protocol === 'file:' && /\/$/.test(href)) href += 'index.html';
    return href;
  }

  /* The status messages come from the theme's i18n.toml through data-*
     attributes of the status element (search.html); plural forms are
     separated by «|» (one|few|many). */
  function message(status, name, values) {
    var text = status.getAttribute('data-' + name) || '';
    Object.keys(values || {}).forEach(function (key) {
      text = text.split('{' + key + '}').join(values[key]);
    });
    return text;
  }

  function plural(status, name, n) {
    var forms = message(status, name).split('|');
    return pluralForm(n, forms[0], forms[1] || forms[0], forms[2] || forms[1] || forms[0]);
  }

  function render(engine, query, status, list) {
    list.textContent = '';
    var result = engine.search(query);
    if (!result.words.length) {
      status.textContent = query.trim() ? message(status, 'too-common') : '';
      return;
    }
    var n = result.hits.length;
    if (n === 0) {
      status.textContent = message(status, 'nothing', { query: query.trim() });
      return;
    }
    status.textContent = plural(status, 'found', n) + ' ' + n + '\u00a0' + plural(status, 'results', n) +
      (n > MAX_SHOWN ? message(status, 'shown', { n: MAX_SHOWN }) : '') + '.';
    var highlightTerms = result.terms.concat(result.words);
    result.hits.slice(0, MAX_SHOWN).forEach(function (hit) {
      var doc = engine.docs[hit.doc];
      var item = document.createElement('li');
      item.className = 'search-result';
      var link = document.createElement('a');
      link.href = docHref(doc[0]);
      link.className = 'search-result__title';
      highlight(doc[1], highlightTerms).forEach(function (part) { append(link, part); });
      item.appendChild(link);
      var meta = document.createElement('div');
      meta.className = 'search-result__meta';
      var kind = document.createElement('span');
      kind.className = 'search-result__kind';
      kind.textContent = doc[2];
      meta.appendChild(kind);
      if (doc[3]) {
        meta.appendChild(document.createTextNode(' · '));
        var date = document.createElement('span');
        date.className = 'search-result__date';
        date.textContent = doc[3];
        meta.appendChild(date);
      }
      item.appendChild(meta);
      if (doc[4]) {
        var text = document.createElement('p');
        text.className = 'search-result__snippet';
        snippet(doc[4], highlightTerms).forEach(function (part) { append(text, part); });
        item.appendChild(text);
      }
      list.appendChild(item);
    });
  }

  function append(parent, part) {
    if (!part.text) return;
    if (part.mark) {
      var mark = document.createElement('mark');
      mark.textContent = part.text;
      parent.appendChild(mark);
    } else {
      parent.appendChild(document.createTextNode(part.text));
    }
  }

  /* Arrow keys move between the field and the result links; Esc returns. */
  function bindKeys(input, list) {
    function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' && links().length) {
        event.preventDefault();
        links()[0].focus();
      }
    });
    list.addEventListener('keydown', function (event) {
      var all = links();
      var i = all.indexOf(document.activeElement);
      if (i < 0) return;
      if (event.key === 'ArrowDown' && i + 1 < all.length) {
        event.preventDefault();
        all[i + 1].focus();
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        (i > 0 ? all[i - 1] : input).focus();
      } else if (event.key === 'Escape') {
        input.focus();
      }
    });
  }

  function start() {
    var input = document.getElementById('search-input');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    if (!input || !status || !list) return;
    if (!window.METODIST_SEARCH) {
      status.textContent = message(status, 'no-index');
      return;
    }
    var engine = new Engine(window.METODIST_SEARCH);
    var run = function () {
      render(engine, input.value, status, list);
    };
    var form = input.form;
    if (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        run();
      });
    }
    input.addEventListener('input', run);
    bindKeys(input, list);
    var q = new URLSearchParams(window.location.search).get('q');
    if (q) {
      input.value = q;
      run();
    }
  }

  var api = { Engine: Engine, fold: fold, words: words, pluralForm: pluralForm, snippet: snippet };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    window.MetodistSearch = api;
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', start);
    } else {
      start();
    }
  }
})();
