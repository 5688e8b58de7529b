"""Writes the decisions of examples/municipality-year/decisions/ from the
table below: one fictional municipality's (Järvelä, 18,000 residents) year
2026, decision by decision as its officials recorded them.

The table is the source; the YAML files are what ennakko reads. Run it
after editing the table: python3 write_decisions.py
"""

import json
from pathlib import Path

SCREENING = [
    "significant_resident_impact", "affects_staff", "large_procurement", "affects_business_conditions",
    "affects_employment", "changes_service_network", "changes_service_delivery", "changes_client_fees",
    "affects_strategy", "affects_children", "affects_health_wellbeing", "affects_gender_equality",
    "affects_environment", "changes_land_use",
]


def fu(check, owner, due, status="open", checked_on=None, outcome=None, note=None):
    """A follow-up promise: what is checked, who checks it, by when, and what was found."""
    f = {"check": check, "owner": owner, "due": due, "status": status}
    if checked_on:
        f["checked_on"] = checked_on
    if outcome is not None:
        f["outcome"] = {"direction": outcome, **({"note": note} if note else {})}
    return f


def cell(group, domain, direction, magnitude="moderate", timing="medium", evidence="some", note=None,
         mitigation=None, follow_up=None, reversibility="reversible", likelihood="likely"):
    c = {"group": group, "domain": domain, "direction": direction, "magnitude": magnitude,
         "likelihood": likelihood, "timing": timing, "reversibility": reversibility, "evidence": evidence}
    for k, v in (("note", note), ("mitigation", mitigation), ("follow_up", follow_up)):
        if v is not None:
            c[k] = v
    return c


# id, date, body, body_name, sector, assessment made, title, facts, screening answered yes,
# zero option title (None: no zero option compared), proposal title, proposal description, cells,
# follow_up_plan (None where the official left it empty)
D = []


def d(**kw):
    D.append(kw)


d(id="KH-2026-014", date="2026-01-19", body="board", body_name="Kunnanhallitus", sector="central_administration",
  assessment="light", title="Talousarvion 2026 täytäntöönpano-ohjeet", facts={},
  yes=["affects_strategy"], zero="Täytäntöönpano-ohjeita ei anneta", proposal="Täytäntöönpano-ohjeet hyväksytään",
  desc="Ohjeet määräävät talousarvion sitovuustason, hankintarajat ja henkilöstön täyttölupakäytännön.",
  cells=[cell("municipal_staff", "staff_organisation", -1, "minimal", "short", note="Täyttölupamenettely pidentää rekrytointeja noin kahdella viikolla."),
         cell("population", "public_finances", 1, "moderate", "short", "strong", note="Menokehys pysyy talousarviossa.")],
  plan="Talousjohtaja raportoi toteutumasta osavuosikatsauksissa.")
d(id="SIVLTK-2026-003", date="2026-01-27", body="committee", body_name="Sivistyslautakunta", sector="education",
  assessment="full", title="Kirkonkylän koulun oppilaaksiottoalueen muutos", facts={"affected_residents": 420},
  yes=["significant_resident_impact", "affects_children"], zero="Oppilaaksiottoalueet pysyvät ennallaan",
  proposal="Mäntyrinteen asuinalue siirretään Kirkonkylän koulun alueelle",
  desc="Uuden asuinalueen 64 oppilasta ohjataan lähikouluun Kirkonkylään Harjun koulun sijaan.",
  cells=[cell("children", "learning", 1, timing="long", evidence="strong", note="Harjun koulun ylisuuret opetusryhmät pienenevät."),
         cell("children", "mobility", -1, "minimal", "long", note="Koulumatka pitenee 18 oppilaalla yli kolmen kilometrin.",
              mitigation="Koulukuljetus oppilaille, joiden matka ylittää kolme kilometriä.",
              follow_up=fu("Koulukuljetusten toteutuminen ja matka-ajat", "Opetuspäällikkö", "2026-10-31", "done", "2026-10-20", 0, "Kuljetus toimii, matka-aika enintään 25 minuuttia.")),
         cell("children_with_disabilities", "learning", 0, "minimal", note="Erityisopetuksen pienryhmät jatkavat Harjun koulussa."),
         cell("families_with_children", "mobility", -1, "minimal", "medium"),
         cell("population", "public_finances", 0, "minimal")],
  plan="Opetuspäällikkö seuraa ryhmäkokoja ja kuljetuksia lukuvuoden 2026–2027 aikana.")
d(id="TEKLTK-2026-005", date="2026-02-03", body="committee", body_name="Tekninen lautakunta", sector="technical",
  assessment="full", title="Katuvalojen vaihtaminen led-valaisimiksi, vaihe 2", facts={"cost_eur": 240000},
  yes=["large_procurement", "affects_environment"], zero="Nykyiset elohopeavalaisimet jäävät käyttöön",
  proposal="Vaihdetaan 1 100 valaisinta led-valaisimiksi",
  desc="Hankinta kilpailutetaan; energiansäästö noin 420 MWh vuodessa.",
  cells=[cell("population", "climate", 1, "moderate", "long", "strong", note="Päästöt vähenevät noin 80 tonnia vuodessa."),
         cell("population", "safety", 1, "minimal", "long", note="Valaistus tasaisempi kevyen liikenteen väylillä."),
         cell("population", "public_finances", 1, "moderate", "long", "strong", note="Takaisinmaksuaika noin seitsemän vuotta.")],
  plan=None)
d(id="PERUSTURVA-2026-008", date="2026-02-10", body="office_holder", body_name="Perusturvajohtaja", sector="social_health",
  assessment="none", title="Kotihoidon iltakäyntien aikataulujen muutos", facts={},
  yes=["changes_service_delivery", "affects_health_wellbeing"], zero=None,
  proposal="Iltakäynnit keskitetään klo 17–21 väliin",
  desc="Iltakäyntien alkua siirretään tunnilla myöhemmäksi työvuorojen tasaamiseksi.",
  cells=[cell("older_people", "access_to_services", -1, "moderate", "short", note="Osa asiakkaista saa iltalääkkeen myöhemmin."),
         cell("people_with_disabilities", "access_to_services", 0, "minimal", "short"),
         cell("population", "health", 0, "minimal", "short"),
         cell("older_people", "health", -1, "minimal", "short", evidence="weak",
              mitigation="Lääkehoidon ajoitus tarkistetaan jokaisen asiakkaan kanssa.",
              follow_up=fu("Lääkehoidon ajoituksen tarkistus asiakkailta", "Kotihoidon esihenkilö", "2026-04-30", "done", "2026-05-12", -1, "Kahdeksan asiakkaan lääkitys jouduttiin siirtämään päivävuoroon.")),
         cell("people_with_disabilities", "health", 0, "minimal", "short"),
         cell("population", "public_finances", 1, "minimal", "short")],
  plan="Kotihoidon esihenkilö kerää asiakaspalautteen kolmen kuukauden kuluttua.")
