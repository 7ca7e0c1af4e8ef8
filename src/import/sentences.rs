//! Running text split into sentences, so that a decision or an action in
//! the middle of a paragraph is found: at `.`, `!` or `?` followed by a
//! space and a capital, an opening quote or a digit, except after a title
//! (`Cllr.`, `Mr.`), an initial (`J.`) or a common abbreviation (`e.g.`).

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "cllr", "rev", "revd", "st", "no", "nos", "vs", "etc", "e.g",
    "i.e", "approx", "dept", "inc", "ltd", "co", "cf", "al", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "para", "fig",
];

pub fn split(text: &str) -> Vec<&str> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (at, window) in chars.windows(3).enumerate() {
        let [(end, mark), (_, space), (_, next)] = window else {
            continue;
        };
        if !matches!(mark, '.' | '!' | '?') || !space.is_whitespace() {
            continue;
        }
        if !(next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '“' | '‘' | '('))
        {
            continue;
        }
        let before = text.get(start..*end).unwrap_or("");
        if *mark == '.' && is_abbreviation(before) {
            continue;
        }
        let cut = end + mark.len_utf8();
        if let Some(sentence) = text.get(start..cut) {
            if !sentence.trim().is_empty() {
                sentences.push(sentence.trim());
            }
        }
        start = chars.get(at + 2).map_or(text.len(), |(i, _)| *i);
    }
    if let Some(rest) = text.get(start..) {
        if !rest.trim().is_empty() {
            sentences.push(rest.trim());
        }
    }
    sentences
}

/// Whether the text before a full stop ends in an abbreviation or an
/// initial, so that the stop does not end the sentence.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_capital || ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_stops_but_not_after_titles_or_initials() {
        assert_eq!(
            split(
                "Cllr. J. Smith gave a report. It was agreed to write to Mr. Lee. 3 replies came!"
            ),
            [
                "Cllr. J. Smith gave a report.",
                "It was agreed to write to Mr. Lee.",
                "3 replies came!"
            ]
        );
        assert_eq!(split("No stop at the end"), ["No stop at the end"]);
        assert_eq!(split("e.g. this. And that."), ["e.g. this.", "And that."]);
    }
}
