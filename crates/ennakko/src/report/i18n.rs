//! The report's own words in Finnish, Swedish and English. Everything else a
//! report shows (group, domain and question labels, rule messages) comes
//! from the checklist's multilingual texts.

use crate::checklist::model::Text;
use crate::t;

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
    EquityHarmedMore,
    EquityHelpedMore,
    EquityHelpedAlike,
    EquityNoVulnerable,
    EquityHarmedAlike,
    EquityHelpedLess,
    EquityMixed,
    HowComputed,
    Method,
    /// How a cell scores, with the default multiplying scales.
    MethodCells,
    /// How a cell scores, before a list of the multiplying scales.
    MethodCellsScales,
    /// How a cell scores when no scale multiplies.
    MethodCellsDirection,
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
    CountNegativeOne,
    CountPositiveOne,
    CountOtherOne,
    GroupAndDomain,
    DescriptionColumn,
    NotFired,
    ConditionPart,
    PartHolds,
    PartFails,
    Municipality,
    County,
    Bilingual,
    RecordedReason,
    AlternativesDescribed,
    Answers,
    AnswersNotApplying,
    ImpactsAssessed,
    MitigationLabel,
    MitigationsProposed,
    EvidenceSource,
    Comparison,
    ComparedWithZero,
    BetterFor,
    WorseFor,
    NoDifference,
    NoZeroOption,
    ComparisonFindings,
    ComparisonFindingsNote,
    IfChosen,
    TimeSpans,
    TimeSpan,
    TimingNotGiven,
    CountNegative,
    CountPositive,
    CountOther,
    EquityHarmed,
    EquityHelped,
    EquityHarmedLess,
    EquityNoOthers,
    EquityUnaffected,
    EquityZeroGap,
    NoteNotApplies,
    NoteImpactNotApplies,
    NoteEmpty,
    Answered,
    ProfileExplained,
    BilingualMunicipality,
    BilingualCounty,
    DecisionFacts,
    ChecklistScores,
    ChecklistScoresExplained,
    StrongestImpact,
    Criteria,
}

impl Key {
    /// Every phrase, for tests that check translations.
    pub const ALL: [Key; 125] = [
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
        Key::EquityHarmedMore,
        Key::EquityHelpedMore,
        Key::EquityHelpedAlike,
        Key::EquityNoVulnerable,
        Key::EquityHarmedAlike,
        Key::EquityHelpedLess,
        Key::EquityMixed,
        Key::HowComputed,
        Key::Method,
        Key::MethodCells,
        Key::MethodCellsScales,
        Key::MethodCellsDirection,
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
        Key::CountNegativeOne,
        Key::CountPositiveOne,
        Key::CountOtherOne,
        Key::GroupAndDomain,
        Key::DescriptionColumn,
        Key::NotFired,
        Key::ConditionPart,
        Key::PartHolds,
        Key::PartFails,
        Key::Municipality,
        Key::County,
        Key::Bilingual,
        Key::RecordedReason,
        Key::AlternativesDescribed,
        Key::Answers,
        Key::AnswersNotApplying,
        Key::ImpactsAssessed,
        Key::MitigationLabel,
        Key::MitigationsProposed,
        Key::EvidenceSource,
        Key::Comparison,
        Key::ComparedWithZero,
        Key::BetterFor,
        Key::WorseFor,
        Key::NoDifference,
        Key::NoZeroOption,
        Key::ComparisonFindings,
        Key::ComparisonFindingsNote,
        Key::IfChosen,
        Key::TimeSpans,
        Key::TimeSpan,
        Key::TimingNotGiven,
        Key::CountNegative,
        Key::CountPositive,
        Key::CountOther,
        Key::EquityHarmed,
        Key::EquityHelped,
        Key::EquityHarmedLess,
        Key::EquityNoOthers,
        Key::EquityUnaffected,
        Key::EquityZeroGap,
        Key::NoteNotApplies,
        Key::NoteImpactNotApplies,
        Key::NoteEmpty,
        Key::Answered,
        Key::ProfileExplained,
        Key::BilingualMunicipality,
        Key::BilingualCounty,
        Key::DecisionFacts,
        Key::ChecklistScores,
        Key::ChecklistScoresExplained,
        Key::StrongestImpact,
        Key::Criteria,
    ];
}

