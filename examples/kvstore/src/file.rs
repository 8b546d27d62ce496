//! The file format: a header line, then one `<key in hex> <value in hex>` line per entry.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::KvError;

const HEADER: &str = "kvstore 1";

/// The entries stored in `path` (none when the file does not exist yet).
pub(crate) fn load(path: &Path) -> Result<BTreeMap<String, Vec<u8>>, KvError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
            return Err(KvError::Corrupt { line: 1 });
        }
        Err(e) => return Err(e.into()),
    };
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return Err(KvError::Corrupt { line: 1 });
    }
    let mut entries = BTreeMap::new();
    for (i, line) in lines.enumerate() {
        let corrupt = KvError::Corrupt { line: i as u64 + 2 };
        let (key, value) = line.split_once(' ').ok_or(corrupt.clone())?;
        let key = unhex(key).and_then(|k| String::from_utf8(k).ok());
        match (key, unhex(value)) {
            (Some(key), Some(value)) if !key.is_empty() => entries.insert(key, value),
            _ => return Err(corrupt),
        };
    }
    Ok(entries)
}

/// Writes `entries` to `path` (through a temporary file renamed over it).
pub(crate) fn save(path: &Path, entries: &BTreeMap<String, Vec<u8>>) -> Result<(), KvError> {
    let mut text = format!("{HEADER}\n");
    for (key, value) in entries {
        text.push_str(&hex(key.as_bytes()));
        text.push(' ');
        text.push_str(&hex(value));
        text.push('\n');
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_survive_a_save_and_a_load() {
        let dir = std::env::temp_dir().join(format!("kvstore-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("mkdir");
        let path = dir.join("db.kv");
        let mut entries = BTreeMap::new();
        entries.insert("a key\nwith a newline".to_string(), vec![0, 255, 10]);
        entries.insert("ключ".to_string(), b"value".to_vec());
        save(&path, &entries).expect("save");
        assert_eq!(load(&path).expect("load"), entries);
        std::fs::write(&path, "kvstore 1\n00 zz\n").expect("write");
        assert_eq!(load(&path), Err(KvError::Corrupt { line: 2 }));
        std::fs::remove_dir_all(&dir).expect("rm");
    }
}
