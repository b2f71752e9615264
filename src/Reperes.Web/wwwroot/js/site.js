// Progressive enhancements only: every page works without this file.
(function () {
  'use strict';

  // Print buttons: shown only when printing can be triggered.
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });

  // Copy buttons (the orientation slip's link and SMS text): shown only where the clipboard can be written; the field
  // stays selectable by hand otherwise.
  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll('[data-copy]').forEach(function (button) {
      var field = document.getElementById(button.getAttribute('data-copy'));
      var status = document.getElementById(button.getAttribute('data-copy') + '-copie');
      if (!field) { return; }
      button.hidden = false;
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(field.value).then(function () {
          if (status) { status.textContent = status.getAttribute('data-done'); }
        });
      });
    });
  }

  // Taps on a place's call, directions, website and e-mail links are counted, anonymously (the kind of tap and the
  // place, nothing about the person): a beacon that never delays the link. Without JavaScript the link works the same.
  if (navigator.sendBeacon) {
    document.addEventListener('click', function (event) {
      var link = event.target.closest ? event.target.closest('a[data-usage][data-structure]') : null;
      if (!link) { return; }
      navigator.sendBeacon('/usage/tap?kind=' + encodeURIComponent(link.getAttribute('data-usage')) +
        '&structure=' + encodeURIComponent(link.getAttribute('data-structure')));
    });
  }

  // A need's categories scroll sideways on a phone: bring the chosen one into view.
  var chosen = document.querySelector('.chips-row [aria-current]');
  if (chosen && chosen.scrollIntoView) { chosen.scrollIntoView({ block: 'nearest', inline: 'center' }); }

  // Without geolocation, "Près de moi" simply opens /pres-de-moi, which asks for a commune.
  if (!('geolocation' in navigator)) { return; }

  // Asks the browser for the position; onFailure receives 'refusee' (the person said no) or 'indisponible'.
  function locate(onSuccess, onFailure) {
    navigator.geolocation.getCurrentPosition(function (position) {
      onSuccess(position.coords.latitude.toFixed(5), position.coords.longitude.toFixed(5));
    }, function (error) {
      onFailure(error && error.code === 1 ? 'refusee' : 'indisponible');
    }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 });
  }

  // "Près de moi" on the home page: results nearest first; when the position is refused or not found, the page that
  // says so and asks for a commune (never nothing).
  document.querySelectorAll('[data-near-me]').forEach(function (link) {
    var status = document.querySelector('[data-near-me-status]');
    link.addEventListener('click', function (event) {
      event.preventDefault();
      if (status) { status.textContent = status.getAttribute('data-finding'); }
      locate(function (lat, lon) {
        window.location.href = '/recherche?sort=distance&lat=' + lat + '&lon=' + lon;
      }, function (reason) {
        window.location.href = link.getAttribute('href') + (link.getAttribute('href').indexOf('?') < 0 ? '?' : '&') + 'position=' + reason;
      });
    });
  });

  // "Utiliser ma position" in the filters and on /pres-de-moi: on failure, say why and put the cursor in the commune field.
  document.querySelectorAll('[data-geo-control]').forEach(function (control) {
    control.hidden = false;
    var form = control.closest('form');
    var status = control.querySelector('[data-geo-status]');
    control.querySelector('[data-locate]').addEventListener('click', function () {
      status.textContent = status.getAttribute('data-finding');
      locate(function (lat, lon) {
        ['lat', 'lon'].forEach(function (name) {
          var input = form.querySelector('[data-geo="' + name + '"]');
          input.disabled = false;
          input.value = name === 'lat' ? lat : lon;
        });
        var sort = form.querySelector('[name="sort"]');
        if (sort) { sort.value = 'distance'; }
        var commune = form.querySelector('[name="commune"]');
        if (commune) { commune.value = ''; commune.required = false; }
        form.submit();
      }, function (reason) {
        status.textContent = status.getAttribute(reason === 'refusee' ? 'data-refused' : 'data-unavailable');
        var commune = form.querySelector('[name="commune"]');
        if (commune) { commune.focus(); }
      });
    });
  });
})();
