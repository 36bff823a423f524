//! Faults the published site must survive, through the binary: builds at once into one
//! folder (the lock), builds killed with SIGKILL at random moments, a full disk, and output
//! folders that cannot be written. After each, the published site is the last good one,
//! byte for byte, and nothing half-written is left beside it.
//!
//! The tests that need a small disk mount a tmpfs in a new mount namespace (`unshare`), so
//! the machine's mounts are never touched; where that is not allowed they say why and
//! pass, except under `CI`, where they fail.

#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::server::Server;
use common::{heptaglot, site, snapshot, stderr};

/// Every file of a tree with its bytes (see `common::snapshot`).
type Snapshot = Vec<(String, Vec<u8>)>;

const WAITING: &str = "waiting for another heptaglot build into";

/// The notes of call `n` of a short series: small, so the site builds in a fraction of a
/// second even unoptimized and a test can build it a hundred times.
fn call(n: usize) -> String {
    format!(
        "series: Test Calls\nnumber: \"{n:03}\"\ndate: 2021-03-{n:02}\nheld_in: [es]\nwritten_in: en\nintro: Call {n}.\ntopics:\n  - title: Topic {n}\n    body: What was said in call {n}.\n"
    )
}

/// A site of four calls, at version 0 (see [`set_version`]).
fn small_site() -> tempfile::TempDir {
    let dir = site(false);
    // Translations of the examples, which are not in this site, would only add warnings.
    for language in std::fs::read_dir(dir.path().join("locales")).unwrap() {
        let digests = language.unwrap().path().join("digests");
        if digests.is_dir() {
            std::fs::remove_dir_all(digests).unwrap();
        }
    }
    for n in 1..=4 {
        std::fs::write(
            dir.path().join(format!("digests/test-calls-{n:03}.yaml")),
            call(n),
        )
        .unwrap();
    }
    dir
}

/// Makes the inputs those of version 0 (four calls) or 1 (a fifth call too, which changes
/// the indexes, the series pages, the search index and the fourth call's links).
fn set_version(root: &Path, version: usize) {
    let fifth = root.join("digests/test-calls-005.yaml");
    if version == 1 {
        std::fs::write(fifth, call(5)).unwrap();
    } else if fifth.exists() {
        std::fs::remove_file(fifth).unwrap();
    }
}

/// Builds `root` into `out` (below the root), a full build, which must succeed.
fn build(root: &Path, out: &str) {
    let output = heptaglot(root, &["build", "--full", "--out", out]);
    assert!(output.status.success(), "{}", stderr(&output));
}

/// The site each version builds into a folder of its own: what a published site must
/// equal, byte for byte.
fn references(root: &Path) -> [Snapshot; 2] {
    [0, 1].map(|version| {
        set_version(root, version);
        let out = format!("reference-{version}");
        build(root, &out);
        let files = snapshot(&root.join(&out));
        std::fs::remove_dir_all(root.join(&out)).unwrap();
        files
    })
}

/// What builds into `public` left in `root`: unfinished copies, old sites set aside, the
/// lock file.
fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The build cache is not a leftover: it stays beside the site it describes.
        .filter(|n| n.starts_with(".public.heptaglot-") && n != ".public.heptaglot-cache")
        .collect()
}

/// Starts a full build of `root` into `public`, its standard error piped.
fn spawn_build(root: &Path) -> Child {
    spawn(root, &["build", "--full"])
}

/// Starts `heptaglot <args>` on `root`, its standard error piped.
fn spawn(root: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_heptaglot"))
        .arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Starts `heptaglot <args>` on `root` with the build's test-only pause point set to `step`
/// (`HEPTAGLOT_TEST_PAUSE`, see `site::build::pause_point`), and waits until it says it
/// stopped there: it is then at that step of its writing until it is killed.
fn spawn_paused(root: &Path, args: &[&str], step: &str) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_heptaglot"))
        .arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .env("HEPTAGLOT_TEST_PAUSE", step)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = stderr_lines(&mut child);
    let paused = format!("paused at {step} ");
    loop {
        // A hang guard only: a build of this small site pauses in well under a second.
        match lines.recv_timeout(Duration::from_secs(300)) {
            Ok(line) if line.starts_with(&paused) => return child,
            Ok(_) => {}
            Err(e) => {
                let _ = child.kill();
                panic!("{args:?} never paused at {step}: {e}, {:?}", child.wait());
            }
        }
    }
}

