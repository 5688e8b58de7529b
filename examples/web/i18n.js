// Texts of the drafting page in Finnish, Swedish and English. Everything
// the checklist itself says (questions, groups, domains, findings) comes
// from the checklist in the chosen language.

export const LANGUAGES = [
  ['fi', 'Suomi'],
  ['sv', 'Svenska'],
  ['en', 'English'],
];

const T = {
  appTitle: [
    'Päätöksen vaikutusten ennakkoarviointi',
    'Förhandsbedömning av beslutets konsekvenser',
    'Ex-ante impact assessment of a decision',
  ],
  appIntro: [
    'Täytä päätösehdotuksen tiedot ja vaihtoehdot. Kysymykset, vaikutusmatriisi ja johtopäätös päivittyvät sitä mukaa kuin vastaat. Luonnos tallentuu tähän selaimeen.',
    'Fyll i beslutsförslagets uppgifter och alternativ. Frågorna, konsekvensmatrisen och bedömningen uppdateras medan du svarar. Utkastet sparas i den här webbläsaren.',
    'Fill in the decision proposal and its alternatives. The questions, the impact matrix and the verdict update as you answer. The draft is kept in this browser.',
  ],
  skipToResults: ['Siirry tuloksiin', 'Gå till resultaten', 'Skip to results'],
  language: ['Kieli', 'Språk', 'Language'],
  checklist: ['Tarkistuslista', 'Checklista', 'Checklist'],
  newDraft: ['Uusi luonnos', 'Nytt utkast', 'New draft'],
  confirmNew: [
    'Aloitetaanko uusi luonnos? Nykyinen luonnos poistetaan.',
    'Börja ett nytt utkast? Det nuvarande utkastet tas bort.',
    'Start a new draft? The current draft will be deleted.',
  ],
  openDecision: ['Avaa päätös (JSON/YAML)', 'Öppna beslut (JSON/YAML)', 'Open decision (JSON/YAML)'],
  saveDecision: ['Tallenna päätös (JSON)', 'Spara beslut (JSON)', 'Save decision (JSON)'],
  downloadReport: ['Lataa raportti (HTML)', 'Ladda ner rapporten (HTML)', 'Download report (HTML)'],
  saved: ['Luonnos tallennettu selaimeen', 'Utkastet sparat i webbläsaren', 'Draft saved in this browser'],
  decision: ['Päätös', 'Beslut', 'Decision'],
  decisionId: ['Asianumero', 'Diarienummer', 'Case number'],
  decisionTitle: ['Otsikko', 'Rubrik', 'Title'],
  decisionKind: ['Päätöksen laji', 'Typ av beslut', 'Kind of decision'],
  organisation: ['Päättäjä', 'Beslutsfattare', 'Who decides'],
  org_municipality: ['Kunta', 'Kommun', 'Municipality'],
  org_county: ['Hyvinvointialue', 'Välfärdsområde', 'Wellbeing services county'],
  bilingual: ['Kaksikielinen', 'Tvåspråkig', 'Bilingual'],
  perLanguageHelp: [
    'Teksti on annettu usealla kielellä; tässä muokataan valitun kielen tekstiä.',
    'Texten har getts på flera språk; här redigeras texten på det valda språket.',
    'The text is given in several languages; this edits the one in the chosen language.',
  ],
  decisionKindHelp: [
    'Esimerkiksi school_network, transport, budget. Säännöt voivat riippua lajista.',
    'Till exempel school_network, transport, budget. Reglerna kan bero på typen.',
    'For example school_network, transport, budget. Rules may depend on it.',
  ],
  facts: ['Tosiasiat', 'Fakta', 'Facts'],
  notGiven: ['— ei annettu —', '— inte angivet —', '— not given —'],
  yes: ['Kyllä', 'Ja', 'Yes'],
  no: ['Ei', 'Nej', 'No'],
  unknown: ['Ei tiedossa', 'Okänt', 'Unknown'],
  listHelp: ['Erota pilkulla.', 'Separera med kommatecken.', 'Separate with commas.'],
  alternatives: ['Vaihtoehdot', 'Alternativ', 'Alternatives'],
  alternativesHelp: [
    'Vertaa ehdotusta nollavaihtoehtoon (mitään ei päätetä).',
    'Jämför förslaget med nollalternativet (inget beslutas).',
    'Compare the proposal with the zero option (nothing is decided).',
  ],
  addAlternative: ['Lisää vaihtoehto', 'Lägg till alternativ', 'Add alternative'],
  removeAlternative: ['Poista vaihtoehto', 'Ta bort alternativet', 'Remove alternative'],
  altId: ['Tunniste', 'Id', 'Id'],
  altKind: ['Tyyppi', 'Typ', 'Kind'],
  altTitle: ['Nimi', 'Namn', 'Title'],
  altDescription: ['Kuvaus', 'Beskrivning', 'Description'],
  kind_zero: ['Nollavaihtoehto', 'Nollalternativ', 'Zero option'],
  kind_proposal: ['Ehdotus', 'Förslag', 'Proposal'],
  kind_other: ['Muu vaihtoehto', 'Annat alternativ', 'Other alternative'],
  screening: ['Esiarviointi', 'Förhandsgranskning', 'Screening'],
  otherQuestions: ['Muut kysymykset', 'Övriga frågor', 'Other questions'],
  impacts: ['Vaikutukset', 'Konsekvenser', 'Impacts'],
  impactsHelp: [
    'Arvioi vaikutus jokaiselle ryhmälle: suunta, suuruus, todennäköisyys, näyttö ja lieventäminen.',
    'Bedöm konsekvensen för varje grupp: riktning, omfattning, sannolikhet, underlag och lindring.',
    'Assess the impact on each group: direction, magnitude, likelihood, evidence and mitigation.',
  ],
  impactQuestions: [
    'Vaikutuskysymykset, jotka koskevat tätä vaihtoehtoa',
    'Konsekvensfrågor som gäller detta alternativ',
    'Impact questions that apply to this alternative',
  ],
  noImpactQuestions: [
    'Mikään vaikutuskysymys ei vielä koske tätä vaihtoehtoa: vastaa esiarviointiin.',
    'Ingen konsekvensfråga gäller ännu detta alternativ: svara på förhandsgranskningen.',
    'No impact question applies to this alternative yet: answer the screening.',
  ],
  addCellFor: ['Arvioi', 'Bedöm', 'Assess'],
  addCell: ['Lisää vaikutus', 'Lägg till konsekvens', 'Add impact'],
  removeCell: ['Poista vaikutus', 'Ta bort konsekvensen', 'Remove impact'],
  cell: ['Vaikutus', 'Konsekvens', 'Impact'],
  question: ['Kysymys', 'Fråga', 'Question'],
  noQuestion: ['— ei kysymystä —', '— ingen fråga —', '— no question —'],
  group: ['Väestöryhmä', 'Befolkningsgrupp', 'Population group'],
  domain: ['Vaikutusalue', 'Konsekvensområde', 'Domain'],
  direction: ['Suunta', 'Riktning', 'Direction'],
  dir_2: ['+2 selvästi myönteinen', '+2 klart positiv', '+2 clearly positive'],
  dir_1: ['+1 myönteinen', '+1 positiv', '+1 positive'],
  dir_0: ['0 ei vaikutusta', '0 ingen konsekvens', '0 no impact'],
  'dir_-1': ['−1 kielteinen', '−1 negativ', '−1 negative'],
  'dir_-2': ['−2 selvästi kielteinen', '−2 klart negativ', '−2 clearly negative'],
  dir_mixed: ['Sekä myönteinen että kielteinen', 'Både positiv och negativ', 'Both positive and negative'],
  dir_unknown: ['Ei tiedossa', 'Okänd', 'Unknown'],
  mitigation: ['Lieventävä toimi', 'Lindrande åtgärd', 'Mitigation'],
  evidenceSource: ['Tietolähde', 'Källa', 'Source'],
  note: ['Perustelu', 'Motivering', 'Note'],
  required: ['pakollinen', 'obligatorisk', 'required'],
  missing: ['Puuttuu', 'Saknas', 'Missing'],
  missingGroups: ['Arvioimatta', 'Inte bedömda', 'Not assessed'],
  results: ['Tulos', 'Resultat', 'Result'],
  verdict: ['Arvion tulos', 'Bedömning', 'Verdict'],
  verdict_none: ['Vaikutusten ennakkoarviointia ei tarvita', 'Ingen förhandsbedömning behövs', 'No impact assessment needed'],
  verdict_light: [
    'Suppea vaikutusten arviointi tarvitaan',
    'En begränsad konsekvensbedömning behövs',
    'A light impact assessment is needed',
  ],
  verdict_full: [
    'Laaja vaikutusten arviointi tarvitaan',
    'En omfattande konsekvensbedömning behövs',
    'A full impact assessment is needed',
  ],
  reasons: ['Perusteet', 'Grunder', 'Reasons'],
  completeness: ['Vastausten kattavuus', 'Svarens fullständighet', 'Completeness'],
  answeredOf: ['{a}/{r} pakollista vastattu', '{a}/{r} obligatoriska besvarade', '{a}/{r} required answered'],
  matrix: ['Vaikutusmatriisi', 'Konsekvensmatris', 'Impact matrix'],
  matrixCaption: [
    '{alt}: väestöryhmät × vaikutusalueet',
    '{alt}: befolkningsgrupper × konsekvensområden',
    '{alt}: population groups × domains',
  ],
  noCells: ['Ei arvioituja vaikutuksia.', 'Inga bedömda konsekvenser.', 'No impacts assessed.'],
  total: ['Yhteensä', 'Totalt', 'Total'],
  scores: ['Tunnusluvut', 'Nyckeltal', 'Scores'],
  findings: ['Havainnot', 'Iakttagelser', 'Findings'],
  noFindings: ['Ei havaintoja.', 'Inga iakttagelser.', 'No findings.'],
  sev_info: ['Tiedoksi', 'För kännedom', 'For information'],
  sev_warning: ['Huomioitavaa', 'Att beakta', 'Warning'],
  sev_required: ['Edellytetään ennen päätöstä', 'Krävs före beslutet', 'Required before deciding'],
  sev_verdict: ['Arvion tulos', 'Bedömning', 'Verdict'],
  comparison: ['Vaihtoehtojen vertailu', 'Jämförelse av alternativen', 'Comparison of the alternatives'],
  comparedWithZero: ['verrattuna nollavaihtoehtoon', 'jämfört med nollalternativet', 'compared with the zero option'],
  betterFor: ['parempi ryhmille', 'bättre för', 'better for'],
  worseFor: ['heikompi ryhmille', 'sämre för', 'worse for'],
  noDifference: [
    'ei eroa arvioiduissa ryhmissä',
    'ingen skillnad för de bedömda grupperna',
    'no difference for the groups assessed',
  ],
  noZeroOption: [
    'Nollavaihtoehtoa ei ole arvioitu, joten vaihtoehtoja ei voi verrata siihen.',
    'Nollalternativet har inte bedömts, så alternativen kan inte jämföras med det.',
    'The zero option was not assessed, so the alternatives cannot be compared with it.',
  ],
  comparisonFindings: [
    'Havainnot vaihtoehdoista, joita ei esitetä päätettäväksi',
    'Iakttagelser om alternativ som inte föreslås',
    'Findings about alternatives not proposed',
  ],
  comparisonFindingsNote: [
    'Nämä havainnot ovat vertailutietoa: ne eivät vaikuta arvion tulokseen.',
    'Dessa iakttagelser är jämförande information: de påverkar inte bedömningen.',
    'These findings are for comparison: they do not affect the verdict.',
  ],
  equity: ['Yhdenvertaisuus', 'Jämlikhet', 'Equity'],
  ifChosen: ['jos tämä vaihtoehto valittaisiin', 'om detta alternativ valdes', 'if this alternative were chosen'],
  noteNotApplies: [
    'vastaus on annettu, mutta kysymys ei koske tätä vaihtoehtoa, joten vastausta ei käytetty',
    'svaret har getts, men frågan gäller inte detta alternativ, så svaret användes inte',
    'an answer was given, but the question does not apply to this alternative, so the answer was not used',
  ],
  noteImpactNotApplies: [
    'vaikutus on arvioitu kysymykseen, joka ei koske tätä vaihtoehtoa; se on mukana tuloksissa mutta ei vastauksena kysymykseen',
    'konsekvensen har bedömts under en fråga som inte gäller detta alternativ; den räknas med i resultaten men inte som svar på frågan',
    'the impact was assessed under a question that does not apply to this alternative; it counts in the results but not as an answer to the question',
  ],
  noteEmpty: [
    'vaihtoehdolle ei ole annettu vastauksia eikä arvioitu vaikutuksia',
    'alternativet har inga svar och inga bedömda konsekvenser',
    'the alternative has no answers and no impacts assessed',
  ],
  notes: ['Huomautukset syötteestä', 'Anmärkningar om underlaget', 'Notes on the input'],
  problems: ['Korjattavaa', 'Att rätta', 'To fix'],
  problemsHelp: [
    'Tulos näyttää viimeisimmän onnistuneen laskennan, kunnes nämä on korjattu.',
    'Resultatet visar den senaste lyckade beräkningen tills dessa har rättats.',
    'The result shows the last successful scoring until these are fixed.',
  ],
  scoredIn: ['Laskettu {ms} ms:ssa', 'Beräknat på {ms} ms', 'Scored in {ms} ms'],
  loading: ['Ladataan arviointimoottoria…', 'Laddar bedömningsmotorn…', 'Loading the assessment engine…'],
  loadFailed: [
    'Arviointimoottorin lataus epäonnistui',
    'Det gick inte att ladda bedömningsmotorn',
    'The assessment engine could not be loaded',
  ],
  openFailed: ['Tiedostoa ei voitu avata', 'Filen kunde inte öppnas', 'The file could not be opened'],
  newAltTitle: ['Uusi vaihtoehto', 'Nytt alternativ', 'New alternative'],
  zeroTitle: ['Nykytila jatkuu', 'Nuläget fortsätter', 'The present situation continues'],
  proposalTitle: ['Päätösehdotus', 'Beslutsförslag', 'Decision proposal'],
  untitled: ['Nimetön päätös', 'Namnlöst beslut', 'Untitled decision'],
  vulnerable: ['haavoittuvassa asemassa oleva ryhmä', 'grupp i utsatt ställning', 'group in a vulnerable position'],
  matrixHelp: [
    'Luku on suunta × suuruus × todennäköisyys; sulkeissa vaihteluväli, kun arviosta puuttuu tietoja.',
    'Talet är riktning × omfattning × sannolikhet; inom parentes intervallet när bedömningen saknar uppgifter.',
    'The number is direction × magnitude × likelihood; in brackets the range where the assessment leaves something out.',
  ],
  cellScore: ['Pisteet', 'Poäng', 'Score'],
  why: ['Miksi?', 'Varför?', 'Why?'],
  whyShort: ['Miksi?', 'Varför?', 'Why?'],
  close: ['Sulje', 'Stäng', 'Close'],
  equityGap: ['Yhdenvertaisuusero', 'Jämlikhetsskillnad', 'Equity gap'],
  fieldOf: ['{field} ({alt})', '{field} ({alt})', '{field} ({alt})'],
  templateShort: ['Asiakirjapohja (Word)', 'Dokumentmall (Word)', 'Document template (Word)'],
  rollupShort: ['Koonti', 'Sammanställning', 'Roll-up'],
  templateTitle: [
    'Päätösasiakirjan pohja (Word, Markdown, HTML)',
    'Mall för beslutsdokument (Word, Markdown, HTML)',
    'Decision document template (Word, Markdown, HTML)',
  ],
  templateHelp: [
    'Valitse täytetty pohja (.docx, .md tai .html): se tarkistetaan, ja arvioinnin tulokset kirjoitetaan sen kopioon. Kaikki tapahtuu tässä selaimessa; tiedosto ei lähde koneeltasi.',
    'Välj en ifylld mall (.docx, .md eller .html): den granskas, och bedömningens resultat skrivs in i en kopia av den. Allt sker i den här webbläsaren; filen lämnar inte din dator.',
    'Choose a filled template (.docx, .md or .html): it is checked, and the results of the assessment are written into a copy of it. Everything happens in this browser; the file never leaves your computer.',
  ],
  templateFile: ['Valitse täytetty pohja…', 'Välj en ifylld mall…', 'Choose a filled template…'],
  templateBlankFormat: ['Tyhjän pohjan muoto', 'Den tomma mallens format', 'Format of a blank template'],
  templateBlank: ['Lataa tyhjä pohja', 'Ladda ner en tom mall', 'Download a blank template'],
  format_docx: ['Word (.docx)', 'Word (.docx)', 'Word (.docx)'],
  format_md: ['Markdown (.md)', 'Markdown (.md)', 'Markdown (.md)'],
  format_html: ['HTML (.html)', 'HTML (.html)', 'HTML (.html)'],
  templateChecking: ['Tarkistetaan…', 'Granskar…', 'Checking…'],
  templateSummary: ['{format}, tarkistuslista {checklist}', '{format}, checklista {checklist}', '{format}, checklist {checklist}'],
  templateNotScored: ['ei laskettu', 'inte beräknad', 'not scored'],
  templateComplete: [
    'Valmis: ei virheitä, ja kaikkiin pakollisiin kysymyksiin on vastattu.',
    'Klar: inga fel, och alla obligatoriska frågor är besvarade.',
    'Complete: no errors, and every required question is answered.',
  ],
  templateCounts: [
    'Virheitä {errors}, vastaamatta {missing}.',
    'Fel {errors}, obesvarade {missing}.',
    'Errors {errors}, unanswered {missing}.',
  ],
  templateDownload: ['Lataa täytetty asiakirja', 'Ladda ner det ifyllda dokumentet', 'Download the filled document'],
  templateHasErrors: [
    'Pohjassa on virheitä: korjaa ne, niin tulokset voidaan kirjoittaa siihen.',
    'Mallen har fel: rätta dem, så kan resultaten skrivas in i den.',
    'The template has errors: fix them, and the results can be written into it.',
  ],
  templateFailed: ['Pohjaa ei voitu käsitellä', 'Mallen kunde inte behandlas', 'The template could not be processed'],
  templateProblems: ['Tarkistuksen huomiot', 'Granskningens anmärkningar', 'What the check found'],
  templateNoProblems: ['Ei huomautettavaa.', 'Inget att anmärka.', 'Nothing to remark.'],
  sev_error: ['Virhe', 'Fel', 'Error'],
  atLine: ['rivi {n}', 'rad {n}', 'line {n}'],
};

const INDEX = { fi: 0, sv: 1, en: 2 };

/** The UI text `key` in `lang`, with `{name}` placeholders filled in. */
export function t(lang, key, vars = {}) {
  const entry = T[key];
  const text = entry ? entry[INDEX[lang] ?? 2] : key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}

/** A text the official wrote: one string, or a map language → text
 *  (`{fi, sv}`); in `lang`, else the first one given (as the engine does). */
export function local(text, lang) {
  if (text === undefined || text === null) return '';
  if (typeof text === 'string') return text;
  if (typeof text !== 'object') return String(text);
  return text[lang] ?? Object.values(text)[0] ?? '';
}

/** A checklist text (`{fi, sv, en}`) in `lang`, falling back to English, then any. */
export function pick(text, lang) {
  if (!text) return '';
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? '';
}

/** A number for people: decimal comma and real minus sign in fi and sv. */
export function num(value, lang) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  const locale = lang === 'fi' ? 'fi-FI' : lang === 'sv' ? 'sv-FI' : 'en-GB';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value).replace('-', '−');
}
