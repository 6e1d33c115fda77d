"""The Polish words of the demo data: towns, workshops, day logs, notes, goals, plans.

Demo data is data, not user interface: these texts are what a Polish facility would have
typed, so they are not translated. ``[m|f]`` marks the masculine and feminine forms of a
word that agrees with the participant's sex (``gendered`` picks one).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reintegra.db.enums import EmploymentStatus, ExitReason, NoteCategory, Programme, SkillGroup, WorkshopKind

_MARKER = re.compile(r"\[([^|\]]*)\|([^\]]*)\]")


def gendered(text: str, female: bool) -> str:
    return _MARKER.sub(lambda match: match.group(2 if female else 1), text)


class Town(NamedTuple):
    name: str
    locative: str  # "w Łowiczu"
    postal_code: str
    area_code: str
    villages: tuple[tuple[str, str], ...]  # nearby places with their postal codes


TOWNS = (
    Town("Łowicz", "Łowiczu", "99-400", "46", (
        ("Nieborów", "99-416"), ("Zduny", "99-440"), ("Bielawy", "99-420"), ("Domaniewice", "99-434"),
        ("Kocierzew Południowy", "99-414"))),
    Town("Sieradz", "Sieradzu", "98-200", "43", (
        ("Brzeźnio", "98-275"), ("Wróblew", "98-285"), ("Złoczew", "98-270"), ("Błaszki", "98-235"),
        ("Warta", "98-290"))),
    Town("Mielec", "Mielcu", "39-300", "17", (
        ("Przecław", "39-320"), ("Radomyśl Wielki", "39-310"), ("Borowa", "39-305"), ("Czermin", "39-304"),
        ("Tuszów Narodowy", "39-332"))),
    Town("Ostrołęka", "Ostrołęce", "07-410", "29", (
        ("Rzekuń", "07-411"), ("Olszewo-Borki", "07-415"), ("Myszyniec", "07-430"), ("Kadzidło", "07-420"),
        ("Goworowo", "07-440"))),
    Town("Nowy Targ", "Nowym Targu", "34-400", "18", (
        ("Szaflary", "34-424"), ("Ludźmierz", "34-451"), ("Czarny Dunajec", "34-470"), ("Rabka-Zdrój", "34-700"),
        ("Waksmund", "34-431"))),
    Town("Kętrzyn", "Kętrzynie", "11-400", "89", (
        ("Korsze", "11-430"), ("Reszel", "11-440"), ("Srokowo", "11-420"), ("Barciany", "11-410"),
        ("Karolewo", "11-400"))),
)

FACILITY_NAMES = {
    Programme.WTZ: ("Warsztat Terapii Zajęciowej „{name}” w {town}",
                    ("Promyk", "Tęcza", "Nadzieja", "Przystań", "Słoneczko", "Razem")),
    Programme.CIS: ("Centrum Integracji Społecznej „{name}” w {town}",
                    ("Szansa", "Nowy Start", "Horyzont", "Most", "Krok dalej", "Przystań")),
}
FACILITY_MAIL = {Programme.WTZ: "wtz", Programme.CIS: "cis"}
MAIL_DOMAINS = ("wp.pl", "o2.pl", "interia.pl", "gmail.com", "onet.pl")

# Referrals and who sends them, "{town}" being the locative of the facility's town.
REFERRAL_INSTITUTIONS = {
    "pcpr": "Powiatowe Centrum Pomocy Rodzinie w {town}",
    "ops": "Miejski Ośrodek Pomocy Społecznej w {town}",
    "pup": "Powiatowy Urząd Pracy w {town}",
    "other": "Poradnia Zdrowia Psychicznego w {town}",
    "self": "",
}


class WorkshopText(NamedTuple):
    wtz_name: str
    cis_name: str
    description: str
    activities: tuple[str, ...]


WORKSHOPS = {
    WorkshopKind.GASTRONOMY: WorkshopText(
        "Pracownia gastronomiczna", "Warsztat gastronomiczny",
        "Przygotowywanie posiłków, nakrywanie do stołu, zasady higieny w kuchni.", (
            "Przygotowanie sałatki jarzynowej i kanapek na drugie śniadanie.",
            "Pieczenie drożdżowego ciasta ze śliwkami.",
            "Gotowanie zupy pomidorowej dla całej grupy.",
            "Nauka bezpiecznego posługiwania się nożem i obieraczką.",
            "Nakrywanie do stołu i zasady zachowania przy wspólnym posiłku.",
            "Planowanie jadłospisu na przyszły tydzień i lista zakupów.",
            "Zakupy w pobliskim sklepie – porównywanie cen i liczenie reszty.",
            "Mycie naczyń i porządkowanie kuchni według grafiku dyżurów.",
            "Lepienie pierogów ruskich.",
            "Wypiek pierników na kiermasz.",
            "Zasady higieny w kuchni: mycie rąk, przechowywanie żywności.",
            "Przygotowanie kompotu i koktajli owocowych.",
        )),
    WorkshopKind.TAILORING: WorkshopText(
        "Pracownia krawiecka", "Warsztat krawiecki",
        "Szycie ręczne i maszynowe, drobne naprawy odzieży, haft i tkactwo.", (
            "Szycie poszewek na poduszki na maszynie do szycia.",
            "Nauka przyszywania guzików i cerowania.",
            "Wykonanie toreb z materiałów z odzysku.",
            "Haft krzyżykowy – dalsza praca nad serwetami świątecznymi.",
            "Skracanie spodni i drobne naprawy odzieży.",
            "Krojenie i szycie fartuchów dla pracowni gastronomicznej.",
            "Nawlekanie nici i obsługa maszyny do szycia – ćwiczenia.",
            "Szycie maskotek z filcu na kiermasz.",
            "Prasowanie i składanie uszytych rzeczy.",
            "Tkanie prostych chodniczków na krosnach.",
        )),
    WorkshopKind.FLORISTRY: WorkshopText(
        "Pracownia florystyczna", "Warsztat florystyczny",
        "Kompozycje z kwiatów żywych i suszonych, stroiki okolicznościowe, pielęgnacja roślin.", (
            "Wykonanie stroików z gałązek świerku i szyszek.",
            "Kompozycje z kwiatów suszonych w koszykach.",
            "Przesadzanie roślin doniczkowych i podlewanie.",
            "Wykonanie kartek okolicznościowych z prasowanych kwiatów.",
            "Bukiety z kwiatów sezonowych na stoły w placówce.",
            "Wianki z ziół i polnych kwiatów.",
            "Dekoracje wielkanocne: pisanki i palmy.",
            "Pielęgnacja kwiatów na rabatach przed budynkiem.",
            "Ozdoby choinkowe z naturalnych materiałów.",
            "Przygotowanie wystawy prac na kiermasz.",
        )),
    WorkshopKind.CLEANING_CONSTRUCTION: WorkshopText(
        "Pracownia porządkowo-budowlana", "Warsztat porządkowo-budowlany",
        "Prace porządkowe, drobne naprawy, malowanie, obsługa prostych elektronarzędzi.", (
            "Malowanie ścian w korytarzu – przygotowanie powierzchni i gruntowanie.",
            "Sprzątanie terenu wokół budynku i grabienie liści.",
            "Drobne naprawy mebli w świetlicy.",
            "Nauka bezpiecznej obsługi wiertarki i wkrętarki.",
            "Mycie okien i pielęgnacja podłóg.",
            "Odśnieżanie chodników i posypywanie ich piaskiem.",
            "Wymiana uszczelek w kranach pod nadzorem instruktora.",
            "Porządkowanie magazynku narzędzi i spis wyposażenia.",
            "Szpachlowanie i szlifowanie ścian w sali zajęć.",
            "Zasady BHP przy pracach porządkowych i używaniu środków czystości.",
        )),
    WorkshopKind.GARDENING: WorkshopText(
        "Pracownia ogrodnicza", "Warsztat ogrodniczy",
        "Uprawa warzyw i ziół, pielęgnacja zieleni wokół budynku, prace sezonowe w ogrodzie.", (
            "Wysiew warzyw do inspektu i podlewanie rozsady.",
            "Pielenie grządek i ściółkowanie.",
            "Zbiór pomidorów i ogórków, przygotowanie przetworów.",
            "Koszenie trawnika i przycinanie żywopłotu.",
            "Sadzenie cebulek tulipanów.",
            "Pielęgnacja ziół i suszenie mięty.",
            "Zakładanie kompostownika.",
            "Zabezpieczanie roślin przed zimą.",
            "Grabienie liści i porządkowanie ogrodu.",
            "Pielęgnacja roślin doniczkowych w pracowni.",
            "Planowanie nasadzeń na wiosnę i przegląd nasion.",
            "Konserwacja narzędzi ogrodniczych.",
        )),
    WorkshopKind.CARPENTRY: WorkshopText(
        "Pracownia stolarska", "Warsztat stolarski",
        "Obróbka drewna, proste meble i zabawki, renowacja.", (
            "Szlifowanie i lakierowanie drewnianych skrzynek.",
            "Wykonanie karmników dla ptaków.",
            "Nauka mierzenia i cięcia desek piłą ręczną.",
            "Renowacja starego krzesła.",
            "Wypalanie wzorów w drewnie.",
            "Składanie półek na książki.",
            "Konserwacja narzędzi i porządek w pracowni.",
        )),
    WorkshopKind.ARTS_CRAFTS: WorkshopText(
        "Pracownia plastyczna", "Warsztat rękodzieła",
        "Malarstwo, decoupage, ceramika, rękodzieło artystyczne.", (
            "Malowanie farbami akrylowymi na płótnie.",
            "Decoupage na drewnianych pudełkach.",
            "Lepienie z gliny i szkliwienie.",
            "Przygotowanie dekoracji na festyn.",
            "Mozaika z kolorowego papieru.",
            "Rysunek martwej natury węglem.",
        )),
    WorkshopKind.HOUSEHOLD: WorkshopText(
        "Pracownia gospodarstwa domowego", "Warsztat gospodarczy",
        "Pranie, prasowanie, planowanie zakupów i gospodarowanie budżetem domowym.", (
            "Pranie ręczne i w pralce – sortowanie odzieży.",
            "Prasowanie koszul i składanie ubrań.",
            "Planowanie budżetu domowego na tydzień.",
            "Sprzątanie pokoju i słanie łóżka.",
            "Zakupy spożywcze według listy.",
            "Przygotowanie prostego śniadania.",
        )),
    WorkshopKind.COMPUTER: WorkshopText(
        "Pracownia komputerowa", "Warsztat komputerowy",
        "Obsługa komputera, edytor tekstu, bezpieczne korzystanie z internetu.", (
            "Pisanie i formatowanie listu w edytorze tekstu.",
            "Bezpieczne korzystanie z poczty elektronicznej.",
            "Wyszukiwanie rozkładu jazdy autobusów w internecie.",
            "Przygotowanie zaproszeń na imprezę integracyjną.",
            "Ćwiczenia z obsługi myszy i klawiatury.",
            "Zakładanie profilu zaufanego – pokaz krok po kroku.",
        )),
}
# The four of the issue first, then the others in the order a growing facility adds them.
WORKSHOP_ORDER = (
    WorkshopKind.GASTRONOMY, WorkshopKind.TAILORING, WorkshopKind.FLORISTRY, WorkshopKind.CLEANING_CONSTRUCTION,
    WorkshopKind.GARDENING,
)
EXTRA_WORKSHOPS = (WorkshopKind.CARPENTRY, WorkshopKind.ARTS_CRAFTS, WorkshopKind.HOUSEHOLD, WorkshopKind.COMPUTER)

COMMON_ACTIVITIES = {
    Programme.WTZ: (
        "Trening umiejętności społecznych – rozmowa o emocjach.",
        "Zajęcia ruchowe na świeżym powietrzu.",
        "Wspólne śniadanie i rozmowa o planie dnia.",
        "Spacer do parku miejskiego.",
        "Przygotowania do kiermaszu świątecznego.",
        "Zajęcia grupowe z psychologiem.",
        "Wyjście do biblioteki miejskiej.",
        "Trening orientacji w mieście – przejazd autobusem.",
        "Rehabilitacja ruchowa – ćwiczenia usprawniające.",
        "Trening ekonomiczny – rozliczenie kieszonkowego.",
    ),
    Programme.CIS: (
        "Zajęcia z doradcą zawodowym – przygotowanie CV.",
        "Grupa wsparcia z psychologiem.",
        "Szkolenie BHP dla nowych uczestników.",
        "Zajęcia z prawa pracy – rodzaje umów.",
        "Trening umiejętności społecznych – komunikacja w pracy.",
        "Rozmowy indywidualne z pracownikiem socjalnym.",
        "Spotkanie z pracodawcą z lokalnej firmy.",
    ),
}

_WINTER, _SPRING, _SUMMER, _AUTUMN = frozenset({12, 1, 2}), frozenset({3, 4, 5}), frozenset({6, 7, 8}), \
    frozenset({9, 10, 11})
_OUTDOORS = frozenset(range(4, 11))
# Activities that belong to some months only (the others go all year round).
SEASONS = {
    "Wypiek pierników na kiermasz.": frozenset({11, 12}),
    "Przygotowanie kompotu i koktajli owocowych.": _SUMMER | {9},
    "Haft krzyżykowy – dalsza praca nad serwetami świątecznymi.": frozenset({10, 11, 12, 2, 3}),
    "Wykonanie stroików z gałązek świerku i szyszek.": frozenset({11, 12}),
    "Ozdoby choinkowe z naturalnych materiałów.": frozenset({11, 12}),
    "Wianki z ziół i polnych kwiatów.": _SUMMER,
    "Dekoracje wielkanocne: pisanki i palmy.": frozenset({3, 4}),
    "Pielęgnacja kwiatów na rabatach przed budynkiem.": frozenset(range(5, 10)),
    "Bukiety z kwiatów sezonowych na stoły w placówce.": frozenset(range(5, 10)),
    "Sprzątanie terenu wokół budynku i grabienie liści.": frozenset({10, 11}),
    "Odśnieżanie chodników i posypywanie ich piaskiem.": _WINTER,
    "Wysiew warzyw do inspektu i podlewanie rozsady.": frozenset({3, 4}),
    "Pielenie grządek i ściółkowanie.": frozenset(range(5, 9)),
    "Zbiór pomidorów i ogórków, przygotowanie przetworów.": frozenset({7, 8, 9}),
    "Koszenie trawnika i przycinanie żywopłotu.": frozenset(range(5, 10)),
    "Sadzenie cebulek tulipanów.": frozenset({9, 10}),
    "Pielęgnacja ziół i suszenie mięty.": _SUMMER,
    "Zakładanie kompostownika.": _SPRING | {9, 10},
    "Zabezpieczanie roślin przed zimą.": frozenset({10, 11}),
    "Grabienie liści i porządkowanie ogrodu.": frozenset({10, 11}),
    "Pielęgnacja roślin doniczkowych w pracowni.": _WINTER | {3, 11},
    "Planowanie nasadzeń na wiosnę i przegląd nasion.": _WINTER | {3},
    "Wykonanie karmników dla ptaków.": _WINTER | {10, 11},
    "Przygotowanie dekoracji na festyn.": frozenset({5, 6}),
    "Przygotowania do kiermaszu świątecznego.": frozenset({11, 12}),
    "Zajęcia ruchowe na świeżym powietrzu.": _OUTDOORS,
    "Spacer do parku miejskiego.": _OUTDOORS,
}


def in_season(activity: str, month: int) -> bool:
    return month in SEASONS.get(activity, range(1, 13))


ROTATION_NOTE = {
    Programme.WTZ: "Zmiana pracowni zgodnie z IPR.",
    Programme.CIS: "Zmiana warsztatu na wniosek uczestnika.",
}
DAY_OFF_REMARK = "dzień wolny ustalony przez kierownika"
EXCUSED_REMARKS = ("wizyta u lekarza", "sprawy urzędowe", "badania kontrolne", "opieka nad członkiem rodziny",
                   "usprawiedliwienie od opiekuna")
SICK_REMARK = "zwolnienie lekarskie"
UNEXCUSED_REMARK = "brak kontaktu"

NOTE_WEIGHTS = {
    NoteCategory.VOCATIONAL: 34, NoteCategory.SOCIAL: 24, NoteCategory.SELF_CARE: 14,
    NoteCategory.COMMUNICATION: 10, NoteCategory.HEALTH: 8, NoteCategory.BEHAVIOUR: 7, NoteCategory.OTHER: 3,
}

NOTES = {
    Programme.WTZ: {
        NoteCategory.SOCIAL: (
            "Chętnie włącza się w prace grupowe, pomaga innym uczestnikom.",
            "Podczas wyjścia do kina [zachowywał|zachowywała] się stosownie do sytuacji, samodzielnie "
            "[kupił|kupiła] bilet.",
            "Coraz śmielej nawiązuje kontakty z nowymi osobami w grupie.",
            "[Wycofany|Wycofana] w kontaktach z grupą; zaplanowano dodatkowe zajęcia z psychologiem.",
            "[Aktywnie uczestniczył|Aktywnie uczestniczyła] w przygotowaniach do festynu integracyjnego.",
            "Potrafi poprosić o pomoc i podziękować; utrwalamy zwroty grzecznościowe.",
        ),
        NoteCategory.VOCATIONAL: (
            "Samodzielnie [wykonał|wykonała] powierzone zadanie od początku do końca, z niewielką pomocą "
            "przy planowaniu.",
            "Pracuje starannie, ale wolno; potrzebuje przypomnień o kolejnych etapach pracy.",
            "Przestrzega zasad BHP, dba o porządek na stanowisku pracy.",
            "[Nauczył|Nauczyła] się obsługi nowego urządzenia w pracowni.",
            "Czas skupienia na zadaniu wydłużył się do około 30 minut.",
            "Wymaga stałego nadzoru przy pracy z ostrymi narzędziami.",
            "Chętnie podejmuje nowe zadania; warto rozważyć praktyki u pracodawcy.",
        ),
        NoteCategory.SELF_CARE: (
            "Dba o higienę osobistą, czasem wymaga przypomnienia o zmianie odzieży.",
            "Samodzielnie [przygotował|przygotowała] drugie śniadanie.",
            "Ćwiczy samodzielny dojazd do warsztatu autobusem – na razie z asystentem.",
            "[Zrobił|Zrobiła] samodzielnie zakupy według listy i poprawnie [przeliczył|przeliczyła] resztę.",
            "Rozsądnie gospodaruje kieszonkowym z treningu ekonomicznego.",
        ),
        NoteCategory.COMMUNICATION: (
            "Komunikuje potrzeby krótkimi zdaniami; korzysta z piktogramów.",
            "[Opowiedział|Opowiedziała] grupie o swoim weekendzie, mówiąc wyraźnie i na temat.",
            "Rozumie polecenia dwuetapowe.",
            "Coraz lepiej słucha innych i czeka na swoją kolej w rozmowie.",
        ),
        NoteCategory.HEALTH: (
            "[Zgłaszał|Zgłaszała] bóle głowy; opiekun poinformowany, zalecono konsultację lekarską.",
            "Po powrocie ze zwolnienia lekarskiego szybciej się męczy; ograniczono zadania wymagające wysiłku.",
            "Przyjmuje leki zgodnie z zaleceniami; bez niepokojących objawów.",
            "Uczestniczy w rehabilitacji ruchowej; poprawa sprawności dłoni.",
        ),
        NoteCategory.BEHAVIOUR: (
            "Konflikt z innym uczestnikiem; po rozmowie z instruktorem [przeprosił|przeprosiła].",
            "Lepiej radzi sobie z frustracją – przy trudnościach prosi o przerwę.",
            "Kilka spóźnień; ustalono z opiekunem wcześniejsze wyjście z domu.",
        ),
        NoteCategory.OTHER: (
            "Rozmowa z opiekunem o postępach i planach na kolejne miesiące.",
            "[Uczestniczył|Uczestniczyła] w wycieczce integracyjnej.",
        ),
    },
    Programme.CIS: {
        NoteCategory.SOCIAL: (
            "Dobrze współpracuje w zespole, chętnie pomaga nowym uczestnikom.",
            "Uczestniczy w grupie wsparcia; [otwarty|otwarta] na rozmowę o swoich trudnościach.",
            "Z pracownikiem socjalnym [złożył|złożyła] wniosek o lokal socjalny.",
            "Odbudowuje kontakty z rodziną; [odwiedził|odwiedziła] dzieci po dłuższej przerwie.",
        ),
        NoteCategory.VOCATIONAL: (
            "Punktualnie przychodzi na zajęcia; dobrze wywiązuje się z obowiązków w warsztacie.",
            "[Odbył|Odbyła] rozmowę kwalifikacyjną u pracodawcy; czeka na decyzję.",
            "[Przygotował|Przygotowała] CV i list motywacyjny z doradcą zawodowym.",
            "[Ukończył|Ukończyła] szkolenie BHP i instruktaż stanowiskowy.",
            "[Zainteresowany|Zainteresowana] pracą w spółdzielni socjalnej; umówiono spotkanie informacyjne.",
            "Dobrze radzi sobie z samodzielną pracą; może prowadzić proste zlecenia zewnętrzne.",
        ),
        NoteCategory.SELF_CARE: (
            "[Założył|Założyła] konto w banku i samodzielnie gospodaruje świadczeniem integracyjnym.",
            "Dba o schludny wygląd i odpowiedni strój do pracy.",
        ),
        NoteCategory.COMMUNICATION: (
            "Lepiej radzi sobie w urzędach; samodzielnie [załatwił|załatwiła] sprawę w PUP.",
            "Potrafi spokojnie przedstawić swoje zdanie w sytuacji spornej.",
        ),
        NoteCategory.HEALTH: (
            "Utrzymuje abstynencję; regularnie uczestniczy w terapii uzależnień.",
            "Na zwolnieniu lekarskim; kontakt telefoniczny utrzymany.",
        ),
        NoteCategory.BEHAVIOUR: (
            "Nieusprawiedliwione nieobecności; rozmowa dyscyplinująca i przypomnienie regulaminu.",
            "Poprawa punktualności po rozmowie z kierownikiem.",
        ),
        NoteCategory.OTHER: (
            "Konsultacja z prawnikiem w sprawie zadłużenia.",
        ),
    },
}

GOALS = {
    Programme.WTZ: {
        SkillGroup.SELF_RELIANCE: (
            "Samodzielne przygotowanie prostego posiłku.",
            "Samodzielny dojazd do warsztatu komunikacją publiczną.",
            "Samodzielne zakupy według listy i liczenie reszty.",
            "Dbanie o higienę osobistą bez przypominania.",
            "Gospodarowanie kieszonkowym z treningu ekonomicznego.",
            "Utrzymanie porządku w swojej szafce i na stanowisku pracy.",
        ),
        SkillGroup.SOCIAL: (
            "Nawiązywanie kontaktów z innymi uczestnikami i współpraca w grupie.",
            "Radzenie sobie ze złością i frustracją bez konfliktów.",
            "Właściwe zachowanie w miejscach publicznych podczas wyjść integracyjnych.",
            "Zwracanie się o pomoc w sposób akceptowany społecznie.",
            "Wyrażanie swoich potrzeb i opinii na forum grupy.",
        ),
        SkillGroup.VOCATIONAL: (
            "Wykonywanie zadań w pracowni przez co najmniej 45 minut bez przerwy.",
            "Przestrzeganie zasad BHP przy pracy z narzędziami.",
            "Opanowanie obsługi podstawowych urządzeń w pracowni.",
            "Punktualne rozpoczynanie zajęć.",
            "Przygotowanie do praktyk u pracodawcy.",
            "Przygotowanie do podjęcia pracy w zakładzie aktywności zawodowej.",
        ),
    },
    Programme.CIS: {
        SkillGroup.SELF_RELIANCE: (
            "Uregulowanie sytuacji mieszkaniowej.",
            "Utrzymanie abstynencji.",
            "Spłata zadłużenia zgodnie z ustalonym harmonogramem.",
            "Samodzielne załatwianie spraw urzędowych.",
        ),
        SkillGroup.SOCIAL: (
            "Regularny udział w grupie wsparcia.",
            "Odbudowa kontaktów z rodziną.",
            "Poprawa komunikacji w zespole.",
        ),
        SkillGroup.VOCATIONAL: (
            "Uzyskanie uprawnień do obsługi wózków jezdniowych.",
            "Ukończenie kursu pomocnika kucharza.",
            "Przygotowanie CV i udział w co najmniej trzech rozmowach kwalifikacyjnych.",
            "Podjęcie zatrudnienia na otwartym rynku pracy.",
            "Przystąpienie do spółdzielni socjalnej.",
            "Regularne i punktualne uczestnictwo w zajęciach (co najmniej 90% obecności).",
        ),
    },
}


class PlanText(NamedTuple):
    forms_and_scope: str
    methods: str
    family_cooperation: str
    planned_results: str
    activities: str
    responsible: str


PLANS = {
    Programme.WTZ: PlanText(
        "Terapia zajęciowa – {workshop}; trening umiejętności społecznych; trening samoobsługi i zaradności "
        "życiowej; rehabilitacja ruchowa; wsparcie psychologiczne.",
        "Instruktaż słowny i pokaz, ćwiczenia praktyczne, metoda małych kroków, praca w grupie, "
        "wzmocnienia pozytywne.",
        "Spotkania z rodziną lub opiekunem co najmniej raz na kwartał; bieżący kontakt telefoniczny; "
        "udział rodziny w imprezach integracyjnych.",
        "Większa samodzielność w czynnościach dnia codziennego, lepsze funkcjonowanie w grupie, "
        "rozwój umiejętności zawodowych.",
        "Zajęcia w pracowni 5 dni w tygodniu po {hours} godzin; trening ekonomiczny; wyjścia integracyjne "
        "raz w miesiącu.",
        "Instruktor terapii zajęciowej: {instructor}; psycholog; rehabilitant; kierownik: {director}.",
    ),
    Programme.CIS: PlanText(
        "Reintegracja zawodowa – {workshop}; reintegracja społeczna: grupa wsparcia, doradztwo zawodowe, "
        "konsultacje psychologiczne i prawne.",
        "Zajęcia praktyczne w warsztacie, szkolenia zawodowe, konsultacje indywidualne, grupa wsparcia.",
        "",
        "Przygotowanie do podjęcia zatrudnienia i samodzielnego funkcjonowania na rynku pracy.",
        "Zajęcia w centrum 5 dni w tygodniu po {hours} godzin; szkolenie zawodowe; pośrednictwo pracy.",
        "Instruktor zawodu: {instructor}; doradca zawodowy; pracownik socjalny; kierownik: {director}.",
    ),
}

REVIEW_CONCLUSIONS = (
    "[Uczestnik|Uczestniczka] realizuje program zgodnie z planem; widoczne postępy w samodzielności.",
    "Postępy nierówne; część celów wymaga dalszej pracy w kolejnym okresie.",
    "Cele zawodowe realizowane bardzo dobrze; trudności w kontaktach z grupą.",
    "Stabilne funkcjonowanie; utrzymać dotychczasowe formy wsparcia.",
)
COUNCIL_CONCLUSION = "Kompleksowa ocena realizacji programu przez radę programową."
COUNCIL_DECISIONS = (
    "Kontynuacja uczestnictwa w terapii zajęciowej.",
    "Kontynuacja terapii; rozpocząć przygotowanie do pracy w zakładzie aktywności zawodowej.",
    "Kontynuacja terapii ze zmianą pracowni.",
)
ASSESSMENT_COMMENTS = (
    "", "", "Stabilne postępy; utrzymać obecne formy wsparcia.", "Wyraźna poprawa w obszarze zawodowym.",
    "Spadek motywacji po dłuższej nieobecności.", "Potrzebne wsparcie w kontaktach z grupą.",
)

# The facility's own assessment scale, grouped as the WTZ annual report asks.
SKILL_AREAS = (
    ("Samoobsługa i higiena osobista", SkillGroup.SELF_RELIANCE),
    ("Gospodarowanie pieniędzmi", SkillGroup.SELF_RELIANCE),
    ("Poruszanie się w przestrzeni publicznej", SkillGroup.SELF_RELIANCE),
    ("Komunikacja", SkillGroup.SOCIAL),
    ("Współpraca w grupie", SkillGroup.SOCIAL),
    ("Radzenie sobie z emocjami", SkillGroup.SOCIAL),
    ("Przestrzeganie zasad BHP", SkillGroup.VOCATIONAL),
    ("Staranność i jakość pracy", SkillGroup.VOCATIONAL),
    ("Samodzielność w wykonywaniu zadań", SkillGroup.VOCATIONAL),
    ("Punktualność i obowiązkowość", SkillGroup.VOCATIONAL),
)
SKILL_LEVELS = ["wymaga pełnej pomocy", "wymaga znacznej pomocy", "wymaga częściowej pomocy",
                "wymaga nadzoru", "samodzielnie"]

# Where a leaver went, by reason; "{town}" is the facility town's locative.
EXIT_DESTINATIONS = {
    ExitReason.SOCIAL_COOPERATIVE: ("Spółdzielnia Socjalna „Razem” w {town}", "Spółdzielnia Socjalna „Pod Lipą”"),
    ExitReason.ZAZ: ("Zakład Aktywności Zawodowej w {town}",),
    ExitReason.TRAINING: ("Kurs zawodowy w Centrum Kształcenia Zawodowego w {town}",
                          "Branżowa szkoła I stopnia w {town}"),
    ExitReason.HEALTH: ("Leczenie szpitalne", "Dom Pomocy Społecznej"),
    ExitReason.MOVED: ("Przeprowadzka do rodziny w innym województwie", "Wyjazd za granicę"),
    ExitReason.OTHER: {
        Programme.WTZ: ("Środowiskowy Dom Samopomocy w {town}", "Opieka domowa"),
        Programme.CIS: ("Ukończenie programu bez zatrudnienia", "Rejestracja w PUP jako osoba bezrobotna"),
    },
}
EXIT_NOTES = {
    ExitReason.EMPLOYMENT: "Podjęcie zatrudnienia.",
    ExitReason.SOCIAL_COOPERATIVE: "Przyjęcie w poczet członków spółdzielni socjalnej.",
    ExitReason.ZAZ: "Zatrudnienie w zakładzie aktywności zawodowej.",
    ExitReason.TRAINING: "Kontynuacja nauki.",
    ExitReason.HEALTH: "Stan zdrowia nie pozwala na dalsze uczestnictwo.",
    ExitReason.MOVED: "Zmiana miejsca zamieszkania.",
    ExitReason.DROPPED_OUT: "Rezygnacja na własną prośbę.",
    ExitReason.REMOVED: "Skreślenie z listy z powodu nieusprawiedliwionych nieobecności.",
    ExitReason.DEATH: "Zgon.",
    ExitReason.OTHER: "Zakończenie uczestnictwa.",
}

FOLLOW_UP_NOTES = {
    "participant": "Rozmowa telefoniczna z [uczestnikiem|uczestniczką].",
    "guardian": "Rozmowa telefoniczna z opiekunem.",
    "visit": "Spotkanie w placówce.",
    EmploymentStatus.NO_CONTACT: "Brak kontaktu mimo trzech prób telefonicznych.",
}
