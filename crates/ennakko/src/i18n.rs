//! The report's own words in Finnish, Swedish and English. Everything else a
//! report shows (group, domain and question labels, rule messages) comes
//! from the checklist's multilingual texts.

use crate::model::Text;

/// The languages reports are rendered in.
pub const LANGUAGES: [&str; 3] = ["fi", "sv", "en"];

/// A word or phrase of the report template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Key {
    ReportTitle,
    Checklist,
    Decision,
    Verdict,
    VerdictNone,
    VerdictLight,
    VerdictFull,
    Reasons,
    CriteriaNotMet,
    SideBySide,
    Alternative,
    ZeroOption,
    Proposal,
    Other,
    Total,
    Perspectives,
    Groups,
    NamedScores,
    EquityGap,
    Completeness,
    Matrix,
    MatrixFor,
    NoImpacts,
    Group,
    Legend,
    StronglyNegative,
    Negative,
    Neutral,
    Positive,
    StronglyPositive,
    Mixed,
    Unknown,
    NotAssessed,
    Vulnerable,
    Findings,
    NoFindings,
    SeverityRequired,
    SeverityWarning,
    SeverityInfo,
    Missing,
    NothingMissing,
    UnansweredRequired,
    WithoutEvidence,
    GroupsNotConsidered,
    MissingGroups,
    Equity,
    EquityWorse,
    EquityBetter,
    EquityEven,
    EquityNoVulnerable,
    EquityWidens,
    EquityNarrows,
    EquityUnchanged,
    HowComputed,
    Method,
    CellCalculations,
    ReasonsAndFindings,
    Notes,
    Range,
    Score,
    Domain,
    Calculation,
    GeneratedBy,
    Mitigation,
    Yes,
    No,
    Applies,
    AssumedLevel,
    Impact,
}

impl Key {
    /// Every phrase, for tests that check translations.
    pub const ALL: [Key; 69] = [
        Key::ReportTitle,
        Key::Checklist,
        Key::Decision,
        Key::Verdict,
        Key::VerdictNone,
        Key::VerdictLight,
        Key::VerdictFull,
        Key::Reasons,
        Key::CriteriaNotMet,
        Key::SideBySide,
        Key::Alternative,
        Key::ZeroOption,
        Key::Proposal,
        Key::Other,
        Key::Total,
        Key::Perspectives,
        Key::Groups,
        Key::NamedScores,
        Key::EquityGap,
        Key::Completeness,
        Key::Matrix,
        Key::MatrixFor,
        Key::NoImpacts,
        Key::Group,
        Key::Legend,
        Key::StronglyNegative,
        Key::Negative,
        Key::Neutral,
        Key::Positive,
        Key::StronglyPositive,
        Key::Mixed,
        Key::Unknown,
        Key::NotAssessed,
        Key::Vulnerable,
        Key::Findings,
        Key::NoFindings,
        Key::SeverityRequired,
        Key::SeverityWarning,
        Key::SeverityInfo,
        Key::Missing,
        Key::NothingMissing,
        Key::UnansweredRequired,
        Key::WithoutEvidence,
        Key::GroupsNotConsidered,
        Key::MissingGroups,
        Key::Equity,
        Key::EquityWorse,
        Key::EquityBetter,
        Key::EquityEven,
        Key::EquityNoVulnerable,
        Key::EquityWidens,
        Key::EquityNarrows,
        Key::EquityUnchanged,
        Key::HowComputed,
        Key::Method,
        Key::CellCalculations,
        Key::ReasonsAndFindings,
        Key::Notes,
        Key::Range,
        Key::Score,
        Key::Domain,
        Key::Calculation,
        Key::GeneratedBy,
        Key::Mitigation,
        Key::Yes,
        Key::No,
        Key::Applies,
        Key::AssumedLevel,
        Key::Impact,
    ];
}

