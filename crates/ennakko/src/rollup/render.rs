//! A roll-up as the EVA section of a welfare report (Markdown, or HTML with
//! static SVG bar charts), and as CSV tables for analysts.
//!
//! Every sentence exists in Finnish, Swedish and English; groups, domains
//! and timing levels carry the checklist's own labels, so a Finnish or
//! Swedish text holds no ids.
//!
//! ```
//! # use ennakko::{Checklist, rollup::{Period, Rollup, render}};
//! let checklist = Checklist::standard("eva").unwrap();
//! let rollup = Rollup::new(&checklist, Period::new(Some("2026-01-01"), Some("2026-12-31"), None).unwrap()).finish();
//! assert!(render::markdown(&rollup, "fi").contains("Vaikutusten ennakkoarviointi"));
//! assert!(render::html(&rollup, "sv").starts_with("<!DOCTYPE html>"));
//! ```

use std::fmt::Write as _;

use super::{Cumulative, DecisionRow, FollowUpRow, Realised, Rollup, VerdictCounts};
use crate::checklist::model::{Text, VerdictLevel};
use crate::decision::record::{Body, FollowUpStatus, Sector};
use crate::report::i18n::{number, pick};
use crate::report::render::{Block, CSS, Cell, Table, escape, write_html, write_markdown};

/// The same text in the report's language: Finnish, Swedish, else English.
fn t<'a>(lang: &str, fi: &'a str, sv: &'a str, en: &'a str) -> &'a str {
    match lang {
        "fi" => fi,
        "sv" => sv,
        _ => en,
    }
}

/// A piece of the rendered section: text, or a chart (HTML only; the
/// table next to it carries the same numbers in Markdown).
enum Part {
    Block(Block),
    Chart(Chart),
}

