//! Sending reminders through SMTP. The server is set in `minutes.yaml`
//! (`reminders: smtp:`) or the environment (`MINUTES_SMTP_HOST`, `_PORT`,
//! `_SECURITY`, `_USERNAME`), which wins; the password comes only from
//! `MINUTES_SMTP_PASSWORD`, never from a file or the command line.

use crate::config::{RemindersConfig, SmtpConfig};

/// Who reminders come from (`reminders.from`, `reply_to`).
#[derive(Debug, Clone, Default)]
pub struct Sender {
    pub from: Option<String>,
    pub reply_to: Option<String>,
}

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain, then upgraded with STARTTLS (submission, port 587).
    StartTls,
    /// TLS from the start (port 465).
    Tls,
    /// None at all: only for a relay on the same machine or network, and
    /// never with a password.
    None,
}

#[derive(Clone)]
pub struct Smtp {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: Option<String>,
    #[cfg_attr(not(feature = "email"), allow(dead_code))]
    password: Option<String>,
}

impl std::fmt::Debug for Smtp {
    // Never the password, whatever prints this.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Smtp({})", self.describe())
    }
}

impl Smtp {
    /// The server `config` and the environment (`var`) name, or why there
    /// is none that can be used.
    pub fn resolve(
        config: &SmtpConfig,
        var: impl Fn(&str) -> Option<String>,
    ) -> Result<Smtp, String> {
        let host = var("MINUTES_SMTP_HOST")
            .or_else(|| config.host.clone())
            .ok_or("no SMTP server: set `reminders: smtp: host:` in minutes.yaml, or MINUTES_SMTP_HOST")?;
        let security = match var("MINUTES_SMTP_SECURITY")
            .or_else(|| config.security.clone())
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("starttls") => Security::StartTls,
            Some("tls") => Security::Tls,
            Some("none") => Security::None,
            Some(other) => {
                return Err(format!(
                    "SMTP security `{other}` is not one of starttls, tls, none"
                ));
            }
        };
        let port = match var("MINUTES_SMTP_PORT") {
            Some(port) => port
                .trim()
                .parse()
                .map_err(|_| format!("MINUTES_SMTP_PORT `{port}` is not a port number"))?,
            None => config.port.unwrap_or(match security {
                Security::Tls => 465,
                Security::StartTls => 587,
                Security::None => 25,
            }),
        };
        let username = var("MINUTES_SMTP_USERNAME").or_else(|| config.username.clone());
        let password = var("MINUTES_SMTP_PASSWORD");
        if password.is_some() && security == Security::None {
            return Err(
                "a password would be sent in the clear: use security starttls or tls".into(),
            );
        }
        Ok(Smtp {
            host,
            port,
            security,
            username,
            password,
        })
    }

    /// Why the server cannot be logged in to, if it cannot: a username with
    /// no password. A dry run says it; a real one stops before sending.
    pub fn missing_password(&self) -> Option<&'static str> {
        (self.username.is_some() && self.password.is_none())
            .then_some("an SMTP username but no password: set MINUTES_SMTP_PASSWORD")
    }

    /// `smtp.example.org:587 (STARTTLS) as clerk@example.org`.
    pub fn describe(&self) -> String {
        let security = match self.security {
            Security::StartTls => "STARTTLS",
            Security::Tls => "TLS",
            Security::None => "no encryption",
        };
        let mut said = format!("{}:{} ({security})", self.host, self.port);
        if let Some(user) = &self.username {
            said.push_str(&format!(" as {user}"));
        }
        said
    }

    /// Sends each message in turn over one connection, and says for each
    /// whether it went: one refused address never stops the others.
    #[cfg(feature = "email")]
    pub fn send(&self, messages: &[lettre::Message]) -> Result<Vec<Result<(), String>>, String> {
        use lettre::Transport;
        use lettre::transport::smtp::{SmtpTransport, authentication::Credentials};

        let builder = match self.security {
            Security::StartTls => SmtpTransport::starttls_relay(&self.host),
            Security::Tls => SmtpTransport::relay(&self.host),
            Security::None => Ok(SmtpTransport::builder_dangerous(&self.host)),
        }
        .map_err(|e| format!("cannot use {}: {e}", self.describe()))?;
        let mut builder = builder
            .port(self.port)
            .timeout(Some(std::time::Duration::from_secs(30)));
        if let (Some(user), Some(password)) = (&self.username, &self.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        let transport = builder.build();
        transport
            .test_connection()
            .map_err(|e| format!("cannot reach {}: {e}", self.describe()))?;
        Ok(messages
            .iter()
            .map(|message| {
                transport
                    .send(message)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            })
            .collect())
    }
}

/// Who reminders come from: `reminders.from` and `reply_to`, or
/// `MINUTES_REMINDERS_FROM`, which wins.
pub fn sender(config: &RemindersConfig, var: impl Fn(&str) -> Option<String>) -> Sender {
    Sender {
        from: var("MINUTES_REMINDERS_FROM").or_else(|| config.from.clone()),
        reply_to: config.reply_to.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_string())
        }
    }

    #[test]
    fn the_environment_wins_and_ports_follow_the_security() {
        let config = SmtpConfig {
            host: Some("smtp.example.org".into()),
            ..SmtpConfig::default()
        };
        let smtp = Smtp::resolve(&config, env(&[])).unwrap();
        assert_eq!((smtp.port, smtp.security), (587, Security::StartTls));
        let smtp = Smtp::resolve(&config, env(&[("MINUTES_SMTP_SECURITY", "TLS")])).unwrap();
        assert_eq!(smtp.port, 465);
        let smtp = Smtp::resolve(
            &config,
            env(&[
                ("MINUTES_SMTP_HOST", "127.0.0.1"),
                ("MINUTES_SMTP_PORT", "2525"),
            ]),
        )
        .unwrap();
        assert_eq!(smtp.describe(), "127.0.0.1:2525 (STARTTLS)");
    }

    #[test]
    fn passwords_are_never_shown_nor_sent_in_the_clear() {
        let config = SmtpConfig {
            host: Some("mail".into()),
            username: Some("clerk".into()),
            ..SmtpConfig::default()
        };
        let without = Smtp::resolve(&config, env(&[])).unwrap();
        assert!(
            without
                .missing_password()
                .unwrap()
                .contains("MINUTES_SMTP_PASSWORD")
        );
        let smtp = Smtp::resolve(&config, env(&[("MINUTES_SMTP_PASSWORD", "s3cret")])).unwrap();
        assert_eq!(smtp.missing_password(), None);
        assert!(!format!("{smtp:?} {}", smtp.describe()).contains("s3cret"));
        let clear = env(&[
            ("MINUTES_SMTP_PASSWORD", "s3cret"),
            ("MINUTES_SMTP_SECURITY", "none"),
        ]);
        assert!(
            Smtp::resolve(&config, clear)
                .unwrap_err()
                .contains("in the clear")
        );
        assert!(Smtp::resolve(&SmtpConfig::default(), env(&[])).is_err());
    }
}
