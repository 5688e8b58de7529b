//! What happened to a decision after it was drafted: when and by whom it
//! was decided, in which sector, how thoroughly it was assessed, and for
//! each promised mitigation who checks it, by when, and what was found.
//!
//! All of it is optional; the engine does not read it when scoring. The
//! roll-up over a period ([`crate::rollup`]) reads and validates it: dates
//! are written `YYYY-MM-DD` and checked there, with coded errors (`U`),
//! because a date that is well formed may still be wrong for the period.
//!
//! ```
//! use ennakko::decision::record::{Body, Decided, Sector};
//! let d: Decided = serde_json::from_str(
//!     r#"{"date": "2026-03-16", "body": "committee", "body_name": "Sivistyslautakunta", "sector": "education"}"#,
//! ).unwrap();
//! assert_eq!((d.body, d.sector), (Body::Committee, Sector::Education));
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Direction;
use crate::checklist::model::VerdictLevel;

/// When, by whom and in which sector a decision was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decided {
    /// The date of the decision, `YYYY-MM-DD`.
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: String,
    /// The kind of body that decided.
    pub body: Body,
    /// The body's own name (`Sivistyslautakunta`, `Tekninen johtaja`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_name: Option<String>,
    /// The sector that prepared the decision.
    pub sector: Sector,
    /// How thoroughly the impacts were in fact assessed before deciding:
    /// `none`, `light` or `full`. The roll-up compares it with the verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<VerdictLevel>,
    /// The id of the alternative the body adopted. Needed when several
    /// alternatives are proposals; it may name the zero option (the
    /// proposal was rejected) or another alternative. The roll-up adds up
    /// the impacts and follow-ups of this alternative; without it, of the
    /// one proposal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted: Option<String>,
}

/// The kind of body that decides (Kuntalaki 410/2015 § 14, § 91;
/// Hyvinvointialuelaki 611/2021 § 13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    /// The council (valtuusto / fullmäktige).
    Council,
    /// The board (hallitus / styrelse).
    Board,
    /// A committee (lautakunta, jaosto / nämnd, sektion).
    Committee,
    /// An office-holder (viranhaltija / tjänsteinnehavare) under delegated powers.
    OfficeHolder,
}

impl Body {
    /// Every body, in the order reports list them.
    pub const ALL: [Body; 4] = [Body::Council, Body::Board, Body::Committee, Body::OfficeHolder];

    /// The body as written (`office_holder`).
    ///
    /// ```
    /// assert_eq!(ennakko::decision::record::Body::OfficeHolder.name(), "office_holder");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Body::Council => "council",
            Body::Board => "board",
            Body::Committee => "committee",
            Body::OfficeHolder => "office_holder",
        }
    }
}

/// The sector that prepared a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    /// Central administration (konsernihallinto / centralförvaltning).
    CentralAdministration,
    /// Education and early childhood education (sivistys / bildning).
    Education,
    /// Social and health services (sosiaali- ja terveyspalvelut).
    SocialHealth,
    /// Technical services and infrastructure (tekninen toimi).
    Technical,
    /// Culture, sports and youth (kulttuuri ja vapaa-aika).
    CultureLeisure,
    /// Environment and building control (ympäristö).
    Environment,
    /// Anything else.
    Other,
}

impl Sector {
    /// Every sector, in the order reports list them.
    pub const ALL: [Sector; 7] = [
        Sector::CentralAdministration,
        Sector::Education,
        Sector::SocialHealth,
        Sector::Technical,
        Sector::CultureLeisure,
        Sector::Environment,
        Sector::Other,
    ];

    /// The sector as written (`social_health`).
    ///
    /// ```
    /// assert_eq!(ennakko::decision::record::Sector::SocialHealth.name(), "social_health");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Sector::CentralAdministration => "central_administration",
            Sector::Education => "education",
            Sector::SocialHealth => "social_health",
            Sector::Technical => "technical",
            Sector::CultureLeisure => "culture_leisure",
            Sector::Environment => "environment",
            Sector::Other => "other",
        }
    }
}

/// A promise attached to an impact: who checks what, by when, and what
/// was found.
///
/// ```
/// use ennakko::decision::record::{FollowUp, FollowUpStatus};
/// let f: FollowUp = serde_json::from_str(
///     r#"{"check": "Journey times", "owner": "Transport planner", "due": "2027-06-30"}"#,
/// ).unwrap();
/// assert_eq!(f.status, FollowUpStatus::Open);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// What is checked.
    pub check: String,
    /// Who checks it (an office or a person). Required by the roll-up:
    /// a promise nobody owns is not followed up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// By when, `YYYY-MM-DD`.
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub due: String,
    /// Open, done or cancelled.
    #[serde(default)]
    pub status: FollowUpStatus,
    /// When it was checked, `YYYY-MM-DD` (for `done`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub checked_on: Option<String>,
    /// The realised impact, once known, on the same scale as the estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

/// Where a follow-up stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    /// Not yet checked.
    #[default]
    Open,
    /// Checked.
    Done,
    /// No longer followed up (the reason belongs in the note).
    Cancelled,
}

/// The impact as it turned out (ex post), against the estimate (ex ante).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// -2..2, `mixed` or `unknown`, as for the estimate.
    pub direction: Direction,
    /// What was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