/// Kills a paused build (see [`spawn_paused`]) and returns how it ended.
fn kill_paused(mut child: Child) -> std::process::ExitStatus {
    child.kill().unwrap();
    child.wait().unwrap()
}

/// Takes the lock of `root/public` as a build would (and writes this process's id into it),
/// until the returned file is dropped.
fn hold_lock(root: &Path) -> std::fs::File {
    hold_lock_of(&root.join("public"))
}

/// Holds the lock of the output folder `out` as a build would.
fn hold_lock_of(out: &Path) -> std::fs::File {
    use std::io::Write;
    let parent = out.parent().unwrap();
    std::fs::create_dir_all(parent).unwrap();
    let name = out.file_name().unwrap().to_str().unwrap();
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(parent.join(format!(".{name}.heptaglot-lock")))
        .unwrap();
    file.lock().unwrap();
    write!(file, "{}", std::process::id()).unwrap();
    file
}

/// The lines a child writes to standard error, as they come.
fn stderr_lines(child: &mut Child) -> mpsc::Receiver<String> {
    let (lines, received) = mpsc::channel();
    let from = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    received
}

#[test]
fn a_build_waits_while_another_holds_the_lock_then_publishes_a_whole_site() {
    let dir = small_site();
    let root = dir.path();
    let references = references(root);
    set_version(root, 0);
    build(root, "public");
    let public = root.join("public");
    set_version(root, 1);
    let lock = hold_lock(root);
    let mut child = spawn_build(root);
    let lines = stderr_lines(&mut child);
    let line = lines
        .recv_timeout(Duration::from_secs(120))
        .expect("the build to say it waits");
    assert_eq!(
        line,
        format!(
            "{WAITING} {} (pid {}) to finish",
            public.display(),
            std::process::id()
        )
    );
    // It said it waits, it is still running, and while the lock is held it has touched
    // nothing (no sleep: the lock, not a delay, is what holds it).
    assert!(
        child.try_wait().unwrap().is_none(),
        "the build did not wait"
    );
    assert!(snapshot(&public) == references[0]);
    assert_eq!(leftovers(root), [".public.heptaglot-lock"]);
    drop(lock);
    let status = child.wait().unwrap();
    let rest: Vec<String> = lines.iter().collect();
    assert!(status.success(), "{rest:?}");
    assert!(
        !rest.iter().any(|l| l.contains(WAITING)),
        "said more than once: {rest:?}"
    );
    assert!(snapshot(&public) == references[1]);
    assert!(leftovers(root).is_empty(), "{:?}", leftovers(root));
}

#[test]
fn serve_waits_for_the_lock_of_its_preview_folder_too() {
    // Serve previews in its own folder (never `public/`), and waits there like a build:
    // another process holding that folder's lock (another `serve` of the site) goes first.
    let dir = small_site();
    let root = dir.path();
    let preview = root.join(".heptaglot/preview");
    let lock = hold_lock_of(&preview);
    let (server, lines) = Server::spawn(root, &["--port", "0"]);
    let started = Instant::now();
    while !server.stderr().contains(WAITING) {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "serve did not wait: {}",
            server.stderr()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        server.stderr().contains(&format!(
            "{WAITING} {} (pid {}) to finish",
            preview.display(),
            std::process::id()
        )),
        "{}",
        server.stderr()
    );
    assert!(!preview.join("en").exists());
    assert!(!root.join("public").exists());
    drop(lock);
    let line = lines
        .recv_timeout(Duration::from_secs(120))
        .unwrap_or_else(|e| panic!("serve did not start ({e}): {}", server.stderr()));
    assert!(line.starts_with("Serving "), "{line}");
    assert!(preview.join("en/index.html").is_file());
    assert!(!root.join("public").exists());
}

