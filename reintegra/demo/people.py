"""The demo's people: Polish names (Faker pl_PL), valid PESELs, contacts, certificates, eligibility."""

from __future__ import annotations

import functools
import random
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from reintegra.db.enums import DisabilityDegree, EligibilityGroup, ExitReason, Programme, Referral, Sex, TrialDecision
from reintegra.services.dates import add_months
from reintegra.demo.texts import MAIL_DOMAINS, REFERRAL_INSTITUTIONS, Town
from reintegra.demo.timeline import Stay

_PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
_PESEL_MONTH_OFFSET = {1800: 80, 1900: 0, 2000: 20, 2100: 40, 2200: 60}
_CAUSE_WEIGHTS = {"01-U": 50, "02-P": 20, "10-N": 8, "05-R": 7, "12-C": 4, "06-E": 4, "03-L": 3, "04-O": 2,
                  "11-I": 2}
_CIS_GROUPS = {
    EligibilityGroup.LONG_TERM_UNEMPLOYED: 60, EligibilityGroup.ALCOHOL: 20, EligibilityGroup.HOMELESS: 10,
    EligibilityGroup.DISABLED: 10, EligibilityGroup.FORMER_PRISONER: 8, EligibilityGroup.MENTAL_ILLNESS: 7,
    EligibilityGroup.DRUGS: 5, EligibilityGroup.REFUGEE: 2,
}
_REFERRALS = {
    Programme.WTZ: {Referral.PCPR: 80, Referral.OPS: 8, Referral.SELF: 9, Referral.OTHER: 3},
    Programme.CIS: {Referral.OPS: 50, Referral.PUP: 30, Referral.SELF: 15, Referral.OTHER: 5},
}
_ASCII = str.maketrans({"ł": "l", "Ł": "L"})


@dataclass
class Person:
    """What the later records need to know about a participant."""

    id: int
    first_name: str
    last_name: str
    female: bool
    stay: Stay | None  # None: an applicant on the waiting list


def ascii_name(text: str) -> str:
    """'Łucja Żak' → 'Lucja Zak', for user names and e-mail addresses."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def feminine_surname(surname: str) -> str:
    """The feminine form of a family name: Kowalski → Kowalska; Nowak stays Nowak."""
    for male, female in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if surname.endswith(male):
            return surname[: -len(male)] + female
    return surname


@functools.cache
def _family_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Faker pl_PL's family names in their masculine form: its 200 commonest (the -ski, -cki and
    -dzki ones among them) and, from the long list it calls unisex, those that truly are — the ones
    ending in a consonant or -o. The rest of that list mixes adjectival names of both forms
    (Wesoły and Wesoła, Ważny and Ważna) and nouns in -a, which could not be told apart."""
    from faker.providers.person.pl_PL import Provider

    common = tuple(Provider.male_last_names)
    rare = tuple(name for name in Provider.unisex_last_names if not name.endswith(("a", "y", "i")))
    return common, rare


def family_name(rng: random.Random) -> str:
    """A family name in its masculine form (``feminine_surname`` gives a woman's): about a third of
    Poles have a -ski, -cki or -dzki name, as about half of the commonest names are."""
    common, rare = _family_names()
    return rng.choice(common if rng.random() < 0.55 else rare)


