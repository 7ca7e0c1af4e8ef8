use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::problem::Severity;

/// Fewer members present than the series' configured quorum.
pub struct QuorumNotMet;

static META: RuleMeta = RuleMeta {
    id: "quorum-not-met",
    default_severity: Some(Severity::Error),
    summary: "fewer members present than the quorum configured for the series",
    explanation: "Decisions of a meeting without a quorum may not stand. With `series: {NAME: {quorum: N}}` in minutes.yaml, a note with fewer than N members present is flagged; with `members:` too, only members count.",
};

impl Rule for QuorumNotMet {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let Some(meeting) = context.meeting() else {
            return;
        };
        let Some(series) = context.config.series_config(&meeting.meeting) else {
            return;
        };
        let Some(quorum) = series.quorum else {
            return;
        };
        let Some((directory, index)) = context.people_index() else {
            return;
        };
        let members: Vec<usize> = series
            .members
            .iter()
            .filter_map(|m| directory.resolve(m, None).person())
            .collect();
        let mut present: Vec<usize> = meeting
            .present
            .iter()
            .filter_map(|p| directory.resolve_in(p, index).person())
            .filter(|p| series.members.is_empty() || members.contains(p))
            .collect();
        present.sort_unstable();
        present.dedup();
        if present.len() < quorum {
            let line = context
                .key_line("present")
                .or(context.key_line("date"))
                .unwrap_or(1);
            let whom = if series.members.is_empty() {
                "people"
            } else {
                "members"
            };
            out.push(
                Finding::new(
                    line,
                    Mark::Line,
                    format!(
                        "{} {whom} present; the quorum of {} is {quorum}",
                        present.len(),
                        meeting.meeting
                    ),
                )
                .help("check `present`, or record that the meeting was not quorate"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_as;
    use super::QuorumNotMet;
    use crate::config::{Config, SeriesConfig};

    fn config(members: &[&str], quorum: usize) -> Config {
        let mut config = Config::default();
        config.series.insert(
            "Town Board".into(),
            SeriesConfig {
                members: members.iter().map(|m| m.to_string()).collect(),
                quorum: Some(quorum),
            },
        );
        config
    }

    const NOTE: &str = "---\nmeeting: town board\ndate: 2025-01-01\npresent:\n  - Ann Lee\n  - Bo Wu\n  - Guest Speaker\n---\n";

    #[test]
    fn counts_members_present_against_the_quorum() {
        let found = check_as(
            &QuorumNotMet,
            "n.md",
            NOTE,
            &config(&["Ann Lee", "Bo Wu", "Cy Day"], 3),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].line, found[0].message.as_str()),
            (4, "2 members present; the quorum of town board is 3")
        );
        assert!(
            check_as(
                &QuorumNotMet,
                "n.md",
                NOTE,
                &config(&["Ann Lee", "Bo Wu"], 2)
            )
            .is_empty()
        );
        assert!(
            check_as(&QuorumNotMet, "n.md", NOTE, &config(&[], 3)).is_empty(),
            "without members everyone present counts"
        );
        // Declared members none of whom came: nobody counts, not everybody.
        let found = check_as(
            &QuorumNotMet,
            "n.md",
            NOTE,
            &config(&["Di Eve", "Ed Fox"], 1),
        );
        assert_eq!(
            found[0].message,
            "0 members present; the quorum of town board is 1"
        );
    }
}
