// Page behaviour without inline script (the Content-Security-Policy allows scripts from files only):
// <form data-confirm="Question?"> asks before submitting; <select data-autosubmit> submits its form on change.
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
document.addEventListener("change", function (event) {
  if (event.target.hasAttribute && event.target.hasAttribute("data-autosubmit") && event.target.form) {
    event.target.form.submit();
  }
});
// <button data-print> prints the page (the print stylesheet keeps only the content, with the footer).
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
