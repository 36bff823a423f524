//! The example site as a reader's browser shows it.
//!
//! `heptaglot build` builds the example site in a temporary folder and `heptaglot serve`
//! serves it on 127.0.0.1; headless Chromium, driven through W3C WebDriver (Debian's
//! `chromedriver`, see `browser/webdriver.rs`), then loads the English page of a digest,
//! follows the language bar to the Arabic one, measures the language bar and the untranslated
//! passages as a reader sees them in every language, searches in English, Arabic and
//! Chinese, walks the header by keyboard, runs axe-core (WCAG 2.1 A and AA) and the keyboard
//! checks axe lacks (`browser/audit.js`) on every page, checks that no page asks for anything
//! outside the site, and saves screenshots. A second test loads every page of a site made of
//! the XSS vectors and checks that none ran.
//!
//! Run it with `cargo test --test browser -- --nocapture`. It needs Debian's `chromium` and
//! `chromium-driver` (`.ci/run` installs them), and axe-core from npm, pinned in
//! `tests/browser/axe/package.json` (`npm ci` in that folder; `.ci/run` does it); without
//! them it says so and passes (without axe: skips axe's rules), except when the `CI`
//! variable is set, where it fails. Screenshots (PNG) go to `target/browser-screenshots/`,
//! named after the page and the state shown.

mod common;
#[path = "browser/webdriver.rs"]
mod webdriver;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Instant;

use common::server::Server;
use serde_json::{Value, json};
use webdriver::{Browser, http};

const EN_DIGEST: &str = "/en/wikimedia-clinic-006/index.html";
const AR_DIGEST: &str = "/ar/wikimedia-clinic-006/index.html";
const ZH_DIGEST: &str = "/zh-Hans/wikimedia-clinic-006/index.html";

/// The example's languages, in the order of its configuration.
const LANGUAGES: [&str; 7] = ["en", "es", "fr", "ar", "zh-Hans", "de", "ru"];

/// The widths a reader's screen may have, in CSS pixels, and how many lines the language
/// bar may take on each: a desktop and a phone.
const WIDTHS: [(u32, usize); 2] = [(1280, 1), (390, 2)];

/// axe-core, as `npm ci` installs it from `tests/browser/axe/package-lock.json`.
const AXE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/browser/axe/node_modules/axe-core/axe.min.js"
);

/// The axe-core rule sets the pages are held to: WCAG 2.0 and 2.1, levels A and AA.
const AXE_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// Searches run on the search page of a language: (language, query). Each word occurs in
/// that language's index: "pandemic" in the English notes, "المتطوعون" (the volunteers) in
/// the Arabic translation of the introduction, "墨西哥" (Mexico) in the Chinese words the
/// glossary gives for the speakers' affiliations.
const SEARCHES: [(&str, &str); 3] = [
    ("en", "pandemic"),
    ("ar", "المتطوعون"),
    ("zh-Hans", "墨西哥"),
];

/// The audit's findings in templates that are not this test's to change (all but
/// `style.css` and `search.*`), each (start of the page's path, check, part of the
/// selector). They are reported, not failed on, until fixed there; an entry that no longer
/// occurs fails the test, so remove each one as its template is fixed.
const EXPECTED_VIOLATIONS: &[(&str, &str, &str)] = &[];

/// The keyboard checks axe lacks, loaded into each page.
const AUDIT: &str = include_str!("browser/audit.js");

/// A page that breaks every rule of the audit and many of axe's.
const AUDIT_FIXTURE: &str = include_str!("browser/audit-fixture.html");

/// Chromium and chromedriver, as found on `PATH`.
struct Tools {
    chromium: PathBuf,
    chromedriver: PathBuf,
}

/// The first of `names` found on `PATH`.
fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Chromium and its driver, or `None` (after saying why) when the test has to be skipped.
/// Under `CI` a missing browser is a failure: CI installs it.
fn tools() -> Option<Tools> {
    let chromium = find_program(&["chromium", "chromium-browser"]);
    let chromedriver = find_program(&["chromedriver"]);
    let missing = match (&chromium, &chromedriver) {
        (Some(chromium), Some(chromedriver)) => {
            return Some(Tools {
                chromium: chromium.clone(),
                chromedriver: chromedriver.clone(),
            });
        }
        (None, _) => "/usr/bin/chromium",
        (Some(_), None) => "/usr/bin/chromedriver",
    };
    let why =
        format!("{missing} not found; install Debian's chromium and chromium-driver (CI does)");
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!("browser tests cannot run under CI: {why}");
    }
    eprintln!("browser tests skipped: {why}");
    None
}

