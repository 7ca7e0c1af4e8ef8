use std::collections::HashMap;

use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::problem::Severity;

/// A repeated item number, or numbers out of order.
pub struct ItemNumber;

static META: RuleMeta = RuleMeta {
    id: "item-number",
    default_severity: Some(Severity::Warning),
    summary: "an item number used twice, or item numbers out of order",
    explanation: "Item numbers are part of every action's ID (`2025-01-14/3.1`). A repeated number does not make IDs clash (the second item's actions continue the count: `2025-01-14/3.3`), but it is usually a slip, and the IDs it gives read as if both items were one; numbers out of order are usually a renumbering left half done. Only numbers written in headings are checked.",
};

impl Rule for ItemNumber {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let Some(meeting) = context.meeting() else {
            return;
        };
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut previous: Option<&str> = None;
        for item in meeting.items.iter().filter(|i| i.numbered) {
            let number = item.number.as_str();
            if let Some(first) = seen.get(number) {
                out.push(
                    Finding::new(
                        item.line,
                        Mark::Text(number.to_string()),
                        format!("item number `{number}` is used twice (first on line {first})"),
                    )
                    .help("renumber the items so that each number is used once"),
                );
            } else if let Some(before) =
                previous.filter(|before| order_key(number) < order_key(before))
            {
                out.push(
                    Finding::new(
                        item.line,
                        Mark::Text(number.to_string()),
                        format!("item `{number}` comes after item `{before}`"),
                    )
                    .help("put the items in order, or renumber them"),
                );
            }
            seen.entry(number).or_insert(item.line);
            previous = Some(number);
        }
    }
}

/// `2` < `2a` < `2.1` < `3` < `10`: the leading number, then the rest as written.
fn order_key(number: &str) -> (u64, &str) {
    let digits = number.chars().take_while(char::is_ascii_digit).count();
    let (head, rest) = number.split_at(digits.min(number.len()));
    (head.parse().unwrap_or(0), rest)
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::{ItemNumber, order_key};

    #[test]
    fn fires_for_repeats_and_disorder() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\n---\n## 1. A\n## 2. B\n## 2a. B2\n## 10. C\n## 3. D\n## 3. E\n## Unnumbered\n";
        let found = check(&ItemNumber, text);
        let got: Vec<(usize, &str)> = found.iter().map(|f| (f.line, f.message.as_str())).collect();
        assert_eq!(
            got,
            [
                (9, "item `3` comes after item `10`"),
                (10, "item number `3` is used twice (first on line 9)")
            ]
        );
    }

    #[test]
    fn numbers_order_numerically() {
        assert!(order_key("2") < order_key("2a") && order_key("2a") < order_key("3"));
        assert!(order_key("9") < order_key("10") && order_key("4") < order_key("4.1"));
    }
}