d(id="KULTLTK-2026-004", date="2026-02-17", body="committee", body_name="Kulttuuri- ja vapaa-aikalautakunta", sector="culture_leisure",
  assessment="none", title="Kulttuuriavustusten jakoperusteet 2026", facts={},
  yes=[], zero="Vuoden 2025 jakoperusteet jatkuvat", proposal="Uudet jakoperusteet hyväksytään",
  desc="Perusteisiin lisätään lasten ja nuorten harrastustoiminnan painotus.",
  cells=[], plan=None, reason="Jakoperusteet täsmentävät aiempaa käytäntöä; avustusten kokonaissumma ei muutu.")
d(id="YMPLTK-2026-002", date="2026-02-24", body="committee", body_name="Ympäristölautakunta", sector="environment",
  assessment="light", title="Lausunto Isojärven ranta-asemakaavan muutoksesta", facts={},
  yes=["affects_environment"], zero="Lausuntoa ei anneta", proposal="Lautakunta puoltaa kaavamuutosta ehdoin",
  desc="Ehtona on rantavyöhykkeen 30 metrin suojavyöhyke ja jätevesien liittäminen verkostoon.",
  cells=[cell("population", "nature", 1, "minimal", "long", note="Suojavyöhyke turvaa rantaluontoa."),
         cell("population", "climate", 0, "minimal", "long"),
         cell("population", "natural_resources", 0, "minimal", "long")],
  plan="Ympäristötarkastaja tarkistaa ehtojen toteutumisen rakennuslupavaiheessa.")
d(id="VALT-2026-006", date="2026-03-02", body="council", body_name="Kunnanvaltuusto", sector="central_administration",
  assessment="full", title="Kuntastrategian päivitys 2026–2029", facts={},
  yes=["affects_strategy", "significant_resident_impact"], zero="Vuoden 2022 strategia jatkuu",
  proposal="Päivitetty kuntastrategia hyväksytään", desc="Painopisteinä lasten ja nuorten hyvinvointi, elinvoima ja talouden tasapaino.",
  cells=[cell("population", "participation", 1, "moderate", "long", "strong", note="Strategia valmisteltiin kolmessa asukastyöpajassa."),
         cell("young_people", "participation", 1, "moderate", "long", note="Nuorisovaltuusto osallistui valmisteluun."),
         cell("low_income", "equality", 0, "minimal", "long"),
         cell("immigrants", "equality", 0, "minimal", "long"),
         cell("people_with_disabilities", "equality", 0, "minimal", "long"),
         cell("older_people", "livelihood", 0, "minimal", "long"),
         cell("families_with_children", "livelihood", 0, "minimal", "long"),
         cell("population", "public_finances", 0, "minimal", "long")],
  plan="Strategian mittarit raportoidaan vuosittain hyvinvointikertomuksen yhteydessä.",
  answers={"participation_method": "several_methods"})
d(id="SIVLTK-2026-019", date="2026-03-10", body="committee", body_name="Sivistyslautakunta", sector="education",
  assessment="none", title="Varhaiskasvatusmaksujen tarkistus 1.8.2026", facts={"annual_cost_change_eur": -60000},
  yes=["changes_client_fees", "affects_children"], zero="Maksut pysyvät ennallaan", proposal="Maksut tarkistetaan valtakunnallisten muutosten mukaisiksi",
  desc="Tulorajat nousevat indeksin mukaan; korkein maksu nousee 16 euroa kuukaudessa.",
  cells=[cell("families_with_children", "livelihood", -1, "minimal", "short", "strong", note="Korkein maksu nousee noin 5 %."),
         cell("low_income", "livelihood", 1, "minimal", "short", "strong", note="Tulorajojen nousu vapauttaa noin 40 perhettä maksuista."),
         cell("older_people", "livelihood", 0, "minimal", "short"),
         cell("children", "learning", 0, "minimal", "short"),
         cell("children_with_disabilities", "learning", 0, "minimal", "short"),
         cell("population", "public_finances", 1, "minimal", "short")],
  plan=None)
d(id="TEKLTK-2026-011", date="2026-03-17", body="committee", body_name="Tekninen lautakunta", sector="technical",
  assessment="light", title="Talvikunnossapidon palvelutasoluokituksen muutos", facts={"annual_cost_change_eur": -85000},
  yes=["changes_service_delivery", "significant_resident_impact"], zero="Nykyinen palvelutaso jatkuu",
  proposal="Kevyen liikenteen väylien auraus siirretään 2. luokkaan sivukylillä",
  desc="Sivukylien kevyen liikenteen väylät aurataan kuuden tunnin kuluessa nykyisen neljän sijaan.",
  cells=[cell("older_people", "mobility", -1, "moderate", "medium", note="Liukastumisriski kasvaa aamuisin.",
              mitigation="Hiekoitus säilyy 1. luokassa palvelutalojen ympäristössä.",
              follow_up=fu("Liukastumistapaturmat terveysaseman ilmoituksista", "Kunnossapitopäällikkö", "2026-05-31", "done", "2026-06-15", -2, "Talvella kirjattiin 14 liukastumista sivukylillä, edellistalvena 6.")),
         cell("older_people", "safety", -1, "moderate", "medium"),
         cell("young_people", "mobility", 0, "minimal", "medium"),
         cell("people_with_disabilities", "mobility", -1, "moderate", "medium", note="Pyörätuolilla liikkuminen vaikeutuu lumisina aamuina."),
         cell("rural_residents", "mobility", -1, "moderate", "medium"),
         cell("low_income", "livelihood", 0, "minimal"), cell("families_with_children", "livelihood", 0, "minimal"),
         cell("immigrants", "equality", 0, "minimal"), cell("people_with_disabilities", "equality", -1, "minimal"),
         cell("population", "participation", 0, "minimal"), cell("young_people", "participation", 0, "minimal"),
         cell("children", "culture_leisure", 0, "minimal"),
         cell("population", "public_finances", 1, "moderate", "short", "strong")],
  plan="Kunnossapitopäällikkö seuraa palautteita ja tapaturmia talven jälkeen.",
  answers={"participation_method": "survey"})
d(id="PERUSTURVA-2026-015", date="2026-03-24", body="committee", body_name="Perusturvalautakunta", sector="social_health",
  assessment="light", title="Omaishoidon tuen myöntämisperusteet 2026", facts={},
  yes=["changes_service_delivery", "affects_health_wellbeing"], zero="Nykyiset perusteet jatkuvat",
  proposal="Perusteisiin lisätään hoitoisuusluokka 3 ja vapaapäivien sijaishoito",
  desc="Kevyempää hoitoa tarvitsevien omaishoitajat tulevat tuen piiriin.",
  cells=[cell("older_people", "access_to_services", 1, "moderate", "medium", note="Noin 30 uutta omaishoitajaa tuen piiriin."),
         cell("people_with_disabilities", "access_to_services", 1, "minimal", "medium"),
         cell("population", "health", 0, "minimal"),
         cell("older_people", "health", 1, "moderate", "medium", follow_up=fu("Omaishoitajien jaksaminen ja vapaapäivien käyttö", "Palvelupäällikkö", "2026-12-31", "done", "2026-12-18", 1, "Vapaapäivien käyttö kasvoi 40 %.")),
         cell("people_with_disabilities", "health", 0, "minimal"),
         cell("population", "public_finances", -1, "minimal", "medium", "strong"),
         cell("children", "culture_leisure", 0, "minimal"), cell("young_people", "culture_leisure", 0, "minimal"),
         cell("older_people", "culture_leisure", 0, "minimal")],
  plan="Palvelupäällikkö raportoi tuen saajat ja vapaapäivät vuoden lopussa.")