/// axe-core's script, or `None` (after saying why) when it is not installed. Under `CI` a
/// missing axe is a failure: CI installs it.
fn axe_script() -> Option<String> {
    match std::fs::read_to_string(AXE) {
        Ok(script) => Some(script),
        Err(e) => {
            let why = format!(
                "{AXE}: {e}; install axe-core with `npm ci --prefix tests/browser/axe` (CI does)"
            );
            if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
                panic!("axe-core is missing under CI: {why}");
            }
            eprintln!("axe-core checks skipped: {why}");
            None
        }
    }
}

/// The site, its server and the browser looking at it.
struct Site {
    out: PathBuf,
    server: Server,
    browser: Browser,
    shots: PathBuf,
    /// axe-core's script, when installed.
    axe: Option<String>,
    /// What the audit found so far that is not expected, as "page: violation".
    violations: RefCell<Vec<String>>,
    /// The indices of the [`EXPECTED_VIOLATIONS`] found so far.
    expected: RefCell<BTreeSet<usize>>,
}

impl Site {
    /// Loads `path`, waits for the page to be complete and checks that it asked for nothing
    /// outside the site.
    fn visit(&self, path: &str) {
        self.browser.goto(&self.server.url(path));
        self.loaded(path);
    }

    /// Waits until the page at `path` (matched without the query) is complete, then checks
    /// that every resource it loaded came from the site.
    fn loaded(&self, path: &str) {
        let path = path.split('?').next().unwrap_or(path);
        let condition = format!(
            "document.readyState === 'complete' && location.pathname === {}",
            json!(path)
        );
        self.browser
            .wait_for(&format!("{path} to load"), &condition);
        let resources = self.browser.run(
            "return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name));",
            json!([]),
        );
        let origin = self.server.url("/");
        for name in resources.as_array().unwrap() {
            let name = name.as_str().unwrap_or_default();
            assert!(
                name.starts_with(&origin),
                "{path} requested {name}, outside the site"
            );
        }
    }

    /// Evaluates the JavaScript expression `expression` in the page.
    fn eval(&self, expression: &str) -> Value {
        self.browser
            .run(&format!("return ({expression});"), json!([]))
    }

    /// Saves a screenshot of the whole page as `name`.png, 1280 CSS pixels wide.
    fn screenshot(&self, name: &str) {
        self.screenshot_at(name, 1280);
    }

    /// Saves a screenshot of the whole page as `name`.png, laid out `width` pixels wide.
    fn screenshot_at(&self, name: &str, width: u32) {
        let path = self.shots.join(format!("{name}.png"));
        self.browser.screenshot(&path, width);
    }

