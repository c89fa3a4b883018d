//! HTML and SVG: escaped, self-contained, well-formed.

use journeymap::export::{self, Options};
use journeymap::model::Map;

use super::{example, hostile, wide, xml};

fn render(format: &str, map: &Map) -> String {
    export::render(format, map, &Options::default()).expect("format exists")
}

#[test]
fn a_hostile_title_comes_out_escaped() {
    let mut map = example();
    map.title = "<script>alert(\"pwned\")</script> & \"quotes\" 'single'".into();
    for format in ["html", "svg"] {
        let out = render(format, &map);
        assert!(!out.contains("<script"), "{format}: raw <script>");
        assert!(
            out.contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;single&#39;"),
            "{format}: the title is escaped"
        );
    }
}

#[test]
fn html_and_svg_are_well_formed() {
    for map in [example(), hostile(), wide()] {
        for format in ["html", "svg"] {
            let out = render(format, &map);
            assert_eq!(xml::check(&out), None, "{format} of {:?}", map.title);
        }
    }
}

#[test]
fn html_is_self_contained_and_prints_landscape() {
    let out = render("html", &example());
    assert!(out.starts_with("<!DOCTYPE html>"));
    assert!(out.contains("@page { size: landscape"));
    for external in ["<script", "<link", "src=", "href=", "url(", "@import"] {
        assert!(
            !out.contains(external),
            "external asset or script: {external}"
        );
    }
    // The emotion curve is inline SVG; votes and scores are visible.
    assert!(out.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_eq!(out.matches("<circle").count(), 5, "one point per stage");
    assert!(out.contains("4 votes"));
    assert!(out.contains(">+1</span>"));
}

#[test]
fn svg_is_a_standalone_poster_with_generic_fonts() {
    let out = render("svg", &example());
    assert!(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(out.contains("font-family=\"sans-serif\""));
    assert!(!out.contains("href"), "no external references");
    assert_eq!(out.matches("<circle").count(), 5);
    for stage in &example().stages {
        for word in stage.name.split_whitespace() {
            let word = word.replace('&', "&amp;");
            assert!(out.contains(&word), "{word} is on the poster");
        }
    }
}