d(id="KH-2026-041", date="2026-04-06", body="board", body_name="Kunnanhallitus", sector="central_administration",
  assessment="none", title="Kunnan omistaman Asemanmäen toimitilan myynti", facts={"cost_eur": 0, "annual_cost_change_eur": -18000},
  yes=[], zero=None, proposal="Toimitila myydään tarjouskilpailun perusteella",
  desc="Tyhjillään ollut toimitila myydään korkeimman tarjouksen tehneelle.",
  cells=[cell("population", "public_finances", 1, "minimal", "short", "strong", note="Myyntitulo noin 210 000 euroa, ylläpitokulut poistuvat.")],
  plan=None, reason="Kiinteistö on ollut tyhjillään kaksi vuotta eikä siinä ole toimintaa.")
d(id="SIVLTK-2026-027", date="2026-04-14", body="committee", body_name="Sivistyslautakunta", sector="education",
  assessment="none", title="Perusopetuksen tuntikehys lukuvuodelle 2026–2027", facts={"annual_cost_change_eur": -140000},
  yes=["affects_children", "affects_staff"], zero="Tuntikehys säilyy lukuvuoden 2025–2026 tasolla",
  proposal="Tuntikehystä pienennetään 0,1 tuntia oppilasta kohden",
  desc="Valinnaisaineiden ryhmiä yhdistetään ja samanaikaisopetusta vähennetään.",
  cells=[cell("children", "learning", -1, "moderate", "medium", note="Samanaikaisopetus vähenee kolmella koululla."),
         cell("children_with_disabilities", "learning", -1, "moderate", "medium", note="Tuen tarpeessa olevien oppilaiden samanaikaisopetus vähenee.", reversibility="reversible"),
         cell("municipal_staff", "staff_organisation", -1, "moderate", "medium", note="Kolme määräaikaista opettajan tointa jää täyttämättä."),
         cell("population", "public_finances", 1, "moderate", "short", "strong")],
  plan=None)
d(id="TEKLTK-2026-018", date="2026-04-21", body="committee", body_name="Tekninen lautakunta", sector="technical",
  assessment="full", title="Keskustan koulukeskuksen peruskorjauksen hankesuunnitelma", facts={"cost_eur": 6400000},
  yes=["large_procurement", "affects_children", "affects_staff", "affects_environment"], zero="Rakennus korjataan vain välttämättömiltä osin",
  proposal="Koulukeskus peruskorjataan vuosina 2027–2028", desc="Sisäilmaongelmat korjataan, ilmanvaihto uusitaan ja tilat muutetaan muunneltaviksi.",
  cells=[cell("children", "learning", 2, "severe", "long", "strong", note="Sisäilmaoireet ja väistötilojen tarve poistuvat pitkällä aikavälillä."),
         cell("children", "health", 1, "moderate", "long", "strong"),
         cell("children_with_disabilities", "learning", 1, "moderate", "long", note="Esteettömyys paranee: hissi ja pienryhmätilat."),
         cell("municipal_staff", "staff_organisation", 1, "moderate", "long"),
         cell("children", "mobility", -1, "minimal", "short", note="Väistötilojen aikana koulumatkat pitenevät.",
              mitigation="Väistötiloihin järjestetään koulukuljetus.",
              follow_up=fu("Väistöajan koulukuljetusten suunnitelma", "Tilapalvelupäällikkö", "2026-12-15")),
         cell("families_with_children", "mobility", -1, "minimal", "short"),
         cell("population", "climate", 1, "moderate", "long"),
         cell("population", "nature", 0, "minimal"), cell("population", "natural_resources", 0, "minimal"),
         cell("population", "public_finances", -1, "severe", "long", "strong", note="Investointi kasvattaa lainakantaa.")],
  plan="Tilapalvelupäällikkö raportoi hankkeen etenemisestä puolivuosittain.")
d(id="VALT-2026-021", date="2026-04-27", body="council", body_name="Kunnanvaltuusto", sector="central_administration",
  assessment="light", title="Tilinpäätös ja toimintakertomus 2025", facts={},
  yes=[], zero=None, proposal="Tilinpäätös hyväksytään ja tilikauden alijäämä kirjataan taseeseen",
  desc="Tilikauden tulos oli 1,2 miljoonaa euroa alijäämäinen.",
  cells=[], plan=None, reason="Tilinpäätös kuvaa toteutunutta taloutta; vaikutukset arvioidaan talousarvion yhteydessä.")
d(id="PERUSTURVA-2026-022", date="2026-05-05", body="committee", body_name="Perusturvalautakunta", sector="social_health",
  assessment="light", title="Ikäihmisten päivätoiminnan keskittäminen Kirkonkylään", facts={"annual_cost_change_eur": -95000},
  yes=["changes_service_network", "affects_health_wellbeing"], zero="Päivätoiminta jatkuu kolmessa toimipisteessä",
  proposal="Päivätoiminta keskitetään palvelukeskus Kuuseen", desc="Harjun ja Pohjolan ryhmät siirtyvät Kirkonkylään syyskuusta 2026.",
  cells=[cell("frail_older_people", "access_to_services", -2, "severe", "long", note="Matka päivätoimintaan pitenee enimmillään 25 kilometriä.", reversibility="irreversible",
              mitigation="Kuljetus palvelulinjalla kahdesti viikossa.",
              follow_up=fu("Asiakasmäärät ja kuljetusten riittävyys", "Vanhuspalvelupäällikkö", "2026-11-30")),
         cell("frail_older_people", "social_wellbeing", -1, "moderate", "long"),
         cell("older_people", "access_to_services", -1, "moderate", "long"),
         cell("people_with_disabilities", "access_to_services", -1, "minimal", "long"),
         cell("rural_residents", "access_to_services", -1, "moderate", "long"),
         cell("population", "health", 0, "minimal"), cell("older_people", "health", -1, "minimal"), cell("people_with_disabilities", "health", 0, "minimal"),
         cell("population", "urban_structure", 0, "minimal"),
         cell("population", "public_finances", 1, "moderate", "short", "strong")],
  plan="Vanhuspalvelupäällikkö seuraa asiakasmääriä puolen vuoden ajan.")
d(id="KULTLTK-2026-012", date="2026-05-12", body="committee", body_name="Kulttuuri- ja vapaa-aikalautakunta", sector="culture_leisure",
  assessment="light", title="Uimahallin aukioloaikojen laajentaminen sunnuntaihin", facts={"annual_cost_change_eur": 22000},
  yes=["changes_service_delivery"], zero="Uimahalli on suljettu sunnuntaisin",
  proposal="Uimahalli avataan sunnuntaisin klo 10–16", desc="Kokeilu syksystä 2026 kevääseen 2027.",
  cells=[cell("families_with_children", "culture_leisure", 1, "moderate", "short", note="Viikonloppuliikunta perheille."),
         cell("children", "culture_leisure", 1, "minimal", "short"), cell("young_people", "culture_leisure", 1, "minimal", "short"),
         cell("older_people", "culture_leisure", 0, "minimal", "short"),
         cell("older_people", "access_to_services", 0, "minimal", "short"), cell("people_with_disabilities", "access_to_services", 0, "minimal", "short"),
         cell("municipal_staff", "staff_organisation", -1, "minimal", "short", note="Viikonlopputyö lisääntyy."),
         cell("population", "public_finances", -1, "minimal", "short", "strong")],
  plan="Liikuntapäällikkö raportoi kävijämäärät kokeilun päätyttyä.")
