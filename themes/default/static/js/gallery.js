/* metodist: the lightbox of a photo report (partials/gallery.html).
 *
 * Each thumbnail is a link to its large photo, so without JavaScript the
 * photo opens by itself. With it, a click opens a modal <dialog>: the photo
 * at the size the screen needs (srcset), its caption, buttons to the
 * previous and next photo and to close; ArrowLeft/ArrowRight leaf through,
 * Esc closes (the dialog's own cancel), and focus returns to the thumbnail.
 * A live region tells screen readers which photo is shown. No fetches,
 * no modules: it works from file:// as well.
 */
(function () {
  'use strict';

  var grids = document.querySelectorAll('.gallery-grid');
  if (!grids.length || typeof HTMLDialogElement !== 'function') {
    return;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  Array.prototype.forEach.call(grids, function (grid) {
    var links = Array.prototype.slice.call(grid.querySelectorAll('.gallery-link'));
    var label = function (name) {
      return grid.getAttribute('data-label-' + name) || '';
    };
    var dialog = el('dialog', { 'class': 'lightbox', 'aria-label': label('photo') });
    var close = el('button', { type: 'button', 'class': 'lightbox-close' }, label('close'));
    var prev = el('button', { type: 'button', 'class': 'lightbox-prev', 'aria-label': label('prev') }, '←');
    var next = el('button', { type: 'button', 'class': 'lightbox-next', 'aria-label': label('next') }, '→');
    var figure = el('figure');
    var picture = el('picture');
    var source = el('source', { type: 'image/webp', sizes: '100vw' });
    var img = el('img', { sizes: '100vw', decoding: 'async' });
    var caption = el('figcaption');
    var status = el('p', { 'class': 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    status.style.position = 'absolute';
    status.style.left = '-10000px';
    picture.appendChild(source);
    picture.appendChild(img);
    figure.appendChild(picture);
    figure.appendChild(caption);
    [close, prev, next, figure, status].forEach(function (n) {
      dialog.appendChild(n);
    });
    document.body.appendChild(dialog);
    var current = 0;

    function show(i) {
      current = (i + links.length) % links.length;
      var a = links[current];
      var figcaption = a.parentNode.querySelector('figcaption');
      source.setAttribute('srcset', a.getAttribute('data-srcset-webp'));
      img.setAttribute('srcset', a.getAttribute('data-srcset'));
      img.setAttribute('src', a.getAttribute('href'));
      img.setAttribute('width', a.getAttribute('data-width'));
      img.setAttribute('height', a.getAttribute('data-height'));
      img.setAttribute('alt', a.getAttribute('data-alt'));
      caption.textContent = figcaption ? figcaption.textContent : '';
      var where = label('photo') + ' ' + (current + 1) + ' ' + label('of') + ' ' + links.length;
      dialog.setAttribute('aria-label', where);
      status.textContent = where + (figcaption ? ': ' + figcaption.textContent : '');
      prev.hidden = next.hidden = links.length < 2;
    }

    links.forEach(function (a, i) {
      a.addEventListener('click', function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
          return;
        }
        event.preventDefault();
        show(i);
        dialog.showModal();
        close.focus();
      });
    });
    prev.addEventListener('click', function () { show(current - 1); });
    next.addEventListener('click', function () { show(current + 1); });
    close.addEventListener('click', function () { dialog.close(); });
    dialog.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowLeft') {
        event.preventDefault();
        show(current - 1);
      } else if (event.key === 'ArrowRight') {
        event.preventDefault();
        show(current + 1);
      }
    });
    /* A click on the dark background around the photo closes it too. */
    dialog.addEventListener('click', function (event) {
      if (event.target === dialog || event.target === figure) {
        dialog.close();
      }
    });
    dialog.addEventListener('close', function () {
      links[current].focus();
    });
  });
})();