    /// Lays pages out `width` CSS pixels wide (a phone's screen below 600) until
    /// [`Site::full_width`].
    fn narrow_to(&self, width: u32) {
        self.browser.devtools(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600 }),
        );
    }

    /// Back to the browser's own window after [`Site::narrow_to`].
    fn full_width(&self) {
        self.browser
            .devtools("Emulation.clearDeviceMetricsOverride", json!({}));
    }

    /// What axe-core finds on the current page with the WCAG 2.1 A/AA rules, each as
    /// "axe rule (impact): target: summary (what to fix)"; nothing when axe is not installed.
    fn axe_violations(&self) -> Vec<String> {
        let Some(axe) = &self.axe else {
            return Vec::new();
        };
        let run = format!(
            "{axe}\n;return axe.run(document, {{ runOnly: {{ type: 'tag', values: {} }}, \
             resultTypes: ['violations'] }}).then(r => r.violations.flatMap(v => v.nodes.map(n => \
             v.id + ' (' + v.impact + '): ' + n.target.join(' ') + ': ' + \
             v.help + ' (' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 240) + ')')));",
            json!(AXE_TAGS)
        );
        let result = self.browser.run(&run, json!([]));
        result
            .as_array()
            .unwrap_or_else(|| panic!("axe returned {result}"))
            .iter()
            .map(|v| format!("axe {}", v.as_str().unwrap_or_default()))
            .collect()
    }

    /// The keyboard audit's findings on the current page.
    fn violations(&self) -> Vec<String> {
        let result = self
            .browser
            .run(&format!("{AUDIT}\nreturn heptaglotAudit();"), json!([]));
        let found = result
            .as_array()
            .unwrap_or_else(|| panic!("the audit returned {result}"));
        found
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// Runs axe-core and the keyboard audit on the current page, `page`, and records what
    /// they find.
    fn audit(&self, page: &str) {
        let mut found = self.violations();
        found.extend(self.axe_violations());
        for violation in found {
            let known = EXPECTED_VIOLATIONS
                .iter()
                .position(|(on, check, selector)| {
                    page.starts_with(on)
                        && violation.starts_with(&format!("{check}: "))
                        && violation.contains(selector)
                });
            match known {
                Some(index) => {
                    self.expected.borrow_mut().insert(index);
                }
                None => self
                    .violations
                    .borrow_mut()
                    .push(format!("{page}: {violation}")),
            }
        }
    }

    /// Checks that Chromium draws the text of the first `selector` only with fonts the
    /// custom property `stack` of the stylesheet names. Where none of them is installed this
    /// is a note, but under `CI`, which installs `package`, a failure.
    fn uses_stack(&self, selector: &str, stack: &str, package: &str) {
        let wanted = self.eval(&format!(
            "getComputedStyle(document.documentElement).getPropertyValue({})",
            json!(stack)
        ));
        let wanted: Vec<String> = wanted
            .as_str()
            .unwrap_or_default()
            .split(',')
            .map(|family| family.trim().trim_matches('"').to_owned())
            .collect();
        self.browser.devtools("DOM.enable", json!({}));
        self.browser.devtools("CSS.enable", json!({}));
        let root = self
            .browser
            .devtools("DOM.getDocument", json!({ "depth": 0 }))["root"]["nodeId"]
            .clone();
        let node = self.browser.devtools(
            "DOM.querySelector",
            json!({ "nodeId": root, "selector": selector }),
        )["nodeId"]
            .clone();
        let fonts = self
            .browser
            .devtools("CSS.getPlatformFontsForNode", json!({ "nodeId": node }));
        let used: Vec<&str> = fonts["fonts"]
            .as_array()
            .map(|fonts| {
                fonts
                    .iter()
                    .filter_map(|font| font["familyName"].as_str())
                    .collect()
            })
            .unwrap_or_default();
        let page = self.browser.url();
        println!("{selector} on {page} is drawn in {used:?}");
        assert!(!used.is_empty(), "no font for {selector} on {page}");
        if let Some(other) = used.iter().find(|f| !wanted.iter().any(|w| w == *f)) {
            let message = format!(
                "{selector} on {page} is drawn in {other:?}, which {stack} ({wanted:?}) does not \
                 name: is {package} installed?"
            );
            if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
                panic!("{message}");
            }
            println!("note: {message}");
        }
    }

    /// The (lang, dir) of `<html>` and the computed direction of `<body>`.
    fn direction(&self) -> (Value, Value, Value) {
        let found = self.eval(
            "[document.documentElement.lang, document.documentElement.dir, \
             getComputedStyle(document.body).direction]",
        );
        (found[0].clone(), found[1].clone(), found[2].clone())
    }
}

#[test]
fn the_site_in_a_browser() {
    let Some(tools) = tools() else { return };
    let started = Instant::now();
    let dir = common::site(true);
    let build = common::heptaglot(dir.path(), &["build"]);
    assert!(build.status.success(), "{}", common::stderr(&build));
    // serve previews in a folder of its own, never in public/.
    let out = dir.path().join("preview");
    let server = Server::start(dir.path(), &["--out", &out.to_string_lossy()]);
    let browser = Browser::start(&tools.chromedriver, &tools.chromium);
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("browser-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let site = Site {
        out,
        server,
        browser,
        shots,
        axe: axe_script(),
        violations: RefCell::default(),
        expected: RefCell::default(),
    };

    audit_finds_what_it_should(&site);
    english_digest(&site);
    language_bar_to_arabic(&site);
    language_bar_everywhere(&site);
    untranslated_passages(&site);
    ragged_edges(&site);
    keyboard_through_the_header(&site);
    for (lang, query) in SEARCHES {
        search(&site, lang, query);
    }
    search_from_disk(&site);
    other_screenshots(&site);
    audit_every_page(&site);
    error_banner_then_reload(&site);

    println!(
        "browser tests passed in {:.1?}; screenshots in {}",
        started.elapsed(),
        site.shots.display()
    );
}

/// The keyboard audit and axe-core find what they should on a page made to break their
/// rules (and so axe is really loaded and run).
fn audit_finds_what_it_should(site: &Site) {
    let encoded: String = AUDIT_FIXTURE
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    site.browser
        .goto(&format!("data:text/html;charset=utf-8,{encoded}"));
    let violations = site.violations();
    let checks: BTreeSet<&str> = violations
        .iter()
        .filter_map(|v| v.split(':').next())
        .collect();
    assert_eq!(
        checks,
        BTreeSet::from(["focusable-zero-size", "skip-link"]),
        "{violations:#?}"
    );
    if site.axe.is_none() {
        return;
    }
    let found = site.axe_violations();
    let rules: BTreeSet<&str> = found
        .iter()
        .filter_map(|v| v.strip_prefix("axe ")?.split(' ').next())
        .collect();
    let expected = [
        "button-name",
        "color-contrast",
        "html-has-lang",
        "image-alt",
        "link-name",
        "valid-lang",
    ];
    for rule in expected {
        assert!(rules.contains(rule), "axe did not find {rule}: {found:#?}");
    }
}

