// The hours editor's enhancements; every form works without this file.
(function () {
  'use strict';
  var fr = document.documentElement.lang !== 'en';

  // Live validation of the expert field: the server's evaluator answers as one types.
  Array.prototype.forEach.call(document.querySelectorAll('[data-live-hours]'), function (area) {
    var status = document.getElementById(area.getAttribute('aria-describedby'));
    if (!status || !window.fetch) { return; }
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
              : result.proposal
                ? (fr ? 'Compris comme : ' : 'Understood as: ') + result.proposal + (fr ? ' (enregistrez pour voir la proposition dans le champ)' : ' (save to get it in the field)')
                : (fr ? 'Erreur : ' : 'Error: ') + result.error;
            area.setAttribute('aria-invalid', result.valid ? 'false' : 'true');
          })
          .catch(function () { status.textContent = ''; });
      }, 400);
    });
  });

  // Hours inside another form: filling the grid or the expert field chooses it (the radio buttons work without this).
  Array.prototype.forEach.call(document.querySelectorAll('[data-hours-mode]'), function (part) {
    var fieldset = part.closest('[data-hours-fields]');
    var radio = fieldset && fieldset.querySelector('input[type=radio][value="' + part.getAttribute('data-hours-mode') + '"]');
    if (!radio) { return; }
    part.addEventListener('input', function () { radio.checked = true; });
  });

  // "Recopier les horaires du lundi du mardi au vendredi": most places open the same hours every weekday.
  Array.prototype.forEach.call(document.querySelectorAll('[data-grid-copy]'), function (block) {
    var container = block.parentElement;
    var days = container.querySelectorAll('.grid-day');
    if (days.length !== 7) { return; }
    block.hidden = false;
    var status = document.createElement('span');
    status.setAttribute('role', 'status');
    status.className = 'meta';
    block.appendChild(status);
    block.querySelector('button').addEventListener('click', function () {
      var monday = days[0].querySelectorAll('input[type=time]');
      for (var d = 1; d < 5; d++) {
        var inputs = days[d].querySelectorAll('input[type=time]');
        for (var i = 0; i < inputs.length; i++) { inputs[i].value = monday[i] ? monday[i].value : ''; }
      }
      var radio = container.closest('[data-hours-fields]');
      radio = radio && radio.querySelector('input[type=radio][value="grid"]');
      if (radio) { radio.checked = true; }
      status.textContent = fr ? ' Les horaires du lundi sont recopiés du mardi au vendredi.' : ' Monday\'s hours are copied to Tuesday to Friday.';
    });
  });
})();