d(id="YMPLTK-2026-009", date="2026-05-19", body="committee", body_name="Ympäristölautakunta", sector="environment",
  assessment="none", title="Ympäristönsuojelun valvontasuunnitelma 2026–2028", facts={},
  yes=[], zero="Vanha valvontasuunnitelma jatkuu", proposal="Valvontasuunnitelma hyväksytään",
  desc="Suunnitelma perustuu ympäristönsuojelulain 168 §:ään.",
  cells=[], plan=None, reason="Lakisääteinen suunnitelma, joka ei muuta palveluja eikä maksuja.")
d(id="KH-2026-058", date="2026-05-25", body="board", body_name="Kunnanhallitus", sector="central_administration",
  assessment="none", title="Kesätyöseteli nuorille 2026", facts={"annual_cost_change_eur": 30000},
  yes=["affects_employment", "affects_business_conditions"], zero="Kesätyöseteliä ei myönnetä",
  proposal="Myönnetään 150 kesätyöseteliä 15–17-vuotiaille", desc="Yritys saa 400 euron tuen nuoren kahden viikon työsuhteesta.",
  cells=[cell("young_people", "employment", 2, "moderate", "short", "strong", note="Edellisenä kesänä 138 nuorta sai työpaikan."),
         cell("unemployed", "employment", 0, "minimal", "short"),
         cell("local_businesses", "businesses", 1, "minimal", "short"),
         cell("population", "public_finances", -1, "minimal", "short", "strong")],
  plan="Elinvoimapäällikkö raportoi seteleiden käytön syyskuussa.")
d(id="SIVLTK-2026-034", date="2026-06-02", body="committee", body_name="Sivistyslautakunta", sector="education",
  assessment="light", title="Koululaisten iltapäivätoiminnan järjestäminen lukuvuonna 2026–2027", facts={},
  yes=["affects_children", "changes_service_delivery"], zero="Iltapäivätoiminta jatkuu kolmessa koulussa",
  proposal="Iltapäivätoimintaa laajennetaan Harjun kouluun", desc="Uusi ryhmä 20 ensimmäisen luokan oppilaalle.",
  cells=[cell("children", "learning", 0, "minimal"), cell("children", "social_wellbeing", 1, "moderate", "medium", note="Pienet koululaiset eivät jää iltapäiviksi yksin."),
         cell("children_with_disabilities", "social_wellbeing", 1, "minimal", "medium"),
         cell("families_with_children", "livelihood", 1, "minimal", "medium"),
         cell("children", "culture_leisure", 1, "minimal"), cell("young_people", "culture_leisure", 0, "minimal"), cell("older_people", "culture_leisure", 0, "minimal"),
         cell("older_people", "access_to_services", 0, "minimal"), cell("people_with_disabilities", "access_to_services", 0, "minimal"),
         cell("population", "public_finances", -1, "minimal", "short", "strong")],
  plan="Varhaiskasvatusjohtaja seuraa osallistujamääriä.")
d(id="TEKLTK-2026-026", date="2026-06-09", body="committee", body_name="Tekninen lautakunta", sector="technical",
  assessment="none", title="Vesihuoltolaitoksen perusmaksun korotus", facts={"annual_cost_change_eur": 180000},
  yes=["changes_client_fees"], zero="Maksut pysyvät ennallaan", proposal="Perusmaksu nousee 12 % 1.9.2026",
  desc="Korotuksella katetaan verkoston saneerausohjelma 2026–2030.",
  cells=[cell("low_income", "livelihood", -1, "moderate", "long", "strong", note="Keskimääräisen kotitalouden vuosimaksu nousee 38 euroa.", reversibility="irreversible"),
         cell("older_people", "livelihood", -1, "minimal", "long"),
         cell("families_with_children", "livelihood", -1, "minimal", "long"),
         cell("population", "public_finances", 1, "moderate", "long", "strong")],
  plan=None)
d(id="PERUSTURVA-2026-031", date="2026-06-16", body="office_holder", body_name="Sosiaalityön johtaja", sector="social_health",
  assessment="none", title="Ehkäisevän toimeentulotuen soveltamisohje", facts={},
  yes=["changes_service_delivery", "affects_health_wellbeing"], zero="Nykyinen ohje jatkuu",
  proposal="Ohjeeseen lisätään lasten harrastusmenot ja vuokravelkojen ennaltaehkäisy",
  desc="Lapsiperheiden harrastusmenoihin voi saada tukea enintään 300 euroa vuodessa.",
  cells=[cell("low_income", "livelihood", 1, "moderate", "medium", note="Noin 60 lapsiperhettä saa tukea."),
         cell("children", "culture_leisure", 1, "moderate", "medium"),
         cell("older_people", "access_to_services", 0, "minimal"), cell("people_with_disabilities", "access_to_services", 0, "minimal"),
         cell("population", "health", 0, "minimal"), cell("older_people", "health", 0, "minimal"), cell("people_with_disabilities", "health", 0, "minimal"),
         cell("young_people", "culture_leisure", 0, "minimal"), cell("older_people", "culture_leisure", 0, "minimal"),
         cell("population", "public_finances", -1, "minimal", "short")],
  plan="Sosiaalityön johtaja raportoi myönnetyt tuet vuoden lopussa.")
d(id="VALT-2026-037", date="2026-06-22", body="council", body_name="Kunnanvaltuusto", sector="central_administration",
  assessment="full", title="Hyvinvointisuunnitelma 2026 ja laaja hyvinvointikertomus", facts={},
  yes=["affects_strategy", "affects_health_wellbeing"], zero="Suunnitelmaa ei päivitetä",
  proposal="Hyvinvointisuunnitelma hyväksytään", desc="Painopisteinä nuorten mielenterveys, ikäihmisten liikkuminen ja yksinäisyys.",
  cells=[cell("population", "health", 1, "moderate", "long", "strong"),
         cell("older_people", "health", 1, "moderate", "long"), cell("people_with_disabilities", "health", 1, "minimal", "long"),
         cell("young_people", "social_wellbeing", 1, "moderate", "long", follow_up=fu("Kouluterveyskyselyn mielialamittarit", "Hyvinvointikoordinaattori", "2027-06-30")),
         cell("older_people", "access_to_services", 0, "minimal"), cell("people_with_disabilities", "access_to_services", 0, "minimal"),
         cell("population", "public_finances", 0, "minimal")],
  plan="Hyvinvointiryhmä seuraa mittareita vuosittain.")