#[test]
fn builds_started_together_into_one_folder_all_succeed_and_leave_a_whole_site() {
    let dir = small_site();
    let root = dir.path();
    let references = references(root);
    let public = root.join("public");
    let started = Instant::now();
    let (mut builds, mut waited) = (0, 0);
    for (round, at_once) in [2, 3, 4, 2, 3, 4].into_iter().enumerate() {
        let version = round % 2;
        set_version(root, version);
        // Every other round starts without an output folder: two builds that both find
        // none must not both try to move theirs into place.
        if round % 4 == 0 && public.exists() {
            std::fs::remove_dir_all(&public).unwrap();
        }
        // The lock is held while they start, so every one of them must find it taken and
        // say it waits; released, they race for it.
        let lock = hold_lock(root);
        let mut children: Vec<(Child, mpsc::Receiver<String>)> = (0..at_once)
            .map(|_| {
                let mut child = spawn_build(root);
                let lines = stderr_lines(&mut child);
                (child, lines)
            })
            .collect();
        for (i, (child, lines)) in children.iter_mut().enumerate() {
            // A hang guard only: the build says it waits as soon as it finds the lock.
            let line = lines.recv_timeout(Duration::from_secs(300));
            assert!(
                line.as_deref().is_ok_and(|l| l.starts_with(WAITING)),
                "round {round}, build {i}: {line:?}"
            );
            assert!(child.try_wait().unwrap().is_none(), "round {round}: ended");
            waited += 1;
        }
        drop(lock);
        for (i, (mut child, lines)) in children.into_iter().enumerate() {
            let status = child.wait().unwrap();
            let rest: Vec<String> = lines.iter().collect();
            assert!(status.success(), "round {round}, build {i}: {rest:?}");
            builds += 1;
        }
        assert!(
            snapshot(&public) == references[version],
            "round {round}: the published site is not the one a single build makes"
        );
        assert!(leftovers(root).is_empty(), "{:?}", leftovers(root));
    }
    eprintln!(
        "{builds} builds in 6 rounds of 2 to 4 at once: all succeeded, {waited} waited for another; {:.1?}",
        started.elapsed()
    );
    assert_eq!((builds, waited), (18, 18));
}

/// A small deterministic generator (xorshift64*), so the kill moments repeat from run to run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..bound`.
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}

/// Kills `child` at a random moment over 1.2 times `build_time`, and returns how it ended.
fn kill_after(
    child: &mut Child,
    build_time: Duration,
    random: &mut Random,
) -> std::process::ExitStatus {
    let range = build_time.as_micros() as u64 * 6 / 5;
    std::thread::sleep(Duration::from_micros(random.below(range)));
    let _ = child.kill();
    child.wait().unwrap()
}

/// Where in its work a killed build was, judged after it died.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Landed {
    /// Loading, rendering or taking the lock: no new folder yet.
    BeforeWriting,
    /// The new site was being written beside the published one.
    WhileWriting,
    /// The new site was swapped in; the old one was being deleted.
    AfterSwap,
    /// The build had finished before the signal came.
    Finished,
}

