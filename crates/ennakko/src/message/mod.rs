//! The texts of diagnostics, in Finnish, Swedish and English.
//!
//! A diagnostic's message, hint and notes are [`Message`]s: an English
//! template (the message id, as gettext has it) and the values it names.
//! The English text is the template filled in, so English output is what it
//! always was; [`Message::render`] looks the template up in the catalogue
//! ([`catalogue`]) for Finnish and Swedish. Construction sites write
//! [`t!`](crate::t), which reads like `format!`:
//!
//! ```
//! use ennakko::{api::Lang, t};
//! let text = t!("unknown name `{}`", "chidren");
//! assert_eq!(text.render(Lang::En), "unknown name `chidren`");
//! assert_eq!(text.render(Lang::Fi), "tuntematon nimi `chidren`");
//! assert_eq!(text.render(Lang::Sv), "okänt namn `chidren`");
//! ```
//!
//! A value may itself be a [`Message`] (a phrase such as "a group"), rendered
//! in the same language. Values from documents (ids, numbers, a parser's
//! own words) are shown as they are.

pub mod catalogue;

use std::fmt::Display;

use crate::report::i18n::Lang;

/// A text shown to a person: an English template and its values.
///
/// ```
/// use ennakko::{api::Lang, t};
/// let what = t!("a group");
/// let text = t!("expected {}, found {}", what, "`x`");
/// assert_eq!(text.render(Lang::Sv), "väntade mig en grupp, fann `x`");
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Message {
    template: &'static str,
    args: Vec<(Option<&'static str>, Arg)>,
}

/// A value in a [`Message`]: words to translate, or text shown as it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Shown as it is: an id, a number, a quoted value, a list of names.
    Raw(String),
    /// A phrase, rendered in the text's language.
    Text(Message),
    /// A text a document gives per language (a checklist's question text
    /// or label, keyed `fi`, `sv`, `en`): shown in the message's language,
    /// else in English, else in the first language it has.
    PerLanguage(std::collections::BTreeMap<String, String>),
}

impl Arg {
    /// A document's text per language, to show in the message's language.
    ///
    /// ```
    /// use ennakko::{api::Lang, message::Arg, t};
    /// let text = [("en", "Children"), ("fi", "Lapset")].map(|(l, t)| (l.to_string(), t.to_string())).into();
    /// let help = t!("answer: {text}", text = Arg::per_language(&text));
    /// assert_eq!(help.render(Lang::Fi), "vastaa: Lapset");
    /// assert_eq!(help.render(Lang::Sv), "svara: Children");
    /// ```
    pub fn per_language(text: &std::collections::BTreeMap<String, String>) -> Arg {
        Arg::PerLanguage(text.clone())
    }
}

/// Turns a value into an [`Arg`]: a [`Message`] stays a text, anything
/// displayable is shown as it is.
pub trait IntoArg {
    /// The value as an argument.
    fn into_arg(self) -> Arg;
}

impl<T: Display> IntoArg for T {
    fn into_arg(self) -> Arg {
        Arg::Raw(self.to_string())
    }
}

impl IntoArg for &Message {
    fn into_arg(self) -> Arg {
        Arg::Text(self.clone())
    }
}

impl IntoArg for &&Message {
    fn into_arg(self) -> Arg {
        Arg::Text((*self).clone())
    }
}

/// A value already made an argument (by a helper that takes any
/// [`IntoArg`]) stays as it is.
impl IntoArg for &Arg {
    fn into_arg(self) -> Arg {
        self.clone()
    }
}

