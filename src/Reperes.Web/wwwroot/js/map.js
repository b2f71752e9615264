// Maps with Leaflet (installed from npm at build time). Lists and links stay the reference without JavaScript.
// On a sheet the map is loaded only when asked for, to spare the data of small phone plans.
(function () {
  'use strict';
  var fr = document.documentElement.lang !== 'en';

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

  function baseMap(element, lat, lon, zoom) {
    element.innerHTML = '';
    var map = L.map(element, { scrollWheelZoom: false }).setView([lat, lon], zoom);
    L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution }).addTo(map);
    return map;
  }

  var mini = document.getElementById('mini-map');
  if (mini) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button secondary';
    button.textContent = fr ? 'Afficher le plan' : 'Show the map';
    mini.appendChild(button);
    button.addEventListener('click', function () {
      withLeaflet(function () {
        var lat = parseFloat(mini.dataset.lat), lon = parseFloat(mini.dataset.lon);
        var map = baseMap(mini, lat, lon, 16);
        L.marker([lat, lon], { title: mini.dataset.name, alt: mini.dataset.name }).addTo(map);
        mini.focus();
      });
    });
  }

  var results = document.getElementById('results-map');
  if (results) {
    withLeaflet(function () {
      var source = results.dataset.source + (results.dataset.source.indexOf('?') < 0 ? '?' : '&') + 'pageSize=500';
      var resultsMap = baseMap(results, parseFloat(results.dataset.lat), parseFloat(results.dataset.lon), 13);
      fetch(source, { headers: { Accept: 'application/json' } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          var bounds = [];
          data.results.forEach(function (hit) {
            if (hit.latitude == null || hit.longitude == null) { return; }
            var marker = L.marker([hit.latitude, hit.longitude], { title: hit.name, alt: hit.name }).addTo(resultsMap);
            var popup = document.createElement('div');
            var link = document.createElement('a');
            link.href = hit.url;
            link.textContent = hit.name;
            var state = document.createElement('p');
            state.textContent = hit.openText;
            popup.appendChild(link);
            popup.appendChild(state);
            marker.bindPopup(popup);
            bounds.push([hit.latitude, hit.longitude]);
          });
          if (bounds.length > 0) { resultsMap.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 }); }
        });
    });
  }
})();
