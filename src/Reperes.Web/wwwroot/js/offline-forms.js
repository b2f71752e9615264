// Keeps what a person typed in an entry form (form[data-offline-key]) on this phone when the connection fails, and
// offers to send it again: a workshop's figures are not lost to a dead signal. Without JavaScript the forms work as
// before. The values stay in this browser's localStorage only (never files, never the antiforgery token), for a week
// at most, and are forgotten as soon as the server has them (a confirmation or an error page that shows them back).
(function () {
  'use strict';
  var script = document.currentScript;
  var prefix = 'reperes-brouillon:';
  var week = 7 * 24 * 3600 * 1000;
  var storage;
  try { storage = window.localStorage; storage.setItem(prefix + 'test', '1'); storage.removeItem(prefix + 'test'); } catch (e) { return; }

  function read(key) {
    try {
      var draft = JSON.parse(storage.getItem(prefix + key));
      if (draft && Date.now() - draft.at < week) { return draft; }
    } catch (e) { /* a draft that cannot be read is dropped below */ }
    storage.removeItem(prefix + key);
    return null;
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && field.name !== '__RequestVerificationToken' && field.type !== 'file' && field.type !== 'hidden'
        && field.type !== 'submit' && field.type !== 'button';
    });
  }

  function keep(form) {
    var values = {};
    fields(form).forEach(function (field) {
      if (field.type === 'radio' || field.type === 'checkbox') {
        if (field.checked) { values[field.name] = field.value; }
      } else if (field.value !== field.defaultValue) {
        values[field.name] = field.value;
      }
    });
    storage.setItem(prefix + form.dataset.offlineKey, JSON.stringify({ at: Date.now(), values: values }));
  }

  function restore(form, values) {
    fields(form).forEach(function (field) {
      if (!Object.prototype.hasOwnProperty.call(values, field.name)) { return; }
      if (field.type === 'radio' || field.type === 'checkbox') {
        field.checked = field.value === values[field.name];
      } else {
        field.value = values[field.name];
      }
    });
  }

  // The notice above a form's button: what happened, and what the person can do (send, or forget the values).
  function notice(form, text, offerForget) {
    var box = form.querySelector('.offline-notice');
    if (!box) {
      box = document.createElement('div');
      box.className = 'offline-notice notice-info';
      box.setAttribute('role', 'status');
      var submit = form.querySelector('button[type=submit]');
      submit.parentNode.parentNode.insertBefore(box, submit.parentNode);
    }

    box.textContent = '';
    var message = document.createElement('p');
    message.textContent = text;
    box.appendChild(message);
    if (offerForget) {
      var forget = document.createElement('button');
      forget.type = 'button';
      forget.className = 'secondary';
      forget.textContent = script.dataset.forget;
      forget.addEventListener('click', function () {
        storage.removeItem(prefix + form.dataset.offlineKey);
        form.reset();
        box.remove();
      });
      box.appendChild(forget);
    }
  }

  // What the server confirmed, or showed back with its errors, needs no copy here.
  Array.prototype.forEach.call(document.querySelectorAll('[data-offline-saved]'), function (mark) {
    storage.removeItem(prefix + mark.dataset.offlineSaved);
  });

  Array.prototype.forEach.call(document.querySelectorAll('form[data-offline-key]'), function (form) {
    var key = form.dataset.offlineKey;
    if (form.querySelector('[aria-invalid=true], .field-error')) {
      storage.removeItem(prefix + key);
    } else {
      var draft = read(key);
      if (draft && Object.keys(draft.values).length > 0) {
        restore(form, draft.values);
        notice(form, script.dataset.restored, true);
      }
    }

    form.addEventListener('submit', function (event) {
      keep(form);
      if (navigator.onLine === false) {
        event.preventDefault();
        notice(form, script.dataset.offline, true);
      }
    });
  });

  // When the connection comes back, each form kept aside says it can be sent now.
  window.addEventListener('online', function () {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-offline-key]'), function (form) {
      if (read(form.dataset.offlineKey)) { notice(form, script.dataset.online, true); }
    });
  });
})();
