//! Searches and splits of text on one ASCII byte, and counting characters:
//! what `find`, `split` and `rsplit_once` do, without core's pattern
//! machinery (its `memchr` and char searchers) in the shipped `.wasm`.

/// The number of characters (Unicode scalar values) in `text`: its bytes
/// that do not continue a UTF-8 sequence. The same as `chars().count()`
/// in a fraction of the code.
pub fn char_count(text: &str) -> usize {
    text.bytes().filter(|byte| byte & 0xC0 != 0x80).count()
}

/// `text` split around the last `byte` (an ASCII character), or `None`
/// when it has none: `rsplit_once` without the general pattern machinery.
pub fn rsplit_at(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().rposition(|b| b == byte)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// Where the first `byte` (an ASCII character) is in `text`: `find`
/// without the pattern machinery.
pub fn find_byte(text: &str, byte: u8) -> Option<usize> {
    text.bytes().position(|b| b == byte)
}

/// `text` split around the first `byte` (an ASCII character), or `None`
/// when it has none: `split_once` without the pattern machinery.
pub fn split_at_first(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = find_byte(text, byte)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// The pieces of `text` between each `byte` (an ASCII character), as
/// `split` gives them (empty pieces included), without core's `memchr`
/// and char searchers in the `.wasm`.
pub fn split_on(text: &str, byte: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    core::iter::from_fn(move || {
        let current = rest?;
        match split_at_first(current, byte) {
            Some((piece, after)) => {
                rest = Some(after);
                Some(piece)
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_and_splitting() {
        for text in ["", "abc", "zoë", "🙂a", "日本語\u{FFFD}"] {
            assert_eq!(char_count(text), text.chars().count(), "{text}");
        }
        assert_eq!(rsplit_at("a@b@c", b'@'), Some(("a@b", "c")));
        assert_eq!(rsplit_at("zoë@", b'@'), Some(("zoë", "")));
        assert_eq!(rsplit_at("abc", b'@'), None);
        assert_eq!(split_at_first("a.b.c", b'.'), Some(("a", "b.c")));
        assert_eq!(find_byte("zoë.x", b'.'), Some(4));
        for text in ["", "a", "a.b", ".a.", "..", "zoë.é.x"] {
            let ours: Vec<&str> = split_on(text, b'.').collect();
            let core: Vec<&str> = text.split('.').collect();
            assert_eq!(ours, core, "{text}");
        }
    }
}