d(id="KULTLTK-2026-019", date="2026-08-11", body="committee", body_name="Kulttuuri- ja vapaa-aikalautakunta", sector="culture_leisure",
  assessment="none", title="Pohjolan kirjaston muuttaminen omatoimikirjastoksi", facts={"annual_cost_change_eur": -48000},
  yes=["changes_service_delivery", "affects_staff"], zero=None,
  proposal="Pohjolan kirjasto toimii omatoimisena, henkilökunta paikalla kahtena päivänä viikossa",
  desc="Aukioloaika pitenee 22 tunnista 60 tuntiin viikossa.",
  cells=[cell("older_people", "access_to_services", -1, "moderate", "medium", note="Neuvonta vähenee; kaikki eivät osaa käyttää omatoimilaitteita.",
              mitigation="Kirjastokortin käytön opastus kerran kuukaudessa.",
              follow_up=fu("Omatoimikirjaston käyttäjäkysely ikäihmisille", "Kirjastotoimenjohtaja", "2026-12-31")),
         cell("people_with_disabilities", "access_to_services", -1, "minimal", "medium"),
         cell("young_people", "culture_leisure", 1, "moderate", "medium", note="Iltaisin avoin tila nuorille."),
         cell("children", "culture_leisure", 0, "minimal"), cell("older_people", "culture_leisure", -1, "minimal"),
         cell("municipal_staff", "staff_organisation", -1, "moderate", "medium", note="Yksi kirjastovirkailijan toimi siirtyy pääkirjastoon."),
         cell("population", "public_finances", 1, "minimal", "short", "strong")],
  plan="Kirjastotoimenjohtaja kerää käyttäjäpalautteen vuoden lopussa.")
d(id="SIVLTK-2026-041", date="2026-08-18", body="committee", body_name="Sivistyslautakunta", sector="education",
  assessment="full", title="Kylänpään koulun lakkauttaminen 1.8.2027", facts={"cost_eur": 380000, "annual_cost_change_eur": -165000, "affected_residents": 1150},
  yes=["changes_service_network", "affects_children", "significant_resident_impact", "affects_staff"], zero="Kylänpään koulu jatkaa",
  proposal="Kylänpään koulu lakkautetaan ja oppilaat siirtyvät Kirkonkylän kouluun",
  desc="Oppilasmäärä laskee 38:sta 27:ään vuoteen 2030 mennessä.",
  cells=[cell("children", "mobility", -2, "moderate", "long", note="Koulumatka pitenee 2 kilometristä 14 kilometriin.", reversibility="irreversible",
              mitigation="Maksuton koulukuljetus, matka enintään 45 minuuttia suuntaansa.",
              follow_up=fu("Koulumatkojen kesto ensimmäisenä lukuvuonna", "Opetuspäällikkö", "2027-12-31")),
         cell("children", "learning", 1, "moderate", "long", note="Vuosiluokkaiset ryhmät yhdysluokkien sijaan."),
         cell("children_with_disabilities", "learning", -1, "moderate", "long", reversibility="irreversible", note="Siirtymä on raskas; tukitoimia ei vielä suunniteltu."),
         cell("families_with_children", "mobility", -1, "moderate", "long"),
         cell("rural_residents", "access_to_services", -2, "severe", "long", reversibility="irreversible", note="Kylän ainoa julkinen palvelu lakkaa."),
         cell("older_people", "access_to_services", 0, "minimal"), cell("people_with_disabilities", "access_to_services", 0, "minimal"),
         cell("municipal_staff", "staff_organisation", -1, "moderate", "long"),
         cell("population", "public_finances", 1, "moderate", "long", "strong")],
  plan="Opetuspäällikkö raportoi koulumatkat ja oppimistulokset lukuvuoden jälkeen.",
  answers={"participation_method": "public_event"})
d(id="TEKLTK-2026-033", date="2026-08-25", body="committee", body_name="Tekninen lautakunta", sector="technical",
  assessment="full", title="Joukkoliikenteen palvelulinjan reittimuutos", facts={},
  yes=["changes_service_delivery", "significant_resident_impact"], zero="Nykyinen reitti jatkuu",
  proposal="Palvelulinja ajaa palvelukeskus Kuusen kautta", desc="Reitti pitenee kuusi minuuttia; Kuusen päivätoimintaan pääsee suoraan.",
  cells=[cell("older_people", "mobility", 1, "moderate", "medium", note="Suora yhteys päivätoimintaan.",
              follow_up=fu("Palvelulinjan matkustajamäärät Kuusen pysäkillä", "Liikennesuunnittelija", "2026-12-31", "done", "2026-12-10", 1, "Pysäkillä keskimäärin 22 nousua päivässä.")),
         cell("older_people", "safety", 0, "minimal"), cell("young_people", "mobility", 0, "minimal"),
         cell("people_with_disabilities", "mobility", 1, "minimal"),
         cell("low_income", "livelihood", 0, "minimal"), cell("families_with_children", "livelihood", 0, "minimal"),
         cell("immigrants", "equality", 0, "minimal"), cell("people_with_disabilities", "equality", 0, "minimal"),
         cell("population", "participation", 0, "minimal"), cell("young_people", "participation", 0, "minimal"),
         cell("children", "culture_leisure", 0, "minimal"),
         cell("population", "public_finances", 0, "minimal")],
  plan="Liikennesuunnittelija seuraa matkustajamääriä.", answers={"participation_method": "influencing_bodies"})
d(id="PERUSTURVA-2026-040", date="2026-09-01", body="committee", body_name="Perusturvalautakunta", sector="social_health",
  assessment="light", title="Kotihoidon asiakasmaksujen tarkistus 1.1.2027", facts={"annual_cost_change_eur": 120000},
  yes=["changes_client_fees", "affects_health_wellbeing"], zero="Maksut pysyvät ennallaan", proposal="Säännöllisen kotihoidon maksuprosentit nousevat lain enimmäistasolle",
  desc="Maksuprosentti nousee yhden hengen taloudessa 35 prosenttiin.",
  cells=[cell("frail_older_people", "access_to_services", -1, "moderate", "long", note="Osa asiakkaista voi luopua palvelusta maksun vuoksi."),
         cell("low_income", "livelihood", -2, "moderate", "long", "strong", reversibility="irreversible", note="Pienituloisen asiakkaan maksu nousee jopa 60 euroa kuukaudessa.",
              mitigation="Maksun alentaminen toimeentulon perusteella (asiakasmaksulaki 11 §).",
              follow_up=fu("Maksualennusten ja palvelusta luopumisten määrä", "Asiakasmaksusihteeri", "2026-12-31")),
         cell("older_people", "livelihood", -1, "moderate", "long"),
         cell("families_with_children", "livelihood", 0, "minimal"),
         cell("population", "health", 0, "minimal"), cell("older_people", "health", -1, "minimal"), cell("people_with_disabilities", "health", 0, "minimal"),
         cell("population", "public_finances", 1, "moderate", "long", "strong")],
  plan=None)
d(id="KH-2026-077", date="2026-09-07", body="board", body_name="Kunnanhallitus", sector="central_administration",
  assessment="light", title="Henkilöstön etätyöohje", facts={},
  yes=["affects_staff"], zero="Etätyöstä sovitaan yksiköittäin", proposal="Koko kunnalle yhteinen etätyöohje",
  desc="Etätyötä voi tehdä enintään kolme päivää viikossa, kun tehtävät sen sallivat.",
  cells=[cell("municipal_staff", "staff_organisation", 1, "moderate", "medium", "strong", note="Henkilöstökysely puolsi yhteistä ohjetta."),
         cell("population", "climate", 1, "minimal", "medium"),
         cell("population", "public_finances", 0, "minimal")],
  plan="Henkilöstöpäällikkö tarkistaa ohjeen vuoden kuluttua.")
