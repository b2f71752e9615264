// "Le numérique et moi", result page: "Utiliser ma position" sorts the places nearest first from the browser's
// position. Without JavaScript or geolocation the button stays hidden and the commune field does the same.
(function () {
  'use strict';
  if (!('geolocation' in navigator)) { return; }
  document.querySelectorAll('[data-screening-position]').forEach(function (form) {
    var button = form.querySelector('[data-screening-locate]');
    var status = form.querySelector('[data-screening-status]');
    var commune = form.querySelector('input[name=commune]');
    var wrapper = form.querySelector('[data-screening-geo]');
    if (!button || !wrapper) { return; }
    wrapper.hidden = false;
    button.addEventListener('click', function () {
      if (status) { status.textContent = status.getAttribute('data-finding'); }
      navigator.geolocation.getCurrentPosition(function (position) {
        var lat = form.querySelector('[data-lat]');
        var lon = form.querySelector('[data-lon]');
        lat.value = position.coords.latitude.toFixed(5);
        lon.value = position.coords.longitude.toFixed(5);
        lat.disabled = false;
        lon.disabled = false;
        if (commune) { commune.disabled = true; }
        form.submit();
      }, function () {
        if (status) { status.textContent = status.getAttribute('data-failed'); }
        if (commune) { commune.focus(); }
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 });
    });
  });
})();
