/* metodist: the main menu folds behind «Меню» on narrow screens (site.css
 * hides the list there only when html has the class «js», set by a11y.js, so
 * without JavaScript the whole list shows). Escape closes it and returns
 * focus to the button. */
(function () {
  'use strict';
  var button = document.querySelector('.menu-toggle');
  var list = document.getElementById('main-menu-list');
  if (!button || !list) return;
  function set(open) {
    list.classList.toggle('open', open);
    button.setAttribute('aria-expanded', String(open));
  }
  button.addEventListener('click', function () {
    set(button.getAttribute('aria-expanded') !== 'true');
  });
  list.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
      set(false);
      button.focus();
    }
  });
})();