/// The English page: left to right, with a language bar of all seven languages.
fn english_digest(site: &Site) {
    site.visit(EN_DIGEST);
    assert_eq!(site.direction(), (json!("en"), json!("ltr"), json!("ltr")));
    let languages = site.eval(
        "Array.from(document.querySelectorAll('nav.language-bar a[hreflang]'), a => a.hreflang)",
    );
    assert_eq!(
        languages,
        json!(["en", "es", "fr", "ar", "zh-Hans", "de", "ru"]),
        "the language bar"
    );
    site.screenshot("en-digest");
}

/// serve in a browser (docs/serve.md): a build that fails shows a banner with the error on
/// the open page, which is not reloaded; the next good build reloads it with the change.
fn error_banner_then_reload(site: &Site) {
    let root = site.out.parent().unwrap();
    let notes = root.join("digests/wikimedia-clinic-006.yaml");
    let original = std::fs::read_to_string(&notes).unwrap();
    site.visit(EN_DIGEST);
    // A mark on this page's window: a reload drops it.
    site.eval("window.notReloaded = true");
    std::fs::write(&notes, format!("{original}\nthis is: [not yaml\n")).unwrap();
    let banner = site.browser.wait_for(
        "the error banner",
        "document.querySelector('[role=alert]') && document.querySelector('[role=alert]').textContent",
    );
    let banner = banner.as_str().unwrap_or_default().to_string();
    assert!(
        banner.contains("heptaglot: the last build failed; this is the previous site.")
            && banner.contains("wikimedia-clinic-006.yaml"),
        "{banner}"
    );
    assert_eq!(site.eval("window.notReloaded === true"), json!(true));
    site.screenshot("serve-error-banner");
    let renamed = original.replace(
        "title: \"Wikimedia Clinic #006\"",
        "title: \"Clinic Reloaded 4242\"",
    );
    assert_ne!(renamed, original);
    std::fs::write(&notes, &renamed).unwrap();
    site.browser.wait_for(
        "the reload with the new title",
        "window.notReloaded === undefined && document.readyState === 'complete' \
         && document.querySelector('h1').textContent === 'Clinic Reloaded 4242'",
    );
    assert_eq!(
        site.eval("document.querySelector('[role=alert]') === null"),
        json!(true)
    );
    std::fs::write(&notes, &original).unwrap();
}

/// A click on the Arabic link leads to the Arabic page, which is mirrored: right to left,
/// headings and lists against the right edge, the language bar running leftwards; passages
/// still in English stay left to right.
fn language_bar_to_arabic(site: &Site) {
    site.visit(EN_DIGEST);
    let arabic = site.browser.find("nav.language-bar a[hreflang='ar']");
    site.browser.click(&arabic);
    site.loaded(AR_DIGEST);
    assert_eq!(site.direction(), (json!("ar"), json!("rtl"), json!("rtl")));

    // Edges in CSS pixels: the text of the h1 and a list item against the content's right
    // edge, the first language of the bar to the right of the second.
    let layout = site.eval(
        "(() => {
            const main = document.querySelector('main').getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(document.querySelector('h1'));
            const title = range.getBoundingClientRect();
            const items = document.querySelectorAll('nav.language-bar li');
            const list = document.querySelector('ul.points');
            const point = list.querySelector('li').getBoundingClientRect();
            return {
                main_left: main.left, main_right: main.right,
                title_left: title.left, title_right: title.right,
                first_item: items[0].getBoundingClientRect().left,
                second_item: items[1].getBoundingClientRect().left,
                list_right: list.getBoundingClientRect().right, point_right: point.right,
            };
        })()",
    );
    let at = |key: &str| layout[key].as_f64().unwrap();
    assert!(
        (at("main_right") - at("title_right")).abs() < 2.0,
        "the Arabic h1 does not end at the right edge: {layout}"
    );
    assert!(
        at("title_left") > at("main_left") + 50.0,
        "the Arabic h1 starts at the left: {layout}"
    );
    assert!(
        at("first_item") > at("second_item"),
        "the language bar does not run right to left: {layout}"
    );
    assert!(
        at("point_right") < at("list_right") - 8.0,
        "lists are not indented from the right: {layout}"
    );

    let english = site.eval(
        "Array.from(document.querySelectorAll('main [lang=en][dir=ltr]'), \
         e => getComputedStyle(e).direction)",
    );
    let english = english.as_array().unwrap();
    assert!(
        !english.is_empty(),
        "the Arabic page has no passage left in English"
    );
    assert!(
        english.iter().all(|d| d == "ltr"),
        "an English passage is not laid out left to right: {english:?}"
    );
    site.screenshot("ar-digest");
    site.screenshot_at("ar-digest-narrow", 400);
}

