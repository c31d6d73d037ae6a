//! The pure rules against other projects' test vectors: HTTP dates and
//! `Retry-After` (src/call/retry.rs), email addresses and language tags
//! (src/call/rules.rs).
//! The vectors are data, read when the tests run from `../shared/vectors/`
//! beside the repository (its README.md lists them; each file names its
//! sources and licences) and never copied into it: where that folder is
//! absent, as in a clone elsewhere, each test says it skips and passes.
//! Native only (`cargo test --test vectors -- --nocapture` prints the
//! agreement counts); the wasm suites are tests/web.rs and
//! tests/reliability.rs.
//!
//! Each test lists the cases where the package reads a vector otherwise than
//! its source, with the reason; a case that starts or stops disagreeing fails
//! the test, so the lists stay true.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use takecontrol_session::call::retry::{parse_http_date, parse_retry_after};
use takecontrol_session::call::rules::{is_language_code, is_plausible_email};

/// A vector file, or `None` (with a line saying so) when the folder is absent.
fn vectors(file: &str) -> Option<Value> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/vectors");
    if !folder.is_dir() {
        println!(
            "skipped: no {file}, no folder {} (the vectors live beside the repository, never in it)",
            folder.display()
        );
        return None;
    }
    let path = folder.join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{} cannot be read: {error}", path.display()));
    let text = without_lone_surrogates(&text);
    Some(serde_json::from_str(&text).unwrap_or_else(|error| panic!("{file}: {error}")))
}

/// JSON text with each escaped unpaired UTF-16 surrogate (`\ud800`, which a
/// Rust string cannot hold and serde_json refuses) written as U+FFFD. The
/// rules never meet one: js/options.js refuses a string holding one.
fn without_lone_surrogates(text: &str) -> String {
    let surrogate = |escape: &str, range: std::ops::RangeInclusive<u32>| {
        escape
            .strip_prefix("\\u")
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .is_some_and(|code| range.contains(&code))
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let escape = rest.get(..6).unwrap_or(rest);
        let next = rest.get(6..12).unwrap_or("");
        let taken = if surrogate(escape, 0xD800..=0xDBFF) && surrogate(next, 0xDC00..=0xDFFF) {
            out.push_str(&rest[..12]);
            12
        } else if surrogate(escape, 0xD800..=0xDFFF) {
            out.push_str("\\ufffd");
            6
        } else {
            // Any other escape, kept whole (so `\\\\` is not read as the start of one).
            let len = rest.chars().nth(1).map_or(1, |c| 1 + c.len_utf8());
            out.push_str(&rest[..len]);
            len
        };
        rest = &rest[taken..];
    }
    out.push_str(rest);
    out
}

fn list<'a>(value: &'a Value, what: &str) -> &'a Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("{what} is not a list"))
}

fn text<'a>(value: &'a Value, what: &str) -> &'a str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("{what} is not a string"))
}

/// Checks the disagreements found against the ones a test lists (input ->
/// reason), and prints the agreement count.
fn check_disagreements(
    what: &str,
    total: usize,
    found: &BTreeMap<String, String>,
    listed: &[(&str, &str)],
) {
    let listed: BTreeMap<&str, &str> = listed.iter().copied().collect();
    println!(
        "{what}: {} of {total} agree ({} listed disagreements)",
        total - found.len(),
        listed.len()
    );
    for (input, ours) in found {
        assert!(
            listed.contains_key(input.as_str()),
            "{what}: {input:?} disagrees ({ours}) and is not listed"
        );
    }
    for input in listed.keys() {
        assert!(
            found.contains_key(*input),
            "{what}: {input:?} is listed as a disagreement but agrees"
        );
    }
}

/// The test's "now": 2026-12-01 00:00:00 UTC, fixed so that the two-digit
/// years of RFC 850 dates read the same every day. Any now from 2000 to 2043
/// reads these vectors' years (`94`, `50`, `24`) as their sources do.
const NOW_MS: f64 = 1_796_083_200_000.0;

/// Where the package reads an HTTP date otherwise than a strict source
/// (source, input, reason): none. The sources differ in policy, though not
/// on any one input:
///
/// - years: httpdate refuses those before 1970 (its `Sun Nov 10 08:00:00
///   1000`), undici reads 1950; the package reads any four-digit year, as
///   RFC 9110 allows (a date long past is a wait of zero), and refuses that
///   one for its weekday: 1000-11-10 was a Monday;
/// - weekdays: Go ignores them, httpdate refuses a wrong one; the package
///   refuses it too, and no Go vector has one;
/// - a leap second (`:60`): RFC 9110 allows it, undici refuses it, ky reads
///   the next second; the package refuses it with undici (a backoff instead
///   of the server's wait, once in years).
const HTTP_DATE_DISAGREEMENTS: [(&str, &str, &str); 0] = [];