/// A horizontal bar chart: labelled bars, each split into coloured parts.
struct Chart {
    title: String,
    /// A colour per part: they differ in lightness too, for greyscale print.
    colours: [&'static str; 3],
    legend: Vec<String>,
    bars: Vec<(String, Vec<u64>)>,
}

/// The roll-up as Markdown.
pub fn markdown(rollup: &Rollup, lang: &str) -> String {
    let mut out = String::new();
    for part in content(rollup, lang) {
        if let Part::Block(block) = part {
            write_markdown(&mut out, &block);
        }
    }
    out
}

/// The roll-up as a self-contained HTML page: inline style and SVG, no
/// scripts, laid out for A4 print.
pub fn html(rollup: &Rollup, lang: &str) -> String {
    let mut body = String::new();
    for part in content(rollup, lang) {
        match part {
            Part::Block(block) => write_html(&mut body, &block),
            Part::Chart(chart) => write_chart(&mut body, &chart),
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{CSS}{CHART_CSS}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        lang = escape(lang),
        title = escape(&title(rollup, lang)),
    )
}

const CHART_CSS: &str = "
table.rollup{font-size:.85rem}table.rollup td{text-align:right;white-space:nowrap}table.rollup thead th{font-size:.78rem}
@media print{table.rollup,table.rollup thead th{font-size:8pt}}
figure.chart{margin:.4rem 0 1rem;break-inside:avoid}figure.chart figcaption{color:var(--muted);font-size:.85rem}
svg text{font:12px system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;fill:#1b1f24}
";

/// No assessment needed, light, full.
const VERDICT_COLOURS: [&str; 3] = ["#1a7f37", "#bf8700", "#a40e26"];
/// Positive, neutral, negative.
const IMPACT_COLOURS: [&str; 3] = ["#1a7f37", "#afb8c1", "#a40e26"];

/// Longest bar label drawn whole; a longer one ends in `…` (its table row has it whole).
const LABEL_CHARS: usize = 40;

fn write_chart(out: &mut String, chart: &Chart) {
    let max = chart.bars.iter().map(|(_, parts)| parts.iter().sum::<u64>()).max().unwrap_or(0).max(1);
    let (label_w, bar_w, row_h) = (290.0, 330.0, 22.0);
    let height = row_h * chart.bars.len() as f64 + 30.0;
    let _ = writeln!(out, "<figure class=\"chart\">\n<figcaption>{}</figcaption>", escape(&chart.title));
    let _ = writeln!(
        out,
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 700 {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape(&chart.title)
    );
    for (i, (label, parts)) in chart.bars.iter().enumerate() {
        let y = row_h * i as f64;
        let shown: String = if label.chars().count() > LABEL_CHARS {
            label.chars().take(LABEL_CHARS - 1).chain(['…']).collect()
        } else {
            label.clone()
        };
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>{}</title>{}</text>",
            label_w - 6.0,
            y + 15.0,
            escape(label),
            escape(&shown)
        );
        let mut x = label_w;
        for (j, &n) in parts.iter().enumerate() {
            let w = bar_w * n as f64 / max as f64;
            if n > 0 {
                let colour = chart.colours[j % chart.colours.len()];
                let _ = writeln!(
                    out,
                    "<rect x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"16\" fill=\"{colour}\"/>",
                    y + 3.0
                );
            }
            x += w;
        }
        let _ = writeln!(out, "<text x=\"{:.1}\" y=\"{}\">{}</text>", x + 5.0, y + 15.0, parts.iter().sum::<u64>());
    }
    let mut x = 10.0;
    let y = height - 8.0;
    for (j, name) in chart.legend.iter().enumerate() {
        let colour = chart.colours[j % chart.colours.len()];
        let _ = writeln!(out, "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{colour}\"/>", y - 10.0);
        let _ = writeln!(out, "<text x=\"{}\" y=\"{y}\">{}</text>", x + 16.0, escape(name));
        x += 16.0 + 7.0 * name.chars().count() as f64 + 18.0;
    }
    out.push_str("</svg>\n</figure>\n");
}

fn title(rollup: &Rollup, lang: &str) -> String {
    let heading =
        t(lang, "Vaikutusten ennakkoarviointi", "Förhandsbedömning av konsekvenser", "Ex-ante impact assessment");
    match (&rollup.from, &rollup.to) {
        (Some(f), Some(to)) => format!("{heading} {}–{}", date(f, lang), date(to, lang)),
        _ => heading.to_string(),
    }
}

/// `2026-03-16` as Finnish and Swedish officials write it (16.3.2026); in English, as given.
fn date(iso: &str, lang: &str) -> String {
    let mut parts = iso.split('-').map(|p| p.trim_start_matches('0'));
    match (lang, parts.next(), parts.next(), parts.next()) {
        ("fi" | "sv", Some(y), Some(m), Some(d)) => format!("{d}.{m}.{y}"),
        _ => iso.to_string(),
    }
}

fn milli(n: i64, lang: &str) -> String {
    number(n as f64 / 1000.0, lang)
}

fn body_label(body: &str, lang: &str) -> String {
    let label = match Body::ALL.into_iter().find(|b| b.name() == body) {
        Some(Body::Council) => t(lang, "Valtuusto", "Fullmäktige", "Council"),
        Some(Body::Board) => t(lang, "Hallitus", "Styrelsen", "Board"),
        Some(Body::Committee) => t(lang, "Lautakunnat", "Nämnderna", "Committees"),
        Some(Body::OfficeHolder) => t(lang, "Viranhaltijat", "Tjänsteinnehavarna", "Office-holders"),
        None => body,
    };
    label.to_string()
}

fn sector_label(sector: &str, lang: &str) -> String {
    let label = match Sector::ALL.into_iter().find(|s| s.name() == sector) {
        Some(Sector::CentralAdministration) => {
            t(lang, "Keskushallinto", "Centralförvaltningen", "Central administration")
        }
        Some(Sector::Education) => t(lang, "Sivistystoimi", "Bildningssektorn", "Education"),
        Some(Sector::SocialHealth) => {
            t(lang, "Sosiaali- ja terveyspalvelut", "Social- och hälsovårdstjänster", "Social and health services")
        }
        Some(Sector::Technical) => t(lang, "Tekninen toimi", "Tekniska sektorn", "Technical services"),
        Some(Sector::CultureLeisure) => {
            t(lang, "Kulttuuri- ja vapaa-aikapalvelut", "Kultur- och fritidstjänster", "Culture and leisure")
        }
        Some(Sector::Environment) => t(lang, "Ympäristöpalvelut", "Miljötjänster", "Environment"),
        Some(Sector::Other) => t(lang, "Muut", "Övriga", "Other"),
        None => sector,
    };
    label.to_string()
}

fn verdict_heads(lang: &str) -> [String; 4] {
    [
        t(lang, "Päätöksiä", "Beslut", "Decisions"),
        t(lang, "Ei arviointitarvetta", "Ingen bedömning behövs", "No assessment needed"),
        t(lang, "Kevyt arviointi", "Lätt bedömning", "Light assessment"),
        t(lang, "Täysi arviointi", "Fullständig bedömning", "Full assessment"),
    ]
    .map(str::to_string)
}

fn title_of(row: &DecisionRow, lang: &str) -> String {
    let title = pick(&row.title, lang);
    let body = row.body_name.clone().unwrap_or_else(|| body_label(&row.body, lang));
    format!("{} – {title} ({body})", date(&row.date, lang))
}

fn label_of<'a>(pairs: &'a [(String, Text)], id: &'a str, lang: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == id).map_or(id, |(_, label)| pick(label, lang))
}

fn group_label<'a>(rollup: &'a Rollup, id: &'a str, lang: &str) -> &'a str {
    rollup.labels.groups.iter().find(|(k, _)| k == id).map_or(id, |(_, g)| pick(&g.label, lang))
}

fn content(rollup: &Rollup, lang: &str) -> Vec<Part> {
    let mut parts = vec![Part::Block(Block::Heading(1, title(rollup, lang)))];
    parts.push(Part::Block(Block::Para(intro(rollup, lang))));
    coverage(rollup, lang, &mut parts);
    impacts(rollup, lang, &mut parts);
    quarters(rollup, lang, &mut parts);
    follow_up(rollup, lang, &mut parts);
    skipped(rollup, lang, &mut parts);
    parts
}

fn intro(rollup: &Rollup, lang: &str) -> String {
    let n = rollup.coverage.screened;
    let text = intro_text(n, lang);
    // A roll-up without an as-of day (an unbounded period and none given)
    // judges no follow-up as overdue; it names no day rather than 31.12.9999.
    if rollup.as_of == jiff::civil::Date::MAX.to_string() {
        return text;
    }
    let as_of = date(&rollup.as_of, lang);
    match lang {
        "fi" => format!("{text} Seurannan tilanne {as_of}."),
        "sv" => format!("{text} Uppföljningen gäller läget {as_of}."),
        _ => format!("{text} Follow-up as of {as_of}."),
    }
}

fn intro_text(n: u64, lang: &str) -> String {
    match lang {
        "fi" => format!(
            "Tässä osassa kootaan yhteen kauden {n} päätöksen vaikutusten ennakkoarviointi: kuinka kattavasti päätösten \
             vaikutukset arvioitiin, mihin väestöryhmiin ja vaikutusalueisiin päätökset kohdistuivat ja miten \
             päätöksissä luvattuja toimenpiteitä on seurattu."
        ),
        "sv" => format!(
            "Här sammanställs förhandsbedömningen av konsekvenserna av periodens {n} beslut: hur heltäckande \
             konsekvenserna bedömdes, vilka befolkningsgrupper och konsekvensområden besluten gällde och hur de \
             åtgärder som utlovades i besluten har följts upp."
        ),
        _ => format!(
            "This section brings together the ex-ante impact assessment of the period's {n} decisions: how fully \
             their impacts were assessed, which population groups and impact domains they concerned, and how the \
             measures promised in them have been followed up."
        ),
    }
}

fn verdict_row(label: String, v: &VerdictCounts) -> Vec<Cell> {
    [label, v.total().to_string(), v.none.to_string(), v.light.to_string(), v.full.to_string()].map(Cell::from).into()
}

fn coverage(rollup: &Rollup, lang: &str, parts: &mut Vec<Part>) {
    let c = &rollup.coverage;
    parts.push(Part::Block(Block::Heading(
        2,
        t(lang, "Arvioinnin kattavuus", "Bedömningarnas täckning", "Coverage").into(),
    )));
    let (n, full, made, light, none) = (c.screened, c.full_required, c.full_made, c.verdicts.light, c.verdicts.none);
    let text = match lang {
        "fi" => format!(
            "Kauden {n} päätöksestä {full} edellytti täyttä vaikutusten arviointia, {light} kevyttä arviointia ja {none} ei \
             edellyttänyt arviointia. Täysi arviointi tehtiin {made} päätöksessä niistä {full} päätöksestä, jotka sitä edellyttivät."
        ),
        "sv" => format!(
            "Av periodens {n} beslut krävde {full} en fullständig konsekvensbedömning, {light} en lätt bedömning och {none} \
             ingen bedömning. En fullständig bedömning gjordes i {made} av de {full} beslut som krävde en."
        ),
        _ => format!(
            "Of the period's {n} decisions, {full} required a full impact assessment, {light} a light one and {none} none. \
             A full assessment was made for {made} of the {full} decisions that required one."
        ),
    };
    parts.push(Part::Block(Block::Para(text)));
    let [d, no, li, fu] = verdict_heads(lang);
    let by = |first: &str, rows: Vec<Vec<Cell>>| Table {
        class: "rollup",
        caption: None,
        head: vec![first.to_string(), d.clone(), no.clone(), li.clone(), fu.clone()],
        rows,
    };
    let sectors =
        Sector::ALL.iter().filter_map(|s| c.by_sector.get(s.name()).map(|v| (sector_label(s.name(), lang), v)));
    let sector_rows: Vec<(String, &VerdictCounts)> = sectors.collect();
    parts.push(Part::Chart(Chart {
        colours: VERDICT_COLOURS,
        title: t(
            lang,
            "Päätökset toimialoittain ja arvioinnin tarve",
            "Besluten per sektor och behovet av bedömning",
            "Decisions by sector and need for assessment",
        )
        .into(),
        legend: vec![no.clone(), li.clone(), fu.clone()],
        bars: sector_rows.iter().map(|(l, v)| (l.clone(), vec![v.none, v.light, v.full])).collect(),
    }));
    let rows = sector_rows.into_iter().map(|(l, v)| verdict_row(l, v)).collect();
    parts.push(Part::Block(Block::Table(by(t(lang, "Toimiala", "Sektor", "Sector"), rows))));
    let bodies =
        Body::ALL.iter().filter_map(|b| c.by_body.get(b.name()).map(|v| verdict_row(body_label(b.name(), lang), v)));
    parts.push(Part::Block(Block::Table(by(t(lang, "Päättäjä", "Beslutsfattare", "Deciding body"), bodies.collect()))));
    let missing: Vec<String> =
        rollup.decisions.iter().filter(|r| r.full_not_made()).map(|r| title_of(r, lang)).collect();
    list(
        parts,
        t(
            lang,
            "Täyttä arviointia edellyttäneet päätökset, joissa sitä ei tehty:",
            "Beslut som krävde en fullständig bedömning som inte gjordes:",
            "Decisions that required a full assessment that was not made:",
        ),
        missing,
    );
    let no_zero: Vec<String> = rollup.decisions.iter().filter(|r| !r.zero_option).map(|r| title_of(r, lang)).collect();
    list(
        parts,
        t(
            lang,
            "Päätökset, joissa ei verrattu nollavaihtoehtoon (ei muutosta):",
            "Beslut som inte jämfördes med nollalternativet (ingen förändring):",
            "Decisions not compared with the zero option (no change):",
        ),
        no_zero,
    );
    let open: Vec<String> = rollup
        .decisions
        .iter()
        .filter(|r| !r.open_required.is_empty())
        .map(|r| {
            let findings: Vec<&str> = r
                .open_required
                .iter()
                .map(|id| rollup.labels.rules.get(id).map_or(id.as_str(), |m| pick(m, lang)))
                .collect();
            format!("{}: {}", title_of(r, lang), findings.join(" "))
        })
        .collect();
    list(
        parts,
        t(
            lang,
            "Päätökset, joissa vaadittu selvitys jäi tekemättä:",
            "Beslut där en utredning som krävdes inte gjordes:",
            "Decisions where a required study was left undone:",
        ),
        open,
    );
}

fn list(parts: &mut Vec<Part>, lead: &str, items: Vec<String>) {
    if !items.is_empty() {
        parts.push(Part::Block(Block::Para(lead.to_string())));
        parts.push(Part::Block(Block::List(items)));
    }
}

fn cumulative_head(first: &str, rollup: &Rollup, lang: &str) -> Vec<String> {
    let mut head = vec![
        first.to_string(),
        t(lang, "Päätöksiä", "Beslut", "Decisions").into(),
        t(lang, "Kielteisiä", "Negativa", "Negative").into(),
        t(lang, "Myönteisiä", "Positiva", "Positive").into(),
        t(lang, "Nettovaikutus", "Nettoeffekt", "Net impact").into(),
        t(lang, "Kielteiset yhteensä", "Negativa sammanlagt", "Negative total").into(),
    ];
    head.extend(rollup.labels.timing.iter().map(|(_, label)| pick(label, lang).to_string()));
    head
}

fn cumulative_row(label: String, c: &Cumulative, rollup: &Rollup, lang: &str) -> Vec<Cell> {
    let mut row = vec![
        Cell::from(label),
        c.decisions.to_string().into(),
        c.negative_decisions.to_string().into(),
        c.positive_decisions.to_string().into(),
        milli(c.net_milli, lang).into(),
        milli(c.negative_milli, lang).into(),
    ];
    row.extend(
        rollup.labels.timing.iter().map(|(id, _)| Cell::from(c.timing.get(id).copied().unwrap_or(0).to_string())),
    );
    row
}

fn impacts(rollup: &Rollup, lang: &str, parts: &mut Vec<Part>) {
    parts.push(Part::Block(Block::Heading(
        2,
        t(lang, "Vaikutukset väestöryhmiin", "Konsekvenser för befolkningsgrupper", "Impacts on population groups")
            .into(),
    )));
    parts.push(Part::Block(Block::Para(t(lang,
        "Taulukoissa lasketaan yhteen päätöksissä hyväksyttyjen vaihtoehtojen arvioidut vaikutukset. Nettovaikutus on vaikutusten pisteiden summa (kielteinen alle nollan); sarakkeet ajanjaksoittain kertovat, kuinka moni arvio koski talousarviovuotta, valtuustokautta tai pidempää aikaa.",
        "Tabellerna summerar de bedömda konsekvenserna av de alternativ som beslutades. Nettoeffekten är summan av konsekvensernas poäng (negativ under noll); kolumnerna per tidsperiod visar hur många bedömningar som gällde budgetåret, fullmäktigeperioden eller en längre tid.",
        "The tables add up the assessed impacts of the alternatives adopted. The net impact is the sum of the impact scores (below zero is negative); the columns per time span show how many assessments concerned the budget year, the council term or a longer time.",
    ).into())));
    // The whole population, staff and organisations are not population groups (see DESIGN.md).
    let population = |id: &str| rollup.labels.groups.iter().any(|(g, l)| g == id && l.population);
    let mut harmed: Vec<(&String, &Cumulative)> =
        rollup.groups.iter().filter(|(id, c)| c.negative_decisions > 0 && population(id)).collect();
    harmed.sort_by(|a, b| {
        b.1.negative_decisions.cmp(&a.1.negative_decisions).then(a.1.net_milli.cmp(&b.1.net_milli)).then(a.0.cmp(b.0))
    });
    if !harmed.is_empty() {
        let top: Vec<String> = harmed
            .iter()
            .take(3)
            .map(|(id, c)| format!("{} ({})", group_label(rollup, id, lang), c.negative_decisions))
            .collect();
        let lead = t(
            lang,
            "Useimmin kielteisiä vaikutuksia arvioitiin kohdistuvan seuraaviin väestöryhmiin (päätösten määrä): ",
            "Negativa konsekvenser bedömdes oftast drabba följande befolkningsgrupper (antal beslut): ",
            "Negative impacts were most often assessed for these population groups (number of decisions): ",
        );
        parts.push(Part::Block(Block::Callout(format!("{lead}{}.", top.join(", ")), "verdict-light")));
    }
    let ordered = |vulnerable: bool| -> Vec<(&String, &Cumulative)> {
        rollup
            .labels
            .groups
            .iter()
            .filter(|(_, g)| g.vulnerable == vulnerable)
            .filter_map(|(id, _)| rollup.groups.get_key_value(id))
            .collect()
    };
    let group_table = |rows: Vec<(&String, &Cumulative)>| Table {
        class: "rollup",
        caption: None,
        head: cumulative_head(t(lang, "Ryhmä", "Grupp", "Group"), rollup, lang),
        rows: rows
            .into_iter()
            .map(|(id, c)| cumulative_row(group_label(rollup, id, lang).into(), c, rollup, lang))
            .collect(),
    };
    let vulnerable = ordered(true);
    parts.push(Part::Chart(Chart {
        colours: IMPACT_COLOURS,
        title: t(
            lang,
            "Päätökset ryhmittäin: myönteiset, neutraalit ja kielteiset vaikutukset",
            "Besluten per grupp: positiva, neutrala och negativa konsekvenser",
            "Decisions by group: positive, neutral and negative impacts",
        )
        .into(),
        legend: vec![
            t(lang, "myönteinen", "positiv", "positive").into(),
            t(lang, "neutraali", "neutral", "neutral").into(),
            t(lang, "kielteinen", "negativ", "negative").into(),
        ],
        bars: rollup
            .labels
            .groups
            .iter()
            .filter_map(|(id, _)| {
                rollup.groups.get(id).map(|c| {
                    let neutral = c.decisions - c.negative_decisions - c.positive_decisions;
                    (
                        group_label(rollup, id, lang).to_string(),
                        vec![c.positive_decisions, neutral, c.negative_decisions],
                    )
                })
            })
            .collect(),
    }));
    if !vulnerable.is_empty() {
        parts.push(Part::Block(Block::Heading(
            3,
            t(lang, "Haavoittuvassa asemassa olevat ryhmät", "Grupper i utsatt ställning", "Vulnerable groups").into(),
        )));
        parts.push(Part::Block(Block::Table(group_table(vulnerable))));
    }
    let others = ordered(false);
    if !others.is_empty() {
        parts.push(Part::Block(Block::Heading(3, t(lang, "Muut ryhmät", "Övriga grupper", "Other groups").into())));
        parts.push(Part::Block(Block::Table(group_table(others))));
    }
    parts.push(Part::Block(Block::Heading(3, t(lang, "Vaikutusalueet", "Konsekvensområden", "Impact domains").into())));
    let rows = rollup.labels.domains.iter().filter_map(|(id, label)| {
        rollup.domains.get(id).map(|c| cumulative_row(pick(label, lang).into(), c, rollup, lang))
    });
    parts.push(Part::Block(Block::Table(Table {
        class: "rollup",
        caption: None,
        head: cumulative_head(t(lang, "Vaikutusalue", "Konsekvensområde", "Domain"), rollup, lang),
        rows: rows.collect(),
    })));
}

fn quarters(rollup: &Rollup, lang: &str, parts: &mut Vec<Part>) {
    if rollup.quarters.is_empty() {
        return;
    }
    parts.push(Part::Block(Block::Heading(
        2,
        t(lang, "Kehitys neljännesvuosittain", "Utvecklingen per kvartal", "Trends by quarter").into(),
    )));
    let quarter = |key: &str| {
        let (year, q) = key.split_once("-Q").unwrap_or((key, ""));
        match lang {
            "fi" => format!("{q}. neljännes {year}"),
            "sv" => format!("Kvartal {q} {year}"),
            _ => format!("Q{q} {year}"),
        }
    };
    let [d, no, li, fu] = verdict_heads(lang);
    let head = vec![
        t(lang, "Neljännes", "Kvartal", "Quarter").to_string(),
        d,
        no.clone(),
        li.clone(),
        fu.clone(),
        t(lang, "Täysi arviointi tekemättä", "Fullständig bedömning ej gjord", "Full assessment not made").into(),
        t(lang, "Kielteinen kokonaisvaikutus", "Negativ totaleffekt", "Negative overall").into(),
        t(lang, "Haavoittuviin kohdistuu haittaa", "Skadar utsatta grupper", "Harms vulnerable groups").into(),
        t(lang, "Nettovaikutus", "Nettoeffekt", "Net impact").into(),
    ];
    let rows = rollup.quarters.iter().map(|(k, q)| {
        vec![
            Cell::from(quarter(k)),
            q.decisions.to_string().into(),
            q.verdicts.none.to_string().into(),
            q.verdicts.light.to_string().into(),
            q.verdicts.full.to_string().into(),
            q.full_not_made.to_string().into(),
            q.negative_decisions.to_string().into(),
            q.vulnerable_harmed.to_string().into(),
            milli(q.net_milli, lang).into(),
        ]
    });
    parts.push(Part::Chart(Chart {
        colours: VERDICT_COLOURS,
        title: t(
            lang,
            "Päätökset neljännesvuosittain ja arvioinnin tarve",
            "Besluten per kvartal och behovet av bedömning",
            "Decisions by quarter and need for assessment",
        )
        .into(),
        legend: vec![no, li, fu],
        bars: rollup
            .quarters
            .iter()
            .map(|(k, q)| (quarter(k), vec![q.verdicts.none, q.verdicts.light, q.verdicts.full]))
            .collect(),
    }));
    parts.push(Part::Block(Block::Table(Table { class: "rollup", caption: None, head, rows: rows.collect() })));
}

fn follow_up(rollup: &Rollup, lang: &str, parts: &mut Vec<Part>) {
    let s = &rollup.follow_up_summary;
    parts.push(Part::Block(Block::Heading(
        2,
        t(
            lang,
            "Luvattujen toimenpiteiden seuranta",
            "Uppföljning av utlovade åtgärder",
            "Follow-up of promised measures",
        )
        .into(),
    )));
    let (total, done, open, overdue, cancelled) = (s.total, s.done, s.open, s.overdue, s.cancelled);
    let (same, better, worse) = (s.as_estimated, s.better, s.worse);
    let text = match lang {
        "fi" => format!(
            "Päätöksissä sovittiin {total} seurattavasta toimenpiteestä. Niistä {done} on tarkistettu, {open} on vielä \
             määräajassa, {overdue} on myöhässä ja {cancelled} on peruttu. Tarkistetuista toteutunut vaikutus vastasi arviota \
             {same} kohdassa, oli arvioitua parempi {better} kohdassa ja arvioitua huonompi {worse} kohdassa."
        ),
        "sv" => format!(
            "I besluten kom man överens om {total} åtgärder som ska följas upp. Av dem har {done} kontrollerats, {open} är \
             ännu inom tidsfristen, {overdue} är försenade och {cancelled} har strukits. Bland de kontrollerade motsvarade den \
             faktiska konsekvensen bedömningen i {same} fall, var bättre än bedömt i {better} och sämre i {worse} fall."
        ),
        _ => format!(
            "The decisions set {total} measures to be followed up. Of these, {done} have been checked, {open} are still \
             within their deadline, {overdue} are overdue and {cancelled} were cancelled. Of those checked, the realised \
             impact matched the estimate in {same} cases, was better in {better} and worse in {worse}."
        ),
    };
    parts.push(Part::Block(Block::Para(text)));
    let overdue: Vec<&FollowUpRow> = rollup.follow_ups.iter().filter(|f| f.overdue).collect();
    if !overdue.is_empty() {
        parts.push(Part::Block(Block::Heading(
            3,
            t(lang, "Myöhässä olevat tarkistukset", "Försenade kontroller", "Overdue checks").into(),
        )));
        let head = [
            t(lang, "Määräaika", "Tidsfrist", "Due"),
            t(lang, "Päätös", "Beslut", "Decision"),
            t(lang, "Ryhmä", "Grupp", "Group"),
            t(lang, "Mitä tarkistetaan", "Vad som kontrolleras", "What is checked"),
            t(lang, "Vastuussa", "Ansvarig", "Owner"),
        ];
        let rows = overdue.iter().map(|f| {
            vec![
                Cell::from(date(&f.due, lang)),
                decision_title(rollup, f, lang).into(),
                group_label(rollup, &f.group, lang).to_string().into(),
                f.check.clone().into(),
                f.owner.clone().into(),
            ]
        });
        parts.push(Part::Block(Block::Table(Table {
            class: "impacts",
            caption: None,
            head: head.map(str::to_string).into(),
            rows: rows.collect(),
        })));
    }
    let done: Vec<&FollowUpRow> = rollup.follow_ups.iter().filter(|f| f.status == FollowUpStatus::Done).collect();
    if !done.is_empty() {
        parts.push(Part::Block(Block::Heading(
            3,
            t(
                lang,
                "Toteutuneet vaikutukset arvioon verrattuna",
                "Faktiska konsekvenser jämfört med bedömningen",
                "Realised impacts against the estimate",
            )
            .into(),
        )));
        let head = [
            t(lang, "Tarkistettu", "Kontrollerad", "Checked"),
            t(lang, "Päätös", "Beslut", "Decision"),
            t(lang, "Ryhmä ja vaikutusalue", "Grupp och konsekvensområde", "Group and domain"),
            t(lang, "Arvio → toteuma", "Bedömning → utfall", "Estimate → realised"),
            t(lang, "Havainto", "Iakttagelse", "Finding"),
        ];
        let rows = done.iter().map(|f| {
            let domain = label_of(&rollup.labels.domains, &f.domain, lang);
            let realised = f.realised.as_deref().map_or_else(|| "–".to_string(), |r| direction(r, lang));
            let verdict = match f.comparison {
                Some(Realised::AsEstimated) => t(lang, "kuten arvioitiin", "som bedömt", "as estimated"),
                Some(Realised::Better) => t(lang, "arvioitua parempi", "bättre än bedömt", "better than estimated"),
                Some(Realised::Worse) => t(lang, "arvioitua huonompi", "sämre än bedömt", "worse than estimated"),
                Some(Realised::NotComparable) | None => {
                    t(lang, "ei vertailukelpoinen", "inte jämförbar", "not comparable")
                }
            };
            vec![
                Cell::from(f.checked_on.as_deref().map_or_else(String::new, |d| date(d, lang))),
                decision_title(rollup, f, lang).into(),
                format!("{} / {domain}", group_label(rollup, &f.group, lang)).into(),
                format!("{} → {realised} ({verdict})", direction(&f.estimated, lang)).into(),
                f.outcome_note.clone().unwrap_or_default().into(),
            ]
        });
        parts.push(Part::Block(Block::Table(Table {
            class: "impacts",
            caption: None,
            head: head.map(str::to_string).into(),
            rows: rows.collect(),
        })));
    }
}

/// A direction as a signed number, or `mixed` / `unknown` in words.
fn direction(d: &str, lang: &str) -> String {
    match d {
        "mixed" => t(lang, "sekä myönteinen että kielteinen", "både positiv och negativ", "mixed").into(),
        "unknown" => t(lang, "ei tiedossa", "okänd", "unknown").into(),
        n => n.parse::<f64>().map_or_else(
            |_| n.to_string(),
            |v| if v > 0.0 { format!("+{}", number(v, lang)) } else { number(v, lang) },
        ),
    }
}

fn decision_title(rollup: &Rollup, f: &FollowUpRow, lang: &str) -> String {
    let row = rollup.decisions.iter().find(|r| r.source == f.source && r.id == f.decision);
    row.map_or_else(|| f.decision.clone(), |r| pick(&r.title, lang).to_string())
}

fn skipped(rollup: &Rollup, lang: &str, parts: &mut Vec<Part>) {
    if rollup.skipped.is_empty() {
        return;
    }
    parts.push(Part::Block(Block::Heading(
        2,
        t(
            lang,
            "Yhteenvedon ulkopuolelle jääneet asiakirjat",
            "Handlingar som lämnades utanför sammanställningen",
            "Documents left out of the roll-up",
        )
        .into(),
    )));
    let items = rollup.skipped.iter().map(|s| {
        let all = |code: &str| s.diagnostics.iter().all(|d| d.code == code);
        let reason = if all("U0201") {
            t(
                lang,
                "päätöspäivä on kauden ulkopuolella",
                "beslutsdatumet ligger utanför perioden",
                "decided outside the period",
            )
        } else if all("U0202") {
            t(
                lang,
                "tiedostoa ei luettu (linkki, putki, laite tai liian syvällä oleva kansio)",
                "filen lästes inte (länk, rör, enhet eller en mapp för djupt ner)",
                "not read (a link, pipe, device or a folder nested too deep)",
            )
        } else {
            t(
                lang,
                "asiakirjassa on virheitä, jotka on korjattava (ks. virheluettelo)",
                "handlingen innehåller fel som ska rättas (se fellistan)",
                "the document has errors to correct (see the error list)",
            )
        };
        format!("{}: {reason}", s.source)
    });
    parts.push(Part::Block(Block::List(items.collect())));
}

/// One CSV row per decision, for analysts: ids and numbers as written in
/// the documents (English column names, dot decimals).
pub fn csv_decisions(rollup: &Rollup) -> String {
    let mut out = String::from(
        "source,id,title,date,quarter,body,body_name,sector,verdict,assessment,zero_option,open_required,adopted,cells,negative_cells,net,vulnerable_harmed\n",
    );
    for r in &rollup.decisions {
        let fields = [
            r.source.clone(),
            r.id.clone(),
            r.title.values().next().cloned().unwrap_or_default(),
            r.date.clone(),
            r.quarter.clone(),
            r.body.clone(),
            r.body_name.clone().unwrap_or_default(),
            r.sector.clone(),
            level(r.verdict).into(),
            r.assessment.map_or("", level).into(),
            r.zero_option.to_string(),
            r.open_required.join(" "),
            r.adopted.clone().unwrap_or_default(),
            r.cells.to_string(),
            r.negative_cells.to_string(),
            (r.net_milli as f64 / 1000.0).to_string(),
            r.vulnerable_harmed.join(" "),
        ];
        csv_line(&mut out, &fields);
    }
    out
}

/// One CSV row per group and domain with impacts.
pub fn csv_impacts(rollup: &Rollup) -> String {
    let timing: Vec<&str> = rollup.labels.timing.iter().map(|(id, _)| id.as_str()).collect();
    let mut out = format!(
        "group,domain,vulnerable,decisions,negative_decisions,positive_decisions,net,negative_total,{},unspecified\n",
        timing.join(",")
    );
    for (group, domains) in &rollup.cells {
        let vulnerable = rollup.labels.groups.iter().any(|(id, g)| id == group && g.vulnerable);
        for (domain, c) in domains {
            let mut fields = vec![
                group.clone(),
                domain.clone(),
                vulnerable.to_string(),
                c.decisions.to_string(),
                c.negative_decisions.to_string(),
                c.positive_decisions.to_string(),
                (c.net_milli as f64 / 1000.0).to_string(),
                (c.negative_milli as f64 / 1000.0).to_string(),
            ];
            fields.extend(
                timing.iter().chain(["unspecified"].iter()).map(|l| c.timing.get(*l).copied().unwrap_or(0).to_string()),
            );
            csv_line(&mut out, &fields);
        }
    }
    out
}

fn level(v: VerdictLevel) -> &'static str {
    match v {
        VerdictLevel::None => "none",
        VerdictLevel::Light => "light",
        VerdictLevel::Full => "full",
    }
}

/// A CSV line (RFC 4180): quoted where needed; a leading `=+-@` is quoted
/// with a `'` so a spreadsheet does not run a title as a formula.
fn csv_line(out: &mut String, fields: &[String]) {
    let cells: Vec<String> = fields
        .iter()
        .map(|f| {
            let f = if f.starts_with(['=', '+', '@']) || (f.starts_with('-') && f.parse::<f64>().is_err()) {
                format!("'{f}")
            } else {
                f.clone()
            };
            if f.contains([',', '"', '\n', '\r']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f }
        })
        .collect();
    out.push_str(&cells.join(","));
    out.push('\n');
}
