//! A small well-formedness check for the HTML and SVG snapshots (both are written as XML):
//! every tag closed in order, attributes quoted, no stray `<` or `&` in text, only the five
//! XML entities and numeric references. Enough to catch broken escaping without an XML crate.

/// Returns the first problem found, or `None` for a well-formed document.
pub(super) fn check(doc: &str) -> Option<String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = doc;
    let mut raw_text_end: Option<&str> = None;
    while !rest.is_empty() {
        if let Some(end) = raw_text_end {
            // Inside <style>: no markup until the closing tag.
            let i = rest.find(end)?;
            if rest[..i].contains('<') {
                return Some("`<` inside <style>".into());
            }
            rest = &rest[i..];
            raw_text_end = None;
            continue;
        }
        let Some(lt) = rest.find('<') else {
            return text_ok(rest).err().or_else(|| {
                (!stack.is_empty()).then(|| format!("unclosed <{}>", stack.join("> <")))
            });
        };
        if let Err(e) = text_ok(&rest[..lt]) {
            return Some(e);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!DOCTYPE") {
            rest = &after[after.find('>')? + 1..];
            continue;
        }
        let gt = rest.find('>')?;
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name.trim() => {}
                other => return Some(format!("</{name}> closes <{other:?}>")),
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let body = tag.trim_end_matches('/');
        let name = body.split_whitespace().next().unwrap_or("");
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Some(format!("bad tag <{tag}>"));
        }
        if let Err(e) = attributes_ok(&body[name.len()..]) {
            return Some(format!("<{name}>: {e}"));
        }
        if !self_closing {
            stack.push(name);
            if name == "style" {
                raw_text_end = Some("</style>");
            }
        }
    }
    (!stack.is_empty()).then(|| format!("unclosed <{}>", stack.join("> <")))
}

fn text_ok(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        let after = &rest[i + 1..];
        let end = after
            .find(';')
            .ok_or_else(|| format!("bare & in {text:?}"))?;
        let entity = &after[..end];
        let known = matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos")
            || entity
                .strip_prefix('#')
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if !known {
            return Err(format!("unknown entity &{entity}; in {text:?}"));
        }
        rest = &after[end + 1..];
    }
    if let Some(c) = text.chars().find(|&c| {
        (c < ' ' && !matches!(c, '\n' | '\t' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}'
    }) {
        return Err(format!("character {c:?} is not allowed in XML"));
    }
    Ok(())
}

fn attributes_ok(mut s: &str) -> Result<(), String> {
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return Ok(());
        }
        let eq = s
            .find('=')
            .ok_or_else(|| format!("attribute without value in {s:?}"))?;
        let name = &s[..eq];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')
        {
            return Err(format!("bad attribute name {name:?}"));
        }
        let value = &s[eq + 1..];
        let quote = value
            .chars()
            .next()
            .filter(|q| *q == '"' || *q == '\'')
            .ok_or("unquoted attribute")?;
        let end = value[1..].find(quote).ok_or("unclosed attribute")?;
        let inner = &value[1..1 + end];
        if inner.contains('<') {
            return Err(format!("`<` in attribute {name}"));
        }
        text_ok(inner)?;
        s = &value[end + 2..];
    }
}

#[test]
fn the_checker_catches_broken_markup() {
    assert_eq!(check("<a><b x=\"1\" /></a>"), None);
    assert!(check("<a><b></a>").is_some());
    assert!(check("<a>x & y</a>").is_some());
    assert!(check("<a>&nbsp;</a>").is_some());
    assert!(check("<a x=1></a>").is_some());
    assert!(check("<a>\u{1b}</a>").is_some());
}