#[test]
fn http_dates_agree_with_the_strict_parsers() {
    let Some(file) = vectors("http-date.json") else {
        return;
    };
    let (mut agreed, mut total) = (0, 0);
    for source in ["go", "httpdate", "undici"] {
        let cases = list(&file["strict"][source], source);
        let mut found = BTreeMap::new();
        for case in cases {
            let input = text(&case["input"], "input");
            let ours = parse_http_date(input, NOW_MS).map(|ms| ms / 1000.0);
            if ours != case["expected"].as_f64() {
                found.insert(input.to_owned(), format!("read as {ours:?}"));
            }
        }
        let listed: Vec<(&str, &str)> = HTTP_DATE_DISAGREEMENTS
            .iter()
            .filter(|(from, ..)| *from == source)
            .map(|&(_, input, reason)| (input, reason))
            .collect();
        check_disagreements(
            &format!("http-date.json strict.{source}"),
            cases.len(),
            &found,
            &listed,
        );
        agreed += cases.len() - found.len();
        total += cases.len();
        assert!(
            (cases.len() - found.len()) * 100 >= cases.len() * 95,
            "{source}: under 95% agreement"
        );
    }
    println!("http-date.json strict: {agreed} of {total} agree");
    // The lenient parsers read far more than HTTP-date (other zones, lower
    // case, no weekday...): counted for the record, not required.
    for (source, cases) in file["lenient"].as_object().into_iter().flatten() {
        let Some(cases) = cases.as_array() else {
            continue;
        };
        let same = cases
            .iter()
            .filter(|case| {
                let ours = parse_http_date(text(&case["input"], "input"), NOW_MS);
                ours.map(|ms| ms / 1000.0) == case["expected"].as_f64()
            })
            .count();
        println!(
            "http-date.json lenient.{source}: {same} of {} agree (not required)",
            cases.len()
        );
    }
}

/// What a client's test asserts about one `Retry-After` value, as this
/// package's reading of it: `Some(None)` the header is ignored, `Some(Some(s))`
/// a wait of `s` seconds at least (`exact`: exactly); `None` when the case
/// tests something else (an option the package does not have, a status).
fn expected_retry_after(case: &Value) -> Option<(Option<f64>, bool)> {
    let result = &case["result"];
    let options = &case["options"];
    if options["respect_retry_after_header"] == false || options["retryAfter"] == false {
        return None;
    }
    match text(&result["kind"], "kind") {
        "delay_seconds" | "sleep_seconds" => Some((result["seconds"].as_f64(), true)),
        "delay_ms" => match (result["ms"].as_f64(), result["ms_at_least"].as_f64()) {
            (Some(ms), _) => Some((Some(ms / 1000.0), true)),
            (None, Some(ms)) => Some((Some(ms / 1000.0), false)),
            (None, None) => None,
        },
        "invalid" | "fallback" | "backoff_retry" => Some((None, true)),
        "no_sleep" => Some((Some(0.0), true)),
        "retried" => Some((Some(0.0), false)),
        _ => None,
    }
}

/// Where the package reads a `Retry-After` otherwise than a client's test.
/// A wait longer than the call's time left ends the call (src/call/mod.rs,
/// `decide`), so no cap is needed: `timeoutMs` is the cap.
const RETRY_AFTER_DISAGREEMENTS: [(&str, &str); 8] = [
    (
        "urllib3 1.0",
        "fractional seconds are read (as openai-node and got do; urllib3 refuses them): \
         a server that says 1.0 means a second",
    ),
    (
        "urllib3 21601",
        "urllib3 caps at 6 hours by default; here the call's own timeoutMs is the cap \
         (a wait longer than the time left ends the call with the server's error)",
    ),
    (
        "urllib3 2",
        "urllib3's retry_after_max option (1 s); the package has no such option: timeoutMs \
         bounds the wait",
    ),
    (
        "urllib3 Mon, 3 Jun 2019 12:00:00 UTC",
        "not an HTTP-date (one-digit day, UTC): urllib3 reads RFC 5322 dates leniently; \
         here it is as if absent (backoff), as in ky and undici's parseHttpDate",
    ),
    (
        "urllib3 Mon, 3 Jun 2019 11:00:00 UTC",
        "the same lenient date, at now: urllib3 waits 0 s, the package backs off (150-300 ms)",
    ),
    (
        "go-retryablehttp 2, 3",
        "two Retry-After fields reach fetch as one value, \"2, 3\", which is not a \
         Retry-After: as if absent (backoff); go-retryablehttp takes the first",
    ),
    (
        "ky 1704067200",
        "ky clamps to setTimeout's 2^31-1 ms; here a wait longer than the time left ends \
         the call at once",
    ),
    (
        "ky 1",
        "ky's maxRetryAfter option (420 ms); the package has none (timeoutMs bounds the wait)",
    ),
];

