/* heptaglot search: finds passages of the digests in the browser, from the index of the
   page's language (search/<lang>.json; its format is described in src/site/search.rs).
   No dependencies, and no request but that one file.

   Tokenizing must stay identical to src/site/search.rs (fold, segments, index_tokens,
   query_terms). tests/fixtures/search-tokens.json holds input/token vectors that the Rust
   unit tests check; a browser or Node test can check this file against the same vectors:
   in Node, require() this file to get { fold, indexTokens, queryTerms, search }
   (query terms are written "term*" in the fixture when they match as a prefix).

   Everything shown is set with textContent: digests are user text, never parsed as HTML.
   The page's strings come from its data-* attributes (Fluent, one results message per
   CLDR plural category), so this file holds no text of its own. */
(function () {
  "use strict";

  const HAN = /^\p{Script=Han}/u;
  const LETTERS = { "\u0671": "\u0627", "\u0649": "\u064A", "\u0629": "\u0647", "\u03C2": "\u03C3" };
  // Arabic articles and the conjunctions and prepositions fused with them, longest first.
  const ARTICLES = ["\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0641\u0627\u0644", "\u0644\u0644", "\u0627\u0644"];

  // NFKD, lowercase, no nonspacing/enclosing marks or tatweel; ٱ→ا ى→ي ة→ه ς→σ; ASCII digits.
  function fold(text) {
    return text
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[\p{Mn}\p{Me}\u0640]/gu, "")
      .replace(/[\u0671\u0649\u0629\u03C2]/g, (c) => LETTERS[c])
      .replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (c) => {
        const code = c.charCodeAt(0);
        return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660));
      });
  }

  // Runs of letters, numbers and marks, split where Han characters start or stop.
  function segments(text) {
    const out = [];
    for (const run of fold(text).match(/[\p{L}\p{N}\p{M}]+/gu) || []) {
      for (const part of run.match(/\p{Script=Han}+|\P{Script=Han}+/gu)) {
        out.push(HAN.test(part) ? { han: Array.from(part) } : { word: part });
      }
    }
    return out;
  }

  // A word without its Arabic article, when at least two letters remain.
  function arabicStem(word) {
    const article = ARTICLES.find((a) => word.startsWith(a));
    if (!article) return null;
    const rest = word.slice(article.length);
    return Array.from(rest).length >= 2 ? rest : null;
  }

  // The tokens the index holds for text: Han characters and their bigrams, words and stems.
  function indexTokens(text) {
    const tokens = [];
    for (const s of segments(text)) {
      if (s.han) {
        s.han.forEach((c, i) => {
          tokens.push(c);
          if (i + 1 < s.han.length) tokens.push(c + s.han[i + 1]);
        });
      } else {
        tokens.push(s.word);
        const stem = arabicStem(s.word);
        if (stem) tokens.push(stem);
      }
    }
    return tokens;
  }

  // The terms of a query, without repeats; the last is a prefix unless it is Han.
  function queryTerms(query) {
    const segs = segments(query);
    const terms = [];
    const push = (term, prefix) => {
      if (!terms.some((t) => t.term === term && t.prefix === prefix)) terms.push({ term, prefix });
    };
    segs.forEach((s, i) => {
      if (s.han && s.han.length === 1) {
        push(s.han[0], false);
      } else if (s.han) {
        for (let j = 0; j + 1 < s.han.length; j++) push(s.han[j] + s.han[j + 1], false);
      } else {
        push(arabicStem(s.word) || s.word, i === segs.length - 1);
      }
    });
    return terms;
  }

  // First position in sorted keys not before value.
  function lowerBound(keys, value) {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // Passages having every term, those with more terms in a title or heading first, then
  // in index order. index.terms is a Map, keys its keys sorted.
  function search(index, keys, query) {
    let hits = null;
    for (const t of queryTerms(query)) {
      const found = new Map();
      const add = (postings) => {
        for (const p of postings) found.set(p >> 1, (found.get(p >> 1) || 0) | (p & 1));
      };
      if (t.prefix) {
        for (let i = lowerBound(keys, t.term); i < keys.length && keys[i].startsWith(t.term); i++) {
          add(index.terms.get(keys[i]));
        }
      } else if (index.terms.has(t.term)) {
        add(index.terms.get(t.term));
      }
      if (hits === null) {
        hits = found;
      } else {
        const both = new Map();
        for (const [doc, score] of hits) if (found.has(doc)) both.set(doc, score + found.get(doc));
        hits = both;
      }
    }
    if (hits === null) return [];
    return Array.from(hits)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map((hit) => hit[0]);
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function start() {
    const out = document.getElementById("search");
    const input = document.getElementById("search-q");
    if (!out || !input) return;
    const data = out.dataset;
    const status = element("p", "search-status");
    status.setAttribute("role", "status");
    const list = element("ol", "search-results");
    out.append(status, list);

    const plural = new Intl.PluralRules(data.lang);
    let number;
    try {
      number = new Intl.NumberFormat(data.numberLocale);
    } catch (e) {
      number = new Intl.NumberFormat(data.lang);
    }
    const count = (n) => {
      const category = plural.select(n);
      const key = "results" + category.charAt(0).toUpperCase() + category.slice(1);
      const message = data[key] || data.resultsOther || "{count}";
      return message.replace("{count}", () => number.format(n));
    };

    let index = null;
    let keys = [];
    const show = () => {
      list.replaceChildren();
      if (!index) return;
      const query = input.value;
      if (!query.trim()) {
        status.textContent = "";
        return;
      }
      const found = search(index, keys, query);
      status.textContent = found.length ? count(found.length) : data.noResults;
      for (const id of found) {
        const [page, anchor, section, snippet] = index.docs[id];
        const [url, title] = index.pages[page];
        const item = element("li", "search-result");
        const link = element("a", "search-result-link");
        link.href = data.root + url + (anchor ? "#" + anchor : "");
        link.append(element("span", "search-result-title", title));
        if (section) link.append(element("span", "search-result-section", section));
        item.append(link);
        if (snippet) item.append(element("p", "search-result-snippet", snippet));
        list.append(item);
      }
    };
    // Keep ?q= in the address so a search can be bookmarked or shared.
    const remember = () => {
      try {
        const url = new URL(window.location.href);
        if (input.value) url.searchParams.set("q", input.value);
        else url.searchParams.delete("q");
        window.history.replaceState(null, "", url);
      } catch (e) {
        // Some browsers refuse for file: pages; the search still works.
      }
    };

    input.value = new URLSearchParams(window.location.search).get("q") || "";
    input.addEventListener("input", () => {
      show();
      remember();
    });
    if (input.form) {
      input.form.addEventListener("submit", (event) => {
        event.preventDefault();
        show();
        remember();
      });
    }
    status.textContent = data.loading;
    fetch(data.index)
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then((json) => {
        index = { pages: json.pages, docs: json.docs, terms: new Map(Object.entries(json.terms)) };
        keys = Array.from(index.terms.keys()).sort();
        status.textContent = "";
        show();
      })
      .catch(() => {
        status.textContent = data.error;
      });
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { fold, indexTokens, queryTerms, search };
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
