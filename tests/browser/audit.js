/* Accessibility audit of the page in the browser, run by tests/browser.rs through
   WebDriver ("execute script": this file, then `return heptaglotAudit();`).

   It returns a list of violations, each "check: selector: detail". The checks are a small,
   strict subset of WCAG 2.1 AA that every page of the site can be held to:
   - lang: <html lang> is set, every lang attribute is a well-formed tag, every dir is
     ltr, rtl or auto;
   - duplicate-id: ids are unique (labels and aria-labelledby rely on them);
   - heading-one, heading-order, heading-empty: exactly one h1, levels never skip going
     down (h2 then h4), no empty heading;
   - landmark-main, landmark-banner, landmark-contentinfo: exactly one of each;
     landmark-name: every nav has an accessible name; landmark-unique: landmarks of one
     role have distinct names; region: all visible text is inside a landmark (the skip link
     aside);
   - img-alt, link-name, button-name, label: images have alt, links and buttons have an
     accessible name, form controls a label (a placeholder is not one);
   - contrast: each visible text's colour against its effective background (the first
     opaque background-color among its ancestors, with translucent ones blended in) is at
     least 4.5:1, or 3:1 for large text (24px, or 18.66px bold);
   - focusable-zero-size: nothing a keyboard can reach has no size, but the skip link
     (which is moved into view when focused; the test checks that separately). */