/// The first Tab reaches the skip link, shown on screen; each stop after it shows a focus
/// outline; following the skip link lands in `main`.
fn keyboard_through_the_header(site: &Site) {
    site.visit(EN_DIGEST);
    let focused = "(() => {
        const el = document.activeElement;
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return {
            what: el.localName + (el.className ? '.' + el.className : ''),
            on_screen: box.left >= 0 && box.top >= 0 && box.width > 1 && box.height > 1,
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        };
    })()";
    site.browser.press("\u{E004}");
    let first = site.eval(focused);
    assert_eq!(first["what"], "a.skip-link", "the first Tab stop: {first}");
    assert_eq!(first["on_screen"], true, "the focused skip link: {first}");
    site.screenshot("en-digest-skip-link");
    for _ in 0..4 {
        site.browser.press("\u{E004}");
        let stop = site.eval(focused);
        assert_eq!(stop["on_screen"], true, "a Tab stop off screen: {stop}");
        assert_eq!(stop["outline"], true, "a Tab stop without outline: {stop}");
    }
    // Back to the skip link, and through it.
    site.visit(EN_DIGEST);
    site.browser.press("\u{E004}");
    site.browser.press("\u{E007}");
    site.browser.wait_for(
        "the skip link to lead to the content",
        "location.hash === '#content'",
    );
}

/// Searching `query` on the search page of `lang` finds something, and the first result
/// leads to a page of the site. English types into the header's box; the others open the
/// search page with `?q=` as a shared link would.
fn search(site: &Site, lang: &str, query: &str) {
    let page = format!("/{lang}/search/index.html");
    if lang == "en" {
        site.visit(EN_DIGEST);
        let input = site.browser.find("form.site-search input[type=search]");
        site.browser.type_into(&input, &format!("{query}\u{E007}"));
        site.loaded(&page);
    } else {
        let encoded: String = query
            .bytes()
            .map(|b| format!("%{b:02X}"))
            .collect::<String>();
        site.visit(&format!("{page}?q={encoded}"));
    }
    let count = site.browser.wait_for(
        &format!("results for {query:?}"),
        "document.querySelectorAll('#search .search-results .search-result').length",
    );
    let summary = site.eval(
        "[document.getElementById('search-q').value, \
          document.querySelector('#search .search-status').textContent, \
          document.querySelector('#search .search-result-link').getAttribute('href')]",
    );
    assert_eq!(summary[0], query, "the query in the search box");
    assert!(
        summary[1].as_str().is_some_and(|s| !s.trim().is_empty()),
        "no result count shown: {summary}"
    );
    println!("search {lang} {query:?}: {count} result(s), {}", summary[1]);
    // One result per page, and the query's words marked in what is shown.
    let shown = site.eval(
        "(() => {
            const links = Array.from(document.querySelectorAll('#search .search-result-link'),
                a => a.pathname);
            const marks = Array.from(document.querySelectorAll('#search .search-result mark'),
                m => m.textContent);
            return { links, pages: new Set(links).size, marks };
        })()",
    );
    assert_eq!(
        shown["pages"],
        json!(shown["links"].as_array().unwrap().len()),
        "search {lang} {query:?} lists a page more than once: {shown}"
    );
    let marks = shown["marks"].as_array().unwrap();
    assert!(
        !marks.is_empty()
            && marks.iter().all(|m| m
                .as_str()
                .is_some_and(|m| m.to_lowercase().contains(&query.to_lowercase()))),
        "search {lang} {query:?}: the results do not mark the query's words: {shown}"
    );
    site.screenshot(&format!("{lang}-search"));
    site.audit(&format!("{page}?q={query}"));

    // The first result is a page of the site, and its anchor exists on it.
    let href = site.eval("document.querySelector('#search .search-result-link').href");
    let href = href.as_str().unwrap().to_owned();
    let target = href
        .strip_prefix(&site.server.url(""))
        .unwrap_or_else(|| panic!("result {href} is outside the site"));
    let (path, anchor) = target.split_once('#').unwrap_or((target, ""));
    site.browser
        .click(&site.browser.find("#search .search-result-link"));
    site.loaded(path);
    let reply = http(site.server.port, "GET", path, None);
    assert_eq!(reply.status, 200, "result {href}");
    let title = site.eval("document.title");
    assert!(
        title.as_str().is_some_and(|t| !t.is_empty()),
        "result {href} has no title"
    );
    if !anchor.is_empty() {
        let found = site.eval(&format!("!!document.getElementById({})", json!(anchor)));
        assert_eq!(found, true, "result {href}: no element with id {anchor}");
    }
}

