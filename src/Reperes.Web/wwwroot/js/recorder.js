// Records a sound in the browser where it can (MediaRecorder), and puts it in the upload form's file field:
// the form is then sent as if the person had chosen a file. Without JavaScript or a microphone, the field remains.
(function () {
  'use strict';
  var script = document.currentScript;
  var box = document.querySelector('.recorder');
  var input = document.getElementById('upload');
  if (!box || !input || !window.MediaRecorder || !navigator.mediaDevices || typeof DataTransfer === 'undefined') { return; }
  var button = box.querySelector('[data-record]');
  var status = box.querySelector('[data-record-status]');
  var label = button.textContent;
  var recorder = null;
  box.hidden = false;
  button.addEventListener('click', function () {
    if (recorder && recorder.state === 'recording') { recorder.stop(); return; }
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      var chunks = [];
      recorder = new MediaRecorder(stream);
      recorder.ondataavailable = function (e) { if (e.data.size > 0) { chunks.push(e.data); } };
      recorder.onstop = function () {
        stream.getTracks().forEach(function (t) { t.stop(); });
        var type = recorder.mimeType || 'audio/webm';
        var extension = type.indexOf('ogg') >= 0 ? '.ogg' : type.indexOf('mp4') >= 0 ? '.m4a' : '.webm';
        var file = new File(chunks, 'enregistrement' + extension, { type: type });
        var transfer = new DataTransfer();
        transfer.items.add(file);
        input.files = transfer.files;
        button.textContent = label;
        status.textContent = script.dataset.recorded;
      };
      recorder.start();
      button.textContent = script.dataset.stop;
      status.textContent = script.dataset.recording;
    }, function () { status.textContent = script.dataset.denied; });
  });
})();
