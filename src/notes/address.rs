//! Addresses made from names: a series' page address, and the names no address may have.
//!
//! A series address keeps the letters of every script, lowercased through Unicode's case
//! mapping ("École" → `école`, "Straße" → `straße`, "Ärzte" → `ärzte`): a URL path may hold
//! any Unicode text (browsers show it as written and send it percent-encoded), and every
//! file system heptaglot publishes to stores UTF-8 names. Transliterating to ASCII (ICU4X's
//! transliterator is still experimental) would guess at a language's rules, and dropping the
//! letters, as before, merged "École" with "Cole". The name is put in Unicode normal form C
//! first, so that the same name typed with a combining accent gets the same address.
//!
//! Windows cannot create a file or folder named after a device (`con`, `nul`, `com1`, …,
//! with any extension): a site with such a page cannot be checked out or served there.

/// Names Windows reserves for devices (compared without case, before any extension).
const WINDOWS_DEVICES: [&str; 4] = ["con", "prn", "aux", "nul"];

/// Whether Windows refuses `name` as a file or folder name: a device name, in any case,
/// alone or before an extension (`nul.html`).
pub fn windows_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    let lower = stem.to_lowercase();
    if WINDOWS_DEVICES.contains(&lower.as_str()) {
        return true;
    }
    let digit = |rest: &str| {
        let mut chars = rest.chars();
        matches!(
            (chars.next(), chars.next()),
            (Some('0'..='9' | '¹' | '²' | '³'), None)
        )
    };
    ["com", "lpt"]
        .iter()
        .any(|device| lower.strip_prefix(device).is_some_and(digit))
}

/// The address of the series named `name`: its letters and digits in lowercase, runs of
/// anything else as one `-`; a name with none gets `series-` and a hash of the name, and a
/// long one its first 80 bytes and a hash (a folder name may have at most 255 bytes).
pub fn series_address(name: &str) -> String {
    let name = icu::normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(name);
    let mut address = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            address.extend(c.to_lowercase());
        } else if !address.is_empty() && !address.ends_with('-') {
            address.push('-');
        }
    }
    let address = address.trim_end_matches('-');
    let hash = crate::hash::hash64(name.as_bytes()) as u32;
    if address.is_empty() {
        return format!("series-{hash:08x}");
    }
    if address.len() > 100 {
        let mut end = 80;
        while !address.is_char_boundary(end) {
            end -= 1;
        }
        return format!("{}-{hash:08x}", address[..end].trim_end_matches('-'));
    }
    address.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_addresses_keep_the_letters_of_every_script() {
        for (name, address) in [
            ("Wikimedia Clinics", "wikimedia-clinics"),
            ("École", "école"),
            ("Straße", "straße"),
            ("Ärzte ohne Grenzen", "ärzte-ohne-grenzen"),
            ("Cole", "cole"),
            ("Встречи сообщества", "встречи-сообщества"),
            ("社区会议", "社区会议"),
            ("اللقاءات", "اللقاءات"),
            // A combining accent: the same address as the composed letter.
            ("E\u{301}cole", "école"),
        ] {
            assert_eq!(series_address(name), address, "{name}");
        }
        assert!(series_address("!!!").starts_with("series-"));
        let long = series_address(&"é".repeat(200));
        assert!(long.len() <= 100 && long.starts_with("éé"), "{long}");
    }

    #[test]
    fn windows_device_names_in_any_case_and_with_any_extension() {
        for name in [
            "con",
            "CON",
            "Nul",
            "aux.html",
            "prn",
            "com1",
            "LPT9",
            "com¹",
            "nul.tar.gz",
        ] {
            assert!(windows_reserved(name), "{name}");
        }
        for name in ["console", "com", "com10", "lpt", "icon", "nuls", "a-con"] {
            assert!(!windows_reserved(name), "{name}");
        }
    }
}