#[test]
fn retry_after_as_http_clients_read_it() {
    let Some(file) = vectors("retry-after.json") else {
        return;
    };
    let mut found = BTreeMap::new();
    let mut per_client: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let (mut total, mut not_applicable) = (0, 0);
    for case in list(&file["cases"], "cases") {
        let client = text(&case["client"], "client");
        let header = &case["headers"]["Retry-After"];
        let header = if header.is_null() {
            &case["headers"]["retry-after"]
        } else {
            header
        };
        // Several fields reach fetch joined by ", ".
        let value = match header {
            Value::String(value) => value.clone(),
            Value::Array(values) => values
                .iter()
                .map(|v| text(v, "header"))
                .collect::<Vec<_>>()
                .join(", "),
            _ => {
                not_applicable += 1;
                continue;
            }
        };
        let Some((expected, exact)) =
            expected_retry_after(case).filter(|_| case["generated"] != true)
        else {
            not_applicable += 1;
            continue;
        };
        let now_ms = case["now"]["epoch"].as_f64().map_or(NOW_MS, |s| s * 1000.0);
        let ours = parse_retry_after(&value, now_ms);
        let agrees = match (ours, expected) {
            (Some(ours), Some(expected)) if exact => ours == expected,
            (Some(ours), Some(at_least)) => ours >= at_least,
            (ours, expected) => ours == expected,
        };
        total += 1;
        let counts = per_client.entry(client).or_default();
        counts.1 += 1;
        if agrees {
            counts.0 += 1;
        } else {
            found.insert(
                format!("{client} {value}"),
                format!("read as {ours:?}, the client {expected:?}"),
            );
        }
    }
    for (client, (agreed, cases)) in &per_client {
        println!("retry-after.json {client}: {agreed} of {cases} agree");
    }
    println!(
        "retry-after.json: {not_applicable} cases test something else (options the package \
         does not have, generated dates, other headers, statuses)"
    );
    check_disagreements(
        "retry-after.json",
        total,
        &found,
        &RETRY_AFTER_DISAGREEMENTS,
    );
    // The generated cases, made here from the test's now: RFC 850 and
    // asctime 2000 s ahead, and the two-digit year 49 and 51 years ahead.
    let now = 1_767_225_600_000.0; // Thu, 01 Jan 2026 00:00:00 GMT
    assert_eq!(
        parse_retry_after("Thursday, 01-Jan-26 00:33:20 GMT", now),
        Some(2000.0)
    );
    assert_eq!(
        parse_retry_after("Thu Jan  1 00:33:20 2026", now),
        Some(2000.0)
    );
    assert!(parse_retry_after("Tuesday, 01-Jan-75 00:00:02 GMT", now).is_some_and(|s| s > 1e9));
    // 2077 is more than 50 years ahead, so `77` is 1977: past, a wait of
    // zero. ky's case writes 2077's weekday, a Friday, which 1977-01-01 was
    // not: that reads as absent here (backoff, 150-300 ms, instead of 0).
    assert_eq!(
        parse_retry_after("Saturday, 01-Jan-77 00:00:02 GMT", now),
        Some(0.0)
    );
    assert_eq!(
        parse_retry_after("Friday, 01-Jan-77 00:00:02 GMT", now),
        None
    );
}

