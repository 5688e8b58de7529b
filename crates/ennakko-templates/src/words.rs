//! The templates' own words in Finnish, Swedish and English: headings,
//! field labels and instructions. Question, fact, group and domain texts come
//! from the checklist.

/// A phrase of a generated template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum W {
    IntroFields,
    DecisionHeading,
    CaseId,
    Title,
    Kind,
    Checklist,
    Language,
    Organisation,
    Municipality,
    County,
    Bilingual,
    MajorityLanguage,
    Finnish,
    Swedish,
    Facts,
    AlternativeTitle,
    Description,
    AlternativeKind,
    Screening,
    Impacts,
    ImpactsHelp,
    OtherQuestions,
    OtherImpacts,
    GroupDomain,
    Direction,
    Mitigation,
    Note,
    OnlyIfApplies,
    Required,
    Choose,
    TypeHere,
    Results,
    ResultsPlaceholder,
    Save,
    Yes,
    No,
    Unknown,
    ListHint,
    Number,
    YamlIntro,
    YamlNull,
    ZeroOption,
    Proposal,
    OtherAlternative,
    FormIntro,
    EvidenceSource,
    Group,
    Domain,
    ImpactsOf,
    RowsHelp,
    NoLongerApplies,
    NoLongerAppliesHelp,
    AnswerMissing,
    NotAssessed,
    DoesNotApply,
    YamlRow,
    RowsHelpHtml,
    AddRow,
}

impl W {
    #[cfg(test)]
    pub(crate) const ALL: [W; 58] = [
        W::IntroFields,
        W::DecisionHeading,
        W::CaseId,
        W::Title,
        W::Kind,
        W::Checklist,
        W::Language,
        W::Organisation,
        W::Municipality,
        W::County,
        W::Bilingual,
        W::MajorityLanguage,
        W::Finnish,
        W::Swedish,
        W::Facts,
        W::AlternativeTitle,
        W::Description,
        W::AlternativeKind,
        W::Screening,
        W::Impacts,
        W::ImpactsHelp,
        W::OtherQuestions,
        W::OtherImpacts,
        W::GroupDomain,
        W::Direction,
        W::Mitigation,
        W::Note,
        W::OnlyIfApplies,
        W::Required,
        W::Choose,
        W::TypeHere,
        W::Results,
        W::ResultsPlaceholder,
        W::Save,
        W::Yes,
        W::No,
        W::Unknown,
        W::ListHint,
        W::Number,
        W::YamlIntro,
        W::YamlNull,
        W::ZeroOption,
        W::Proposal,
        W::OtherAlternative,
        W::FormIntro,
        W::EvidenceSource,
        W::Group,
        W::Domain,
        W::ImpactsOf,
        W::RowsHelp,
        W::NoLongerApplies,
        W::NoLongerAppliesHelp,
        W::AnswerMissing,
        W::NotAssessed,
        W::DoesNotApply,
        W::YamlRow,
        W::RowsHelpHtml,
        W::AddRow,
    ];
}

/// The phrase in `lang` (`fi`, `sv`; anything else gets English).
pub(crate) fn w(word: W, lang: &str) -> &'static str {
    let (fi, sv, en) = phrases(word);
    match lang {
        "fi" => fi,
        "sv" => sv,
        _ => en,
    }
}