d(id="YMPLTK-2026-017", date="2026-09-15", body="committee", body_name="Ympäristölautakunta", sector="environment",
  assessment="light", title="Haja-asutusalueen jätevesineuvonta 2026–2027", facts={},
  yes=["affects_environment"], zero="Neuvontaa ei järjestetä", proposal="Kiinteistökohtainen jätevesineuvonta Isojärven valuma-alueella",
  desc="Neuvonta tavoittaa noin 300 kiinteistöä.",
  cells=[cell("population", "nature", 1, "moderate", "long", note="Järven ravinnekuormitus vähenee."),
         cell("rural_residents", "livelihood", 0, "minimal", "medium", note="Neuvonta on maksutonta; korjaukset kiinteistön omistajan kustannuksella."),
         cell("population", "climate", 0, "minimal"), cell("population", "natural_resources", 0, "minimal"),
         cell("population", "public_finances", -1, "minimal", "short")],
  plan="Ympäristösihteeri raportoi neuvottujen kiinteistöjen määrän.")
d(id="SIVLTK-2026-048", date="2026-09-22", body="committee", body_name="Sivistyslautakunta", sector="education",
  assessment="none", title="Oppilashuollon kuraattoripalvelujen uudelleenjärjestely", facts={},
  yes=["affects_children", "changes_service_delivery"], zero=None,
  proposal="Kuraattorit työskentelevät alueittain koulukohtaisen työn sijaan",
  desc="Kaksi kuraattoria jakaa työn itäiseen ja läntiseen alueeseen.",
  cells=[cell("children", "social_wellbeing", -1, "moderate", "medium", note="Kuraattori on koululla harvemmin pienissä kouluissa."),
         cell("young_people", "social_wellbeing", 0, "minimal"),
         cell("older_people", "access_to_services", 0, "minimal"), cell("people_with_disabilities", "access_to_services", 0, "minimal"),
         cell("children", "culture_leisure", 0, "minimal"), cell("young_people", "culture_leisure", 0, "minimal"), cell("older_people", "culture_leisure", 0, "minimal"),
         cell("population", "public_finances", 0, "minimal")],
  plan=None)
d(id="TEKLTK-2026-041", date="2026-10-06", body="office_holder", body_name="Tekninen johtaja", sector="technical",
  assessment="none", title="Liikuntapuiston valaistuksen urakkasopimus", facts={"cost_eur": 85000},
  yes=[], zero=None, proposal="Urakka tilataan Valo ja Sähkö Oy:ltä", desc="Valaistus uusitaan lentopallo- ja tenniskentillä.",
  cells=[], plan=None, reason="Panee täytäntöön tekniselle lautakunnalle 2025 hyväksytyn investoinnin, jonka vaikutukset on arvioitu.")
d(id="KULTLTK-2026-025", date="2026-10-13", body="committee", body_name="Kulttuuri- ja vapaa-aikalautakunta", sector="culture_leisure",
  assessment="light", title="Nuorisotilan aukiolon laajentaminen perjantai-iltoihin", facts={"annual_cost_change_eur": 15000},
  yes=["affects_children", "changes_service_delivery"], zero="Nuorisotila on suljettu perjantaisin",
  proposal="Nuorisotila avoinna perjantaisin klo 18–23", desc="Aloite nuorisovaltuustolta.",
  cells=[cell("young_people", "culture_leisure", 1, "moderate", "medium", note="Valvottu paikka viettää iltaa."),
         cell("young_people", "safety", 1, "minimal", "medium"),
         cell("children", "learning", 0, "minimal"), cell("children_with_disabilities", "social_wellbeing", 0, "minimal"),
         cell("children", "culture_leisure", 0, "minimal"), cell("older_people", "culture_leisure", 0, "minimal"),
         cell("older_people", "access_to_services", 0, "minimal"), cell("people_with_disabilities", "access_to_services", 0, "minimal"),
         cell("municipal_staff", "staff_organisation", -1, "minimal", "medium"),
         cell("population", "public_finances", -1, "minimal", "short", "strong")],
  plan="Nuorisotyön esihenkilö raportoi kävijämäärät keväällä.", answers={"participation_method": "influencing_bodies"})
d(id="PERUSTURVA-2026-047", date="2026-10-20", body="committee", body_name="Perusturvalautakunta", sector="social_health",
  assessment="full", title="Lääkärin vastaanoton siirto Pohjolan terveysasemalta etävastaanotoksi", facts={"annual_cost_change_eur": -70000},
  yes=["changes_service_network", "affects_health_wellbeing", "significant_resident_impact"], zero="Vastaanotto jatkuu kahtena päivänä viikossa",
  proposal="Vastaanotto korvataan etävastaanotolla ja hoitajan lähivastaanotolla", desc="Lääkäri on tavattavissa etäyhteydellä terveyspisteessä.",
  cells=[cell("frail_older_people", "access_to_services", -2, "severe", "long", reversibility="irreversible", note="Etävastaanotto ei sovi muistisairaille."),
         cell("frail_older_people", "social_wellbeing", -1, "moderate", "long"),
         cell("older_people", "access_to_services", -1, "moderate", "long"),
         cell("people_with_disabilities", "access_to_services", -1, "moderate", "long"),
         cell("rural_residents", "access_to_services", -1, "moderate", "long"),
         cell("population", "health", -1, "minimal", "long"), cell("older_people", "health", -1, "moderate", "long"), cell("people_with_disabilities", "health", -1, "minimal", "long"),
         cell("low_income", "livelihood", 0, "minimal"), cell("families_with_children", "livelihood", 0, "minimal"),
         cell("immigrants", "equality", -1, "minimal", note="Tulkin käyttö etäyhteydellä on hankalampaa."), cell("people_with_disabilities", "equality", -1, "minimal"),
         cell("population", "participation", 0, "minimal"), cell("young_people", "participation", 0, "minimal"),
         cell("population", "urban_structure", 0, "minimal"),
         cell("population", "public_finances", 1, "moderate", "long", "strong")],
  plan="Terveyspalvelujen johtaja seuraa käyntimääriä ja palautetta.")
d(id="KH-2026-093", date="2026-10-26", body="board", body_name="Kunnanhallitus", sector="central_administration",
  assessment="full", title="Talousarvioesitys 2027 ja taloussuunnitelma 2027–2029", facts={"annual_cost_change_eur": -900000},
  yes=["affects_strategy", "affects_staff", "significant_resident_impact"], zero="Menot jatkuvat vuoden 2026 tasolla",
  proposal="Talousarvioesitys sisältää 0,9 miljoonan euron sopeutuksen", desc="Sopeutus kohdistuu tilaverkkoon, hallintoon ja avoimiin toimiin.",
  cells=[cell("municipal_staff", "staff_organisation", -1, "moderate", "medium", note="12 avointa tointa jätetään täyttämättä."),
         cell("population", "public_finances", 2, "severe", "medium", "strong"),
         cell("low_income", "livelihood", -1, "minimal", "medium"), cell("older_people", "livelihood", 0, "minimal"), cell("families_with_children", "livelihood", 0, "minimal"),
         cell("immigrants", "equality", 0, "minimal"), cell("people_with_disabilities", "equality", 0, "minimal"),
         cell("population", "participation", 0, "minimal"), cell("young_people", "participation", 0, "minimal")],
  plan="Talousjohtaja raportoi sopeutuksen toteutumisesta osavuosikatsauksissa.")
