//! The built-in templates of `assets/templates/`, compiled into the binary.

use crate::format;
use crate::model::Map;

pub struct Template {
    pub name: &'static str,
    pub summary: &'static str,
    source: &'static str,
}

pub const DEFAULT: &str = "five-stage";

pub const ALL: [Template; 3] = [
    Template {
        name: "five-stage",
        summary: "the classic five-stage journey, from awareness to advocacy",
        source: include_str!("../assets/templates/five-stage.ron"),
    },
    Template {
        name: "four-stage",
        summary: "a shorter journey: awareness, consideration, decision, retention",
        source: include_str!("../assets/templates/four-stage.ron"),
    },
    Template {
        name: "ecommerce",
        summary: "online shopping, from first sight to delivery",
        source: include_str!("../assets/templates/ecommerce.ron"),
    },
];

impl Template {
    pub fn find(name: &str) -> Option<&'static Template> {
        ALL.iter().find(|t| t.name == name)
    }

    /// The template as a fresh map. The templates are checked by the test suite, so a
    /// broken one is a bug in this build, not a user error.
    pub fn map(&self) -> Map {
        format::from_str(self.source)
            .unwrap_or_else(|e| panic!("built-in template {} is invalid: {e}", self.name))
    }
}

/// A new map from the default template.
pub fn default_map() -> Map {
    ALL[0].map()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_loads_and_is_canonical() {
        for t in &ALL {
            let map = t.map();
            assert!(
                map.stages.iter().all(|s| !s.description.is_empty()),
                "{}",
                t.name
            );
            assert_eq!(
                format::to_string(&map),
                t.source,
                "{} is not canonical",
                t.name
            );
        }
        assert_eq!(Template::find(DEFAULT).map(|t| t.name), Some("five-stage"));
        assert_eq!(default_map().stages.len(), 5);
        assert_eq!(
            Template::find("ecommerce").unwrap().map().stages[4].name,
            "Delivery"
        );
    }
}