def make_pesel(birth: date, female: bool, serial: int) -> str:
    """A valid PESEL: birth date with the century in the month, serial, sex digit, check digit."""
    month = birth.month + _PESEL_MONTH_OFFSET[birth.year // 100 * 100]
    sex_digit = (serial % 5) * 2 + (0 if female else 1)
    digits = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial // 5 % 1000:03d}{sex_digit}"
    check = (10 - sum(int(d) * w for d, w in zip(digits, _PESEL_WEIGHTS)) % 10) % 10
    return digits + str(check)


class PeopleMaker:
    """Makes participant rows, one at a time, never repeating a PESEL."""

    def __init__(self, rng: random.Random, fake, programme: Programme, town: Town, today: date):
        self.rng, self.fake, self.programme, self.town, self.today = rng, fake, programme, town, today
        self.pesels: set[str] = set()

    def row(self, participant_id: int, stay: Stay | None, application: date) -> tuple[dict, Person]:
        rng, fake = self.rng, self.fake
        female = rng.random() < (0.45 if self.programme is Programme.WTZ else 0.35)
        first = fake.first_name_female() if female else fake.first_name_male()
        family = family_name(rng)
        last = feminine_surname(family) if female else family
        start = stay.admission if stay else application
        birth = self._birth(start)
        pesel = self._pesel(birth, female)
        referral = _weighted(rng, _REFERRALS[self.programme])
        city, postal_code = self._home()
        admission = stay.admission if stay else None
        row = {
            "id": participant_id, "first_name": first, "last_name": last, "pesel": pesel, "birth_date": birth,
            "sex": Sex.FEMALE if female else Sex.MALE, "programme": self.programme, "referral": referral,
            "referral_institution": REFERRAL_INSTITUTIONS[referral.value].format(town=self.town.locative),
            "application_date": application, "admission_date": admission,
            "planned_end_date": self._planned_end(stay),
            **self._clock(stay),
            "address": f"ul. {fake.street_name()} {rng.randint(1, 120)}"
                       + (f"/{rng.randint(1, 40)}" if rng.random() < 0.4 else ""),
            "postal_code": postal_code, "city": city, "phone": self._phone(),
            "email": self._email(first, last), "consent_given": True, "consent_date": application,
            "disability_degree": None, "disability_causes": [], "certificate_valid_until": None,
            "certificate_permanent": False, "therapy_indication": None, "eligibility_groups": [],
            "guardian_name": "", "guardian_phone": "", "emergency_name": "", "emergency_phone": "",
            "exit_date": stay.exit if stay else None, "exit_reason": stay.reason if stay else None,
            "exit_destination": "", "exit_contract_type": None, "exit_notes": "", "notes": "",
            "created_at": datetime.combine(application, time(10, 0)),
            "updated_at": datetime.combine((stay.exit or stay.admission) if stay else application, time(12, 0)),
            "version": 1,
        }
        if self.programme is Programme.WTZ:
            self._certificate(row, stay)
        else:
            groups = rng.sample(list(_CIS_GROUPS), k=1 if rng.random() < 0.7 else 2,
                                counts=list(_CIS_GROUPS.values()))
            row["eligibility_groups"] = [g.value for g in EligibilityGroup if g in groups]
        self._contacts(row, family)
        return row, Person(participant_id, first, last, female, stay)

    def _birth(self, start: date) -> date:
        rng = self.rng
        if self.programme is Programme.WTZ:
            age = 19 + min(int(rng.expovariate(1 / 12)), 42)
        else:
            age = round(rng.triangular(20, 62, 40))
        return start - timedelta(days=round(age * 365.25) + rng.randint(0, 364))

    def _pesel(self, birth: date, female: bool) -> str:
        while True:
            pesel = make_pesel(birth, female, self.rng.randrange(5000))
            if pesel not in self.pesels:
                self.pesels.add(pesel)
                return pesel

    def _home(self) -> tuple[str, str]:
        if self.rng.random() < 0.7:
            return self.town.name, self.town.postal_code
        return self.rng.choice(self.town.villages)

    def _phone(self) -> str:
        """Mostly a mobile number (they begin with 5, 6, 7 or 8), sometimes a local landline."""
        rng = self.rng
        if rng.random() < 0.85:
            return f"{rng.choice('5678')}{rng.randint(0, 99):02d} {rng.randint(0, 999):03d} {rng.randint(0, 999):03d}"
        return f"{self.town.area_code} {rng.randint(200, 899)} {rng.randint(10, 99)} {rng.randint(10, 99)}"

    def _email(self, first: str, last: str) -> str:
        if self.rng.random() >= (0.25 if self.programme is Programme.WTZ else 0.45):
            return ""
        local = f"{ascii_name(first)}.{ascii_name(last)}".lower().replace(" ", "")
        if self.rng.random() < 0.5:
            local += str(self.rng.randint(1, 99))
        return f"{local}@{self.rng.choice(MAIL_DOMAINS)}"

    def _planned_end(self, stay: Stay | None) -> date | None:
        """CIS: 12 months, extended by 6 at a time up to 24 when the participation runs longer."""
        if stay is None or self.programme is not Programme.CIS:
            return None
        needed = stay.exit or self.today
        for months in (12, 18, 24):
            planned = add_months(stay.admission, months) - timedelta(days=1)
            if planned >= needed:
                return planned
        return planned

    def _clock(self, stay: Stay | None) -> dict:
        """CIS: the trial month (decided at its end once it has ended: not passed by those who left
        for dropping out or removal within it) and the extension of those who stay past 12 months.
        No random draws, so the rest of the demo comes out as before."""
        from reintegra.services import cis_clock

        empty = {"trial_end_date": None, "trial_decision": None, "trial_decision_date": None,
                 "extension_date": None, "extension_reason": ""}
        if stay is None or self.programme is not Programme.CIS:
            return empty
        trial_end = cis_clock.default_trial_end(stay.admission)
        clock = {**empty, "trial_end_date": trial_end}
        if stay.exit is not None and stay.exit <= trial_end:
            if stay.reason in (ExitReason.DROPPED_OUT, ExitReason.REMOVED):
                clock.update(trial_decision=TrialDecision.FAILED, trial_decision_date=stay.exit)
        elif trial_end < self.today:
            clock.update(trial_decision=TrialDecision.PASSED, trial_decision_date=trial_end)
        twelve = cis_clock.default_planned_end(stay.admission)
        if self._planned_end(stay) > twelve:
            clock.update(extension_date=min(twelve - timedelta(days=14), self.today),
                         extension_reason="Realizacja IPZS wymaga więcej czasu.")
        return clock

    def _certificate(self, row: dict, stay: Stay | None) -> None:
        rng = self.rng
        causes = [_weighted(rng, _CAUSE_WEIGHTS)]
        for chance in (0.35, 0.1):
            cause = _weighted(rng, _CAUSE_WEIGHTS)
            if rng.random() < chance and cause not in causes:
                causes.append(cause)
        row["disability_causes"] = causes
        row["disability_degree"] = _weighted(rng, {DisabilityDegree.SIGNIFICANT: 45, DisabilityDegree.MODERATE: 52,
                                                   DisabilityDegree.LIGHT: 3})
        row["therapy_indication"] = True
        if rng.random() < 0.55:
            row["certificate_permanent"] = True
            return
        if stay is not None and stay.exit is None:
            # Some certificates of people still taking part run out soon: the start page reminds of them.
            days = rng.randint(5, 59) if rng.random() < 0.08 else rng.randint(60, 1100)
            row["certificate_valid_until"] = self.today + timedelta(days=days)
        else:
            end = stay.exit if stay else self.today
            row["certificate_valid_until"] = end + timedelta(days=rng.randint(30, 900))

    def _contacts(self, row: dict, family: str) -> None:
        rng, fake = self.rng, self.fake
        relative_female = rng.random() < 0.7
        relative = (f"{fake.first_name_female()} {feminine_surname(family)}" if relative_female
                    else f"{fake.first_name_male()} {family}")
        needs_guardian = (self.programme is Programme.WTZ and "01-U" in row["disability_causes"]
                          and rng.random() < 0.45)
        if needs_guardian:
            row["guardian_name"], row["guardian_phone"] = relative, self._phone()
            row["emergency_name"], row["emergency_phone"] = row["guardian_name"], row["guardian_phone"]
        elif rng.random() < 0.85:
            row["emergency_name"], row["emergency_phone"] = relative, self._phone()


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]