d(id="SIVLTK-2026-055", date="2026-11-03", body="committee", body_name="Sivistyslautakunta", sector="education",
  assessment="light", title="Ruotsinkielisen kielikylpyryhmän perustaminen varhaiskasvatukseen", facts={},
  yes=["affects_children", "changes_service_delivery"], zero="Kielikylpyä ei järjestetä",
  proposal="Kielikylpyryhmä aloittaa Kirkonkylän päiväkodissa elokuussa 2027", desc="Ryhmään otetaan 15 lasta.",
  cells=[cell("children", "learning", 1, "moderate", "long", note="Kielitaidon kartuttaminen varhain."),
         cell("children_with_disabilities", "learning", 0, "minimal"),
         cell("families_with_children", "access_to_services", 1, "minimal", "long"),
         cell("children", "culture_leisure", 0, "minimal"), cell("young_people", "culture_leisure", 0, "minimal"), cell("older_people", "culture_leisure", 0, "minimal"),
         cell("older_people", "access_to_services", 0, "minimal"), cell("people_with_disabilities", "access_to_services", 0, "minimal"),
         cell("population", "public_finances", -1, "minimal", "medium")],
  plan="Varhaiskasvatusjohtaja arvioi kysynnän ensimmäisen toimintavuoden jälkeen.")
d(id="TEKLTK-2026-049", date="2026-11-10", body="committee", body_name="Tekninen lautakunta", sector="technical",
  assessment="full", title="Kirkonkylän kaavoitusohjelman päivitys ja Rantapuiston asemakaava", facts={"cost_eur": 120000},
  yes=["changes_land_use", "affects_environment", "significant_resident_impact"], zero="Voimassa oleva asemakaava säilyy",
  proposal="Rantapuistoon kaavoitetaan 60 asunnon kerrostalokortteli", desc="Puistoalue pienenee kolmanneksella.",
  cells=[cell("population", "nature", -1, "moderate", "long", reversibility="irreversible", note="Virkistysalue pienenee.",
              mitigation="Rantaraitti säilyy ja puistoon istutetaan uusi puurivi.",
              follow_up=fu("Rantaraitin ja istutusten toteutuminen", "Kaavoituspäällikkö", "2028-06-30")),
         cell("population", "housing", 1, "moderate", "long", note="Vuokra-asuntoja keskustaan."),
         cell("families_with_children", "housing", 1, "minimal", "long"), cell("families_with_children", "safety", 0, "minimal"),
         cell("population", "safety", 0, "minimal"), cell("population", "urban_structure", 1, "moderate", "long"),
         cell("population", "participation", 0, "minimal"), cell("young_people", "participation", -1, "minimal", note="Nuorten käyttämä skeittipaikka siirtyy."),
         cell("children", "culture_leisure", -1, "minimal"), cell("young_people", "culture_leisure", -1, "minimal"), cell("older_people", "culture_leisure", 0, "minimal"),
         cell("low_income", "livelihood", 0, "minimal"), cell("older_people", "livelihood", 0, "minimal"),
         cell("immigrants", "equality", 0, "minimal"), cell("people_with_disabilities", "equality", 0, "minimal"),
         cell("population", "climate", 0, "minimal"), cell("population", "natural_resources", 0, "minimal"),
         cell("population", "public_finances", 1, "minimal", "long")],
  plan="Kaavoituspäällikkö raportoi toteutuksesta.", answers={"participation_method": "public_event"})
d(id="PERUSTURVA-2026-053", date="2026-11-17", body="office_holder", body_name="Vanhuspalvelupäällikkö", sector="social_health",
  assessment="none", title="Palveluasumisen jonotuskäytännön muutos", facts={},
  yes=["changes_service_delivery"], zero=None, proposal="Palveluasumisen jono käsitellään kuukausittain hoitoisuuden mukaan",
  desc="Saapumisjärjestys korvataan hoidon tarpeen arvioinnilla.",
  cells=[cell("frail_older_people", "access_to_services", 1, "moderate", "medium", note="Kiireellisimmin hoivaa tarvitsevat pääsevät ensin."),
         cell("older_people", "access_to_services", -1, "minimal", "medium", note="Kevyemmin hoivaa tarvitsevien odotus pitenee."),
         cell("people_with_disabilities", "access_to_services", 0, "minimal"),
         cell("children", "culture_leisure", 0, "minimal"), cell("young_people", "culture_leisure", 0, "minimal"), cell("older_people", "culture_leisure", 0, "minimal")],
  plan="Vanhuspalvelupäällikkö seuraa jonotusaikoja.")
d(id="KULTLTK-2026-031", date="2026-11-24", body="committee", body_name="Kulttuuri- ja vapaa-aikalautakunta", sector="culture_leisure",
  assessment="light", title="Liikuntapaikkojen vuoromaksujen korotus 2027", facts={"annual_cost_change_eur": 26000},
  yes=["changes_client_fees"], zero="Maksut pysyvät ennallaan", proposal="Aikuisten vuoromaksut nousevat 15 %, lasten ja nuorten vuorot pysyvät maksuttomina",
  desc="Lasten ja nuorten vuorot säilyvät maksuttomina.",
  cells=[cell("low_income", "livelihood", -1, "minimal", "short"), cell("older_people", "livelihood", -1, "minimal", "short"),
         cell("families_with_children", "livelihood", 0, "minimal", "short", note="Lasten vuorot pysyvät maksuttomina."),
         cell("local_businesses", "businesses", 0, "minimal"),
         cell("population", "public_finances", 1, "minimal", "short", "strong")],
  plan="Liikuntapäällikkö seuraa vuorovarauksia.")
d(id="VALT-2026-052", date="2026-12-14", body="council", body_name="Kunnanvaltuusto", sector="central_administration",
  assessment="full", title="Talousarvio 2027 ja taloussuunnitelma 2027–2029", facts={"annual_cost_change_eur": -900000},
  yes=["affects_strategy", "affects_staff", "significant_resident_impact", "changes_client_fees"], zero="Menot jatkuvat vuoden 2026 tasolla",
  proposal="Talousarvio hyväksytään hallituksen esityksen mukaisena", desc="Valtuusto lisäsi nuorten työpajatoimintaan 40 000 euroa.",
  cells=[cell("municipal_staff", "staff_organisation", -1, "moderate", "medium"),
         cell("population", "public_finances", 2, "severe", "medium", "strong"),
         cell("low_income", "livelihood", -1, "minimal", "medium", mitigation="Maksualennukset toimeentulon perusteella.",
              follow_up=fu("Maksualennusten määrä ja kohdentuminen", "Talousjohtaja", "2027-09-30")),
         cell("older_people", "livelihood", -1, "minimal", "medium"), cell("families_with_children", "livelihood", 0, "minimal"),
         cell("young_people", "employment", 1, "minimal", "medium"),
         cell("immigrants", "equality", 0, "minimal"), cell("people_with_disabilities", "equality", 0, "minimal"),
         cell("population", "participation", 0, "minimal"), cell("young_people", "participation", 0, "minimal")],
  plan="Talousjohtaja raportoi osavuosikatsauksissa.", answers={"participation_method": "survey"})
