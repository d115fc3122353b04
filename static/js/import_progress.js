// Poll the import's progress once a second and reload when it has finished.
(function () {
  var status = document.getElementById("import-status");
  if (!status || status.dataset.done) return;
  var timer = setInterval(function () {
    fetch(status.dataset.url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (job) {
      document.getElementById("import-bar").style.width = job.percent + "%";
      document.getElementById("import-count").textContent = job.processed;
      if (job.status === "done" || job.status === "failed") { clearInterval(timer); location.reload(); }
    });
  }, 1000);
})();
