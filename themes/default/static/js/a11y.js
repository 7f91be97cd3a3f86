/* metodist: the low-vision version («Версия для слабовидящих»).
 *
 * Loaded in <head> without defer, so the saved settings apply before the
 * first paint of every page: the classes it puts on <html> also show the
 * switch (html.js) and the settings bar (html.a11y) by CSS, so nothing
 * appears after layout and the page does not jump. Settings live in
 * localStorage, which also works for a site opened from disk. Without
 * JavaScript the switch stays hidden and the regular version shows.
 */
(function () {
  'use strict';

  var KEY = 'metodist-a11y';
  var DEFAULTS = { size: '1', scheme: 'bw', images: 'on' };
  var root = document.documentElement;

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(KEY));
      return saved && typeof saved === 'object' ? saved : null;
    } catch (e) {
      return null;
    }
  }

  function save(settings) {
    try {
      if (settings) {
        window.localStorage.setItem(KEY, JSON.stringify(settings));
      } else {
        window.localStorage.removeItem(KEY);
      }
    } catch (e) {
      /* Storage may be off (private mode): the version still works on this page. */
    }
  }

  var state = load();

  function apply() {
    var on = !!state;
    root.classList.add('js');
    root.classList.toggle('a11y', on);
    ['bw', 'wb', 'blue'].forEach(function (scheme) {
      root.classList.toggle('a11y-' + scheme, on && state.scheme === scheme);
    });
    root.classList.toggle('a11y-noimg', on && state.images === 'off');
    if (on) {
      root.setAttribute('data-a11y-size', state.size);
    } else {
      root.removeAttribute('data-a11y-size');
    }
  }

  function buttons(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  /* Each picture gets its text alternative beside it, shown while images are off. */
  function addAltTexts(fallback) {
    buttons('main img').forEach(function (img) {
      var next = img.nextElementSibling;
      if (next && next.classList.contains('a11y-alt')) return;
      var alt = img.getAttribute('alt');
      if (alt === '') return;
      var span = document.createElement('span');
      span.className = 'a11y-alt';
      span.textContent = alt || fallback;
      img.parentNode.insertBefore(span, img.nextSibling);
    });
  }

  function sync(toggle) {
    var on = !!state;
    toggle.setAttribute('aria-pressed', String(on));
    ['size', 'scheme', 'images'].forEach(function (name) {
      buttons('button[data-a11y-' + name + ']').forEach(function (b) {
        b.setAttribute('aria-pressed', String(on && b.getAttribute('data-a11y-' + name) === state[name]));
      });
    });
  }

  function wire() {
    var toggle = document.getElementById('a11y-toggle');
    var panel = document.getElementById('a11y-panel');
    if (!toggle || !panel) return;
    var off = panel.querySelector('[data-a11y-off]');
    addAltTexts(off ? off.getAttribute('data-alt-label') : '');
    function change(next, focus) {
      state = next;
      save(state);
      apply();
      sync(toggle);
      if (focus) focus.focus();
    }
    toggle.addEventListener('click', function () {
      change(state ? null : Object.assign({}, DEFAULTS), null);
    });
    if (off) {
      off.addEventListener('click', function () {
        change(null, toggle);
      });
    }
    ['size', 'scheme', 'images'].forEach(function (name) {
      buttons('button[data-a11y-' + name + ']').forEach(function (b) {
        b.addEventListener('click', function () {
          var next = Object.assign({}, state || DEFAULTS);
          next[name] = b.getAttribute('data-a11y-' + name);
          change(next, null);
        });
      });
    });
    sync(toggle);
  }

  apply();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', wire);
  } else {
    wire();
  }
})();