d(id="YMPLTK-2026-024", date="2026-12-08", body="office_holder", body_name="Ympäristöpäällikkö", sector="environment",
  assessment="none", title="Maa-ainesluvan jatkaminen Soraharjun ottoalueelle", facts={},
  yes=["affects_environment"], zero="Lupaa ei jatketa", proposal="Lupaa jatketaan viidellä vuodella ehdoin",
  desc="Ehtona pölyntorjunta ja ajoaikojen rajaus klo 7–18.",
  cells=[cell("population", "nature", -1, "moderate", "medium", note="Harjun pohjavesialue on lähellä.",
              mitigation="Pohjaveden tarkkailu kahdesti vuodessa.",
              follow_up=fu("Pohjavesitarkkailun tulokset", "Ympäristötarkastaja", "2027-06-30")),
         cell("rural_residents", "health", -1, "minimal", "medium", note="Melu ja pöly lähimmissä taloissa."),
         cell("local_businesses", "businesses", 1, "minimal", "medium"),
         cell("population", "climate", 0, "minimal"), cell("population", "natural_resources", -1, "minimal", "long")],
  plan="Ympäristötarkastaja valvoo lupaehtoja.")
d(id="SIVLTK-2026-060", date="2026-12-15", body="committee", body_name="Sivistyslautakunta", sector="education",
  assessment="full", title="Koulukuljetusten hankinta 2027–2030", facts={"cost_eur": 1450000},
  yes=["large_procurement", "affects_children"], zero="Nykyiset sopimukset jatketaan optiovuodella",
  proposal="Kuljetukset kilpailutetaan neljäksi vuodeksi", desc="Hankintaan lisätään enimmäismatka-aika ja turvavyövaatimus.",
  cells=[cell("children", "mobility", 1, "minimal", "long", note="Enimmäismatka-aika kirjataan sopimukseen."),
         cell("children", "safety", 1, "minimal", "long"),
         cell("children_with_disabilities", "learning", 0, "minimal"),
         cell("local_businesses", "businesses", 0, "minimal", note="Hankinta jaetaan osiin pienyritysten osallistumiseksi."),
         cell("population", "public_finances", -1, "moderate", "long", "strong")],
  plan=None)
d(id="KH-2026-104", date="2026-12-21", body="board", body_name="Kunnanhallitus", sector="central_administration",
  assessment="none", title="Hallintosäännön muutos: viranhaltijoiden ratkaisuvalta hankinnoissa", facts={},
  yes=[], zero="Hallintosääntö pysyy ennallaan", proposal="Toimialajohtajien hankintaraja nostetaan 60 000 euroon",
  desc="Muutos nopeuttaa pienhankintoja.",
  cells=[], plan=None, reason="Sisäinen hallinnollinen muutos, joka ei vaikuta palveluihin.")
d(id="KULTLTK-2026-036", date="2026-12-17", body="office_holder", body_name="Kulttuurisihteeri", sector="culture_leisure",
  assessment="none", title="Kulttuuriavustukset 2027, ensimmäinen jako", facts={},
  yes=[], zero=None, proposal="Avustukset myönnetään 24 yhdistykselle", desc="Yhteensä 46 000 euroa.",
  cells=[], plan=None, reason="Avustukset jaetaan lautakunnan hyväksymien jakoperusteiden mukaisesti.")
d(id="TEKLTK-2026-058", date="2026-12-22", body="committee", body_name="Tekninen lautakunta", sector="technical",
  assessment="full", title="Jätehuollon aluekeräyspisteiden vähentäminen", facts={},
  yes=["changes_service_network", "affects_environment"], zero="Kaikki 46 aluekeräyspistettä säilyvät",
  proposal="Aluekeräyspisteitä vähennetään 28:aan", desc="Kiinteistökohtainen keräys laajenee taajamissa.",
  cells=[cell("rural_residents", "access_to_services", -1, "moderate", "long", note="Lähin keräyspiste voi olla 8 kilometrin päässä."),
         cell("older_people", "access_to_services", -1, "minimal", "long"),
         cell("people_with_disabilities", "access_to_services", -1, "minimal", "long"),
         cell("population", "climate", 0, "minimal"), cell("population", "nature", 0, "minimal"), cell("population", "natural_resources", 1, "minimal", "long"),
         cell("population", "urban_structure", 0, "minimal"),
         cell("population", "public_finances", 1, "minimal", "long")],
  plan="Jätehuoltoinsinööri seuraa palautetta ja roskaamisilmoituksia.")
d(id="SIVLTK-2025-088", date="2025-12-16", body="committee", body_name="Sivistyslautakunta", sector="education",
  assessment="none", title="Lukion opetussuunnitelman paikallinen osa", facts={},
  yes=[], zero="Nykyinen opetussuunnitelma jatkuu", proposal="Opetussuunnitelman paikallinen osa hyväksytään",
  desc="Edellisen vuoden päätös, joka kuuluu vuoden 2025 kertomukseen.",
  cells=[], plan=None, reason="Opetussuunnitelma panee täytäntöön valtakunnalliset perusteet.")


def alternative(spec):
    yes = set(spec["yes"])
    answers = {q: ("yes" if q in yes else "no") for q in SCREENING}
    answers.update(spec.get("answers", {}))
    if spec.get("plan"):
        answers["follow_up_plan"] = spec["plan"]
    if spec.get("reason"):
        answers["no_assessment_reason"] = spec["reason"]
    if yes and spec.get("plan"):
        answers["cumulative_effects"] = "Arvioitu yhdessä saman talousarviovuoden muiden päätösten kanssa."
    return {"id": "proposal", "kind": "proposal", "title": spec["proposal"], "description": spec["desc"],
            "answers": answers, "impacts": spec["cells"]}


def zero(spec):
    answers = {q: "no" for q in SCREENING}
    answers["no_assessment_reason"] = "Nykytila jatkuu; muutosta ei tehdä."
    return {"id": "zero", "kind": "zero", "title": spec["zero"], "answers": answers,
            "impacts": [cell("population", "public_finances", 0, "minimal", "short")]}


def decision(spec):
    alts = ([zero(spec)] if spec["zero"] else []) + [alternative(spec)]
    return {
        "id": spec["id"], "title": spec["title"], "language": "fi", "organisation": "municipality", "bilingual": False,
        "decided": {"date": spec["date"], "body": spec["body"], "body_name": spec["body_name"],
                    "sector": spec["sector"], "assessment": spec["assessment"]},
        "facts": spec["facts"], "alternatives": alts,
    }


def main():
    out = Path(__file__).parent / "decisions"
    out.mkdir(exist_ok=True)
    for spec in D:
        # JSON is YAML too; written as JSON so no YAML library is needed.
        text = json.dumps(decision(spec), ensure_ascii=False, indent=2) + "\n"
        (out / f"decision-{spec['id']}.json").write_text(text, encoding="utf-8")
    print(f"wrote {len(D)} decisions to {out}")


if __name__ == "__main__":
    main()