#[test]
fn builds_killed_at_random_moments_never_change_the_published_site() {
    const RUNS: usize = 100;
    let dir = small_site();
    let root = dir.path();
    let test_started = Instant::now();
    let references = references(root);
    let public = root.join("public");
    set_version(root, 0);
    let started = Instant::now();
    build(root, "public");
    // The quicker of this build and the two before it, each, as the length of a build: on
    // a busy machine one build can take twice as long as the next.
    let build_time = started.elapsed().min(test_started.elapsed() / 3);
    let mut published = 0;
    assert!(snapshot(&public) == references[0]);
    let mut random = Random(0x2545_F491_4F6C_DD1D);
    let mut landed = Vec::new();
    let (mut full_builds, mut paused) = (0, 0);
    for run in 0..RUNS {
        let next = 1 - published;
        set_version(root, next);
        let (status, staging) = if run % 5 == 4 {
            // Every fifth build stops at a step of its writing (the test-only pause point)
            // and is killed there: these kills land mid-write on any machine, whatever its
            // speed. The random ones land anywhere.
            let step = ["digest-pages-written", "before-swap"][run / 5 % 2];
            let child = spawn_paused(root, &["build", "--full"], step);
            let staging = root.join(format!(".public.heptaglot-new-{}", child.id()));
            let written = walkdir::WalkDir::new(&staging).into_iter().count();
            assert!(
                staging.is_dir() && written > 1,
                "run {run}: paused at {step}, the staging folder holds {written} entries"
            );
            paused += 1;
            (kill_paused(child), staging)
        } else {
            // Anywhere in a build, and a little after.
            let mut child = spawn_build(root);
            let staging = root.join(format!(".public.heptaglot-new-{}", child.id()));
            (kill_after(&mut child, build_time, &mut random), staging)
        };
        let now = snapshot(&public);
        let moment = if status.success() {
            Landed::Finished
        } else if now == references[next] {
            Landed::AfterSwap
        } else if staging.exists() {
            Landed::WhileWriting
        } else {
            Landed::BeforeWriting
        };
        assert!(
            status.success() || status.signal() == Some(9),
            "run {run}: the build failed by itself: {status}"
        );
        if now == references[next] {
            published = next;
        }
        assert!(
            now == references[published],
            "run {run}: killed {moment:?}, and the published site is neither the last one nor the new one"
        );
        if moment == Landed::Finished {
            assert_eq!(
                published, next,
                "run {run}: a finished build published nothing"
            );
        }
        landed.push(moment);
        if run % 10 == 9 {
            // The next build after kills succeeds, publishes exactly its site, and removes
            // what the killed ones left.
            let version = 1 - published;
            set_version(root, version);
            build(root, "public");
            full_builds += 1;
            published = version;
            assert!(snapshot(&public) == references[version], "run {run}");
            assert!(
                leftovers(root).is_empty(),
                "run {run}: {:?}",
                leftovers(root)
            );
        }
    }
    let count = |m: Landed| landed.iter().filter(|&&l| l == m).count();
    eprintln!(
        "{RUNS} builds killed ({} before writing, {} while writing, {} after the swap, {} had finished), {full_builds} full builds between them, a build taking {build_time:.2?}; {:.1?} in all",
        count(Landed::BeforeWriting),
        count(Landed::WhileWriting),
        count(Landed::AfterSwap),
        count(Landed::Finished),
        test_started.elapsed()
    );
    // The twenty paused builds were killed with their staging folder written (asserted
    // above), so at least that many kills landed while the site was being written, whatever
    // the machine's speed; the random kills add to them.
    assert_eq!(paused, RUNS / 5);
    assert!(
        count(Landed::WhileWriting) >= paused,
        "{paused} builds killed mid-write, {} judged so after: {landed:?}",
        count(Landed::WhileWriting)
    );
}

#[test]
fn incremental_builds_killed_at_random_moments_leave_whole_files_and_the_next_build_repairs() {
    const RUNS: usize = 40;
    let dir = small_site();
    let root = dir.path();
    let references = references(root);
    let public = root.join("public");
    let journal = public.join(".heptaglot-journal");
    // A file of the site is whole if it is that path's file in one of the two versions.
    let versions: Vec<std::collections::HashMap<&str, &[u8]>> = references
        .iter()
        .map(|r| r.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect())
        .collect();
    set_version(root, 0);
    build(root, "public");
    let incremental = |root: &Path| {
        let output = heptaglot(root, &["build"]);
        assert!(output.status.success(), "{}", stderr(&output));
    };
    set_version(root, 1);
    let started = Instant::now();
    incremental(root);
    let build_time = started.elapsed();
    let mut published = 1;
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let (mut mid_write, mut repaired, mut paused) = (0, 0, 0);
    for run in 0..RUNS {
        let next = 1 - published;
        set_version(root, next);
        let status = if run % 4 == 3 {
            // Every fourth build stops after replacing its digest pages in place, behind
            // the journal, before the lists (the test-only pause point), and is killed
            // there: a kill mid-write on any machine, whatever its speed.
            let child = spawn_paused(root, &["build"], "digest-pages-written");
            assert!(
                journal.exists(),
                "run {run}: paused mid-write without a journal"
            );
            assert!(
                snapshot(&public) != references[published],
                "run {run}: paused after the digest pages, none was replaced yet"
            );
            paused += 1;
            kill_paused(child)
        } else {
            let mut child = spawn(root, &["build"]);
            kill_after(&mut child, build_time, &mut random)
        };
        assert!(
            status.success() || status.signal() == Some(9),
            "run {run}: the build failed by itself: {status}"
        );
        if journal.exists() {
            mid_write += 1;
        }
        for (path, bytes) in snapshot(&public) {
            // The journal, and a file being written beside the one it replaces, are not pages.
            if path == ".heptaglot-journal" || path.ends_with(".heptaglot-tmp") {
                continue;
            }
            assert!(
                versions
                    .iter()
                    .any(|v| v.get(path.as_str()) == Some(&bytes.as_slice())),
                "run {run}: {path} is whole in neither version"
            );
        }
        if !status.success() {
            // The next build, incremental or full as it judges, publishes exactly its site.
            incremental(root);
            repaired += 1;
        }
        published = next;
        assert!(
            snapshot(&public) == references[next],
            "run {run}: the site after the build is not exactly version {next}"
        );
        assert!(!journal.exists(), "run {run}: the journal stayed");
    }
    eprintln!(
        "{RUNS} incremental builds killed ({mid_write} while replacing files), {repaired} repaired by the next build, a build taking {build_time:.2?}"
    );
    // The paused builds were killed with their journal written (asserted above).
    assert_eq!(paused, RUNS / 4);
    assert!(
        mid_write >= paused,
        "{paused} builds killed while replacing files, {mid_write} judged so after"
    );
}

