//! A small blocking W3C WebDriver client for the browser tests: Debian's `chromedriver` as a
//! child process driving headless Chromium, spoken to with JSON over plain HTTP/1.1 on
//! loopback, one request per connection.
//!
//! It panics on any failure: it is test code, and a panic names the command that failed and
//! what the driver said. Dropping a [`Browser`] ends the session and the driver, so a failed
//! test leaves no Chromium behind.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The key WebDriver uses for an element reference in JSON.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long to wait for a page, a script's condition or the driver to start.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// Chromium's flags. Without the networking ones the sandbox this runs in refuses
/// Chromium's own background connections; none of them change how a page renders.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--window-size=1280,900",
];

/// One HTTP response: status and body.
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The body, as bytes.
    pub body: Vec<u8>,
}

/// Sends one HTTP/1.1 request to 127.0.0.1:`port` and reads the response.
pub fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Reply {
    try_http(port, method, path, body).unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

fn try_http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Reply, String> {
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .map_err(|e| e.to_string())?;
    // chromedriver keeps the connection open after some replies despite `Connection:
    // close`, so the body ends where `Content-Length` says.
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).map_err(|e| e.to_string())? == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line in {head:?}"))?;
    let length = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())?
    });
    let mut body = Vec::new();
    match length {
        Some(length) => {
            body.resize(length, 0);
            reader.read_exact(&mut body).map_err(|e| e.to_string())?;
        }
        None => {
            reader.read_to_end(&mut body).map_err(|e| e.to_string())?;
        }
    }
    Ok(Reply { status, body })
}

/// A WebDriver reference to an element of the current page.
pub struct Element(String);