/// Whether an address has an internet domain: dotted, its last label (the
/// TLD) two or more ASCII letters.
fn has_internet_domain(address: &str) -> bool {
    let domain = address.rsplit_once('@').map_or("", |(_, domain)| domain);
    domain
        .rsplit_once('.')
        .is_some_and(|(_, tld)| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// What can never be a mailbox, whatever the policy: whitespace or control
/// characters, no `@`, an empty local part, domain or domain label.
fn cannot_be_an_address(address: &str) -> bool {
    let Some((local, domain)) = address.rsplit_once('@') else {
        return true;
    };
    address.chars().any(|c| c.is_whitespace() || c.is_control())
        || local.is_empty()
        || domain.split('.').any(str::is_empty)
}

/// Addresses `<input type=email>` refuses and the rule accepts: lenient
/// about what a mailbox may hold (RFC 5321 allows these local parts).
const EMAIL_LENIENCY: [(&str, &str); 2] = [
    (
        "invalid:email@example.com",
        "a colon is legal in a quoted local part; mail servers decide",
    ),
    (
        "\"testblah\"@example.com",
        "a quoted local part (RFC 5321); WHATWG leaves quotes out",
    ),
];

#[test]
fn emails_as_input_type_email_reads_them() {
    let Some(file) = vectors("email.json") else {
        return;
    };
    let whatwg = &file["whatwg"];
    // Every address the form accepts with an internet domain is accepted,
    // from the valid list, the sanitized values, and WebKit's list where it
    // follows the current spec.
    let mut required: Vec<&str> = list(&whatwg["valid"], "valid")
        .iter()
        .map(|v| text(v, "address"))
        .collect();
    for case in list(&whatwg["value_sanitization"]["cases"], "sanitization") {
        let value = text(&case["value_after_sanitization"], "value");
        // An empty value has no typeMismatch: it is a missing one.
        if case["typeMismatch"] == false && case["multiple"] == false && !value.is_empty() {
            required.push(value);
        }
    }
    let legacy = list(
        &whatwg["webkit_legacy"]["disagree_with_current_spec"],
        "webkit",
    );
    for case in list(&whatwg["webkit_legacy"]["cases"], "webkit") {
        if case["typeMismatch"] == false
            && case["multiple"] == false
            && !legacy.contains(&case["input"])
        {
            required.push(text(&case["input"], "input"));
        }
    }
    required.sort_unstable();
    required.dedup();
    let (internet, other): (Vec<&str>, Vec<&str>) =
        required.into_iter().partition(|a| has_internet_domain(a));
    for address in &internet {
        assert!(is_plausible_email(address), "{address:?} is refused");
        // The callers' limits: customerEmail 64 (sessions) or 100 (tickets)
        // characters, technicianUsername 254.
        assert!(address.chars().count() <= 64, "{address:?} is long");
    }
    println!(
        "email.json whatwg: {} of {} valid with an internet domain accepted",
        internet.iter().filter(|a| is_plausible_email(a)).count(),
        internet.len()
    );
    // The README's policy: a dotless domain, an IP address or a one-letter
    // TLD is refused (no internet mailbox is reached that way from a help form).
    for address in &other {
        assert!(!is_plausible_email(address), "{address:?} is accepted");
    }
    println!(
        "email.json whatwg: {} valid without an internet domain, all refused: {other:?}",
        other.len()
    );

    let invalid = list(&whatwg["invalid"], "invalid");
    let mut found = BTreeMap::new();
    for address in invalid.iter().map(|v| text(v, "address")) {
        if is_plausible_email(address) {
            found.insert(address.to_owned(), "accepted".to_owned());
        }
    }
    check_disagreements(
        "email.json whatwg.invalid (refused)",
        invalid.len(),
        &found,
        &EMAIL_LENIENCY,
    );

    // validator.js has its own policy (quoted local parts, UTF-8 TLDs...):
    // counted for the record, and lengths compared with the callers' limits.
    for group in list(&file["validatorjs"]["groups"], "groups") {
        // Its defaults only; unpaired surrogates never reach the rules.
        let test = text(&group["test"], "test");
        if group["options"].as_object().is_none_or(|o| !o.is_empty()) || test.contains("surrogate")
        {
            continue;
        }
        let strings = |set: &str| -> Vec<&str> {
            list(&group[set], set)
                .iter()
                .map(|v| text(v, "address"))
                .collect()
        };
        let (valid, invalid) = (strings("valid"), strings("invalid"));
        let refused: Vec<&&str> = valid.iter().filter(|a| !is_plausible_email(a)).collect();
        let accepted: Vec<&&str> = invalid.iter().filter(|a| is_plausible_email(a)).collect();
        println!(
            "email.json validatorjs ({test}): {} of {} valid accepted (refused: {refused:?}), \
             {} of {} invalid refused (accepted: {accepted:?})",
            valid.len() - refused.len(),
            valid.len(),
            invalid.len() - accepted.len(),
            invalid.len(),
        );
        for address in valid {
            let length = address.chars().count();
            if length > 64 {
                println!(
                    "  {length} characters, over customerEmail's 64 (sessions){}: {address}",
                    if length > 100 {
                        " and 100 (tickets)"
                    } else {
                        ""
                    }
                );
            }
        }
    }

    // Whatever the policy, what cannot be an address is refused: every string
    // in the file, from every source.
    let mut strings = Vec::new();
    collect_strings(&file, &mut strings);
    let impossible: Vec<&str> = strings
        .into_iter()
        .filter(|s| cannot_be_an_address(s))
        .collect();
    for address in &impossible {
        assert!(!is_plausible_email(address), "{address:?} is accepted");
    }
    println!(
        "email.json: {} strings with whitespace, a control character, no @ or an empty part, all refused",
        impossible.len()
    );
}

fn collect_strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(members) => members.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// Why a well-formed tag is refused: the shapes browsers never report in
/// `navigator.languages`.
fn why_refused(tag: &str) -> &'static str {
    let language = tag.split('-').next().unwrap_or_default();
    if language.eq_ignore_ascii_case("i") {
        "a grandfathered i- tag (i-klingon, i-navajo...): deprecated, each has a modern \
         code (tlh, nv...)"
    } else if language.eq_ignore_ascii_case("x") {
        "private use only: no language to show"
    } else if language.len() >= 4 {
        "a 4-8 letter language: well formed, but none is registered (`french` is a name)"
    } else if tag.len() > 35 {
        "over the rule's 35 characters (the buffer RFC 5646 section 4.4.1 suggests): long \
         extensions or private use"
    } else {
        "unexplained"
    }
}

#[test]
fn language_tags_as_bcp_47_shapes_them() {
    let Some(file) = vectors("language-tags.json") else {
        return;
    };
    let tags = |set: &str| -> Vec<&str> {
        list(&file[set], set)
            .iter()
            .map(|case| text(&case["tag"], "tag"))
            .collect()
    };
    let well_formed = tags("well_formed");
    let mut refused: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for tag in &well_formed {
        if !is_language_code(tag) {
            refused.entry(why_refused(tag)).or_default().push(tag);
        }
    }
    let refused_count: usize = refused.values().map(Vec::len).sum();
    println!(
        "language-tags.json well_formed: {} of {} accepted",
        well_formed.len() - refused_count,
        well_formed.len()
    );
    for (why, tags) in &refused {
        println!("  {} refused: {why}", tags.len());
    }
    assert!(
        !refused.contains_key("unexplained"),
        "well-formed tags refused: {:?}",
        refused.get("unexplained")
    );
    for tag in ["zh-Hant-TW", "sr-Latn-RS", "es-419", "de-CH-1996", "en-US"] {
        assert!(is_language_code(tag), "{tag}");
    }

    let ill_formed = tags("ill_formed");
    let mut found = BTreeMap::new();
    for tag in &ill_formed {
        if is_language_code(tag) {
            found.insert((*tag).to_owned(), "accepted".to_owned());
        }
    }
    check_disagreements(
        "language-tags.json ill_formed (refused)",
        ill_formed.len(),
        &found,
        &LANGUAGE_LENIENCY,
    );
}

const SINGLETON_LAST: &str = "a singleton (one-character subtag) with no subtag after it";
const OUT_OF_ORDER: &str = "subtags out of the grammar's order (a script or extended language \
     after a region or variant, an extended language after a script, or a fourth one)";
/// Ill-formed tags the rule accepts: it checks each subtag's shape, not
/// the grammar's order. Checking that too (tried: a state machine over the
/// subtags, which refused all 130) cost the `.wasm` about 260 bytes gzipped,
/// to refuse tags no browser reports.
const LANGUAGE_LENIENCY: [(&str, &str); 18] = [
    ("fr-Latn-F", SINGLETON_LAST),
    ("tlh-a-b-foo", SINGLETON_LAST),
    ("ab-a-b", SINGLETON_LAST),
    ("ab-a-x", SINGLETON_LAST),
    ("Yw-F", SINGLETON_LAST),
    ("rc-f", SINGLETON_LAST),
    ("li-B", SINGLETON_LAST),
    ("rby-w", SINGLETON_LAST),
    ("ab-abc-abc-abc-abc", OUT_OF_ORDER),
    ("ab-abcd-abc", OUT_OF_ORDER),
    ("ab-ab-abc", OUT_OF_ORDER),
    ("ab-123-abc", OUT_OF_ORDER),
    ("ab-abcde-abc", OUT_OF_ORDER),
    ("ab-1abc-abc", OUT_OF_ORDER),
    ("ab-ab-abcd", OUT_OF_ORDER),
    ("ab-123-abcd", OUT_OF_ORDER),
    ("ab-abcde-abcd", OUT_OF_ORDER),
    ("ab-1abc-abcd", OUT_OF_ORDER),
];
