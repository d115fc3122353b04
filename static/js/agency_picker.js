// <input data-agency-picker data-lookup-url=…>: as the officer types a code or a name, the agencies in their
// scope that match fill the input's <datalist> (at most 20, asked of the server; nothing is loaded up front).
(function () {
  var pending = null;
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.hasAttribute || !input.hasAttribute("data-agency-picker")) return;
    var typed = input.value.trim();
    var list = input.list;
    if (!list || typed.length < 1 || /^\d+ \S/.test(typed)) return;
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(input.getAttribute("data-lookup-url") + "?q=" + encodeURIComponent(typed), {
      credentials: "same-origin",
      signal: pending.signal,
      headers: { Accept: "application/json" },
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) {
        list.replaceChildren();
        data.results.forEach(function (agency) {
          var option = document.createElement("option");
          option.value = agency.label;
          list.appendChild(option);
        });
      })
      .catch(function () {});
  });
})();
