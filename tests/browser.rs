//! The example site as a reader's browser shows it.
//!
//! `heptaglot build` builds the example site in a temporary folder and `heptaglot serve`
//! serves it on 127.0.0.1; headless Chromium, driven through W3C WebDriver (Debian's
//! `chromedriver`, see `browser/webdriver.rs`), then loads the English page of a digest,
//! follows the language bar to the Arabic one, searches in English, Arabic and Chinese,
//! walks the header by keyboard, audits every page for accessibility (`browser/audit.js`),
//! checks that no page asks for anything outside the site, and saves screenshots. A second
//! test loads every page of a site made of the XSS vectors and checks that none ran.
//!
//! Run it with `cargo test --test browser -- --nocapture`. It needs Debian's `chromium` and
//! `chromium-driver` (`.ci/run` installs them); without them it says so and passes, except
//! when the `CI` variable is set, where it fails. Screenshots (PNG) go to
//! `target/browser-screenshots/`, named after the page and the state shown.

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

/// The audit, loaded into each page.
const AUDIT: &str = include_str!("browser/audit.js");

/// A page that breaks every rule of the audit.
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

/// The site, its server and the browser looking at it.
struct Site {
    out: PathBuf,
    server: Server,
    browser: Browser,
    shots: PathBuf,
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

    /// The audit's findings on the current page.
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

    /// Runs the audit on the current page, `page`, and records what it finds.
    fn audit(&self, page: &str) {
        for violation in self.violations() {
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
        violations: RefCell::default(),
        expected: RefCell::default(),
    };

    audit_finds_what_it_should(&site);
    english_digest(&site);
    language_bar_to_arabic(&site);
    keyboard_through_the_header(&site);
    for (lang, query) in SEARCHES {
        search(&site, lang, query);
    }
    other_screenshots(&site);
    audit_every_page(&site);
    error_banner_then_reload(&site);

    println!(
        "browser tests passed in {:.1?}; screenshots in {}",
        started.elapsed(),
        site.shots.display()
    );
}

/// The audit finds every kind of violation on a page made to have them all, and flags
/// nothing twice that it should flag once.
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
    let all = [
        "button-name",
        "contrast",
        "duplicate-id",
        "focusable-zero-size",
        "heading-empty",
        "heading-one",
        "heading-order",
        "img-alt",
        "label",
        "landmark-banner",
        "landmark-contentinfo",
        "landmark-main",
        "landmark-name",
        "landmark-unique",
        "lang",
        "link-name",
        "region",
    ];
    assert_eq!(checks, BTreeSet::from(all), "{violations:#?}");
    let count = |check: &str| {
        violations
            .iter()
            .filter(|v| v.starts_with(&format!("{check}: ")))
            .count()
    };
    // Light grey, and #777 on white (4.48:1), but none of the black text.
    assert_eq!(count("contrast"), 2, "{violations:#?}");
    // <html> without lang, lang="english", dir="backwards".
    assert_eq!(count("lang"), 3, "{violations:#?}");
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