/// How this system lets a test mount a file system of its own: a new user and mount
/// namespace (`unshare -rm`, for root and, where allowed, other users), else a new mount
/// namespace (as root). `None`, after saying why, when neither works; under `CI` a failure.
fn namespace() -> Option<Vec<&'static str>> {
    let probe = tempfile::tempdir().unwrap();
    let mut why = Vec::new();
    for prefix in [vec!["unshare", "-rm"], vec!["unshare", "-m"]] {
        let output = Command::new(prefix[0])
            .args(&prefix[1..])
            .args(["sh", "-c", "mount -t tmpfs -o size=64k tmpfs \"$0\""])
            .arg(probe.path())
            .output();
        match output {
            Ok(output) if output.status.success() => return Some(prefix),
            Ok(output) => why.push(format!(
                "`{} sh -c 'mount -t tmpfs …'` failed: {}",
                prefix.join(" "),
                stderr(&output).trim()
            )),
            Err(e) => why.push(format!("cannot run {}: {e}", prefix[0])),
        }
    }
    let why = why.join("; ");
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!("cannot mount a small disk under CI: {why}");
    }
    eprintln!("test skipped, no small disk can be mounted: {why}");
    None
}

/// Runs the shell `script` as root of a new mount namespace made by `prefix`, with `$BIN`
/// the heptaglot binary and the given variables; its mounts vanish when it ends.
fn in_namespace(prefix: &[&str], script: &str, vars: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(prefix[0]);
    command
        .args(&prefix[1..])
        .args(["sh", "-c", script])
        .env("BIN", env!("CARGO_BIN_EXE_heptaglot"))
        .env("NO_COLOR", "1");
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "the script failed: {}",
        stderr(&output)
    );
    output
}