/// A [`Message`], written like `format!`: `t!("template")`,
/// `t!("{} and {}", a, b)`, `t!("{name}", name = value)`, or both:
/// `t!("{} of {name}", a; name = value)`. The template
/// must be a literal, so that the catalogue test finds it in the source.
///
/// ```
/// use ennakko::{api::Lang, t};
/// assert_eq!(t!("{} of {}", 1, 2).render(Lang::En), "1 of 2");
/// ```
#[macro_export]
macro_rules! t {
    ($template:literal $(,)?) => {
        $crate::message::Message::new($template, ::std::vec::Vec::new())
    };
    ($template:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::message::Message::new(
            $template,
            ::std::vec![$((::std::option::Option::Some(stringify!($name)), $crate::message::IntoArg::into_arg(&$value))),+],
        )
    };
    ($template:literal, $($value:expr),+ ; $($name:ident = $named:expr),+ $(,)?) => {
        $crate::message::Message::new(
            $template,
            ::std::vec![
                $((::std::option::Option::None, $crate::message::IntoArg::into_arg(&$value)),)+
                $((::std::option::Option::Some(stringify!($name)), $crate::message::IntoArg::into_arg(&$named))),+
            ],
        )
    };
    ($template:literal, $($value:expr),+ $(,)?) => {
        $crate::message::Message::new(
            $template,
            ::std::vec![$((::std::option::Option::None, $crate::message::IntoArg::into_arg(&$value))),+],
        )
    };
}

impl Message {
    /// A text from its English template and values; see [`t!`](crate::t).
    pub fn new(template: &'static str, args: Vec<(Option<&'static str>, Arg)>) -> Message {
        Message { template, args }
    }

    /// The English template, the key of the catalogue.
    ///
    /// ```
    /// assert_eq!(ennakko::t!("empty name").template(), "empty name");
    /// ```
    pub fn template(&self) -> &'static str {
        self.template
    }

    /// The text in a language; English when the catalogue lacks the
    /// template (the catalogue test keeps that from happening).
    ///
    /// ```
    /// use ennakko::{api::Lang, t};
    /// assert_eq!(t!("write a name").render(Lang::Fi), "kirjoita nimi");
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        let template = catalogue::lookup(self.template, lang).unwrap_or(self.template);
        fill(template, &self.args, lang)
    }
}

/// The template with its placeholders replaced: `{}` takes the next
/// positional value, `{0}` the first, `{name}` the named one; `{{` and `}}`
/// are braces. A placeholder with no value is left as written.
fn fill(template: &str, args: &[(Option<&'static str>, Arg)], lang: Lang) -> String {
    let positional: Vec<&Arg> = args.iter().filter(|(n, _)| n.is_none()).map(|(_, a)| a).collect();
    let named = |name: &str| args.iter().find(|(n, _)| *n == Some(name)).map(|(_, a)| a);
    let mut out = String::with_capacity(template.len() + 16);
    let mut next = 0;
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        let close = match (tail.starts_with('{'), tail.find('}')) {
            (true, Some(close)) => close,
            _ => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
                continue;
            }
        };
        let key = &tail[1..close];
        let arg = if key.is_empty() {
            next += 1;
            positional.get(next - 1).copied()
        } else if let Ok(index) = key.parse::<usize>() {
            positional.get(index).copied()
        } else {
            named(key)
        };
        match arg {
            Some(Arg::Raw(s)) => out.push_str(s),
            Some(Arg::Text(t)) => out.push_str(&t.render(lang)),
            Some(Arg::PerLanguage(texts)) => out.push_str(
                texts.get(lang.code()).or_else(|| texts.get("en")).or_else(|| texts.values().next()).map_or("", |t| t),
            ),
            None => out.push_str(&tail[..=close]),
        }
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_fill_by_order_index_and_name() {
        let args = vec![(None, Arg::Raw("a".into())), (None, Arg::Raw("b".into())), (Some("x"), Arg::Raw("X".into()))];
        assert_eq!(fill("{} {} {x}", &args, Lang::En), "a b X");
        assert_eq!(fill("{1} {0} {x}", &args, Lang::En), "b a X");
        assert_eq!(fill("{{literal}} {y} }", &args, Lang::En), "{literal} {y} }");
    }
}