function heptaglotAudit() {
  "use strict";
  const violations = [];
  const report = (check, node, detail) =>
    violations.push(check + ": " + selector(node) + (detail ? ": " + detail : ""));

  // A short CSS path naming node, for the report.
  function selector(node) {
    if (!node || node.nodeType !== 1) return "document";
    const parts = [];
    for (let el = node; el && el.nodeType === 1 && parts.length < 4; el = el.parentElement) {
      if (el.id) {
        parts.unshift(el.localName + "#" + el.id);
        break;
      }
      let part = el.localName + Array.from(el.classList, (c) => "." + c).join("");
      const siblings = el.parentElement
        ? Array.from(el.parentElement.children).filter((c) => c.localName === el.localName)
        : [];
      if (siblings.length > 1) part += ":nth-of-type(" + (siblings.indexOf(el) + 1) + ")";
      parts.unshift(part);
    }
    return parts.join(" > ");
  }

  const all = (css, root) => Array.from((root || document).querySelectorAll(css));
  const squash = (text) => (text || "").replace(/\s+/g, " ").trim();
  const snippet = (text) => JSON.stringify(squash(text).slice(0, 40));

  // Laid out and not hidden (display:none, visibility:hidden, zero opacity).
  function rendered(el) {
    if (!el.getClientRects().length) return false;
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.visibility === "hidden" || style.opacity === "0") return false;
    }
    return true;
  }

  // Seen on screen: rendered, bigger than a pixel (not clipped away like .visually-hidden)
  // and not moved off the page.
  function seen(el) {
    if (!rendered(el)) return false;
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && box.right > 0 && box.bottom + window.scrollY > 0;
  }

  // The text a subtree gives as a name: its text, with images' alt, without aria-hidden parts.
  function subtreeText(el) {
    let text = "";
    for (const child of el.childNodes) {
      if (child.nodeType === 3) text += child.data;
      else if (child.nodeType !== 1 || child.getAttribute("aria-hidden") === "true") continue;
      else if (child.localName === "img") text += " " + (child.getAttribute("alt") || "") + " ";
      else text += " " + subtreeText(child) + " ";
    }
    return squash(text);
  }

  // A simplified accessible name computation (aria-labelledby, aria-label, label, content,
  // title), enough for the elements this site makes.
  function accessibleName(el) {
    const ids = el.getAttribute("aria-labelledby");
    if (ids) {
      const text = squash(
        ids.split(/\s+/).map((id) => {
          const target = document.getElementById(id);
          return target ? subtreeText(target) : "";
        }).join(" ")
      );
      if (text) return text;
    }
    const label = squash(el.getAttribute("aria-label"));
    if (label) return label;
    if (el.labels && el.labels.length) {
      const text = squash(Array.from(el.labels, subtreeText).join(" "));
      if (text) return text;
    }
    if (el.localName === "input" && ["submit", "reset", "button"].includes(el.type)) {
      return squash(el.value);
    }
    if (["a", "button", "summary"].includes(el.localName) || /^h[1-6]$/.test(el.localName)) {
      const text = subtreeText(el);
      if (text) return text;
    }
    return squash(el.getAttribute("title"));
  }

  // lang and dir
  const html = document.documentElement;
  if (!squash(html.getAttribute("lang"))) report("lang", html, "<html> has no lang");
  for (const el of all("[lang]")) {
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(el.getAttribute("lang"))) {
      report("lang", el, "bad lang " + JSON.stringify(el.getAttribute("lang")));
    }
  }
  for (const el of all("[dir]")) {
    if (!["ltr", "rtl", "auto"].includes(el.getAttribute("dir"))) {
      report("lang", el, "bad dir " + JSON.stringify(el.getAttribute("dir")));
    }
  }

  // ids
  const ids = new Map();
  for (const el of all("[id]")) ids.set(el.id, (ids.get(el.id) || 0) + 1);
  for (const [id, count] of ids) {
    if (count > 1) report("duplicate-id", document.getElementById(id), count + " elements");
  }

  // headings
  const headings = all("h1, h2, h3, h4, h5, h6").filter(rendered);
  const ones = headings.filter((h) => h.localName === "h1");
  if (ones.length !== 1) report("heading-one", ones[1] || document.body, ones.length + " h1");
  let previous = 0;
  for (const heading of headings) {
    const level = Number(heading.localName[1]);
    if (level > previous + 1) {
      report("heading-order", heading, previous ? "h" + previous + " then h" + level : "first heading is h" + level);
    }
    if (!accessibleName(heading)) report("heading-empty", heading);
    previous = level;
  }

  // landmarks
  const sectioning = "article, aside, main, nav, section";
  const top = (el) => !el.parentElement.closest(sectioning);
  const landmarks = {
    main: all("main, [role=main]"),
    banner: all("header").filter(top).concat(all("[role=banner]")),
    contentinfo: all("footer").filter(top).concat(all("[role=contentinfo]")),
    navigation: all("nav, [role=navigation]"),
    search: all("[role=search]"),
    complementary: all("aside[aria-label], aside[aria-labelledby], [role=complementary]"),
  };
  for (const role of ["main", "banner", "contentinfo"]) {
    const found = landmarks[role];
    if (found.length !== 1) report("landmark-" + role, found[1] || document.body, found.length + " " + role + " landmarks");
  }
  for (const nav of landmarks.navigation) {
    if (!accessibleName(nav)) report("landmark-name", nav, "nav without aria-label or aria-labelledby");
  }
  for (const [role, found] of Object.entries(landmarks)) {
    if (found.length < 2) continue;
    const names = new Map();
    for (const el of found) {
      const name = accessibleName(el);
      if (names.has(name)) {
        report("landmark-unique", el, role + " named " + JSON.stringify(name) + " like " + selector(names.get(name)));
      } else {
        names.set(name, el);
      }
    }
  }
  const landmarkCss = "main, header, footer, nav, aside, [role=main], [role=banner], [role=contentinfo], [role=navigation], [role=search], [role=complementary], [role=region]";
  const outside = new Set();
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (texts.nextNode()) {
    const el = texts.currentNode.parentElement;
    if (!texts.currentNode.data.trim() || !el || outside.has(el)) continue;
    if (el.closest(landmarkCss + ", .skip-link, script, style, noscript, template")) continue;
    if (!seen(el)) continue;
    outside.add(el);
    report("region", el, "text outside any landmark " + snippet(el.textContent));
  }

  // names and labels
  for (const img of all("img")) if (!img.hasAttribute("alt")) report("img-alt", img);
  for (const link of all("a[href]")) if (!accessibleName(link)) report("link-name", link);
  for (const button of all("button, [role=button], input[type=submit], input[type=reset], input[type=button]")) {
    if (!accessibleName(button)) report("button-name", button);
  }
  for (const control of all("input, select, textarea")) {
    if (["hidden", "submit", "reset", "button", "image"].includes(control.type)) continue;
    const label = control.labels && control.labels.length
      ? squash(Array.from(control.labels, subtreeText).join(" "))
      : "";
    const aria = squash(control.getAttribute("aria-label")) || squash(control.getAttribute("aria-labelledby"));
    if (!label && !aria && !squash(control.getAttribute("title"))) report("label", control);
  }

  // contrast
  function rgba(text) {
    const m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(text);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
  }
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  // The colour behind el, or null when an image or an unknown colour is in the way.
  function backdrop(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.backgroundImage !== "none") return null;
      const colour = rgba(style.backgroundColor);
      if (!colour) return null;
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  }
  function luminance(colour) {
    const [r, g, b] = colour.slice(0, 3).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  const hex = (colour) => "#" + colour.slice(0, 3).map((c) => Math.round(c).toString(16).padStart(2, "0")).join("");
  const checked = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.data.trim() || !el || checked.has(el)) continue;
    checked.add(el);
    if (el.closest("script, style, noscript, template") || !seen(el)) continue;
    const style = getComputedStyle(el);
    const back = backdrop(el);
    const fore = rgba(style.color);
    if (!back || !fore) continue;
    const text = over(fore, back);
    const [light, dark] = [luminance(text), luminance(back)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
    const needed = large ? 3 : 4.5;
    if (ratio < needed) {
      report("contrast", el, ratio.toFixed(2) + ":1 < " + needed + ":1, " + hex(text) + " on " + hex(back) + " " + snippet(el.textContent));
    }
  }

  // focusable elements with no size
  const focusable = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1']), [contenteditable=true]";
  for (const el of all(focusable)) {
    if (el.disabled || el.type === "hidden" || !el.getClientRects().length) continue;
    if (el.classList.contains("skip-link")) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) report("focusable-zero-size", el, snippet(el.textContent));
  }

  return violations;
}