fn phrases(word: W) -> (&'static str, &'static str, &'static str) {
    use W::*;
    match word {
        IntroFields => (
            "Arvioi vaikutukset vain niille ryhmille ja vaikutusalueille, joihin vaihtoehto vaikuttaa; jätä \
             muut rivit tyhjiksi. Kysymykset, joiden kohdalla lukee ”vastaa vain, jos kysymys koskee tätä \
             vaihtoehtoa”, kysytään vain, kun aiemmat vastaukset tekevät niistä ajankohtaisia.",
            "Bedöm konsekvenserna endast för de grupper och konsekvensområden som alternativet påverkar; lämna \
             de övriga raderna tomma. Frågor som är märkta ”besvaras endast om frågan gäller detta \
             alternativ” ställs bara när tidigare svar gör dem aktuella.",
            "Assess impacts only for the groups and domains the alternative affects; leave the other rows \
             empty. Questions marked \u{201c}answer only if the question applies to this alternative\u{201d} \
             are asked only when earlier answers make them relevant.",
        ),
        DecisionHeading => ("Päätös", "Beslut", "Decision"),
        CaseId => ("Asian numero", "Ärendenummer", "Case number"),
        Title => ("Otsikko", "Rubrik", "Title"),
        Kind => ("Päätöksen laji", "Typ av beslut", "Kind of decision"),
        Checklist => ("Tarkistuslista", "Checklista", "Checklist"),
        Organisation => ("Päättävä organisaatio", "Beslutande organisation", "Deciding organisation"),
        Municipality => ("Kunta", "Kommun", "Municipality"),
        County => ("Hyvinvointialue", "Välfärdsområde", "Wellbeing services county"),
        Bilingual => ("Kaksikielinen organisaatio", "Tvåspråkig organisation", "Bilingual organisation"),
        MajorityLanguage => (
            "Enemmistön kieli (kansalliskielistä)",
            "Majoritetens språk (av nationalspråken)",
            "Majority language (of the national languages)",
        ),
        Finnish => ("suomi", "finska", "Finnish"),
        Swedish => ("ruotsi", "svenska", "Swedish"),
        Language => ("Kieli", "Språk", "Language"),
        Facts => ("Perustiedot", "Grunduppgifter", "Facts"),
        AlternativeTitle => ("Vaihtoehdon nimi", "Alternativets namn", "Title of the alternative"),
        Description => ("Kuvaus", "Beskrivning", "Description"),
        AlternativeKind => ("Vaihtoehdon tyyppi", "Typ av alternativ", "Kind of alternative"),
        Screening => ("Seulontakysymykset", "Screeningfrågor", "Screening questions"),
        Impacts => ("Vaikutusten arviointi", "Konsekvensbedömning", "Impact assessment"),
        ImpactsHelp => (
            "Suunta: −2 selvästi kielteinen … +2 selvästi myönteinen. Lievennys: miten kielteistä vaikutusta \
             lievennetään tai hyvitetään.",
            "Riktning: −2 klart negativ … +2 klart positiv. Lindring: hur en negativ konsekvens lindras eller \
             kompenseras.",
            "Direction: −2 strongly negative … +2 strongly positive. Mitigation: how a negative impact is \
             mitigated or compensated.",
        ),
        OtherQuestions => ("Muut kysymykset", "Övriga frågor", "Other questions"),
        OtherImpacts => ("Muut vaikutukset", "Övriga konsekvenser", "Other impacts"),
        GroupDomain => ("Ryhmä / vaikutusalue", "Grupp / konsekvensområde", "Group / domain"),
        Direction => ("Suunta", "Riktning", "Direction"),
        Mitigation => ("Lievennys", "Lindring", "Mitigation"),
        Note => ("Huomio", "Anmärkning", "Note"),
        OnlyIfApplies => (
            "Vastaa vain, jos kysymys koskee tätä vaihtoehtoa.",
            "Besvaras endast om frågan gäller detta alternativ.",
            "Answer only if the question applies to this alternative.",
        ),
        Required => ("pakollinen", "obligatorisk", "required"),
        Choose => ("Valitse", "Välj", "Choose"),
        TypeHere => ("Kirjoita tähän", "Skriv här", "Type here"),
        Results => ("Arvioinnin tulokset", "Bedömningens resultat", "Results of the assessment"),
        ResultsPlaceholder => (
            "Tulokset kirjoitetaan tähän komennolla ennakko template fill.",
            "Resultaten skrivs här med kommandot ennakko template fill.",
            "The results are written here by ennakko template fill.",
        ),
        Save => ("Tallenna täytetty lomake", "Spara det ifyllda formuläret", "Save the filled-in form"),
        Yes => ("kyllä", "ja", "yes"),
        No => ("ei", "nej", "no"),
        Unknown => ("ei tiedossa", "okänd", "unknown"),
        ListHint => ("erota pilkulla", "separera med kommatecken", "separate with commas"),
        Number => ("luku", "tal", "number"),
        YamlIntro => (
            "Vaikutusten ennakkoarviointi: täytä arvot tämän otsikko-osan kenttiin. Rivit, jotka alkavat #-merkillä, \
             ovat ohjeita.",
            "Förhandsbedömning av konsekvenser: fyll i värdena i fälten i detta huvud. Rader som börjar med # är \
             anvisningar.",
            "Ex-ante impact assessment: fill in the values of this front matter. Lines starting with # are \
             instructions.",
        ),
        YamlNull => ("null = ei vielä vastattu", "null = ännu inte besvarad", "null = not answered yet"),
        ZeroOption => ("Nollavaihtoehto", "Nollalternativ", "Zero option"),
        Proposal => ("Ehdotus", "Förslag", "Proposal"),
        OtherAlternative => ("Muu vaihtoehto", "Annat alternativ", "Other alternative"),
        FormIntro => (
            "Vastaa ensin perustietoihin ja seulontakysymyksiin jokaisen vaihtoehdon osalta, myös \
             nollavaihtoehdon (päätöstä ei tehdä). Komento ennakko template fill lisää sitten lomakkeeseen ne \
             vaikutuskysymykset, joita vastauksesi edellyttävät, ja kirjoittaa tulokset lomakkeen loppuun.",
            "Besvara först grunduppgifterna och screeningfrågorna för varje alternativ, också för \
             nollalternativet (inget beslut fattas). Kommandot ennakko template fill lägger sedan till de \
             konsekvensfrågor som dina svar kräver och skriver resultaten i slutet av formuläret.",
            "First answer the facts and the screening questions for every alternative, the zero option \
             (nothing is decided) included. ennakko template fill then adds the impact questions your answers \
             call for, and writes the results at the end of the form.",
        ),
        EvidenceSource => ("Tietolähde", "Källa", "Source of evidence"),
        Group => ("Ryhmä", "Grupp", "Group"),
        Domain => ("Vaikutusalue", "Konsekvensområde", "Domain"),
        ImpactsOf => ("Vaikutukset", "Konsekvenser", "Impacts"),
        RowsHelp => (
            "Lisää rivi jokaiselle ryhmälle, johon vaihtoehto vaikuttaa (Wordissa rivin oikean reunan +-painike; \
             tyhjät rivit jätetään huomiotta). Suunta: −2 selvästi kielteinen … +2 selvästi myönteinen.",
            "Lägg till en rad för varje grupp som alternativet påverkar (i Word med plusknappen i radens högra \
             kant; tomma rader beaktas inte). Riktning: −2 klart negativ … +2 klart positiv.",
            "Add a row for every group the alternative affects (in Word, the + button at the row's right edge; \
             empty rows are ignored). Direction: −2 strongly negative … +2 strongly positive.",
        ),
        NoLongerApplies => (
            "Vastaukset kysymyksiin, jotka eivät enää koske päätöstä",
            "Svar på frågor som inte längre gäller beslutet",
            "Answers to questions that no longer apply",
        ),
        NoLongerAppliesHelp => (
            "Muiden vastausten vuoksi nämä kysymykset eivät koske vaihtoehtoa, eikä vastauksia käytetä \
             arvioinnissa. Ne säilytetään tässä: tyhjennä vastaus, jos sitä ei tarvita.",
            "På grund av andra svar gäller dessa frågor inte alternativet, och svaren används inte i \
             bedömningen. De sparas här: töm svaret om det inte behövs.",
            "Because of other answers these questions do not apply to the alternative, and their answers are \
             not used in the assessment. They are kept here: clear an answer that is not needed.",
        ),
        AnswerMissing => ("Vastaus puuttuu", "Svar saknas", "Answer missing"),
        NotAssessed => ("Arvioimatta", "Inte bedömt", "Not assessed"),
        DoesNotApply => ("ei koske", "gäller inte", "does not apply"),
        YamlRow => (
            "Uusi rivi: kopioi nämä rivit ilman #-merkkiä jokaiselle ryhmälle, johon vaihtoehto vaikuttaa (ensimmäiselle riville poista [] rivin impacts: lopusta)",
            "Ny rad: kopiera dessa rader utan #-tecknet för varje grupp som alternativet påverkar (för den första raden, ta bort [] i slutet av raden impacts:)",
            "New row: copy these lines without the # sign for every group the alternative affects (for the first row, remove the [] at the end of the line impacts:)",
        ),
        RowsHelpHtml => (
            "Lisää rivi jokaiselle ryhmälle, johon vaihtoehto vaikuttaa (Lisää rivi -painike; tyhjät rivit \
             jätetään huomiotta). Suunta: −2 selvästi kielteinen … +2 selvästi myönteinen.",
            "Lägg till en rad för varje grupp som alternativet påverkar (knappen Lägg till rad; tomma rader \
             beaktas inte). Riktning: −2 klart negativ … +2 klart positiv.",
            "Add a row for every group the alternative affects (the Add row button; empty rows are ignored). \
             Direction: −2 strongly negative … +2 strongly positive.",
        ),
        AddRow => ("+ Lisää rivi", "+ Lägg till rad", "+ Add row"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_is_translated() {
        for word in W::ALL {
            let (fi, sv, en) = (w(word, "fi"), w(word, "sv"), w(word, "en"));
            assert!(!fi.is_empty() && !sv.is_empty() && !en.is_empty(), "{word:?}");
            assert!(fi != en && sv != en, "{word:?} is not translated");
        }
    }
}
