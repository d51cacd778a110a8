/**
 * The reader's only script, served at /reader/reader.js (the pages allow no
 * inline script): keyboard shortcuts (j/k move, o/Enter open, m read, s star,
 * / search, ? help), read and star buttons sent with fetch so the page stays
 * where it is, and hiding lead images that fail to load.
 *
 * Every page works without it: the buttons are forms, the help is a
 * <details>. Kept as a string in a module so the build ships it with the code.
 */
export const READER_JS = String.raw`(function () {
  'use strict';
  var current = -1;

  function cards() { return Array.prototype.slice.call(document.querySelectorAll('.event-card')); }

  function hideBroken(img) { img.classList.add('is-broken'); }
  Array.prototype.forEach.call(document.querySelectorAll('img.thumb'), function (img) {
    if (img.complete && img.naturalWidth === 0) hideBroken(img);
    img.addEventListener('error', function () { hideBroken(img); });
  });

  function setCurrent(index, focus) {
    var list = cards();
    if (list.length === 0) return;
    index = Math.max(0, Math.min(list.length - 1, index));
    if (list[current]) list[current].classList.remove('is-current');
    current = index;
    var card = list[current];
    card.classList.add('is-current');
    if (focus) {
      var link = card.querySelector('.event-link');
      if (link) link.focus({ preventScroll: true });
      card.scrollIntoView({ block: 'nearest' });
    }
  }

  document.addEventListener('focusin', function (event) {
    var card = event.target.closest ? event.target.closest('.event-card') : null;
    if (!card) return;
    var index = cards().indexOf(card);
    if (index !== current) setCurrent(index, false);
  });

  function applyMarks(container, marks) {
    if (!container) return;
    container.classList.toggle('is-read', marks.read);
    container.classList.toggle('is-unread', !marks.read);
    container.classList.toggle('is-starred', marks.starred);
    var unread = container.querySelector('.unread-badge');
    if (unread) unread.hidden = marks.read;
    var star = container.querySelector('.star-badge');
    if (star) star.hidden = !marks.starred;
    var readForm = container.querySelector('.mark-form[data-mark="read"]');
    if (readForm) {
      readForm.elements.value.value = marks.read ? '0' : '1';
      readForm.querySelector('button').textContent = marks.read ? 'Mark unread' : 'Mark read';
    }
    var starForm = container.querySelector('.mark-form[data-mark="star"]');
    if (starForm) {
      starForm.elements.value.value = marks.starred ? '0' : '1';
      var button = starForm.querySelector('button');
      button.textContent = marks.starred ? '\u2605 Unstar' : '\u2606 Star';
      button.setAttribute('aria-pressed', marks.starred ? 'true' : 'false');
    }
  }

  function submitMark(form) {
    var body = new URLSearchParams(new FormData(form));
    return fetch(form.action, { method: 'POST', body: body, headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error('mark failed: ' + response.status);
        return response.json();
      })
      .then(function (marks) { applyMarks(form.closest('[data-event-id]'), marks); });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.matches || !form.matches('.mark-form')) return;
    event.preventDefault();
    submitMark(form).catch(function () { form.submit(); });
  });

  function markSelected(kind) {
    var container = cards()[current] || document.querySelector('.event-page');
    if (!container) return;
    var form = container.querySelector('.mark-form[data-mark="' + kind + '"]');
    if (form) submitMark(form).catch(function () { form.submit(); });
  }

  function toggleHelp() {
    var help = document.getElementById('keyboard-help');
    if (!help) return;
    help.open = !help.open;
    if (help.open) {
      var summary = help.querySelector('summary');
      summary.focus();
      help.scrollIntoView({ block: 'nearest' });
    }
  }

  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.closest && target.closest('input, textarea, select, [contenteditable]')) {
      if (event.key === 'Escape') target.blur();
      return;
    }
    switch (event.key) {
      case 'j': setCurrent(current + 1, true); break;
      case 'k': setCurrent(current < 0 ? 0 : current - 1, true); break;
      case 'o':
      case 'Enter': {
        if (event.key === 'Enter' && target.closest && target.closest('a, button, summary')) return;
        var card = cards()[current];
        var link = card && card.querySelector('.event-link');
        if (!link) return;
        window.location.href = link.href;
        break;
      }
      case 'm': markSelected('read'); break;
      case 's': markSelected('star'); break;
      case '/': {
        var search = document.getElementById('search-input');
        if (!search) return;
        search.focus();
        search.select();
        break;
      }
      case '?': toggleHelp(); break;
      default: return;
    }
    event.preventDefault();
  });
})();
`;
