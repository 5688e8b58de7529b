//! Checks a decision's record (`decided`, each cell's `follow_up`) against
//! the period of a roll-up: every problem is a `U` diagnostic with the JSON
//! path, all found at once.

use crate::t;
use jiff::civil::Date;

use super::Period;
use crate::decision::record::{FollowUp, FollowUpStatus};
use crate::decision::{AlternativeKind, Decision};
use crate::diagnostic::Diagnostic;

/// Reads a `YYYY-MM-DD` date; `U0001` names the path when it is not one.
///
/// ```
/// use ennakko::rollup::parse_date;
/// assert_eq!(parse_date("2026-02-28", "$.decided.date").unwrap().to_string(), "2026-02-28");
/// assert_eq!(parse_date("2026-02-30", "$.decided.date").unwrap_err().code, "U0001");
/// ```
pub fn parse_date(text: &str, path: &str) -> Result<Date, Box<Diagnostic>> {
    // jiff also reads other ISO 8601 forms; the documents promise exactly one.
    let shaped = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    match text.parse::<Date>() {
        Ok(date) if shaped => Ok(date),
        _ => Err(Box::new(
            Diagnostic::error("U0001", t!("`{text}` is not a date", text = text))
                .with_help(t!("write the date as YYYY-MM-DD, e.g. 2026-03-16"))
                .at_path(path),
        )),
    }
}

/// The decision date, checked against the as-of date, and the index of the
/// adopted alternative (none when nothing was proposed), or every problem
/// of the record. Follow-ups are checked too, so one run lists them all.
pub(crate) fn check(decision: &Decision, period: &Period) -> Result<(Date, Option<usize>), Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let Some(decided) = &decision.decided else {
        let d = Diagnostic::error("U0101", t!("the decision has no `decided` record: its date, body and sector"))
            .with_help(t!("add `decided: {date: 2026-03-16, body: committee, sector: education}`"))
            .at_path("$");
        return Err(vec![d]);
    };
    let date = match parse_date(&decided.date, "$.decided.date") {
        Ok(date) if date > period.as_of => {
            problems.push(
                Diagnostic::error(
                    "U0102",
                    t!("the decision date {date} is after the as-of date {}", period.as_of ; date = date),
                )
                .with_help(t!("check the year, or give a later `--as-of` date"))
                .at_path("$.decided.date"),
            );
            Some(date)
        }
        Ok(date) => Some(date),
        Err(d) => {
            problems.push(*d);
            None
        }
    };
    let adopted = adopted(decision).unwrap_or_else(|d| {
        problems.push(*d);
        None
    });
    for (a, alternative) in decision.alternatives.iter().enumerate() {
        for (c, cell) in alternative.impacts.iter().enumerate() {
            if let Some(follow_up) = &cell.follow_up {
                let path = format!("$.alternatives[{a}].impacts[{c}].follow_up");
                if adopted.is_some() && adopted != Some(a) {
                    // Only what is decided is followed up; a promise elsewhere would be lost.
                    problems.push(
                        Diagnostic::error("U0107", t!("a follow-up on an alternative that was not adopted"))
                            .with_help(t!("move the follow-up to the adopted alternative's impact, or remove it"))
                            .at_path(&path),
                    );
                }
                check_follow_up(follow_up, date, period, &path, &mut problems);
            }
        }
    }
    match date {
        Some(date) if problems.is_empty() => Ok((date, adopted)),
        _ => Err(problems),
    }
}

/// The alternative whose impacts were decided: the one `decided.adopted`
/// names, else the only proposal. Several proposals without `adopted` are
/// `U0110`: adding them all up would count one decision's impacts twice,
/// and picking one would be a guess. A decision that proposes nothing and
/// names nothing adopted has no impacts to add (`None`).
fn adopted(decision: &Decision) -> Result<Option<usize>, Box<Diagnostic>> {
    let ids = || decision.alternatives.iter().map(|a| format!("`{}`", a.id)).collect::<Vec<_>>().join(", ");
    if let Some(id) = decision.decided.as_ref().and_then(|d| d.adopted.as_deref()) {
        return match decision.alternatives.iter().position(|a| a.id == id) {
            Some(a) => Ok(Some(a)),
            None => Err(Box::new(
                Diagnostic::error("U0109", t!("the adopted alternative `{id}` is not one of the decision's", id = id))
                    .with_help(t!("name one of {}", ids()))
                    .at_path("$.decided.adopted"),
            )),
        };
    }
    let mut proposals = decision.alternatives.iter().enumerate().filter(|(_, a)| a.kind == AlternativeKind::Proposal);
    match (proposals.next(), proposals.next()) {
        (Some((a, _)), None) => Ok(Some(a)),
        (None, _) => Ok(None),
        (Some(_), Some(_)) => Err(Box::new(
            Diagnostic::error(
                "U0110",
                t!("several alternatives are proposals and the record does not say which was adopted"),
            )
            .with_help(t!("add `adopted` to `decided` with the id of the alternative decided: one of {}", ids()))
            .at_path("$.decided.adopted"),
        )),
    }
}

/// The rules a follow-up keeps: an owner, a due date on or after the
/// decision, a check date for what is done (not in the future), an outcome
/// only for what is done.
fn check_follow_up(f: &FollowUp, decided: Option<Date>, period: &Period, path: &str, out: &mut Vec<Diagnostic>) {
    if f.owner.as_deref().is_none_or(|o| o.trim().is_empty()) {
        out.push(
            Diagnostic::error("U0103", t!("the follow-up has no owner: nobody is responsible for checking it"))
                .with_help(t!("name the office or person who checks it, e.g. `owner: Opetuspäällikkö`"))
                .at_path(format!("{path}.owner")),
        );
    }
    match parse_date(&f.due, &format!("{path}.due")) {
        Ok(due) if decided.is_some_and(|d| due < d) => out.push(
            Diagnostic::error("U0104", t!("the follow-up is due on {due}, before the decision was made", due = due))
                .with_help(t!("check the year of the due date"))
                .at_path(format!("{path}.due")),
        ),
        Ok(_) => {}
        Err(d) => out.push(*d),
    }
    match (&f.checked_on, f.status) {
        (None, FollowUpStatus::Done) => out.push(
            Diagnostic::error("U0105", t!("the follow-up is done but has no `checked_on` date"))
                .with_help(t!("add the date it was checked, e.g. `checked_on: 2027-01-31`"))
                .at_path(format!("{path}.checked_on")),
        ),
        (Some(text), _) => match parse_date(text, &format!("{path}.checked_on")) {
            Ok(on) if on > period.as_of || decided.is_some_and(|d| on < d) => out.push(
                Diagnostic::error(
                    "U0105",
                    t!(
                        "the follow-up was checked on {on}, outside the decision date and the as-of date {}",
                        period.as_of ; on = on),
                )
                .with_help(t!("a check falls between the decision and the as-of date"))
                .at_path(format!("{path}.checked_on")),
            ),
            Ok(_) => {}
            Err(d) => out.push(*d),
        },
        (None, _) => {}
    }
    if f.outcome.is_some() && f.status != FollowUpStatus::Done {
        out.push(
            Diagnostic::error("U0106", t!("a realised outcome is recorded but the follow-up is not done"))
                .with_help(t!("set `status: done` and `checked_on`, or remove the outcome"))
                .at_path(format!("{path}.outcome")),
        );
    }
}
