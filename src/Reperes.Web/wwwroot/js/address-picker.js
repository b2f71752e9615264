// The address of a sheet: suggestions of communes while typing, and a pin on a small map (Leaflet, installed from
// npm at build time) for the position. Without this script the form still works: the server keeps the position
// while the address does not change, else puts it at the commune's centre (or where the geocoder puts the street).
(function () {
  'use strict';
  var fieldset = document.querySelector('[data-address-picker]');
  if (!fieldset) { return; }
  var form = fieldset.form || fieldset.closest('form');
  var field = function (name) { return form.querySelector('[name="Input.' + name + '"]'); };
  var communeInput = fieldset.querySelector('#commune');
  var list = fieldset.querySelector('#commune-suggestions');
  var status = fieldset.querySelector('#position-status');
  var mapElement = fieldset.querySelector('#address-map');
  var latitude = field('Latitude'), longitude = field('Longitude'), moved = field('PinMoved');
  var suggestions = [];
  var marker = null, map = null;

  function say(text) { if (text) { status.textContent = text; } }

  function setPin(lat, lon, byPerson) {
    if (marker) { marker.setLatLng([lat, lon]); }
    latitude.value = lat.toFixed(6);
    longitude.value = lon.toFixed(6);
    if (byPerson) { moved.value = '1'; }
  }

  function withLeaflet(callback) {
    if (typeof L !== 'undefined') { callback(); return; }
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = '/lib/leaflet/leaflet.css';
    document.head.appendChild(css);
    var script = document.createElement('script');
    script.src = '/lib/leaflet/leaflet.js';
    script.onload = callback;
    document.head.appendChild(script);
  }

  // The map, with a pin that a tap, a drag or the arrow keys move.
  mapElement.hidden = false;
  withLeaflet(function () {
    var lat = parseFloat(mapElement.dataset.lat), lon = parseFloat(mapElement.dataset.lon);
    map = L.map(mapElement, { scrollWheelZoom: false }).setView([lat, lon], parseInt(mapElement.dataset.zoom, 10) || 14);
    L.tileLayer(mapElement.dataset.tiles, { maxZoom: 19, attribution: mapElement.dataset.attribution }).addTo(map);
    marker = L.marker([lat, lon], { draggable: true, keyboard: true, title: fieldset.dataset.pin, alt: fieldset.dataset.pin }).addTo(map);
    marker.on('dragend', function () {
      var position = marker.getLatLng();
      setPin(position.lat, position.lng, true);
      say(fieldset.dataset.moved);
    });
    map.on('click', function (event) {
      setPin(event.latlng.lat, event.latlng.lng, true);
      say(fieldset.dataset.moved);
    });
    var icon = marker.getElement();
    if (icon) {
      icon.setAttribute('role', 'button');
      icon.setAttribute('aria-label', fieldset.dataset.pinKeys);
      icon.addEventListener('keydown', function (event) {
        var step = 0.0001 * (event.shiftKey ? 10 : 1);
        var delta = { ArrowUp: [step, 0], ArrowDown: [-step, 0], ArrowLeft: [0, -step], ArrowRight: [0, step] }[event.key];
        if (!delta) { return; }
        event.preventDefault();
        var position = marker.getLatLng();
        setPin(position.lat + delta[0], position.lng + delta[1], true);
        map.panTo(marker.getLatLng());
        say(fieldset.dataset.moved);
      });
    }
  });

  // Suggestions of communes (name or postal code), from the national list.
  var timer = null;
  communeInput.addEventListener('input', function () {
    var chosen = pick(communeInput.value);
    if (chosen) { choose(chosen); return; }
    clearTimeout(timer);
    var text = communeInput.value.trim();
    if (text.length < 2) { return; }
    timer = setTimeout(function () {
      fetch(fieldset.dataset.suggest + '?q=' + encodeURIComponent(text), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (found) {
          suggestions = found;
          list.innerHTML = '';
          found.forEach(function (s) {
            var option = document.createElement('option');
            option.value = s.label;
            list.appendChild(option);
          });
        })
        .catch(function () { /* the server reads the commune when the form is sent */ });
    }, 200);
  });
  communeInput.addEventListener('change', function () {
    var chosen = pick(communeInput.value);
    if (chosen) { choose(chosen); }
  });

  function pick(value) {
    for (var i = 0; i < suggestions.length; i++) {
      if (suggestions[i].label === value) { return suggestions[i]; }
    }
    return null;
  }

  function choose(s) {
    // The commune picked replaces any choice the page offered for the text typed before.
    fieldset.querySelectorAll('.commune-choice').forEach(function (choice) { choice.remove(); });
    var postal = field('PostalCode');
    if (postal && postal.tagName === 'SELECT') {
      postal.closest('p').remove();
      postal = null;
    }
    ensureHidden('CommuneCode').value = s.code;
    ensureHidden('PostalCode').value = s.postalCode;
    var found = fieldset.querySelector('#commune-found');
    if (!found) {
      found = document.createElement('p');
      found.className = 'meta';
      found.id = 'commune-found';
      communeInput.closest('p').insertAdjacentElement('afterend', found);
    }
    found.textContent = fieldset.dataset.chosen.replace('{0}', s.name).replace('{1}', s.postalCode || '—').replace('{2}', s.addressCode);
    if (moved.value !== '1' && s.latitude != null && s.longitude != null) {
      setPin(s.latitude, s.longitude, false);
      if (map) { map.setView([s.latitude, s.longitude], 14); }
      say(fieldset.dataset.centre);
    }
  }

  function ensureHidden(name) {
    var input = field(name);
    if (input && input.type === 'hidden') { return input; }
    input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'Input.' + name;
    fieldset.appendChild(input);
    return input;
  }

  // Placing the pin from the street, when the site has a geocoder.
  if (fieldset.dataset.locate) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button secondary';
    button.textContent = fieldset.dataset.locateLabel;
    mapElement.insertAdjacentElement('afterend', button);
    button.addEventListener('click', function () {
      var street = field('Street').value.trim();
      var code = field('CommuneCode') ? field('CommuneCode').value : '';
      if (!street || !code) { say(fieldset.dataset.notFound); return; }
      var url = fieldset.dataset.locate + '?rue=' + encodeURIComponent(street) + '&commune=' + encodeURIComponent(code) + '&cp=' + encodeURIComponent(field('PostalCode') ? field('PostalCode').value : '');
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (position) {
          if (!position) { say(fieldset.dataset.notFound); return; }
          setPin(position.latitude, position.longitude, true);
          if (map) { map.setView([position.latitude, position.longitude], 17); }
          say(fieldset.dataset.located);
        })
        .catch(function () { say(fieldset.dataset.notFound); });
    });
  }
})();