/// The space a tree takes on a tmpfs: whole pages of 4 KiB per file.
fn pages(files: &Snapshot) -> u64 {
    files
        .iter()
        .map(|(_, bytes)| (bytes.len() as u64).div_ceil(4096) * 4096)
        .sum()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A small site at version 0 with its references, and two empty folders in it: `disk`, to
/// mount a small file system on, and `result`, where a script leaves what it saw.
fn disk_test() -> (tempfile::TempDir, [Snapshot; 2], PathBuf, PathBuf) {
    let dir = small_site();
    let references = references(dir.path());
    set_version(dir.path(), 0);
    let (disk, result) = (dir.path().join("disk"), dir.path().join("result"));
    std::fs::create_dir_all(&disk).unwrap();
    std::fs::create_dir_all(&result).unwrap();
    (dir, references, disk, result)
}

#[test]
fn a_disk_too_small_for_the_site_is_a_clear_error_and_publishes_nothing() {
    let Some(prefix) = namespace() else { return };
    let (dir, references, disk, result) = disk_test();
    let root = dir.path();
    let size = pages(&references[0]) / 2;
    let script = format!(
        r#"set -u
mount -t tmpfs -o size={size} tmpfs "$DISK"
"$BIN" --root "$ROOT" build --full --out "$DISK/public" 2> "$RESULT/err"; echo $? > "$RESULT/status"
ls -A "$DISK" > "$RESULT/listing"
"#
    );
    in_namespace(
        &prefix,
        &script,
        &[("ROOT", root), ("DISK", &disk), ("RESULT", &result)],
    );
    let out = disk.join("public").display().to_string();
    assert_eq!(read(&result.join("status")).trim(), "1");
    assert_eq!(
        read(&result.join("err")),
        format!(
            "error: could not write the site to {out}: no space left on the disk holding {out}: free some space or choose another --out folder; nothing was published to {out}\n"
        )
    );
    // Neither a site, nor the unfinished copy, nor the lock file.
    assert_eq!(read(&result.join("listing")), "");
}

#[test]
fn a_disk_with_room_for_one_site_only_keeps_the_previous_one_and_gives_the_space_back() {
    let Some(prefix) = namespace() else { return };
    let (dir, references, disk, result) = disk_test();
    let root = dir.path();
    let fifth = root.join("fifth.yaml");
    std::fs::write(&fifth, call(5)).unwrap();
    // Room for the published site, the lock file and half the next site.
    let size = pages(&references[0]) + 4 * 4096 + pages(&references[1]) / 2;
    let big = 4 * pages(&references[1]);
    let script = format!(
        r#"set -u
mount -t tmpfs -o size={size} tmpfs "$DISK"
build() {{ "$BIN" --root "$ROOT" build --full --out "$DISK/public" > /dev/null 2> "$RESULT/$1.err"; echo $? > "$RESULT/$1.status"; }}
build first
cp -a "$DISK/public" "$RESULT/first"
stat -f -c %f "$DISK" > "$RESULT/first.free"
cp "$FIFTH" "$ROOT/digests/test-calls-005.yaml"
build second
stat -f -c %f "$DISK" > "$RESULT/second.free"
ls -A "$DISK" > "$RESULT/second.listing"
cp -a "$DISK/public" "$RESULT/second"
mount -o remount,size={big} "$DISK"
build third
ls -A "$DISK" > "$RESULT/third.listing"
cp -a "$DISK/public" "$RESULT/third"
"#
    );
    in_namespace(
        &prefix,
        &script,
        &[
            ("ROOT", root),
            ("DISK", &disk),
            ("RESULT", &result),
            ("FIFTH", &fifth),
        ],
    );
    let out = disk.join("public").display().to_string();
    assert_eq!(
        read(&result.join("first.status")).trim(),
        "0",
        "{}",
        read(&result.join("first.err"))
    );
    assert!(snapshot(&result.join("first")) == references[0]);
    assert_eq!(read(&result.join("second.status")).trim(), "1");
    assert_eq!(
        read(&result.join("second.err")),
        format!(
            "error: could not write the site to {out}: no space left on the disk holding {out}: free some space or choose another --out folder; the previous site in {out} is unchanged\n"
        )
    );
    assert!(
        snapshot(&result.join("second")) == references[0],
        "the previous site changed"
    );
    assert_eq!(
        read(&result.join("first.free")),
        read(&result.join("second.free")),
        "the unfinished copy still takes space"
    );
    // The first build's cache stays beside its site.
    assert_eq!(
        read(&result.join("second.listing")),
        ".public.heptaglot-cache\npublic\n"
    );
    // With room again, the next build publishes the new site.
    assert_eq!(
        read(&result.join("third.status")).trim(),
        "0",
        "{}",
        read(&result.join("third.err"))
    );
    assert!(snapshot(&result.join("third")) == references[1]);
    assert_eq!(
        read(&result.join("third.listing")),
        ".public.heptaglot-cache\npublic\n"
    );
}

#[test]
fn a_read_only_disk_and_a_mount_point_as_output_are_clear_errors() {
    let Some(prefix) = namespace() else { return };
    let dir = small_site();
    let root = dir.path();
    build(root, "public");
    let before = snapshot(&root.join("public"));
    set_version(root, 1);
    let disk = root.join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    // Outside the site, which is made read-only.
    let result = tempfile::tempdir().unwrap();
    let result = result.path();
    let script = r#"set -u
mount --bind "$ROOT" "$ROOT"
mount -o remount,bind,ro "$ROOT"
"$BIN" --root "$ROOT" build --full 2> "$RESULT/ro.err"; echo $? > "$RESULT/ro.status"
umount "$ROOT"
mount -t tmpfs -o size=8m tmpfs "$DISK"
mkdir "$DISK/public"
mount -t tmpfs -o size=8m tmpfs "$DISK/public"
"$BIN" --root "$ROOT" build --full --out "$DISK/public" 2> "$RESULT/mount.err"; echo $? > "$RESULT/mount.status"
ls -A "$DISK" > "$RESULT/mount.listing"
ls -A "$DISK/public" > "$RESULT/mount.inside"
"#;
    in_namespace(
        &prefix,
        script,
        &[("ROOT", root), ("DISK", &disk), ("RESULT", result)],
    );
    let out = root.join("public").display().to_string();
    assert_eq!(read(&result.join("ro.status")).trim(), "1");
    let ro = read(&result.join("ro.err"));
    assert!(
        ro.contains(&format!("the disk holding {out} is read-only"))
            && ro.ends_with(&format!("the previous site in {out} is unchanged\n")),
        "{ro}"
    );
    assert!(snapshot(&root.join("public")) == before);
    assert!(leftovers(root).is_empty(), "{:?}", leftovers(root));
    let mount = disk.join("public").display().to_string();
    assert_eq!(read(&result.join("mount.status")).trim(), "1");
    assert_eq!(
        read(&result.join("mount.err")),
        format!(
            "error: could not write the site to {mount}: {mount} is a mount point (or on another disk than {}), so a new site cannot be swapped in its place; mount the folder above it instead, or choose as --out a folder inside it; nothing was published to {mount}\n",
            disk.display()
        )
    );
    assert_eq!(read(&result.join("mount.listing")), "public\n");
    assert_eq!(read(&result.join("mount.inside")), "");
}

/// Says why a test cannot run on this machine and returns; under CI (`CI` set) it fails
/// instead, so that CI never passes a test it did not run.
fn skip_outside_ci(why: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "cannot run under CI: {why}"
    );
    eprintln!("test skipped: {why}");
}