/// The phrase in a language (`fi`, `sv`; anything else gets English).
///
/// ```
/// use ennakko::i18n::{word, Key};
/// assert_eq!(word(Key::Verdict, "sv"), "Bedömning");
/// ```
pub fn word(key: Key, lang: &str) -> &'static str {
    let (fi, sv, en) = phrases(key);
    match lang {
        "fi" => fi,
        "sv" => sv,
        _ => en,
    }
}

fn phrases(key: Key) -> (&'static str, &'static str, &'static str) {
    use Key::*;
    match key {
        ReportTitle => {
            ("Vaikutusten ennakkoarviointi", "Förhandsbedömning av konsekvenser", "Ex-ante impact assessment")
        }
        Checklist => ("Tarkistuslista", "Checklista", "Checklist"),
        Decision => ("Päätös", "Beslut", "Decision"),
        Verdict => ("Arvion tulos", "Bedömning", "Verdict"),
        VerdictNone => (
            "Vaikutusten ennakkoarviointia ei tarvita",
            "Ingen förhandsbedömning behövs",
            "No impact assessment needed",
        ),
        VerdictLight => {
            ("Suppea vaikutusten arviointi", "En begränsad konsekvensbedömning", "A light impact assessment")
        }
        VerdictFull => (
            "Laaja vaikutusten arviointi tarvitaan",
            "En fullständig konsekvensbedömning krävs",
            "A full impact assessment is required",
        ),
        Reasons => ("Perusteet", "Grunder", "Reasons"),
        CriteriaNotMet => (
            "Tarkistetut kriteerit, jotka eivät täyty",
            "Prövade kriterier som inte uppfylls",
            "Criteria checked and not met",
        ),
        SideBySide => ("Vaihtoehdot rinnakkain", "Alternativen sida vid sida", "Alternatives side by side"),
        Alternative => ("Vaihtoehto", "Alternativ", "Alternative"),
        ZeroOption => ("Nollavaihtoehto", "Nollalternativ", "Zero option"),
        Proposal => ("Ehdotus", "Förslag", "Proposal"),
        Other => ("Muu vaihtoehto", "Annat alternativ", "Other alternative"),
        Total => ("Yhteensä", "Totalt", "Total"),
        Perspectives => ("Näkökulmat", "Perspektiv", "Perspectives"),
        Groups => ("Väestöryhmät", "Befolkningsgrupper", "Population groups"),
        NamedScores => ("Tunnusluvut", "Nyckeltal", "Scores"),
        EquityGap => ("Yhdenvertaisuusero", "Jämlikhetsgap", "Equity gap"),
        Completeness => ("Vastausten kattavuus", "Svarens fullständighet", "Completeness"),
        Matrix => ("Vaikutusmatriisi", "Konsekvensmatris", "Impact matrix"),
        MatrixFor => (
            "Vaikutukset väestöryhmittäin ja osa-alueittain",
            "Konsekvenser per grupp och område",
            "Impacts by group and domain",
        ),
        NoImpacts => {
            ("Vaikutuksia ei ole arvioitu.", "Inga konsekvenser har bedömts.", "No impacts have been assessed.")
        }
        Group => ("Ryhmä", "Grupp", "Group"),
        Legend => ("Merkkien selitys", "Teckenförklaring", "Legend"),
        StronglyNegative => ("selvästi kielteinen", "klart negativ", "strongly negative"),
        Negative => ("kielteinen", "negativ", "negative"),
        Neutral => ("ei vaikutusta", "ingen påverkan", "no impact"),
        Positive => ("myönteinen", "positiv", "positive"),
        StronglyPositive => ("selvästi myönteinen", "klart positiv", "strongly positive"),
        Mixed => ("sekä myönteinen että kielteinen", "både positiv och negativ", "mixed"),
        Unknown => ("ei tiedossa", "okänd", "unknown"),
        NotAssessed => ("ei arvioitu", "inte bedömd", "not assessed"),
        Vulnerable => ("haavoittuva ryhmä", "sårbar grupp", "vulnerable group"),
        Findings => ("Havainnot", "Iakttagelser", "Findings"),
        NoFindings => ("Ei havaintoja.", "Inga iakttagelser.", "No findings."),
        SeverityRequired => ("Edellytetään ennen päätöstä", "Krävs före beslutet", "Required before deciding"),
        SeverityWarning => ("Huomioitavaa", "Att beakta", "Warnings"),
        SeverityInfo => ("Tiedoksi", "För kännedom", "For information"),
        Missing => ("Mitä puuttuu", "Vad som saknas", "What is missing"),
        NothingMissing => ("Mitään ei puutu.", "Inget saknas.", "Nothing is missing."),
        UnansweredRequired => {
            ("Vastaamattomat pakolliset kysymykset", "Obesvarade obligatoriska frågor", "Unanswered required questions")
        }
        WithoutEvidence => (
            "Vaikutukset, joiden tietoperusta on heikko tai puuttuu",
            "Konsekvenser med svagt eller saknat kunskapsunderlag",
            "Impacts stated with weak or no evidence",
        ),
        GroupsNotConsidered => (
            "Väestöryhmät, joita ei ole arvioitu missään vaihtoehdossa",
            "Grupper som inte har bedömts i något alternativ",
            "Groups not considered in any alternative",
        ),
        MissingGroups => ("puuttuvat ryhmät", "grupper som saknas", "groups missing"),
        Equity => ("Yhdenvertaisuus", "Jämlikhet", "Equity"),
        EquityWorse => (
            "haavoittuvien ryhmien asema on keskimääräistä heikompi",
            "sårbara grupper får det sämre än grupperna i genomsnitt",
            "vulnerable groups fare worse than the groups on average",
        ),
        EquityBetter => (
            "haavoittuvien ryhmien asema on keskimääräistä parempi",
            "sårbara grupper får det bättre än grupperna i genomsnitt",
            "vulnerable groups fare better than the groups on average",
        ),
        EquityEven => (
            "haavoittuvien ryhmien asema on sama kuin keskimäärin",
            "sårbara grupper påverkas som grupperna i genomsnitt",
            "vulnerable groups fare as the groups do on average",
        ),
        EquityNoVulnerable => (
            "vaikutuksia haavoittuviin ryhmiin ei ole arvioitu",
            "konsekvenserna för sårbara grupper har inte bedömts",
            "no impact on vulnerable groups has been assessed",
        ),
        EquityWidens => (
            "ero kasvaa nollavaihtoehtoon verrattuna",
            "gapet ökar jämfört med nollalternativet",
            "the gap widens compared with the zero option",
        ),
        EquityNarrows => (
            "ero kapenee nollavaihtoehtoon verrattuna",
            "gapet minskar jämfört med nollalternativet",
            "the gap narrows compared with the zero option",
        ),
        EquityUnchanged => (
            "ero on sama kuin nollavaihtoehdossa",
            "gapet är detsamma som i nollalternativet",
            "the gap is the same as in the zero option",
        ),
        HowComputed => ("Näin tulos on laskettu", "Så har resultatet beräknats", "How this was computed"),
        Method => (
            "Kunkin vaikutuksen pistemäärä on suunta (−2…+2) kerrottuna suuruuden ja todennäköisyyden painoilla. Puuttuva taso lasketaan oletusarvolla, ja vaihteluväli kattaa asteikon ääripäät. Ryhmien, osa-alueiden ja näkökulmien luvut ovat niiden vaikutusten summia. Yhdenvertaisuusero on haavoittuvien ryhmien keskiarvo miinus kaikkien arvioitujen ryhmien keskiarvo.",
            "Varje konsekvens poäng är riktningen (−2…+2) multiplicerad med vikterna för omfattning och sannolikhet. En nivå som saknas räknas med standardvärdet, och intervallet täcker skalans ytterpunkter. Talen för grupper, områden och perspektiv är summor av deras konsekvenser. Jämlikhetsgapet är medelvärdet för sårbara grupper minus medelvärdet för alla bedömda grupper.",
            "Each impact scores its direction (−2…+2) times the weights of its magnitude and likelihood. A level left out counts at the scale's default, and the range spans the scale's extremes. Group, domain and perspective figures are sums of their impacts. The equity gap is the mean score of vulnerable groups minus the mean of all groups assessed.",
        ),
        CellCalculations => ("Vaikutusten laskelmat", "Konsekvensernas beräkningar", "Impact calculations"),
        ReasonsAndFindings => (
            "Mihin perusteet ja havainnot perustuvat",
            "Vad grunderna och iakttagelserna bygger på",
            "What the reasons and findings rest on",
        ),
        Notes => ("Huomautukset syötteestä", "Anmärkningar om underlaget", "Notes on the input"),
        Range => ("vaihteluväli", "intervall", "range"),
        Score => ("Pisteet", "Poäng", "Score"),
        Domain => ("Osa-alue", "Område", "Domain"),
        Calculation => ("Laskelma", "Beräkning", "Calculation"),
        GeneratedBy => ("Laadittu ennakko-työkalulla", "Upprättad med verktyget ennakko", "Produced with ennakko"),
        Mitigation => ("lievennetty", "mildrad", "mitigated"),
        Yes => ("kyllä", "ja", "yes"),
        No => ("ei", "nej", "no"),
        Impact => ("Vaikutus", "Konsekvens", "Impact"),
        Applies => ("koskee tätä", "gäller", "applies"),
        AssumedLevel => (
            "* taso puuttuu, käytetty oletusta",
            "* nivån saknas, standardvärdet används",
            "* level not given, the default is used",
        ),
    }
}

