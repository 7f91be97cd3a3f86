/* metodist: offline search over the index of src/search/mod.rs.
 *
 * The manifest (search/index.js, window.METODIST_SEARCH) lists the first
 * term of each shard; a query loads only the shards its words fall in
 * (search/s/N.js) and the texts of the results it shows (search/d/N.js),
 * each a script calling METODIST_SEARCH_SHARD / METODIST_SEARCH_DOC, so it
 * works from file:// where fetch is refused.
 *
 * No stemmer runs here. The index stores Snowball stems, which are prefixes
 * of the folded words, so a query word resolves to the longest prefix that
 * is a term of the index; where that guess would differ from the real stem
 * for a word of the site, the shard's `f` table gives the answer. The Rust
 * side (src/search/mod.rs: resolve, resolve_by_prefix) mirrors `resolve`
 * and `resolveByPrefix` below, and a test proves they agree with the
 * stemmer on every word of the site. Scores are BM25F, computed at build
 * time: a posting is [document delta, score × 2 + exact identifier].
 */
(function () {
  'use strict';

  var WORD = /[\p{L}\p{N}\u0300\u0301]+/gu;
  var PAGE_SIZE = 10;
  /* Sections of a long page listed under its result when several match. */
  var MAX_SECTIONS = 4;
  /* An identifier field matching the query word exactly ranks first. */
  var ID_BONUS = 1e7;
  /* Completions of the word being typed and typo corrections count less. */
  var LOOSE = 0.5;
  /* A prefix guess dropping this many letters is weak: a typo is likelier. */
  var WEAK_CUT = 4;

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

  /* Edits (insertions, deletions, substitutions, transpositions) between
     `term` and the closest prefix of `word` that leaves at most `maxCut`
     letters of ending, or Infinity above `limit`. */
  function prefixDistance(term, word, limit, maxCut) {
    var prev2 = null, prev = [], row;
    for (var j = 0; j <= word.length; j++) prev.push(j);
    for (var i = 1; i <= term.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= word.length; j++) {
        var cost = term[i - 1] === word[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && term[i - 1] === word[j - 2] && term[i - 2] === word[j - 1]) {
          d = Math.min(d, prev2[j - 2] + 1);
        }
        row.push(d);
        if (d < best) best = d;
      }
      if (best > limit) return Infinity;
      prev2 = prev;
      prev = row;
    }
    var min = Infinity;
    for (j = Math.max(0, word.length - maxCut); j <= word.length; j++) min = Math.min(min, prev[j]);
    return min <= limit ? min : Infinity;
  }

  /* The numbers of a text written by src/search/mod.rs: encode — base 32,
     digits '#'…'B' before the last, the last one 'C'…'c' without '\\'. */
  function decode(text) {
    var out = [], value = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c < 0x43) {
        value = value * 32 + c - 0x23;
      } else {
        out.push(value * 32 + c - 0x43 - (c > 0x5c ? 1 : 0));
        value = 0;
      }
    }
    return out;
  }

  /* `loadShard(n)` and `loadDoc(n)` return promises of a shard's and a
     document's data: scripts in the browser, files under Node. */
  function Engine(manifest, loadShard, loadDoc) {
    this.bounds = manifest.bounds;
    this.kinds = manifest.kinds;
    /* Per document: kind number, year (0: none). */
    this.facets = decode(manifest.docs);
    for (var d = 1; d < this.facets.length; d += 2) {
      if (this.facets[d]) this.facets[d] += manifest.first_year - 1;
    }
    this.stop = new Set(manifest.stop);
    this.maxCut = manifest.max_cut;
    this.minStem = manifest.min_stem;
    this.loadShard = loadShard;
    this.loadDoc = loadDoc;
    this.shards = new Map();
    this.docs = new Map();
  }

  /* The shard whose range holds `key`: the last bound not above it. */
  Engine.prototype.shardOf = function (key) {
    var lo = 0, hi = this.bounds.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (this.bounds[mid] <= key) lo = mid + 1; else hi = mid;
    }
    return Math.max(0, lo - 1);
  };

  Engine.prototype.queryWords = function (query) {
    var self = this;
    return words(query).map(fold).filter(function (w) { return !self.stop.has(w); });
  };

  Engine.prototype.shortest = function (len) {
    return Math.max(Math.min(this.minStem, len), len - this.maxCut, 1);
  };

  /* Shards a word needs: those of its prefixes the stem may be, and for
     the word being typed the first two of those its completions fall in. */
  Engine.prototype.shardsOf = function (folded, typing) {
    var out = new Set();
    for (var n = folded.length; n >= this.shortest(folded.length); n--) {
      out.add(this.shardOf(folded.slice(0, n)));
    }
    if (typing && folded.length >= 3) {
      var first = this.shardOf(folded);
      var last = Math.min(this.shardOf(folded + '\uffff'), first + 1);
      for (var s = first; s <= last; s++) out.add(s);
    }
    return out;
  };

  /* Loads what a query needs; resolves when search() can run. */
  Engine.prototype.prepare = function (query) {
    var self = this;
    var folded = this.queryWords(query);
    var wanted = new Set();
    folded.forEach(function (w, i) {
      self.shardsOf(w, i === folded.length - 1).forEach(function (s) { wanted.add(s); });
    });
    return Promise.all(Array.from(wanted, function (n) {
      if (self.shards.has(n)) return null;
      return self.loadShard(n).then(function (data) {
        data.sorted = Object.keys(data.t).sort();
        self.shards.set(n, data);
      });
    }));
  };

  /* A term's postings, decoded on first use, or null. */
  Engine.prototype.postings = function (term) {
    var shard = this.shards.get(this.shardOf(term));
    if (!shard || !hasOwn(shard.t, term)) return null;
    if (typeof shard.t[term] === 'string') shard.t[term] = decode(shard.t[term]);
    return shard.t[term];
  };

  /* The longest prefix of a folded word that is a term. */
  Engine.prototype.resolveByPrefix = function (folded) {
    for (var n = folded.length; n >= this.shortest(folded.length); n--) {
      var prefix = folded.slice(0, n);
      if (this.postings(prefix) !== null) return prefix;
    }
    return null;
  };

  /* Whether a folded word is in the forms table (a word of the site). */
  Engine.prototype.isForm = function (folded) {
    var shard = this.shards.get(this.shardOf(folded));
    return Boolean(shard && hasOwn(shard.f, folded));
  };

  /* The index term of a folded query word, or null. */
  Engine.prototype.resolve = function (folded) {
    if (this.isForm(folded)) return this.shards.get(this.shardOf(folded)).f[folded];
    return this.resolveByPrefix(folded);
  };

  /* Loaded terms that start with `prefix` (the word being typed). */
  Engine.prototype.termsStartingWith = function (prefix) {
    var out = [];
    this.shards.forEach(function (shard) {
      var list = shard.sorted;
      var lo = 0, hi = list.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (list[mid] < prefix) lo = mid + 1; else hi = mid;
      }
      for (var i = lo; i < list.length && list[i].indexOf(prefix) === 0; i++) out.push(list[i]);
    });
    return out;
  };

  /* Terms of the loaded shards within one edit of the word (two from nine
     letters), the closest ones; none for words under five letters. */
  Engine.prototype.corrections = function (folded) {
    if (folded.length < 5) return [];
    var limit = folded.length >= 9 ? 2 : 1;
    var best = limit + 1, out = [];
    var self = this;
    this.shardsOf(folded, false).forEach(function (n) {
      var shard = self.shards.get(n);
      if (!shard) return;
      shard.sorted.forEach(function (term) {
        if (term.length < 4 || term.length < folded.length - self.maxCut) return;
        var d = prefixDistance(term, folded, Math.min(limit, best), self.maxCut);
        if (d < best) { best = d; out = []; }
        if (d === best) out.push(term);
      });
    });
    return out;
  };

  /* Documents matching every query word, best first (after prepare). */
  Engine.prototype.search = function (query) {
    var self = this;
    var folded = this.queryWords(query);
    var matched = [];
    var corrected = [];
    var scores = null;
    folded.forEach(function (word, i) {
      var candidates = new Map();
      var term = self.resolve(word);
      if (term !== null) candidates.set(term, 1);
      if (i === folded.length - 1 && word.length >= 3) {
        self.termsStartingWith(word).forEach(function (t) {
          if (!candidates.has(t)) candidates.set(t, LOOSE);
        });
      }
      /* Typos: when nothing matches, or only a prefix guess that drops most
         of the word («мотевация» → «мот») while a correction explains much
         more of it («мотивац»). */
      if (!candidates.size || (term !== null && word.length - term.length >= WEAK_CUT && !self.isForm(word))) {
        var fixes = self.corrections(word).filter(function (t) {
          return term === null || t.length > term.length + 2;
        });
        if (fixes.length) {
          candidates = new Map();
          fixes.forEach(function (t) {
            candidates.set(t, LOOSE);
            corrected.push(t);
          });
        }
      }
      var local = new Map();
      candidates.forEach(function (weight, t) {
        matched.push(t);
        var postings = self.postings(t);
        var doc = 0;
        for (var k = 0; k < postings.length; k += 2) {
          doc += postings[k];
          var p = postings[k + 1];
          var score = (p >> 1) * weight + (weight === 1 && (p & 1) ? ID_BONUS : 0);
          local.set(doc, Math.max(local.get(doc) || 0, score));
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
      scores.forEach(function (score, doc) {
        hits.push({ doc: doc, score: score, kind: self.facets[2 * doc], year: self.facets[2 * doc + 1] });
      });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return { hits: hits, terms: matched, words: folded, corrected: corrected };
  };

  /* Loads the result texts of `hits`. */
  Engine.prototype.fetchDocs = function (hits) {
    var self = this;
    return Promise.all(hits.map(function (hit) {
      if (self.docs.has(hit.doc)) return null;
      return self.loadDoc(hit.doc).then(function (data) { self.docs.set(hit.doc, data); });
    }));
  };

  function matches(word, terms) {
    var f = fold(word);
    return terms.some(function (t) { return f.indexOf(t) === 0; });
  }

  /* Text split into parts, marking words that begin with a matched term. */
  function highlight(text, terms) {
    var parts = [];
    var last = 0;
    text.replace(WORD, function (word, offset) {
      if (matches(word, terms)) {
        parts.push({ text: text.slice(last, offset), mark: false });
        parts.push({ text: word, mark: true });
        last = offset + word.length;
      }
      return word;
    });
    parts.push({ text: text.slice(last), mark: false });
    return parts;
  }

  /* About 200 characters of the passage with the most distinct matched
     terms (then the most matches), cut at words, highlighted. */
  function snippet(text, terms) {
    var SPAN = 200;
    var hits = [];
    text.replace(WORD, function (word, offset) {
      if (matches(word, terms)) hits.push({ at: offset, key: fold(word) });
      return word;
    });
    var bestAt = 0, best = [-1, -1];
    for (var i = 0; i < hits.length; i++) {
      var keys = new Set(), count = 0;
      for (var j = i; j < hits.length && hits[j].at < hits[i].at + SPAN - 60; j++) {
        keys.add(hits[j].key);
        count++;
      }
      if (keys.size > best[0] || (keys.size === best[0] && count > best[1])) {
        best = [keys.size, count];
        bestAt = hits[i].at;
      }
    }
    var start = Math.max(0, bestAt - 50);
    var lineStart = text.lastIndexOf('\n', bestAt);
    if (lineStart >= start) start = lineStart + 1;
    else if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    var end = Math.min(text.length, start + SPAN);
    if (end < text.length) {
      var space = text.lastIndexOf(' ', end);
      if (space > bestAt) end = space;
    }
    var cut = text.slice(start, end).replace(/\s+/g, ' ');
    var marked = highlight(cut, terms);
    if (start > 0) marked.unshift({ text: '…', mark: false });
    if (end < text.length && cut.slice(-1) !== '…') marked.push({ text: '…', mark: false });
    return marked;
  }

  /* ---- The page: #search-input, #search-status, #search-filters, #search-results ---- */

  var scriptSrc = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : '';

  function siteRoot() {
    return scriptSrc ? scriptSrc.replace(/js\/search\.js(\?.*)?$/, '') : '';
  }

  function docHref(url) {
    var href = new URL(url.replace(/^\//, ''), siteRoot() || window.location.href).href;
    if (window.location.protocol === 'file:' && /\/$/.test(href)) href += 'index.html';
    return href;
  }

  /* A script of the index; its callback resolves the promise for (kind, n). */
  var waiting = { shard: new Map(), doc: new Map() };
  function loadScript(kind, n) {
    return new Promise(function (resolve, reject) {
      waiting[kind].set(n, resolve);
      var script = document.createElement('script');
      script.src = siteRoot() + 'search/' + (kind === 'shard' ? 's/' : 'd/') + n + '.js';
      script.onerror = reject;
      script.onload = function () { script.remove(); };
      document.head.appendChild(script);
    });
  }
  function arrived(kind) {
    return function (n, data) {
      var resolve = waiting[kind].get(n);
      waiting[kind].delete(n);
      if (resolve) resolve(data);
    };
  }

  /* The messages come from the theme's i18n.toml through data-* attributes
     of the status element (search.html); plural forms are separated by «|»
     (one|few|many). */
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

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function resultItem(doc, terms) {
    var item = element('li', 'search-result');
    var link = element('a', 'search-result__title');
    link.href = docHref(doc[0]);
    highlight(doc[1], terms).forEach(function (part) { append(link, part); });
    item.appendChild(link);
    var meta = element('div', 'search-result__meta');
    meta.appendChild(element('span', 'search-result__kind', doc[2]));
    if (doc[3]) {
      meta.appendChild(document.createTextNode(' · '));
      meta.appendChild(element('span', 'search-result__date', doc[3]));
    }
    item.appendChild(meta);
    if (doc[4]) {
      var page = sections(doc[4]);
      var text = element('p', 'search-result__snippet');
      snippet(page.text, terms).forEach(function (part) { append(text, part); });
      item.appendChild(text);
      var matching = page.parts.filter(function (part) {
        return countMatches(page.text.slice(part.start, part.end), terms) > 0 && part.title.trim();
      });
      if (matching.length >= 2) {
        var list = element('ul', 'search-result__sections');
        matching.slice(0, MAX_SECTIONS).forEach(function (part) {
          var entry = element('li');
          var to = element('a');
          to.href = docHref(doc[0]) + (part.id ? '#' + part.id : '');
          highlight(part.title, terms).forEach(function (p) { append(to, p); });
          entry.appendChild(to);
          list.appendChild(entry);
        });
        item.appendChild(list);
      }
    }
    return item;
  }

  /* A result's text without its section marks (src/search/extract.rs:
     SECTION), and its sections: heading id, title, and where each starts
     and ends in that text. */
  function sections(marked) {
    var mark = /\u0001([^\u0002]*)\u0002/g;
    var text = '', parts = [], last = 0, m;
    while ((m = mark.exec(marked))) {
      text += marked.slice(last, m.index);
      if (parts.length) parts[parts.length - 1].end = text.length;
      parts.push({ id: m[1], start: text.length, end: -1 });
      last = mark.lastIndex;
    }
    text += marked.slice(last);
    parts.forEach(function (part) {
      if (part.end < 0) part.end = text.length;
      var line = text.indexOf('\n', part.start);
      part.title = text.slice(part.start, line < 0 || line > part.end ? part.end : line);
    });
    return { text: text, parts: parts };
  }

  function countMatches(text, terms) {
    return words(text).filter(function (word) { return matches(word, terms); }).length;
  }

  /* The search page's state: the last query's result, the filters chosen,
     how many results are shown. */
  function Page(engine, nodes) {
    this.engine = engine;
    this.nodes = nodes;
    this.result = null;
    this.query = '';
    this.run = 0;
  }

  Page.prototype.search = function (query) {
    var self = this;
    var run = ++this.run;
    this.query = query;
    return this.engine.prepare(query).then(function () {
      if (run !== self.run) return null;
      self.result = self.engine.search(query);
      self.filters();
      return self.show(PAGE_SIZE);
    }, function () {
      self.nodes.status.textContent = message(self.nodes.status, 'no-index');
    });
  };

  /* Kinds and years of the query's results, each a checkbox with its count. */
  Page.prototype.filters = function () {
    var box = this.nodes.filters;
    var status = this.nodes.status;
    var engine = this.engine;
    var self = this;
    box.textContent = '';
    var hits = this.result.hits;
    if (hits.length < 2) return;
    var groups = [
      { name: 'kind', label: message(status, 'kind'), value: function (h) { return h.kind; },
        text: function (v) { return engine.kinds[v]; } },
      { name: 'year', label: message(status, 'year'), value: function (h) { return h.year; },
        text: function (v) { return String(v); } },
    ];
    groups.forEach(function (group) {
      var counts = new Map();
      hits.forEach(function (h) {
        var v = group.value(h);
        if (group.name === 'year' && !v) return;
        counts.set(v, (counts.get(v) || 0) + 1);
      });
      if (counts.size < 2) return;
      var values = Array.from(counts.keys());
      values.sort(function (a, b) {
        return group.name === 'year' ? b - a : counts.get(b) - counts.get(a) || a - b;
      });
      var set = element('fieldset', 'search-filter');
      set.appendChild(element('legend', null, group.label));
      values.forEach(function (v) {
        var label = element('label', 'search-filter__option');
        var input = element('input');
        input.type = 'checkbox';
        input.name = group.name;
        input.value = String(v);
        input.addEventListener('change', function () { self.show(PAGE_SIZE); });
        label.appendChild(input);
        label.appendChild(document.createTextNode(' ' + group.text(v) + ' '));
        label.appendChild(element('span', 'search-filter__count', '(' + counts.get(v) + ')'));
        set.appendChild(label);
      });
      box.appendChild(set);
    });
  };

  /* The results the chosen filters keep. */
  Page.prototype.filtered = function () {
    var chosen = { kind: [], year: [] };
    Array.prototype.forEach.call(this.nodes.filters.querySelectorAll('input:checked'), function (input) {
      chosen[input.name].push(Number(input.value));
    });
    return this.result.hits.filter(function (h) {
      return (!chosen.kind.length || chosen.kind.indexOf(h.kind) >= 0) &&
        (!chosen.year.length || chosen.year.indexOf(h.year) >= 0);
    });
  };

  /* Shows the first `count` results, loading their texts first. */
  Page.prototype.show = function (count) {
    var self = this;
    var nodes = this.nodes;
    var status = nodes.status;
    var result = this.result;
    var run = this.run;
    if (!result.words.length) {
      nodes.list.textContent = '';
      nodes.more.hidden = true;
      status.textContent = this.query.trim() ? message(status, 'too-common') : '';
      return Promise.resolve();
    }
    var hits = this.filtered();
    var shown = hits.slice(0, count);
    return this.engine.fetchDocs(shown).then(function () {
      if (run !== self.run) return;
      var n = hits.length;
      nodes.list.textContent = '';
      nodes.more.hidden = n <= shown.length;
      if (n === 0) {
        status.textContent = message(status, 'nothing', { query: self.query.trim() });
        return;
      }
      var terms = result.terms.concat(result.words);
      shown.forEach(function (hit) {
        nodes.list.appendChild(resultItem(self.engine.docs.get(hit.doc), terms));
      });
      status.textContent = plural(status, 'found', n) + ' ' + n + '\u00a0' + plural(status, 'results', n) +
        (n > shown.length ? message(status, 'shown', { n: shown.length }) : '') + '.' +
        (result.corrected.length ? ' ' + message(status, 'corrected') : '');
      self.count = shown.length;
    });
  };

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
    var nodes = {
      input: document.getElementById('search-input'),
      status: document.getElementById('search-status'),
      filters: document.getElementById('search-filters'),
      list: document.getElementById('search-results'),
      more: document.getElementById('search-more'),
    };
    if (!nodes.input || !nodes.status || !nodes.list || !nodes.filters || !nodes.more) return;
    if (!window.METODIST_SEARCH) {
      nodes.status.textContent = message(nodes.status, 'no-index');
      return;
    }
    window.METODIST_SEARCH_SHARD = arrived('shard');
    window.METODIST_SEARCH_DOC = arrived('doc');
    var engine = new Engine(window.METODIST_SEARCH,
      function (n) { return loadScript('shard', n); },
      function (n) { return loadScript('doc', n); });
    var page = new Page(engine, nodes);
    var run = function () { page.search(nodes.input.value); };
    var form = nodes.input.form;
    if (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        run();
      });
    }
    nodes.input.addEventListener('input', run);
    nodes.more.addEventListener('click', function () {
      var first = page.count;
      page.show(page.count + PAGE_SIZE).then(function () {
        var link = nodes.list.querySelectorAll('a')[first];
        if (link) link.focus();
      });
    });
    bindKeys(nodes.input, nodes.list);
    var q = new URLSearchParams(window.location.search).get('q');
    if (q) {
      nodes.input.value = q;
      run();
    }
  }

  var api = { Engine: Engine, fold: fold, words: words, pluralForm: pluralForm, snippet: snippet,
    sections: sections, prefixDistance: prefixDistance, decode: decode };
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
