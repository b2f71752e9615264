// Progressive enhancements only: every page works without this file.
(function () {
  'use strict';
  var fr = document.documentElement.lang !== 'en';

  // Print buttons: shown only when printing can be triggered.
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });

  if (!('geolocation' in navigator)) { return; }

  function locate(onSuccess, status) {
    if (status) { status.textContent = fr ? 'Recherche de votre position…' : 'Finding your position…'; }
    navigator.geolocation.getCurrentPosition(function (position) {
      onSuccess(position.coords.latitude.toFixed(5), position.coords.longitude.toFixed(5));
    }, function () {
      if (status) { status.textContent = fr ? 'Position indisponible : indiquez une commune.' : 'Position unavailable: enter a town.'; }
    }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 });
  }

  // "Près de moi" on the home page: search sorted by distance from the person's position.
  document.querySelectorAll('[data-near-me]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      locate(function (lat, lon) {
        window.location.href = '/recherche?sort=distance&lat=' + lat + '&lon=' + lon;
      }, null);
    });
  });

  // "Utiliser ma position" in the filters.
  document.querySelectorAll('[data-geo-control]').forEach(function (control) {
    control.hidden = false;
    var form = control.closest('form');
    var status = control.querySelector('[data-geo-status]');
    control.querySelector('[data-locate]').addEventListener('click', function () {
      locate(function (lat, lon) {
        form.querySelector('[data-geo="lat"]').value = lat;
        form.querySelector('[data-geo="lon"]').value = lon;
        var sort = form.querySelector('[name="sort"]');
        if (sort) { sort.value = 'distance'; }
        var commune = form.querySelector('[name="commune"]');
        if (commune) { commune.value = ''; }
        form.submit();
      }, status);
    });
  });
})();