/// The phrase that compares vulnerable groups with the other population
/// groups for an equity statement, if it has one (the lists of groups
/// harmed and helped come before it).
pub fn equity_phrase(statement: crate::report::EquityStatement) -> Option<Key> {
    use crate::report::EquityStatement::*;
    match statement {
        NotAssessed => Some(Key::EquityNoVulnerable),
        Mixed => Some(Key::EquityMixed),
        HarmedMore => Some(Key::EquityHarmedMore),
        HarmedAlike => Some(Key::EquityHarmedAlike),
        HarmedLess => Some(Key::EquityHarmedLess),
        HelpedMore => Some(Key::EquityHelpedMore),
        HelpedAlike => Some(Key::EquityHelpedAlike),
        HelpedLess => Some(Key::EquityHelpedLess),
        Harmed | Helped => Some(Key::EquityNoOthers),
        Unaffected => Some(Key::EquityUnaffected),
    }
}

/// The phrase in a language (`fi`, `sv`; anything else gets English).
///
/// ```
/// use ennakko::report::i18n::{word, Key};
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
        VerdictLight => (
            "Suppea vaikutusten arviointi tarvitaan",
            "En begränsad konsekvensbedömning behövs",
            "A light impact assessment is needed",
        ),
        VerdictFull => (
            "Laaja vaikutusten arviointi tarvitaan",
            "En fullständig konsekvensbedömning behövs",
            "A full impact assessment is needed",
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
        EquityGap => ("Yhdenvertaisuusero", "Jämlikhetsskillnad", "Equity gap"),
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
        Vulnerable => {
            ("haavoittuvassa asemassa oleva ryhmä", "grupp i utsatt ställning", "group in a vulnerable position")
        }
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
        EquityHarmedMore => (
            "haavoittuvassa asemassa oleviin ryhmiin kohdistuu enemmän haittaa kuin muihin väestöryhmiin",
            "grupper i utsatt ställning drabbas hårdare än övriga befolkningsgrupper",
            "vulnerable groups are harmed more than the other population groups",
        ),
        EquityHarmedAlike => (
            "haavoittuvassa asemassa oleviin ryhmiin kohdistuu yhtä paljon haittaa kuin muihin väestöryhmiin",
            "grupper i utsatt ställning drabbas lika hårt som övriga befolkningsgrupper",
            "vulnerable groups are harmed as much as the other population groups",
        ),
        EquityHelpedMore => (
            "haavoittuvassa asemassa olevat ryhmät hyötyvät enemmän kuin muut väestöryhmät",
            "grupper i utsatt ställning gynnas mer än övriga befolkningsgrupper",
            "vulnerable groups benefit more than the other population groups",
        ),
        EquityHelpedAlike => (
            "haavoittuvassa asemassa olevat ryhmät hyötyvät yhtä paljon kuin muut väestöryhmät",
            "grupper i utsatt ställning gynnas lika mycket som övriga befolkningsgrupper",
            "vulnerable groups benefit as much as the other population groups",
        ),
        EquityHelpedLess => (
            "haavoittuvassa asemassa olevat ryhmät hyötyvät kuitenkin vähemmän kuin muut väestöryhmät",
            "grupper i utsatt ställning gynnas ändå mindre än övriga befolkningsgrupper",
            "vulnerable groups nevertheless benefit less than the other population groups",
        ),
        EquityMixed => (
            "haavoittuvassa asemassa oleviin ryhmiin kohdistuu sekä kielteisiä että myönteisiä vaikutuksia",
            "grupper i utsatt ställning påverkas både negativt och positivt",
            "vulnerable groups are both harmed and helped",
        ),
        EquityNoVulnerable => (
            "vaikutuksia haavoittuvassa asemassa oleviin väestöryhmiin ei ole arvioitu",
            "konsekvenserna för befolkningsgrupper i utsatt ställning har inte bedömts",
            "no impact on vulnerable population groups has been assessed",
        ),
        HowComputed => ("Näin tulos on laskettu", "Så har resultatet beräknats", "How this was computed"),
        Method => (
            "Puuttuva taso lasketaan oletusarvolla, ja vaihteluväli kattaa asteikon ääripäät. Vaihtoehtojen rinnakkaistaulukko näyttää voimakkaimmat vaikutukset, ei summia. Yhdenvertaisuusero on haavoittuvassa asemassa olevien väestöryhmien keskiarvo miinus muiden väestöryhmien keskiarvo, kun kunkin ryhmän lukuna on sen voimakkain kielteinen ja voimakkain myönteinen vaikutus yhteenlaskettuina; koko väestö, henkilöstö ja yritykset eivät ole mukana vertailussa.",
            "En nivå som saknas räknas med standardvärdet, och intervallet täcker skalans ytterpunkter. Tabellen över alternativen sida vid sida visar de starkaste konsekvenserna, inte summor. Jämlikhetsskillnaden är medelvärdet för befolkningsgrupper i utsatt ställning minus medelvärdet för övriga befolkningsgrupper, där varje grupps tal är dess starkaste negativa och starkaste positiva konsekvens sammanlagda; hela befolkningen, personalen och företagen ingår inte i jämförelsen.",
            "A level left out counts at the scale's default, and the range spans the scale's extremes. The side-by-side table shows the strongest impacts, not sums. The equity gap is the mean of the vulnerable population groups minus the mean of the other population groups, where each group counts as its strongest negative plus its strongest positive impact; the whole population, staff and businesses take no part in the comparison.",
        ),
        MethodCells => (
            "Kunkin vaikutuksen pistemäärä on sen suunta (−2…+2) kerrottuna suuruuden ja todennäköisyyden painoilla.",
            "Poängen för varje konsekvens är dess riktning (−2…+2) multiplicerad med vikterna för omfattning och sannolikhet.",
            "Each impact scores its direction (−2…+2) times the weights of its magnitude and likelihood.",
        ),
        MethodCellsScales => (
            "Kunkin vaikutuksen pistemäärä on sen suunta (−2…+2) kerrottuna näiden asteikkojen tasojen painoilla:",
            "Poängen för varje konsekvens är dess riktning (−2…+2) multiplicerad med nivåvikterna på dessa skalor:",
            "Each impact scores its direction (−2…+2) times the weights of its levels on these scales:",
        ),
        MethodCellsDirection => (
            "Kunkin vaikutuksen pistemäärä on sen suunta (−2…+2).",
            "Poängen för varje konsekvens är dess riktning (−2…+2).",
            "Each impact scores its direction (−2…+2).",
        ),
        CellCalculations => ("Vaikutusten laskelmat", "Beräkning av konsekvenserna", "Impact calculations"),
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
        Mitigation => ("lieventävä toimi esitetty", "lindrande åtgärd föreslagen", "mitigation proposed"),
        Yes => ("kyllä", "ja", "yes"),
        No => ("ei", "nej", "no"),
        Impact => ("Vaikutus", "Konsekvens", "Impact"),
        Applies => ("koskee tätä", "gäller", "applies"),
        Municipality => ("Kunta", "Kommun", "Municipality"),
        County => ("Hyvinvointialue", "Välfärdsområde", "Wellbeing services county"),
        Bilingual => ("kaksikielinen", "tvåspråkig", "bilingual"),
        RecordedReason => ("Kirjattu perustelu", "Angiven motivering", "Reason recorded"),
        AlternativesDescribed => (
            "Vaihtoehdot ja niiden vaikutukset",
            "Alternativen och deras konsekvenser",
            "The alternatives and their impacts",
        ),
        Answers => ("Vastaukset", "Svar", "Answers"),
        AnswersNotApplying => (
            "Vastaukset kysymyksiin, jotka eivät koske tätä vaihtoehtoa",
            "Svar på frågor som inte gäller detta alternativ",
            "Answers to questions that do not apply to this alternative",
        ),
        ImpactsAssessed => ("Arvioidut vaikutukset", "Bedömda konsekvenser", "Impacts assessed"),
        MitigationLabel => ("Lieventävä toimi", "Lindrande åtgärd", "Mitigation"),
        MitigationsProposed => ("Esitetyt lieventävät toimet", "Föreslagna lindrande åtgärder", "Mitigations proposed"),
        EvidenceSource => ("Tietolähde", "Källa", "Source"),
        Comparison => ("Vaihtoehtojen vertailu", "Jämförelse av alternativen", "Comparison of the alternatives"),
        ComparedWithZero => {
            ("verrattuna nollavaihtoehtoon", "jämfört med nollalternativet", "compared with the zero option")
        }
        BetterFor => ("parempi ryhmille", "bättre för", "better for"),
        WorseFor => ("heikompi ryhmille", "sämre för", "worse for"),
        NoDifference => (
            "ei eroa arvioiduissa ryhmissä",
            "ingen skillnad för de bedömda grupperna",
            "no difference for the groups assessed",
        ),
        NoZeroOption => (
            "Nollavaihtoehtoa ei ole arvioitu, joten vaihtoehtoja ei voi verrata siihen.",
            "Nollalternativet har inte bedömts, så alternativen kan inte jämföras med det.",
            "The zero option was not assessed, so the alternatives cannot be compared with it.",
        ),
        ComparisonFindings => (
            "Havainnot vaihtoehdoista, joita ei esitetä päätettäväksi",
            "Iakttagelser om alternativ som inte föreslås",
            "Findings about alternatives not proposed",
        ),
        ComparisonFindingsNote => (
            "Nämä havainnot ovat vertailutietoa: ne eivät vaikuta arvion tulokseen.",
            "Dessa iakttagelser är jämförande information: de påverkar inte bedömningen.",
            "These findings are for comparison: they do not affect the verdict.",
        ),
        IfChosen => {
            ("jos tämä vaihtoehto valittaisiin", "om detta alternativ valdes", "if this alternative were chosen")
        }
        TimeSpans => ("Vaikutukset aikajänteittäin", "Konsekvenser per tidsperspektiv", "Impacts by time span"),
        TimeSpan => ("Aikajänne", "Tidsperspektiv", "Time span"),
        TimingNotGiven => ("ei ilmoitettu", "inte angivet", "not given"),
        CountNegative => ("kielteistä", "negativa", "negative"),
        CountPositive => ("myönteistä", "positiva", "positive"),
        CountOther => ("muuta", "övriga", "other"),
        EquityHarmed => (
            "kielteinen vaikutus haavoittuvassa asemassa oleviin ryhmiin",
            "negativ påverkan på grupper i utsatt ställning",
            "negative impact on vulnerable groups",
        ),
        EquityHelped => (
            "myönteinen vaikutus haavoittuvassa asemassa oleviin ryhmiin",
            "positiv påverkan på grupper i utsatt ställning",
            "positive impact on vulnerable groups",
        ),
        EquityHarmedLess => (
            "haavoittuvassa asemassa oleviin ryhmiin kohdistuu kuitenkin vähemmän haittaa kuin muihin väestöryhmiin",
            "grupper i utsatt ställning drabbas ändå mindre än övriga befolkningsgrupper",
            "vulnerable groups are nevertheless harmed less than the other population groups",
        ),
        EquityUnaffected => (
            "haavoittuvassa asemassa oleviin ryhmiin ei arvioida kohdistuvan kielteisiä eikä myönteisiä vaikutuksia",
            "grupper i utsatt ställning bedöms varken påverkas negativt eller positivt",
            "vulnerable groups were assessed as neither harmed nor helped",
        ),
        EquityZeroGap => (
            "nollavaihtoehdossa yhdenvertaisuusero on",
            "i nollalternativet är jämlikhetsskillnaden",
            "in the zero option the equity gap is",
        ),
        EquityNoOthers => (
            "muihin väestöryhmiin kohdistuvia vaikutuksia ei ole arvioitu, joten vertailua ei voi tehdä",
            "konsekvenserna för övriga befolkningsgrupper har inte bedömts, så ingen jämförelse kan göras",
            "no other population group was assessed, so no comparison can be made",
        ),
        NoteNotApplies => (
            "vastaus on annettu, mutta kysymys ei koske tätä vaihtoehtoa, joten vastausta ei käytetty",
            "svaret har getts, men frågan gäller inte detta alternativ, så svaret användes inte",
            "an answer was given, but the question does not apply to this alternative, so the answer was not used",
        ),
        NoteImpactNotApplies => (
            "vaikutus on arvioitu kysymykseen, joka ei koske tätä vaihtoehtoa; se on mukana tuloksissa mutta ei vastauksena kysymykseen",
            "konsekvensen har bedömts under en fråga som inte gäller detta alternativ; den räknas med i resultaten men inte som svar på frågan",
            "the impact was assessed under a question that does not apply to this alternative; it counts in the results but not as an answer to the question",
        ),
        NoteEmpty => (
            "vaihtoehdolle ei ole annettu vastauksia eikä arvioitu vaikutuksia",
            "alternativet har inga svar och inga bedömda konsekvenser",
            "the alternative has no answers and no impacts assessed",
        ),
        Answered => ("vastattu", "besvarad", "answered"),
        ProfileExplained => (
            "Taulukossa on kunkin näkökulman ja ryhmän voimakkain kielteinen ja voimakkain myönteinen vaikutus sekä suluissa vaikutusten määrä. Nämä luvut eivät ole summia, joten perusteellisempi arviointi ei näytä suuremmalta haitalta. Myös yhdenvertaisuusero lasketaan ryhmien voimakkaimmista vaikutuksista.",
            "Tabellen visar den starkaste negativa och den starkaste positiva konsekvensen för varje perspektiv och grupp och inom parentes antalet konsekvenser. Dessa tal är inga summor, så en grundligare bedömning ser inte ut som en större skada. Även jämlikhetsskillnaden beräknas utifrån gruppernas starkaste konsekvenser.",
            "The table shows the strongest negative and the strongest positive impact for each perspective and group, with the number of impacts in brackets. These figures are not sums, so a more thorough assessment does not read as more harm. The equity gap, too, is computed from each group's strongest impacts.",
        ),
        BilingualMunicipality => ("Kaksikielinen kunta", "Tvåspråkig kommun", "Bilingual municipality"),
        BilingualCounty => {
            ("Kaksikielinen hyvinvointialue", "Tvåspråkigt välfärdsområde", "Bilingual wellbeing services county")
        }
        DecisionFacts => ("Päätöksen tiedot", "Beslutets uppgifter", "Decision facts"),
        ChecklistScores => ("Tarkistuslistan tunnusluvut", "Checklistans nyckeltal", "The checklist's scores"),
        ChecklistScoresExplained => (
            "Tarkistuslista laskee nämä tunnusluvut omilla kaavoillaan. Useimmat niistä ovat vaikutusten pisteiden summia, joten ne kasvavat sitä mukaa kuin vaikutuksia arvioidaan enemmän; vertaa niitä varoen vaihtoehtoihin, jotka on arvioitu eri tarkkuudella.",
            "Checklistan beräknar dessa nyckeltal med sina egna formler. De flesta är summor av konsekvensernas poäng och växer alltså ju fler konsekvenser som bedöms; jämför dem med försiktighet mellan alternativ som har bedömts olika noggrant.",
            "The checklist computes these scores with its own formulas. Most are sums of impact scores, so they grow as more impacts are assessed; compare them with care between alternatives assessed in different detail.",
        ),
        StrongestImpact => ("Voimakkain vaikutus", "Starkaste konsekvens", "Strongest impact"),
        Criteria => (
            "Tarkistetut kriteerit, joista mikään ei täyty",
            "Prövade kriterier, av vilka inget uppfylls",
            "Criteria checked, none of which is met",
        ),
        NotFired => ("Ei täyttynyt", "Uppfylldes inte", "Did not apply"),
        ConditionPart => ("Ehdon osa", "Villkorets del", "Condition part"),
        PartHolds => ("täyttyy", "uppfylls", "holds"),
        PartFails => ("ei täyty", "uppfylls inte", "does not hold"),
        GroupAndDomain => ("Ryhmä ja osa-alue", "Grupp och område", "Group and domain"),
        DescriptionColumn => ("Kuvaus", "Beskrivning", "Description"),
        CountNegativeOne => ("kielteinen", "negativ", "negative"),
        CountPositiveOne => ("myönteinen", "positiv", "positive"),
        CountOtherOne => ("muu", "övrig", "other"),
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
/// let t = ennakko::checklist::defaults::text(&[("en", "Children"), ("fi", "Lapset")]);
/// assert_eq!(ennakko::report::i18n::pick(&t, "fi"), "Lapset");
/// assert_eq!(ennakko::report::i18n::pick(&t, "sv"), "Children");
/// ```
pub fn pick<'a>(text: &'a Text, lang: &str) -> &'a str {
    text.get(lang).or_else(|| text.get("en")).or_else(|| text.values().next()).map_or("", String::as_str)
}

