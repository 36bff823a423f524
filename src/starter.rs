//! `heptaglot init`: a new site from the files built into the binary, so that an installed
//! heptaglot can start a site from nothing. The files are those of the example site in the
//! source tree (the templates, the seven languages' messages, the glossary and one example
//! digest), embedded at compile time; a test keeps the list in step with the tree.

use std::path::{Path, PathBuf};

use crate::diag::Problem;

/// One file of the starter site: its path in the site and its bytes.
macro_rules! embed {
    ($path:literal) => {
        (
            $path,
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $path)),
        )
    };
}

/// The files of a new site, by their path in it.
pub const FILES: &[(&str, &[u8])] = &[
    embed!("templates/404.html"),
    embed!("templates/base.html"),
    embed!("templates/choose-language.js"),
    embed!("templates/components.html"),
    embed!("templates/components.md"),
    embed!("templates/components.wiki"),
    embed!("templates/digest.html"),
    embed!("templates/digest.md"),
    embed!("templates/digest.wiki"),
    embed!("templates/index.html"),
    embed!("templates/index.md"),
    embed!("templates/root.html"),
    embed!("templates/root.md"),
    embed!("templates/search.html"),
    embed!("templates/search.js"),
    embed!("templates/series.html"),
    embed!("templates/series.md"),
    embed!("templates/style.css"),
    embed!("locales/en/main.ftl"),
    embed!("locales/en/search.ftl"),
    embed!("locales/en/site.ftl"),
    embed!("locales/en/translation.ftl"),
    embed!("locales/es/main.ftl"),
    embed!("locales/es/search.ftl"),
    embed!("locales/es/site.ftl"),
    embed!("locales/es/translation.ftl"),
    embed!("locales/fr/main.ftl"),
    embed!("locales/fr/search.ftl"),
    embed!("locales/fr/site.ftl"),
    embed!("locales/fr/translation.ftl"),
    embed!("locales/ar/main.ftl"),
    embed!("locales/ar/search.ftl"),
    embed!("locales/ar/site.ftl"),
    embed!("locales/ar/translation.ftl"),
    embed!("locales/zh-Hans/main.ftl"),
    embed!("locales/zh-Hans/search.ftl"),
    embed!("locales/zh-Hans/site.ftl"),
    embed!("locales/zh-Hans/translation.ftl"),
    embed!("locales/de/main.ftl"),
    embed!("locales/de/search.ftl"),
    embed!("locales/de/site.ftl"),
    embed!("locales/de/translation.ftl"),
    embed!("locales/ru/main.ftl"),
    embed!("locales/ru/search.ftl"),
    embed!("locales/ru/site.ftl"),
    embed!("locales/ru/translation.ftl"),
    embed!("locales/glossary.yaml"),
    embed!("digests/affiliate-voices-012.yaml"),
];

/// Creates a site in `dir` (made when missing) from [`FILES`]. Refuses a folder that is
/// already a site, and writes nothing when any of the files is already there: it never
/// overwrites a file. Returns the files written, relative to `dir`.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Box<Problem>> {
    let shown = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    if dir.exists() && crate::notes::load::not_a_site(dir).is_none() {
        return Err(Box::new(
            Problem::error(shown, "this folder is already a site (it has digests/, locales/, templates/ or heptaglot.toml)")
                .hint("nothing was written; run `heptaglot init NEW-FOLDER` for a new site, or `heptaglot new` to add a call to this one"),
        ));
    }
    if let Some((path, _)) = FILES.iter().find(|(path, _)| dir.join(path).exists()) {
        return Err(Box::new(
            Problem::error(shown.join(path), "this file is already there")
                .hint("nothing was written: move it away, or start the site in an empty folder"),
        ));
    }
    let mut written = Vec::new();
    for (path, bytes) in FILES {
        let target = dir.join(path);
        let write = || -> std::io::Result<()> {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&target)
                .and_then(|mut file| std::io::Write::write_all(&mut file, bytes))
        };
        if let Err(error) = write() {
            return Err(Box::new(
                Problem::error(shown.join(path), format!("cannot write the file: {error}"))
                    .hint("check that you may write in this folder, and that the disk is not full"),
            ));
        }
        written.push(PathBuf::from(path));
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every template and message file of the example site is embedded, and nothing else
    /// but the glossary and the example digest: a file added to the tree must be added here.
    #[test]
    fn the_embedded_files_are_those_of_the_example_site() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut in_tree: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(root.join("templates")).unwrap() {
            in_tree.push(format!(
                "templates/{}",
                entry.unwrap().file_name().to_string_lossy()
            ));
        }
        for lang in crate::lang::Language::all_codes() {
            for entry in std::fs::read_dir(root.join("locales").join(lang)).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                if name.ends_with(".ftl") {
                    in_tree.push(format!("locales/{lang}/{name}"));
                }
            }
        }
        in_tree.push("locales/glossary.yaml".into());
        in_tree.push("digests/affiliate-voices-012.yaml".into());
        in_tree.sort();
        let mut embedded: Vec<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        assert_eq!(embedded, in_tree);
    }
}