/// Headless Chromium in a fresh profile, with the `chromedriver` that drives it.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            // Ends Chromium; the driver would leave it running if only killed itself.
            let path = format!("/session/{}", self.session);
            let _ = try_http(self.port, "DELETE", &path, None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Browser {
    /// Starts `chromedriver` on a free port and opens a session with `chromium`.
    pub fn start(chromedriver: &Path, chromium: &Path) -> Self {
        let mut driver = Command::new(chromedriver)
            .arg("--port=0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
        let (lines, received) = mpsc::channel();
        let stdout = driver.stdout.take().unwrap();
        // Keeps reading, so the driver never blocks on a full pipe.
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = lines.send(line);
            }
        });
        let profile = tempfile::tempdir().unwrap();
        let mut browser = Self {
            driver,
            port: 0,
            session: String::new(),
            _profile: profile,
        };
        let started = Instant::now();
        while browser.port == 0 {
            let left = TIMEOUT.saturating_sub(started.elapsed());
            let line = received
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("chromedriver did not say its port ({e})"));
            if let Some(rest) = line.split("started successfully on port ").nth(1) {
                browser.port = rest.trim_end_matches('.').trim().parse().unwrap();
            }
        }
        let mut args: Vec<String> = FLAGS.iter().map(|f| (*f).to_owned()).collect();
        args.push(format!(
            "--user-data-dir={}",
            browser._profile.path().display()
        ));
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": chromium, "args": args },
            "timeouts": { "pageLoad": 30_000, "script": 30_000 },
        }}});
        let reply = browser.call("POST", "/session", Some(&capabilities));
        browser.session = reply["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session in {reply}"))
            .to_owned();
        browser
    }

    /// Sends a command and returns its `value`; panics with the driver's message on error.
    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let reply = http(self.port, method, path, body);
        let json: Value = serde_json::from_slice(&reply.body).unwrap_or_else(|e| {
            panic!(
                "{method} {path}: {e} in {:?}",
                String::from_utf8_lossy(&reply.body)
            )
        });
        let value = json.get("value").cloned().unwrap_or(Value::Null);
        if reply.status != 200 {
            panic!(
                "WebDriver {method} {path} failed ({}): {} {}",
                reply.status, value["error"], value["message"]
            );
        }
        value
    }

    /// A command of this session.
    fn session(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        self.call(method, &path, body.as_ref())
    }

    /// Loads `url` and waits until it has loaded.
    pub fn goto(&self, url: &str) {
        self.session("POST", "/url", Some(json!({ "url": url })));
    }

    /// The address of the current page.
    pub fn url(&self) -> String {
        self.session("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Runs `body` as the body of a function in the page, with `args` as `arguments`.
    pub fn run(&self, body: &str, args: Value) -> Value {
        self.session(
            "POST",
            "/execute/sync",
            Some(json!({ "script": body, "args": args })),
        )
    }

    /// Polls the expression `condition` every 50 ms until it is truthy; returns its value.
    pub fn wait_for(&self, what: &str, condition: &str) -> Value {
        let body = format!("return ({condition});");
        let started = Instant::now();
        loop {
            let value = self.run(&body, json!([]));
            let truthy = match &value {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64() != Some(0.0),
                Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if truthy {
                return value;
            }
            if started.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what} on {}", self.url());
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// The first element matching the CSS selector `css`.
    pub fn find(&self, css: &str) -> Element {
        let value = self.session(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        );
        let id = value[ELEMENT].as_str();
        Element(
            id.unwrap_or_else(|| panic!("no element for {css}: {value}"))
                .to_owned(),
        )
    }

    /// Clicks `element` as a user would.
    pub fn click(&self, element: &Element) {
        self.session(
            "POST",
            &format!("/element/{}/click", element.0),
            Some(json!({})),
        );
    }

    /// Types `text` into `element` (`\u{E007}` is Enter).
    pub fn type_into(&self, element: &Element, text: &str) {
        self.session(
            "POST",
            &format!("/element/{}/value", element.0),
            Some(json!({ "text": text })),
        );
    }

    /// Presses and releases the key `key` (a WebDriver key code such as `\u{E004}`, Tab).
    pub fn press(&self, key: &str) {
        let actions = json!({ "actions": [{
            "type": "key", "id": "keyboard",
            "actions": [{ "type": "keyDown", "value": key }, { "type": "keyUp", "value": key }],
        }]});
        self.session("POST", "/actions", Some(actions));
    }

    /// Runs a DevTools protocol command through chromedriver.
    pub fn devtools(&self, command: &str, params: Value) -> Value {
        self.session(
            "POST",
            "/goog/cdp/execute",
            Some(json!({ "cmd": command, "params": params })),
        )
    }

    /// Saves a PNG of the whole page as laid out `width` CSS pixels wide at `path`.
    ///
    /// The viewport is made as tall as the page, shot, and given back: DevTools' own
    /// "beyond the viewport" capture with a clip draws right-to-left pages shifted.
    pub fn screenshot(&self, path: &Path, width: u32) {
        let metrics = |height: u64| {
            self.devtools(
                "Emulation.setDeviceMetricsOverride",
                json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600 }),
            );
        };
        metrics(900);
        let height = self
            .run("return document.documentElement.scrollHeight;", json!([]))
            .as_u64()
            .unwrap_or(900);
        metrics(height.clamp(1, 16_000));
        let shot = self.session("GET", "/screenshot", None);
        self.devtools("Emulation.clearDeviceMetricsOverride", json!({}));
        let data = shot.as_str().expect("screenshot data");
        std::fs::write(path, base64(data))
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}

/// Decodes standard base64 (what WebDriver and DevTools send images in).
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
        .map(value)
        .collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let bits = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, d)| acc | u32::from(*d) << (18 - 6 * i));
        out.extend_from_slice(&bits.to_be_bytes()[1..chunk.len()]);
    }
    out
}

#[test]
fn base64_decodes_padding() {
    assert_eq!(base64("aGVsbG8="), b"hello");
    assert_eq!(base64("aGk="), b"hi");
    assert_eq!(base64("YWJj"), b"abc");
}