/// A number for people: at most two decimals, a decimal comma in Finnish
/// and Swedish, and a real minus sign.
///
/// ```
/// assert_eq!(ennakko::report::i18n::number(-1.5, "fi"), "−1,5");
/// assert_eq!(ennakko::report::i18n::number(2.0, "en"), "2");
/// assert_eq!(ennakko::report::i18n::number(150000.0, "en"), "150,000");
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

/// A language reports are written in.
///
/// ```
/// use ennakko::api::Lang;
/// assert_eq!("sv".parse::<Lang>().unwrap(), Lang::Sv);
/// assert_eq!("se".parse::<Lang>().unwrap_err().code(), "A0001");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Finnish, the default.
    Fi,
    /// Swedish.
    Sv,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order they are offered.
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    /// The language code, `fi`, `sv` or `en`.
    ///
    /// ```
    /// assert_eq!(ennakko::api::Lang::Sv.code(), "sv");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The language of a report: the one asked for, else the decision's own
    /// `language` when it is one of ours, else Finnish when the checklist
    /// has it, else the first of Swedish and English that it has (a
    /// checklist in Swedish only gets a Swedish report frame).
    ///
    /// ```
    /// use ennakko::api::Lang;
    /// assert_eq!(Lang::for_report(None, Some("sv"), ["fi", "sv"]), Lang::Sv);
    /// assert_eq!(Lang::for_report(Some(Lang::En), Some("sv"), ["fi"]), Lang::En);
    /// assert_eq!(Lang::for_report(None, None, ["en", "fi", "sv"]), Lang::Fi);
    /// assert_eq!(Lang::for_report(None, None, ["sv"]), Lang::Sv);
    /// ```
    pub fn for_report<'a>(
        asked: Option<Lang>,
        decision: Option<&str>,
        checklist: impl IntoIterator<Item = &'a str> + Clone,
    ) -> Lang {
        let has = |l: &Lang| checklist.clone().into_iter().any(|c| c == l.code());
        asked
            .or_else(|| decision.and_then(|code| code.parse().ok()))
            .or_else(|| Lang::ALL.into_iter().find(has))
            .unwrap_or(Lang::Fi)
    }

    /// The language of diagnostics: the one asked for, else Finnish or
    /// Swedish when the locale (`fi_FI.UTF-8`, `sv_FI`, `sv`) says so, else
    /// English, the language checklist syntax and codes are written in.
    ///
    /// ```
    /// use ennakko::api::Lang;
    /// assert_eq!(Lang::for_diagnostics(None, Some("fi_FI.UTF-8")), Lang::Fi);
    /// assert_eq!(Lang::for_diagnostics(None, Some("sv_FI")), Lang::Sv);
    /// assert_eq!(Lang::for_diagnostics(None, Some("C.UTF-8")), Lang::En);
    /// assert_eq!(Lang::for_diagnostics(Some(Lang::Sv), Some("fi_FI")), Lang::Sv);
    /// ```
    pub fn for_diagnostics(asked: Option<Lang>, locale: Option<&str>) -> Lang {
        let from_locale = || {
            let language = locale?.split(['_', '.', '@', '-']).next()?.to_ascii_lowercase();
            match language.as_str() {
                "fi" => Some(Lang::Fi),
                "sv" => Some(Lang::Sv),
                _ => None,
            }
        };
        asked.or_else(from_locale).unwrap_or(Lang::En)
    }

    /// A language a caller gave as text, if any (empty means not given).
    ///
    /// ```
    /// use ennakko::api::Lang;
    /// assert_eq!(Lang::asked(Some("")).unwrap(), None);
    /// assert_eq!(Lang::asked(Some("sv")).unwrap(), Some(Lang::Sv));
    /// assert!(Lang::asked(Some("de")).is_err());
    /// ```
    pub fn asked(asked: Option<&str>) -> Result<Option<Lang>, crate::Error> {
        asked.filter(|code| !code.is_empty()).map(str::parse).transpose()
    }
}

impl std::str::FromStr for Lang {
    type Err = crate::Error;

    fn from_str(code: &str) -> Result<Lang, crate::Error> {
        Lang::ALL.into_iter().find(|l| l.code() == code).ok_or_else(|| {
            let help = crate::diagnostic::hint(code, Lang::ALL.map(Lang::code));
            let message = t!("unknown language {}", crate::diagnostic::quoted(code));
            crate::Error::one(crate::ErrorKind::Argument, crate::Diagnostic::error("A0001", message).with_help(help))
        })
    }
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