/// A checklist text in a language, falling back to English, then to any.
///
/// ```
/// let t = ennakko::defaults::text(&[("en", "Children"), ("fi", "Lapset")]);
/// assert_eq!(ennakko::i18n::pick(&t, "fi"), "Lapset");
/// assert_eq!(ennakko::i18n::pick(&t, "sv"), "Children");
/// ```
pub fn pick<'a>(text: &'a Text, lang: &str) -> &'a str {
    text.get(lang).or_else(|| text.get("en")).or_else(|| text.values().next()).map_or("", String::as_str)
}

/// A number for people: at most two decimals, a decimal comma in Finnish
/// and Swedish, and a real minus sign.
///
/// ```
/// assert_eq!(ennakko::i18n::number(-1.5, "fi"), "−1,5");
/// assert_eq!(ennakko::i18n::number(2.0, "en"), "2");
/// assert_eq!(ennakko::i18n::number(150000.0, "en"), "150,000");
/// ```
pub fn number(n: f64, lang: &str) -> String {
    let rounded = (n * 100.0).round() / 100.0;
    let text = format!("{}", rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (group_sep, decimal) = if lang == "en" { (",", ".") } else { ("\u{a0}", ",") };
    let mut out = String::new();
    if rounded < 0.0 {
        out.push('\u{2212}');
    }
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 && int.len() > 4 {
            out.push_str(group_sep);
        }
        out.push(digit);
    }
    if !frac.is_empty() {
        out.push_str(decimal);
        out.push_str(frac);
    }
    out
}

/// A share as a percentage: `0.5` → `50 %` (fi, sv) or `50%` (en).
pub fn percent(share: f64, lang: &str) -> String {
    let p = (share * 100.0).round();
    if lang == "en" { format!("{p}%") } else { format!("{p} %") }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every phrase of the report template exists in all three languages,
    /// and the Finnish and Swedish ones are translations, not English copies.
    #[test]
    fn every_phrase_is_translated() {
        for key in Key::ALL {
            let (fi, sv, en) = (word(key, "fi"), word(key, "sv"), word(key, "en"));
            assert!(!fi.is_empty() && !sv.is_empty() && !en.is_empty(), "{key:?} has an empty translation");
            assert!(fi != en && sv != en, "{key:?} is not translated: {fi} / {sv} / {en}");
        }
    }
}
