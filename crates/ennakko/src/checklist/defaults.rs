//! The default assessment scales (DESIGN.md section 2), used unless a
//! checklist redefines a scale with a `scale` declaration.

use crate::checklist::model::{Level, Scale, ScaleId, Text};

/// Builds a [`Text`] from `(language, text)` pairs.
///
/// ```
/// let t = ennakko::checklist::defaults::text(&[("fi", "Lapset"), ("en", "Children")]);
/// assert_eq!(t["fi"], "Lapset");
/// ```
pub fn text(pairs: &[(&str, &str)]) -> Text {
    pairs.iter().map(|(l, t)| (l.to_string(), t.to_string())).collect()
}

fn level(id: &str, weight: f64, fi: &str, sv: &str, en: &str) -> Level {
    Level { id: id.to_string(), label: text(&[("fi", fi), ("sv", sv), ("en", en)]), weight }
}

/// The default scale with this id.
///
/// ```
/// use ennakko::checklist::{defaults::default_scale, model::ScaleId};
/// let m = default_scale(ScaleId::Magnitude);
/// assert!(m.multiplies);
/// assert_eq!(m.levels.len(), 3);
/// ```
pub fn default_scale(id: ScaleId) -> Scale {
    let (label, multiplies, default, levels) = match id {
        ScaleId::Magnitude => (
            ("Suuruus", "Omfattning", "Magnitude"),
            true,
            Some(1),
            vec![
                level("minimal", 1.0, "Vähäinen", "Liten", "Minimal"),
                level("moderate", 2.0, "Kohtalainen", "Måttlig", "Moderate"),
                level("severe", 3.0, "Merkittävä", "Betydande", "Severe"),
            ],
        ),
        ScaleId::Likelihood => (
            ("Todennäköisyys", "Sannolikhet", "Likelihood"),
            true,
            Some(2),
            vec![
                level("unlikely", 0.25, "Epätodennäköinen", "Osannolik", "Unlikely"),
                level("possible", 0.5, "Mahdollinen", "Möjlig", "Possible"),
                level("likely", 0.75, "Todennäköinen", "Sannolik", "Likely"),
                level("certain", 1.0, "Varma", "Säker", "Certain"),
            ],
        ),
        ScaleId::People => (
            ("Kohderyhmän koko", "Antal berörda", "People affected"),
            false,
            None,
            vec![
                level("few", 1.0, "Harvat", "Få", "Few"),
                level("some", 2.0, "Osa", "En del", "Some"),
                level("many", 3.0, "Monet", "Många", "Many"),
            ],
        ),
        ScaleId::Timing => (
            ("Ajoittuminen", "Tidsperspektiv", "Timing"),
            false,
            None,
            vec![
                level("short", 1.0, "Lyhyt (talousarviovuosi)", "Kort (budgetår)", "Short (budget year)"),
                level(
                    "medium",
                    2.0,
                    "Keskipitkä (valtuustokausi)",
                    "Medellång (fullmäktigeperiod)",
                    "Medium (council term)",
                ),
                level("long", 3.0, "Pitkä", "Lång", "Long"),
            ],
        ),
        ScaleId::Reversibility => (
            ("Palautuvuus", "Reversibilitet", "Reversibility"),
            false,
            None,
            vec![
                level("reversible", 1.0, "Palautuva", "Reversibel", "Reversible"),
                level("irreversible", 2.0, "Pysyvä", "Bestående", "Irreversible"),
            ],
        ),
        ScaleId::Evidence => (
            ("Tietoperusta", "Kunskapsunderlag", "Evidence"),
            false,
            None,
            vec![
                level(
                    "more_information_needed",
                    0.0,
                    "Lisätietoa tarvitaan",
                    "Mer information behövs",
                    "More information needed",
                ),
                level("weak", 1.0, "Heikko", "Svagt", "Weak"),
                level("some", 2.0, "Kohtalainen", "Visst", "Some"),
                level("strong", 3.0, "Vahva", "Starkt", "Strong"),
            ],
        ),
    };
    Scale { id, label: text(&[("fi", label.0), ("sv", label.1), ("en", label.2)]), multiplies, default, levels }
}

/// Labels of the direction values -2..=2, mixed and unknown.
///
/// ```
/// assert_eq!(ennakko::checklist::defaults::direction_label("-1")["en"], "Negative");
/// ```
pub fn direction_label(direction: &str) -> Text {
    let (fi, sv, en) = match direction {
        "-2" => ("Selvästi kielteinen", "Klart negativ", "Strongly negative"),
        "-1" => ("Kielteinen", "Negativ", "Negative"),
        "0" => ("Ei vaikutusta", "Ingen påverkan", "No impact"),
        "1" => ("Myönteinen", "Positiv", "Positive"),
        "2" => ("Selvästi myönteinen", "Klart positiv", "Strongly positive"),
        "mixed" => ("Sekä myönteinen että kielteinen", "Både positiv och negativ", "Mixed"),
        _ => ("Ei tiedossa", "Okänd", "Unknown"),
    };
    text(&[("fi", fi), ("sv", sv), ("en", en)])
}

/// The verdict reason used when no verdict rule fires.
pub fn no_trigger_reason() -> Text {
    text(&[
        ("fi", "Mikään ennakkoarvioinnin käynnistävä kriteeri ei täyty."),
        ("sv", "Inget av kriterierna för förhandsbedömning uppfylls."),
        ("en", "No screening criterion for an impact assessment applies."),
    ])
}