/// Whether this test runs as root (who may write anywhere, whatever the permissions say).
fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

#[test]
fn a_parent_folder_without_write_permission_is_a_clear_error() {
    let dir = small_site();
    let root = dir.path();
    build(root, "public");
    let before = snapshot(&root.join("public"));
    set_version(root, 1);
    // Root builds as nobody, from a copy of the binary in a folder nobody may enter (the
    // target folder may sit below a private one).
    let bin = tempfile::tempdir().unwrap();
    let binary = bin.path().join("heptaglot");
    std::fs::copy(env!("CARGO_BIN_EXE_heptaglot"), &binary).unwrap();
    std::fs::set_permissions(bin.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = Command::new(&binary);
    command
        .arg("--root")
        .arg(root)
        .args(["build", "--full"])
        .env("NO_COLOR", "1");
    if is_root() {
        // Root ignores permissions: build as nobody, who may read the site but not write.
        command.uid(65534).gid(65534);
    }
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o555)).unwrap();
    // The copy was open for writing a moment ago: a child that another test thread forked
    // meanwhile may still hold that descriptor until it execs, and running the file then
    // fails with "Text file busy". Trying again once that child has moved on is enough.
    let mut output = command.output();
    for _ in 0..100 {
        match &output {
            Err(e) if e.raw_os_error() == Some(26) => {
                std::thread::sleep(Duration::from_millis(20));
                output = command.output();
            }
            _ => break,
        }
    }
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
    let output = match output {
        Ok(output) => output,
        Err(e) => return skip_outside_ci(&format!("nobody cannot run the build here: {e}")),
    };
    let message = stderr(&output);
    if !message.contains("heptaglot writes") && message.contains("Permission denied") {
        // A folder above the temporary one is private.
        return skip_outside_ci(&format!("nobody cannot read the site here: {message}"));
    }
    let out = root.join("public").display().to_string();
    let parent = root.display();
    assert!(!output.status.success());
    assert!(
        message.contains(&format!("permission denied in {parent}: heptaglot writes the new site beside {out}, in {parent}, then swaps it in, so it needs to write there; make {parent} writable or choose another --out folder; the previous site in {out} is unchanged")),
        "{message}"
    );
    assert!(snapshot(&root.join("public")) == before);
    assert!(leftovers(root).is_empty(), "{:?}", leftovers(root));
}

