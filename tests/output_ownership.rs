//! Ownership of the output folder, through the binary: a build replaces or deletes only
//! files it can prove it wrote (the manifest kept beside the output, never a file inside
//! it), never writes or deletes through a symbolic link planted in the output, cannot be
//! sent outside the site by `heptaglot.toml`, and never writes into an input folder.

mod common;

use std::path::Path;

use common::{heptaglot, site, stderr};

const SLUG: &str = "wikimedia-clinic-006";

/// Builds `root` with `args`; the error output when it fails, `None` when it succeeds.
fn build(root: &Path, args: &[&str]) -> Option<String> {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let output = heptaglot(root, &all);
    (!output.status.success()).then(|| stderr(&output))
}

/// A site with the examples, built once into `public`.
fn built() -> tempfile::TempDir {
    let dir = site(true);
    assert_eq!(build(dir.path(), &[]), None);
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[test]
fn a_copied_marker_does_not_make_someones_folder_heptaglots() {
    let dir = built();
    let root = dir.path();
    let public = root.join("public");
    // The marker and the build's name copied into a folder of someone's own, and even the
    // state folder copied beside it under the matching name.
    let docs = root.join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("precious.txt"), "mine").unwrap();
    for name in [".heptaglot-output", ".heptaglot-cache"] {
        std::fs::copy(public.join(name), docs.join(name)).unwrap();
    }
    let error = build(root, &["--out", docs.to_str().unwrap()]).expect("replaced docs/");
    assert!(
        error.contains("precious.txt") && error.contains("no record of what heptaglot wrote"),
        "{error}"
    );
    assert!(error.contains("choose another --out folder"), "{error}");
    assert_eq!(read(&docs.join("precious.txt")), "mine");
    let state = root.join(".public.heptaglot-cache");
    let copied = root.join(".docs.heptaglot-cache");
    std::fs::create_dir(&copied).unwrap();
    std::fs::copy(state.join("manifest"), copied.join("manifest")).unwrap();
    let error = build(root, &["--out", docs.to_str().unwrap()]).expect("replaced docs/");
    assert!(
        error.contains("precious.txt") && error.contains("was not written by heptaglot"),
        "{error}"
    );
    assert_eq!(read(&docs.join("precious.txt")), "mine");
    // A link named like the marker proves nothing either.
    #[cfg(unix)]
    {
        let other = root.join("other");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("precious.txt"), "mine").unwrap();
        symlink(
            &public.join(".heptaglot-output"),
            &other.join(".heptaglot-output"),
        );
        let error = build(root, &["--out", other.to_str().unwrap()]).expect("replaced other/");
        assert!(
            error.contains("no record of what heptaglot wrote"),
            "{error}"
        );
        assert_eq!(read(&other.join("precious.txt")), "mine");
    }
}

#[test]
fn the_site_root_as_output_with_a_copied_marker_loses_nothing() {
    let dir = built();
    let root = dir.path();
    std::fs::copy(
        root.join("public/.heptaglot-output"),
        root.join(".heptaglot-output"),
    )
    .unwrap();
    let error = build(root, &["--out", root.to_str().unwrap()]).expect("replaced the root");
    assert!(error.contains("holds the site's input folder"), "{error}");
    for input in [
        "digests/wikimedia-clinic-006.yaml",
        "locales/fr",
        "templates/style.css",
    ] {
        assert!(root.join(input).exists(), "{input} is gone");
    }
}

#[test]
fn a_file_added_to_the_output_is_named_and_left_alone() {
    let dir = built();
    let root = dir.path();
    let stray = root.join("public/de/stray.html");
    std::fs::write(&stray, "nobody wrote this").unwrap();
    for args in [&[][..], &["--full"]] {
        let error = build(root, args).expect("built over a foreign file");
        assert!(
            error.contains("de/stray.html") && error.contains("Move"),
            "{error}"
        );
        assert_eq!(read(&stray), "nobody wrote this");
    }
    std::fs::remove_file(&stray).unwrap();
    assert_eq!(build(root, &[]), None);
    // The record of what heptaglot wrote is beside the output, not in it.
    let manifest = read(&root.join(".public.heptaglot-cache/manifest"));
    assert!(manifest.lines().any(|l| l == "en/index.html"), "{manifest}");
    assert!(!root.join("public/manifest").exists());
}

#[test]
fn without_its_record_a_non_empty_output_is_not_replaced() {
    let dir = built();
    let root = dir.path();
    std::fs::remove_dir_all(root.join(".public.heptaglot-cache")).unwrap();
    let error = build(root, &[]).expect("replaced an unproven folder");
    assert!(error.contains("is missing"), "{error}");
    assert!(root.join("public/en/index.html").is_file());
    std::fs::remove_dir_all(root.join("public")).unwrap();
    assert_eq!(build(root, &[]), None);
}

