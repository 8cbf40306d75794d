// The gallery's one enhancement: drop an image file onto the upload form to choose it (the plain file input works without this).
document.addEventListener('DOMContentLoaded', function () {
  var form = document.getElementById('upload-form');
  var input = document.getElementById('file');
  if (!form || !input) {
    return;
  }
  ['dragenter', 'dragover'].forEach(function (type) {
    form.addEventListener(type, function (event) {
      event.preventDefault();
      form.classList.add('dragging');
    });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    form.addEventListener(type, function () {
      form.classList.remove('dragging');
    });
  });
  form.addEventListener('drop', function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length > 0) {
      input.files = event.dataTransfer.files;
      input.focus();
    }
  });
});
