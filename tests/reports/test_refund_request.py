"""The request to the starosta for the refund of a month's integration benefits (reports/refund_request.py),
read back with pypdf, against the hand-made October 2026 of tests/benefit_data.py.

Under the rule set of ``rules`` (from 1 June 2026: 1161.60 zł; per day 0.05 unexcused, 0.025 sick,
0 excused; 21 sick days and 6 days off in a stay), counted by hand:
- Ćwik: placed 10 of October's 22 working days, always present: 1161.60 × 10 ÷ 22 = 528.00 zł;
- Gęślińska: 2 unexcused, 2 sick, 1 excused, 1 day off on request: 1161.60 × 0.85 = 987.36 zł
  (and a premium of 100.00 zł, which the request leaves out);
- Żółć: 5 sick: 1161.60 × 0.875 = 1016.40 zł;
to be refunded 528.00 + 987.36 + 1016.40 = 2531.76 zł.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from benefit_data import MONTH, YEAR, make_october, oct_
from pdf_fragments import fragments, line_of, page_text
from reintegra.db.enums import Role
from reintegra.db.models import BenefitRule
from reintegra.i18n import _
from reintegra.reports import outputs
from reintegra.reports.refund_request import refund_request, refund_title
from reintegra.services import benefit, users
from reintegra.services.errors import PermissionDenied, ReintegraError
from reintegra.services.facility import get_facility

AFTER = date(2026, 11, 2)  # October is over


@pytest.fixture
def october(session):
    made = make_october(session)
    facility = get_facility(session)
    facility.name, facility.address, facility.postal_code, facility.city = (
        "Centrum Integracji Społecznej „Źródło”", "ul. Łąkowa 5", "39-300", "Mielec")
    facility.director_name = "Zofia Wójcik"
    session.add(facility)
    session.commit()
    return made


@pytest.fixture
def rules(session, october):
    session.add(BenefitRule(valid_from=date(2026, 6, 1), amount=Decimal("1161.60"),
                            unexcused_day_deduction=Decimal("0.05"), sick_day_deduction=Decimal("0.025"),
                            excused_day_deduction=Decimal("0"), sick_days_limit=21,
                            sick_over_limit_deduction=Decimal("0.05"), free_days_limit=6))
    benefit.set_premium(session, october.geslinska, YEAR, MONTH, Decimal("100"), today=AFTER)
    session.commit()


def test_the_request_lists_each_benefit_paid_and_the_total(session, october, rules):
    data = refund_request(session, YEAR, MONTH, today=AFTER)
    [found] = fragments(data)
    rows = benefit.benefit_list(session, YEAR, MONTH, today=AFTER)
    expected = [("Ćwik Anna", "528,00"), ("Gęślińska Żaneta", "987,36"), ("Żółć Łukasz", "1 016,40")]
    for number, ((name, amount), row) in enumerate(zip(expected, rows), 1):
        assert line_of(found, name, tolerance=3) == [str(number), name, row.pesel, amount]
    assert line_of(found, _("Total to be refunded"), tolerance=3)[-1] == "2 531,76"
    text = page_text(data)
    assert refund_title(YEAR, MONTH) in text and "październik 2026" in text
    assert _("Total to be refunded: {amount}.").format(amount="2 531,76 zł") in text.replace("\xa0", " ")
    assert "1 087,36" not in text and "100,00" not in text  # the premium is the centre's own
    for fact in ("Centrum Integracji Społecznej „Źródło”", "ul. Łąkowa 5", "39-300 Mielec", "Zofia Wójcik",
                 _("place and date")):
        assert fact in text


def test_nobody_paid_nothing_is_left_out(session, october, rules):
    """With the forfeit rule at 1 unexcused day Gęślińska (2) is paid nothing and is not in the request:
    528.00 + 1016.40 = 1544.40 zł."""
    session.get(BenefitRule, 1).unexcused_days_forfeit = 1
    session.commit()
    data = refund_request(session, YEAR, MONTH, today=AFTER)
    text = page_text(data)
    assert "Gęślińska" not in text and "Ćwik" in text
    assert line_of(fragments(data)[0], _("Total to be refunded"), tolerance=3)[-1] == "1 544,40"


def test_refusals_are_one_sentence(session, october):
    with pytest.raises(ReintegraError) as refused:
        refund_request(session, YEAR, MONTH, today=AFTER)
    assert "październik 2026" in refused.value.message  # no rule set in force
    session.add(BenefitRule(valid_from=date(2026, 1, 1), amount=Decimal("1161.60")))
    session.commit()
    with pytest.raises(ReintegraError) as refused:
        refund_request(session, YEAR, MONTH, today=oct_(16))
    assert "31.10.2026" in refused.value.message  # the month is not over
    with pytest.raises(ReintegraError) as refused:
        refund_request(session, 2026, 5, today=AFTER)  # the first CIS participant came in June
    assert refused.value.message == benefit.nobody_error(2026, 5).message


def test_an_instructor_is_refused(session, october, rules, tmp_path):
    ola = users.create_user(session, "ola", "bezpieczne-haslo", Role.INSTRUCTOR, "Aleksandra Żak",
                            workshop_ids=[october.kitchen_id])
    with pytest.raises(PermissionDenied):
        refund_request(session, YEAR, MONTH, today=AFTER, actor=ola)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(PermissionDenied):
        outputs.save_refund(session, YEAR, MONTH, out / "wniosek.pdf", today=AFTER, actor=ola)
    assert list(out.iterdir()) == []


def test_saved_as_pdf_only(session, october, rules, tmp_path):
    written = outputs.save_refund(session, YEAR, MONTH, tmp_path / "wniosek.pdf", today=AFTER)
    assert written.read_bytes().startswith(b"%PDF")
    with pytest.raises(ReintegraError):
        outputs.save_refund(session, YEAR, MONTH, tmp_path / "wniosek.xlsx", today=AFTER)
    assert not (tmp_path / "wniosek.xlsx").exists()