#[test]
fn an_output_built_before_manifests_is_proven_by_its_cache() {
    let dir = built();
    let root = dir.path();
    std::fs::remove_file(root.join(".public.heptaglot-cache/manifest")).unwrap();
    assert_eq!(build(root, &[]), None);
    assert!(root.join(".public.heptaglot-cache/manifest").is_file());
}

/// Replaces the digest's French folder in `public` by a link to `victim`, a folder outside
/// the output holding a page of its own.
#[cfg(unix)]
fn plant_link(root: &Path) -> std::path::PathBuf {
    let victim = root.join("victim");
    std::fs::create_dir(&victim).unwrap();
    std::fs::write(victim.join("index.html"), "the victim's page").unwrap();
    let planted = root.join("public/fr").join(SLUG);
    std::fs::remove_dir_all(&planted).unwrap();
    symlink(Path::new("../../victim"), &planted);
    victim
}

#[cfg(unix)]
#[test]
fn a_link_planted_in_the_output_is_never_written_through() {
    let dir = built();
    let root = dir.path();
    let victim = plant_link(root);
    let notes = root.join("digests").join(format!("{SLUG}.yaml"));
    let text = read(&notes).replacen("intro: ", "intro: Edited. ", 1);
    std::fs::write(&notes, text).unwrap();
    for args in [&[][..], &["--full"]] {
        let error = build(root, args).expect("built through a planted link");
        assert!(error.contains("symbolic link"), "{error}");
        assert_eq!(read(&victim.join("index.html")), "the victim's page");
    }
}

#[cfg(unix)]
#[test]
fn a_serving_session_deletes_nothing_through_a_planted_link() {
    use heptaglot::site::{BuildOptions, Layout, Session, build_in};
    let dir = site(true);
    let root = dir.path();
    let (layout, options) = (Layout::new(root), BuildOptions::default());
    let mut session = Session::serving();
    let first = build_in(&layout, &options, &mut session);
    assert!(first.result.is_ok(), "{:?}", first.result);
    let victim = plant_link(root);
    let notes = format!("digests/{SLUG}.yaml");
    std::fs::remove_file(root.join(&notes)).unwrap();
    session.inputs_changed(Some(&[std::path::PathBuf::from(&notes)]));
    let _ = build_in(&layout, &options, &mut session);
    let _ = session.settle();
    assert_eq!(read(&victim.join("index.html")), "the victim's page");
}

#[test]
fn the_configuration_cannot_send_the_output_outside_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir(&root).unwrap();
    let from = site(true);
    for name in ["digests", "locales", "templates"] {
        std::fs::rename(from.path().join(name), root.join(name)).unwrap();
    }
    let outside = dir.path().join("x");
    for output in ["../x", outside.to_str().unwrap(), "a/../.."] {
        std::fs::write(
            root.join("heptaglot.toml"),
            format!("title = \"Digests\"\noutput = {output:?}\n"),
        )
        .unwrap();
        let error = build(&root, &[]).expect("built outside the site");
        assert!(
            error.contains("heptaglot.toml") && error.contains(":2:"),
            "{error}"
        );
        assert!(error.contains("pass --out on the command line"), "{error}");
        assert!(!outside.exists(), "{output} wrote outside the site");
    }
    // Through a link inside the site, the same.
    #[cfg(unix)]
    {
        std::fs::create_dir(&outside).unwrap();
        symlink(&outside, &root.join("public"));
        std::fs::write(root.join("heptaglot.toml"), "output = \"public\"\n").unwrap();
        let error = build(&root, &[]).expect("built through a link outside the site");
        assert!(error.contains("Pass --out on the command line"), "{error}");
        assert!(std::fs::read_dir(&outside).unwrap().next().is_none());
        std::fs::remove_file(root.join("public")).unwrap();
        std::fs::remove_dir(&outside).unwrap();
    }
    // The command line may send it anywhere.
    std::fs::write(root.join("heptaglot.toml"), "output = \"public\"\n").unwrap();
    assert_eq!(build(&root, &["--out", outside.to_str().unwrap()]), None);
    assert!(outside.join("en/index.html").is_file());
}

#[test]
fn an_output_inside_an_input_folder_is_refused() {
    let dir = site(true);
    let root = dir.path();
    for (out, input) in [
        ("templates/public", "templates/"),
        ("digests/out", "digests/"),
        ("locales/fr/site", "locales/"),
    ] {
        let error = build(root, &["--out", out]).expect("built into an input folder");
        assert!(
            error.contains(&format!("inside the site's input folder {input}")),
            "{error}"
        );
        assert!(!root.join(out).exists(), "{out} was created");
    }
    // And later builds still read only the inputs.
    assert_eq!(build(root, &[]), None);
}
