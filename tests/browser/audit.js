/* What tests/browser.rs checks on every page beside axe-core, run through WebDriver
   ("execute script": this file, then `return heptaglotAudit();`): the keyboard checks axe's
   WCAG 2.1 A/AA rules do not make. axe-core does lang, names, labels, contrast, ids and the
   rest (tests/browser.rs, `axe`).

   It returns a list of violations, each "check: selector: detail":
   - skip-link: the first thing a keyboard reaches is a link to an element of the page
     (the skip link, "Skip to content"), and that element exists;
   - focusable-zero-size: nothing a keyboard can reach has no size, but the skip link
     (which is moved into view when focused; the test checks that by pressing Tab). */
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
  const snippet = (text) => JSON.stringify((text || "").replace(/\s+/g, " ").trim().slice(0, 40));
  const focusable = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1']), [contenteditable=true]";
  const reachable = all(focusable).filter(
    (el) => !el.disabled && el.type !== "hidden" && el.getClientRects().length
  );

  // The skip link comes first and leads somewhere.
  const first = reachable[0];
  const target = first && /^#./.test(first.getAttribute("href") || "")
    ? document.getElementById(decodeURIComponent(first.getAttribute("href").slice(1)))
    : null;
  if (!first || !first.classList.contains("skip-link") || !target) {
    report("skip-link", first || document.body, "the first Tab stop is not a skip link to an element of the page");
  }

  // Focusable elements with no size.
  for (const el of reachable) {
    if (el.classList.contains("skip-link")) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) report("focusable-zero-size", el, snippet(el.textContent));
  }

  return violations;
}
