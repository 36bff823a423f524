/* heptaglot search: finds passages of the digests in the browser, from the split index of
   the page's language (search/<lang>/index.json and the files it names; the layout is
   described in src/site/search.rs). No dependencies; it fetches the manifest, then only the
   postings files the query's terms need and the passage tables of the results shown, each
   file once.

   Tokenizing must stay identical to src/site/search.rs (fold, segments, index_tokens,
   query_terms), and so must the choice of files (shard_of, files_for) and the ranking
   (SplitIndex::search). tests/fixtures/search-tokens.json holds input/token vectors that
   the Rust unit tests check; a browser or Node test can check this file against the same
   vectors: in Node, require() this file to get { fold, indexTokens, queryTerms, search }
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

  // The bucket of a remainder shard holding the terms whose next character is next.
  function bucket(next, buckets) {
    return next === undefined || buckets <= 1 ? 0 : next.codePointAt(0) % buckets;
  }

  // Hexadecimal UTF-8 of a shard prefix: the postings file's name.
  function shardPath(prefix, b) {
    let hex = "";
    for (const byte of new TextEncoder().encode(prefix)) hex += byte.toString(16).padStart(2, "0");
    return "t/" + hex + "_" + b + ".json";
  }

  // The postings files a query term needs: the shard of the longest shard prefix the term
  // starts with; for a prefix also every shard whose prefix starts with the term.
  function filesFor(manifest, keys, t) {
    const chars = Array.from(t.term);
    let end = chars.length;
    while (end >= 0 && !Object.hasOwn(manifest.shards, chars.slice(0, end).join(""))) end--;
    if (end < 0) return [];
    const prefix = chars.slice(0, end).join("");
    const own = shardPath(prefix, bucket(chars[end], manifest.shards[prefix]));
    if (!t.prefix) return [own];
    const files = end < chars.length ? [own] : [];
    for (const key of keys) {
      if (key.startsWith(t.term)) {
        for (let b = 0; b < manifest.shards[key]; b++) files.push(shardPath(key, b));
      }
    }
    return files;
  }

  // Passage keys having every term, one per page (its best passage): those with more terms
  // in a title or heading first, then newest page first and in page order. shards maps a
  // file to its Map of postings.
  function search(manifest, keys, shards, query) {
    let hits = null;
    for (const t of queryTerms(query)) {
      const found = new Map();
      for (const file of filesFor(manifest, keys, t)) {
        for (const [token, postings] of shards.get(file)) {
          if (t.prefix ? !token.startsWith(t.term) : token !== t.term) continue;
          for (const p of postings) {
            const key = Math.floor(p / 2);
            found.set(key, (found.get(key) || 0) | p % 2);
          }
        }
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
    const span = 2 ** manifest.bits;
    const page = (key) => Math.floor(key / span);
    const pages = new Set();
    return Array.from(hits)
      .sort((a, b) => b[1] - a[1] || page(b[0]) - page(a[0]) || (a[0] % span) - (b[0] % span))
      .map((hit) => hit[0])
      .filter((key) => !pages.has(page(key)) && pages.add(page(key)));
  }

  // text cut into pieces, [string, matched], where the words (or Han characters) the query's
  // terms find are matched: as the index sees them (folded, Arabic stems, a prefix last).
  function highlight(text, terms) {
    const pieces = [];
    let at = 0;
    const piece = (end, matched) => {
      if (end <= at) return;
      const last = pieces[pieces.length - 1];
      if (last && last[1] === matched) last[0] += text.slice(at, end);
      else pieces.push([text.slice(at, end), matched]);
      at = end;
    };
    const finds = (token) =>
      terms.some((t) => (t.prefix ? token.startsWith(t.term) : token === t.term));
    // Runs of letters, numbers and marks, split where Han characters start or stop (as
    // segments() does).
    for (const run of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
      for (const part of run[0].matchAll(/\p{Script=Han}+|\P{Script=Han}+/gu)) {
        const start = run.index + part.index;
        piece(start, false);
        if (HAN.test(part[0])) {
          // A character matched alone or in a bigram.
          const chars = Array.from(part[0]);
          const hit = chars.map(() => false);
          chars.forEach((c, i) => {
            if (finds(fold(c))) hit[i] = true;
            if (i + 1 < chars.length && finds(fold(c + chars[i + 1]))) hit[i] = hit[i + 1] = true;
          });
          let offset = start;
          chars.forEach((c, i) => {
            offset += c.length;
            piece(offset, hit[i]);
          });
        } else {
          const word = fold(part[0]);
          const stem = arabicStem(word);
          piece(start + part[0].length, finds(word) || (stem !== null && finds(stem)));
        }
      }
    }
    piece(text.length, false);
    return pieces;
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

    // Results are shown a batch at a time; the next batch when the end of the list
    // comes into view, so a query fetches the passage tables of what is shown only.
    const BATCH = 10;
    const base = new URL(data.index, window.location.href);
    const files = new Map();
    const load = (path) => {
      if (!files.has(path)) {
        files.set(
          path,
          fetch(new URL(path, base)).then((response) => {
            if (!response.ok) throw new Error(String(response.status));
            return response.json();
          }),
        );
      }
      return files.get(path);
    };
    let manifest = null;
    let keys = [];
    const shards = new Map();
    let generation = 0;
    let more = null;
    const observer =
      typeof IntersectionObserver === "function"
        ? new IntersectionObserver((seen) => {
            if (more && seen.some((entry) => entry.isIntersecting)) more();
          })
        : null;

    const passage = (key) => {
      const span = 2 ** manifest.bits;
      const page = Math.floor(key / span);
      return load("d/" + Math.floor(page / manifest.chunk) + ".json").then((chunk) => {
        const [url, title, passages] = chunk[page % manifest.chunk];
        const [anchor, section, snippet] = passages[key % span];
        return { url, anchor, title, section, snippet };
      });
    };
    // An element whose text is text with the words the query finds in <mark>; only text
    // nodes are made, so nothing in the index can become markup.
    const marked = (tag, className, text, terms) => {
      const node = element(tag, className);
      for (const [part, matched] of highlight(text, terms)) {
        node.append(matched ? element("mark", "", part) : document.createTextNode(part));
      }
      return node;
    };
    const render = ({ url, anchor, title, section, snippet }, terms) => {
      const item = element("li", "search-result");
      const link = element("a", "search-result-link");
      link.href = data.root + url + (anchor ? "#" + anchor : "");
      link.append(marked("span", "search-result-title", title, terms));
      if (section) link.append(marked("span", "search-result-section", section, terms));
      item.append(link);
      if (snippet) item.append(marked("p", "search-result-snippet", snippet, terms));
      return item;
    };
    const fail = (current) => {
      if (current === generation) status.textContent = data.error;
    };
    const show = () => {
      const current = ++generation;
      more = null;
      if (observer) observer.disconnect();
      list.replaceChildren();
      if (!manifest) return;
      const query = input.value;
      if (!query.trim()) {
        status.textContent = "";
        return;
      }
      const needed = new Set();
      for (const t of queryTerms(query)) for (const f of filesFor(manifest, keys, t)) needed.add(f);
      const missing = Array.from(needed).filter((f) => !shards.has(f));
      Promise.all(
        missing.map((f) =>
          load(f).then((json) => {
            shards.set(f, new Map(Object.entries(json).map(([term, deltas]) => {
              let sum = 0;
              return [term, deltas.map((d) => (sum += d))];
            })));
          }),
        ),
      )
        .then(() => {
          if (current !== generation) return;
          const found = search(manifest, keys, shards, query);
          const terms = queryTerms(query);
          status.textContent = found.length ? count(found.length) : data.noResults;
          let shown = 0;
          let busy = false;
          more = () => {
            if (busy || shown >= found.length) return;
            busy = true;
            const batch = found.slice(shown, shown + BATCH);
            shown += batch.length;
            Promise.all(batch.map(passage))
              .then((results) => {
                if (current !== generation) return;
                list.append(...results.map((result) => render(result, terms)));
                busy = false;
                if (shown < found.length) {
                  if (observer) {
                    observer.disconnect();
                    observer.observe(list.lastElementChild);
                  } else {
                    more();
                  }
                }
              })
              .catch(() => fail(current));
          };
          more();
        })
        .catch(() => fail(current));
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
    // Opened from disk: browsers refuse to let the page load its index; say why, plainly,
    // instead of an error that suggests trying again later.
    if (window.location.protocol === "file:") {
      status.textContent = data.needsServer + " ";
      const link = element("a", "", data.allDigestsLabel);
      link.href = data.allDigests;
      status.append(link);
      return;
    }
    status.textContent = data.loading;
    load("index.json")
      .then((json) => {
        manifest = json;
        keys = Object.keys(json.shards).sort();
        status.textContent = "";
        show();
      })
      .catch(() => {
        status.textContent = data.error;
      });
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { fold, indexTokens, queryTerms, search, highlight };
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
