// "Écouter": without this file the button is a link to the page's audio (Ogg Opus, made on the server). With it, the
// browser's own voice reads the page's text when it has one for the page's language (no download); otherwise the
// same audio plays here. A second touch stops the reading.
(function () {
  'use strict';

  var lang = (document.documentElement.lang || 'fr').toLowerCase();
  var synthesis = window.speechSynthesis;

  function voiceFor(code) {
    if (!synthesis) { return null; }
    var voices = synthesis.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().split(/[-_]/)[0] === code) { return voices[i]; }
    }
    return null;
  }

  // Voices load late in some browsers: asking once early makes them ready for the first touch.
  if (synthesis) { synthesis.getVoices(); }

  document.querySelectorAll('a[data-listen]').forEach(function (link) {
    var label = link.querySelector('span');
    var listenText = label.textContent;
    var audio = null;
    var playing = false;

    function stopped() {
      playing = false;
      label.textContent = listenText;
      link.removeAttribute('aria-pressed');
    }

    function started() {
      playing = true;
      label.textContent = link.getAttribute('data-stop');
      link.setAttribute('aria-pressed', 'true');
    }

    function speak(parts) {
      synthesis.cancel();
      parts.forEach(function (part, index) {
        var utterance = new SpeechSynthesisUtterance(part.text);
        utterance.lang = part.lang;
        var voice = voiceFor(part.lang);
        if (voice) { utterance.voice = voice; }
        if (index === parts.length - 1) { utterance.onend = stopped; utterance.onerror = stopped; }
        synthesis.speak(utterance);
      });
    }

    link.addEventListener('click', function (event) {
      event.preventDefault();
      if (playing) {
        if (audio) { audio.pause(); audio.currentTime = 0; }
        if (synthesis) { synthesis.cancel(); }
        stopped();
        return;
      }

      started();
      if (voiceFor(lang)) {
        fetch(link.getAttribute('data-text-url'), { headers: { Accept: 'application/json' } })
          .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
          .then(function (script) { speak(script.parts); })
          .catch(stopped);
        return;
      }

      audio = audio || new Audio(link.getAttribute('href'));
      audio.onended = stopped;
      var play = audio.play();
      if (play && play.catch) {
        // A browser that cannot play Ogg Opus here opens the file instead, as without JavaScript.
        play.catch(function () { stopped(); window.location.href = link.getAttribute('href'); });
      }
    });
  });
})();
