// The apply page: "Or load a file" reads the chosen file into the manifest box, in the browser, so that it can be
// checked and edited before anything is sent; nothing is uploaded until Check or Apply. A file over the page's
// limit is refused here, as the server would refuse it.
(function () {
  'use strict';
  var MAX_CHARS = 1000000;
  var input = document.getElementById('manifest-file');
  var box = document.getElementById('manifest');
  if (!input || !box) {
    return;
  }
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    if (!file) {
      return;
    }
    if (file.size > MAX_CHARS * 4) {
      input.setCustomValidity('larger than the ' + MAX_CHARS + ' characters a manifest may have');
      input.reportValidity();
      return;
    }
    input.setCustomValidity('');
    var reader = new FileReader();
    reader.addEventListener('load', function () {
      box.value = reader.result;
      box.focus();
    });
    reader.readAsText(file);
  });
})();