/// On every language's digest page, at a desktop's and a phone's width: the language bar
/// takes one line on the first and at most two on the second; every version's completeness
/// is in the page's language and one style (the same characters around the number), the
/// original marked as such. The digest and index pages of four scripts are shot at both
/// widths.
fn language_bar_everywhere(site: &Site) {
    let measure = "(() => {
        const items = Array.from(document.querySelectorAll('nav.language-bar li'));
        const boxes = items.map(li => li.getBoundingClientRect());
        const tops = new Set(boxes.map(b => Math.round(b.top / 4)));
        const lowest = Math.min(...boxes.map(b => b.height));
        return {
            lines: tops.size,
            wrapped: items.filter((li, i) => boxes[i].height > lowest * 1.5).map(li => li.textContent),
            statuses: items.map(li => {
                const s = li.querySelector('.percent, .original');
                return s && { class: s.className, lang: s.closest('[lang]').lang, text: s.textContent,
                              of: li.querySelector('a').hreflang };
            }),
        };
    })()";
    for (width, most) in WIDTHS {
        site.narrow_to(width);
        for lang in LANGUAGES {
            let page = format!("/{lang}/wikimedia-clinic-006/index.html");
            site.visit(&page);
            let bar = site.eval(measure);
            let lines = bar["lines"].as_u64().unwrap();
            println!("{page} at {width} px: the language bar takes {lines} line(s)");
            assert!(
                lines as usize <= most && bar["wrapped"] == json!([]),
                "{page} at {width} px: the language bar takes {lines} lines (at most {most}), \
                 items wrapped inside: {}",
                bar["wrapped"]
            );
            let statuses = bar["statuses"].as_array().unwrap();
            assert!(
                statuses.iter().all(|s| s["lang"] == lang),
                "{page}: a status of the language bar is not in the page's language: {statuses:?}"
            );
            let original: Vec<&Value> = statuses
                .iter()
                .filter(|s| s["class"] == "original")
                .collect();
            assert!(
                original.len() == 1 && original[0]["of"] == "en",
                "{page}: the original (English) is not marked once: {statuses:?}"
            );
            let styles: BTreeSet<String> = statuses
                .iter()
                .filter(|s| s["class"] == "percent")
                .map(|s| {
                    let text = s["text"].as_str().unwrap_or_default();
                    text.chars()
                        .map(|c| if c.is_numeric() { '#' } else { c })
                        .collect::<String>()
                        .replace("##", "#")
                        .replace("##", "#")
                })
                .collect();
            assert_eq!(
                styles.len(),
                1,
                "{page}: the percentages are in several styles: {statuses:?}"
            );
        }
        for lang in ["en", "ar", "zh-Hans", "ru"] {
            site.visit(&format!("/{lang}/wikimedia-clinic-006/index.html"));
            site.screenshot_at(&format!("{lang}-digest-{width}"), width);
            site.visit(&format!("/{lang}/index.html"));
            site.screenshot_at(&format!("{lang}-index-{width}"), width);
        }
        site.full_width();
    }
}

/// Passages shown untranslated: the introduction of a page where it is a single sentence is
/// a block like the other passages (same class, language and direction), not a run inside
/// a paragraph; the original's page has no "not translated" notice box.
fn untranslated_passages(site: &Site) {
    site.visit(ZH_DIGEST);
    let found = site.eval(
        "(() => {
            const intro = document.querySelector('main .intro');
            const point = document.querySelector('main .points .fallback');
            const describe = e => e && { class: e.className, lang: e.lang, dir: e.dir,
                display: getComputedStyle(e).display,
                inline_fallbacks: e.querySelectorAll('span.fallback').length };
            return { intro: describe(intro), point: describe(point) };
        })()",
    );
    let (intro, point) = (&found["intro"], &found["point"]);
    assert!(
        intro["class"]
            .as_str()
            .is_some_and(|c| c.split(' ').any(|c| c == "fallback"))
            && intro["display"] == "block"
            && intro["inline_fallbacks"] == 0,
        "the untranslated introduction of {ZH_DIGEST} is not a fallback block: {found}"
    );
    assert!(
        intro["lang"] == "en"
            && intro["dir"] == "ltr"
            && point["lang"] == intro["lang"]
            && point["dir"] == intro["dir"],
        "the untranslated introduction of {ZH_DIGEST} is not marked like the other passages: {found}"
    );
    site.visit(EN_DIGEST);
    let notices = site.eval(
        "[document.querySelectorAll('.version-notice, .notice').length, \
          (document.querySelector('.version-original') || {}).textContent]",
    );
    assert_eq!(
        notices[0], 0,
        "the original's page shows a notice box: {notices}"
    );
    assert!(
        notices[1].as_str().is_some_and(|t| !t.is_empty()),
        "the original's page does not say it is the original: {notices}"
    );
}

