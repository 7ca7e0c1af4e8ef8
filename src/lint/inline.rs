//! Inline configuration in a note:
//! `<!-- minutes-disable RULE … -->` turns rules off to the end of the file,
//! `<!-- minutes-disable-next-line RULE … -->` for the next line only.
//! With no rule named, every rule is turned off.

use crate::cache::codec::{Decoded, Reader, Writer};

static_regex!(
    COMMENT,
    r"<!--\s*minutes-disable(-next-line)?\b([^>]*?)\s*-->"
);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Directive {
    line: usize,
    next_line_only: bool,
    /// Empty: every rule.
    rules: Vec<String>,
}

/// The directives of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressions {
    directives: Vec<Directive>,
}

impl Suppressions {
    pub fn parse(text: &str) -> Self {
        if !text.contains("minutes-disable") {
            return Suppressions::default();
        }
        let directives = text
            .lines()
            .enumerate()
            .flat_map(|(at, line)| {
                COMMENT.captures_iter(line).map(move |caps| Directive {
                    line: at + 1,
                    next_line_only: caps.get(1).is_some(),
                    rules: caps
                        .get(2)
                        .map_or("", |m| m.as_str())
                        .split(|c: char| c.is_whitespace() || c == ',')
                        .filter(|r| !r.is_empty())
                        .map(str::to_string)
                        .collect(),
                })
            })
            .collect();
        Suppressions { directives }
    }

    pub fn silences(&self, rule: &str, line: usize) -> bool {
        self.directives.iter().any(|d| {
            let applies = if d.next_line_only {
                line == d.line + 1
            } else {
                line >= d.line
            };
            applies && (d.rules.is_empty() || d.rules.iter().any(|r| r == rule))
        })
    }

    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// Appends the directives in the cache's form (`lint::cache`).
    pub fn encode(&self, w: &mut Writer) {
        w.seq(&self.directives, |w, directive| {
            let Directive {
                line,
                next_line_only,
                rules,
            } = directive;
            w.usize(*line);
            w.bool(*next_line_only);
            w.seq(rules, |w, rule| w.str(rule));
        });
    }

    pub fn decode(r: &mut Reader) -> Decoded<Suppressions> {
        let directives = r.seq(|r| {
            Ok(Directive {
                line: r.usize()?,
                next_line_only: r.bool()?,
                rules: r.seq(Reader::str)?,
            })
        })?;
        Ok(Suppressions { directives })
    }
}

#[cfg(test)]
mod tests {
    use super::Suppressions;

    #[test]
    fn disable_to_the_end_and_for_the_next_line() {
        let text = "a\n<!-- minutes-disable-next-line action-no-owner -->\nb\nc\n<!-- minutes-disable item-number, decision-empty -->\nd\n";
        let s = Suppressions::parse(text);
        assert!(s.silences("action-no-owner", 3));
        assert!(!s.silences("action-no-owner", 4));
        assert!(!s.silences("item-number", 4));
        assert!(s.silences("item-number", 6) && s.silences("decision-empty", 6));
        assert!(!s.silences("action-no-owner", 6));
    }

    #[test]
    fn no_rule_named_means_every_rule() {
        let s = Suppressions::parse("<!-- minutes-disable -->\n");
        assert!(s.silences("anything", 9));
        assert!(Suppressions::parse("no comments").is_empty());
    }
}
