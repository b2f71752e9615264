// Live validation of the expert mode: the server's evaluator answers as one types (the form works without it).
(function () {
  'use strict';
  var area = document.querySelector('[data-live-hours]');
  var status = document.getElementById('live-status');
  if (!area || !status || !window.fetch) { return; }
  var fr = document.documentElement.lang !== 'en';
  var timer;
  area.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var value = area.value.trim();
      if (!value) { status.textContent = ''; return; }
      fetch('/api/v1/opening-hours/evaluate?lang=' + (fr ? 'fr' : 'en') + '&value=' + encodeURIComponent(value))
        .then(function (response) { return response.json(); })
        .then(function (result) {
          status.textContent = result.valid
            ? (fr ? 'Horaires valides. En ce moment : ' : 'Valid hours. Right now: ') + result.text
            : (fr ? 'Erreur : ' : 'Error: ') + result.error;
          area.setAttribute('aria-invalid', result.valid ? 'false' : 'true');
        })
        .catch(function () { status.textContent = ''; });
    }, 400);
  });
})();

// Hours inside another form: filling the grid or the expert field chooses it (the radio buttons work without this).
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('[data-hours-mode]'), function (part) {
    var fieldset = part.closest('[data-hours-fields]');
    var radio = fieldset && fieldset.querySelector('input[type=radio][value="' + part.getAttribute('data-hours-mode') + '"]');
    if (!radio) { return; }
    part.addEventListener('input', function () { radio.checked = true; });
  });
})();