/// On the Arabic digest page and index, at a desktop's and a phone's width, every line of
/// every passage or title left in English (left to right) starts at the same x as the other
/// lines of its paragraph or item: a clean left edge, not a ragged one. Each line's start is
/// the leftmost of its text's boxes (Range.getClientRects).
fn ragged_edges(site: &Site) {
    let pages = [
        (AR_DIGEST, "main .fallback[dir=ltr]", 10),
        (
            "/ar/index.html",
            "main :is(.topics [dir=ltr], .digest-title[dir=ltr])",
            8,
        ),
    ];
    for (width, _) in WIDTHS {
        site.narrow_to(width);
        for (page, selector, fewest) in pages {
            ragged_edges_of(site, page, selector, fewest, width);
        }
        site.full_width();
    }
}

/// [`ragged_edges`] on `page` at `width`: the passages `selector` finds (at least `fewest`).
fn ragged_edges_of(site: &Site, page: &str, selector: &str, fewest: u64, width: u32) {
    site.visit(page);
    let found = site.browser.run(
        "return (() => {
            const ragged = [];
            let blocks = 0, lines = 0;
            for (const block of document.querySelectorAll(arguments[0])) {
                if (getComputedStyle(block).display === 'inline') {
                    ragged.push('inline passage: ' + block.textContent.slice(0, 40));
                    continue;
                }
                blocks++;
                const containers = new Map();
                const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                    const node = walker.currentNode;
                    if (!node.data.trim()) continue;
                    let box = node.parentElement;
                    while (box !== block && getComputedStyle(box).display === 'inline') {
                        box = box.parentElement;
                    }
                    const range = document.createRange();
                    range.selectNodeContents(node);
                    if (!containers.has(box)) containers.set(box, []);
                    for (const r of range.getClientRects()) {
                        if (r.width >= 1) containers.get(box).push(r);
                    }
                }
                for (const [box, rects] of containers) {
                    const rows = [];
                    for (const r of rects) {
                        const middle = (r.top + r.bottom) / 2;
                        const row = rows.find(row => Math.abs(row.middle - middle) < r.height / 2);
                        if (row) row.left = Math.min(row.left, r.left);
                        else rows.push({ middle, left: r.left });
                    }
                    const style = getComputedStyle(box);
                    const start = box.getBoundingClientRect().left
                        + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
                    lines += rows.length;
                    const starts = rows.map(row => Math.round(row.left - start));
                    if (starts.some(x => Math.abs(x) > 1)) {
                        ragged.push(box.textContent.trim().slice(0, 40) + ': lines start at '
                            + starts.join(', ') + ' px from the left edge');
                    }
                }
            }
            return { blocks, lines, ragged };
        })();",
        json!([selector]),
    );
    println!(
        "{page} at {width} px: {} left-to-right passages ({selector}), {} lines",
        found["blocks"], found["lines"]
    );
    assert!(
        found["blocks"].as_u64().unwrap() >= fewest,
        "too few English passages on {page}: {found}"
    );
    assert_eq!(
        found["ragged"],
        json!([]),
        "ragged left-to-right passages on {page} at {width} px"
    );
}

/// The search page opened from disk (file:), where browsers let no page load the index:
/// it says that search needs the site served, not "try again later".
fn search_from_disk(site: &Site) {
    let page = site.out.join("en/search/index.html");
    site.browser
        .goto(&format!("file://{}?q=pandemic", page.display()));
    let status = site.browser.wait_for(
        "the search page from disk to say why it cannot search",
        "document.querySelector('#search .search-status') \
         && document.querySelector('#search .search-status').textContent",
    );
    let status = status.as_str().unwrap_or_default();
    assert!(
        status.contains("served by a web server") && status.contains("heptaglot serve"),
        "{status}"
    );
    assert!(!status.contains("try again later"), "{status}");
}

