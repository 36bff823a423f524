// The root page's language choice: the language the browser prefers moves to the top of the
// list and is marked, so most readers find theirs first. No redirect: search engines and
// readers who came here on purpose see every language, and the page works without this.
(function () {
  "use strict";
  var list = document.querySelector(".language-choice");
  if (!list) {
    return;
  }
  var items = Array.prototype.slice.call(list.querySelectorAll("li[lang]"));
  var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  function primary(tag) {
    return tag.toLowerCase().split("-")[0];
  }
  var chosen = null;
  for (var i = 0; i < wanted.length && !chosen; i++) {
    var tag = String(wanted[i]).toLowerCase();
    // An exact tag first (zh-hans), then the primary language (zh-CN → zh-Hans, fr-CA → fr).
    chosen = items.filter(function (li) { return li.lang.toLowerCase() === tag; })[0] ||
      items.filter(function (li) { return primary(li.lang) === primary(tag); })[0] || null;
  }
  if (chosen) {
    chosen.classList.add("suggested");
    list.insertBefore(chosen, list.firstChild);
  }
})();