#[test]
fn a_file_where_the_output_folder_should_be_is_left_alone() {
    let dir = small_site();
    let root = dir.path();
    std::fs::write(root.join("public"), "not a folder").unwrap();
    let output = heptaglot(root, &["build"]);
    assert!(!output.status.success());
    assert_eq!(
        stderr(&output),
        format!(
            "error: {} is a file, not a folder; heptaglot will not replace it. Choose another --out folder, or move it away\n",
            root.join("public").display()
        )
    );
    assert_eq!(read(&root.join("public")), "not a folder");
    // Refused before anything was made beside it.
    assert!(!root.join(".public.heptaglot-lock").exists());
    assert!(leftovers(root).is_empty(), "{:?}", leftovers(root));
}

#[test]
fn leftovers_of_killed_builds_go_even_when_their_process_id_is_reused_and_others_stay() {
    let dir = small_site();
    let root = dir.path();
    build(root, "public");
    let marked = |name: &str| {
        let path = root.join(name);
        std::fs::create_dir_all(path.join("en")).unwrap();
        std::fs::write(path.join("en/index.html"), "half").unwrap();
        std::fs::write(path.join(".heptaglot-output"), "").unwrap();
    };
    // Process 1 is always running: without the lock, its folders could not be told from a
    // live build's.
    marked(".public.heptaglot-new-1");
    marked(".public.heptaglot-old-1");
    // Killed after making its folder but before writing the marker into it.
    std::fs::create_dir(root.join(".public.heptaglot-new-4000000")).unwrap();
    // Not made by heptaglot (no marker, not empty): never deleted.
    std::fs::create_dir(root.join(".public.heptaglot-new-2")).unwrap();
    std::fs::write(root.join(".public.heptaglot-new-2/mine.txt"), "mine").unwrap();
    build(root, "public");
    assert_eq!(leftovers(root), [".public.heptaglot-new-2"]);
    assert_eq!(read(&root.join(".public.heptaglot-new-2/mine.txt")), "mine");
}

#[test]
fn a_symbolic_link_as_output_is_followed_not_replaced() {
    let dir = small_site();
    let root = dir.path();
    std::fs::create_dir(root.join("www")).unwrap();
    std::os::unix::fs::symlink("www", root.join("public")).unwrap();
    build(root, "public");
    build(root, "public");
    assert!(root.join("public").is_symlink());
    assert!(root.join("www/en/index.html").is_file());
    assert!(!root.join(".www.heptaglot-lock").exists());
}

#[test]
fn a_file_size_limit_stops_the_build_without_touching_the_site() {
    let dir = small_site();
    let root = dir.path();
    build(root, "public");
    let before = snapshot(&root.join("public"));
    set_version(root, 1);
    // Files of at most 4 blocks (2 or 4 KiB, by shell): most pages are larger.
    let output = Command::new("sh")
        .args(["-c", "ulimit -f 4 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_heptaglot"))
        .arg("--root")
        .arg(root)
        .args(["build", "--full"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    // The system stops the process with SIGXFSZ (25), or, where that signal is ignored,
    // the write fails and the build says why.
    assert!(
        output.status.signal() == Some(25)
            || stderr(&output).contains("a file is larger than this system lets heptaglot write"),
        "{:?} {}",
        output.status,
        stderr(&output)
    );
    assert!(snapshot(&root.join("public")) == before);
    build(root, "public");
    assert!(leftovers(root).is_empty(), "{:?}", leftovers(root));
}