/// The pages not shot yet: the root, a language's list, the Chinese digest, and the English
/// digest as printed on A4 paper (794 CSS pixels wide). Chinese and Arabic text is drawn in a
/// font of the stylesheet's stack for its script.
fn other_screenshots(site: &Site) {
    for (path, name) in [("/index.html", "root"), ("/en/index.html", "en-index")] {
        site.visit(path);
        site.screenshot(name);
    }
    site.visit(ZH_DIGEST);
    assert_eq!(
        site.direction(),
        (json!("zh-Hans"), json!("ltr"), json!("ltr"))
    );
    site.uses_stack(".attendance", "--cjk", "fonts-noto-cjk");
    site.screenshot("zh-digest");
    site.visit(AR_DIGEST);
    site.uses_stack("h1", "--arabic", "fonts-dejavu-core");

    site.visit(EN_DIGEST);
    site.browser
        .devtools("Emulation.setEmulatedMedia", json!({ "media": "print" }));
    let hidden = site.eval("getComputedStyle(document.querySelector('nav.language-bar')).display");
    site.screenshot_at("en-digest-print", 794);
    site.browser
        .devtools("Emulation.setEmulatedMedia", json!({ "media": "" }));
    assert_eq!(hidden, "none", "the language bar is printed");
}

/// Every HTML page of the site passes the audit, and so did the search pages with results
/// ([`search`]); the expected violations all still occur.
fn audit_every_page(site: &Site) {
    let mut pages: Vec<String> = walkdir::WalkDir::new(&site.out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let relative = e.path().strip_prefix(&site.out).unwrap();
            format!("/{}", relative.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    pages.sort();
    assert!(pages.len() > 30, "too few pages: {pages:?}");
    for page in &pages {
        site.visit(page);
        site.audit(page);
    }
    println!("audited {} pages", pages.len());
    for (index, entry) in EXPECTED_VIOLATIONS.iter().enumerate() {
        assert!(
            site.expected.borrow().contains(&index),
            "{entry:?} in EXPECTED_VIOLATIONS no longer occurs: remove it"
        );
        println!("expected, not failed on until its template is fixed: {entry:?}");
    }
    let violations = site.violations.borrow();
    assert!(
        violations.is_empty(),
        "accessibility audit, {} violation(s):\n{}",
        violations.len(),
        violations.join("\n")
    );
}

/// Replaces, before any script of a page runs, what the vectors call to show they ran.
const XSS_HOOK: &str = "window.__xss = []; \
    for (const name of ['alert', 'confirm', 'prompt', 'print']) { \
      window[name] = function () { window.__xss.push(name + '(' + Array.from(arguments).join(',') + ')'); }; \
    }";

/// Every vector of tests/fixtures/xss-vectors.txt in every text field of the notes and
/// their translations (tests/common/xss.rs), built as a publisher builds, and every HTML
/// page loaded in Chromium: none may run. tests/xss.rs checks the same pages by parsing
/// them; this checks them by running them, handlers of images that fail to load included
/// (they run before the page's load event).
#[test]
fn no_xss_vector_runs_in_a_browser() {
    let Some(tools) = tools() else { return };
    let started = Instant::now();
    let dir = common::site(false);
    let vectors = common::xss::vectors();
    let refused = common::xss::vector_site(dir.path(), 0, &vectors);
    let build = common::heptaglot(dir.path(), &["build"]);
    assert!(build.status.success(), "{}", common::stderr(&build));
    let out = dir.path().join("preview");
    let server = Server::start(dir.path(), &["--out", &out.to_string_lossy()]);
    let browser = Browser::start(&tools.chromedriver, &tools.chromium);
    browser.devtools(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": XSS_HOOK }),
    );
    let mut pages: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        // The notes' language: translations reach the same templates by the same paths
        // (tests/xss.rs parses every page of every language).
        .filter(|e| {
            let rel = e.path().strip_prefix(&out).unwrap();
            rel.starts_with("en") || rel.components().count() == 1
        })
        .map(|e| {
            e.path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    pages.sort();
    assert!(
        pages.len() > vectors.len() - refused.len(),
        "{}",
        pages.len()
    );
    // The control: a page that runs a vector must be caught.
    std::fs::write(
        out.join("xss-control.html"),
        "<!doctype html><title>control</title><img src=\"missing.png\" onerror=\"alert(1)\">",
    )
    .unwrap();
    browser.goto(&server.url("/xss-control.html"));
    assert_eq!(
        browser.run("return window.__xss;", json!([])),
        json!(["alert(1)"]),
        "the hook does not see a vector that runs"
    );
    let mut ran = Vec::new();
    for page in &pages {
        // WebDriver's navigation returns once the page's load event has fired.
        browser.goto(&server.url(&format!("/{page}")));
        let calls = browser.run("return window.__xss;", json!([]));
        match calls.as_array() {
            Some(calls) if calls.is_empty() => {}
            Some(_) => ran.push(format!("{page}: {calls}")),
            None => panic!("{page}: the hook did not run before the page ({calls})"),
        }
    }
    println!(
        "{} vectors ({} refused by check), {} pages loaded, none ran, in {:.1?}",
        vectors.len(),
        refused.len(),
        pages.len(),
        started.elapsed()
    );
    assert!(ran.is_empty(), "vectors ran:\n{}", ran.join("\n"));
}
