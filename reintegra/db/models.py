"""The tables of Reintegra: the whole data model, as SQLAlchemy 2.0 typed classes.

A person (``Person``, table ``persons``) has one or more stays (``Participant``, table
``participants``: one row per stay, to which every placement, attendance day, plan, assessment,
note, exit and follow-up belongs). Which column is the person's and which the stay's is written
above ``PERSON_COLUMNS``.

Editable records carry ``version``: SQLAlchemy bumps it on every update and refuses an
update whose version changed underneath (another PC saved first); the unit of work
(services/units.py) turns that into ``ConflictError``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    case,
    false,
    func,
    select,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.orm.attributes import flag_modified

from reintegra.db.enums import (
    AssessorKind,
    AttendanceStatus,
    AuditAction,
    ContractType,
    DisabilityDegree,
    EmploymentStatus,
    ExitReason,
    GoalStatus,
    NoteCategory,
    PlanKind,
    Programme,
    Referral,
    ReviewKind,
    Role,
    Sex,
    SkillGroup,
    TrialDecision,
    WorkshopKind,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _enum(cls: type) -> Enum:
    # Stored as the enum's value in a plain VARCHAR: no CHECK constraint and no native
    # PostgreSQL type, so adding a member later needs no migration.
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class Facility(Base):
    """The facility's own data: one row."""

    __tablename__ = "facility"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[Programme] = mapped_column(_enum(Programme), default=Programme.WTZ)
    address: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    director_name: Mapped[str] = mapped_column(String(120), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    day_length_hours: Mapped[Decimal] = mapped_column(Numeric(4, 2), default=Decimal("7"))
    retention_years: Mapped[int] = mapped_column(Integer, default=5)
    # Minutes without a key or a click before the window locks (0: never).
    idle_lock_minutes: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    # Days after a placement ends during which its instructor still reads and writes the
    # participant's records, to finish notes and assessments.
    access_grace_days: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


workshop_instructors = Table(
    "workshop_instructors",
    Base.metadata,
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[Role] = mapped_column(_enum(Role))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Set when an administrator gives a temporary password: the next sign-in asks for a new one.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    workshops: Mapped[list[Workshop]] = relationship(
        secondary=workshop_instructors, back_populates="instructors"
    )

    __mapper_args__ = {"version_id_col": version}


class Workshop(Base):
    """A pracownia."""

    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[WorkshopKind] = mapped_column(_enum(WorkshopKind), default=WorkshopKind.OTHER)
    capacity: Mapped[int] = mapped_column(Integer, default=6)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    instructors: Mapped[list[User]] = relationship(
        secondary=workshop_instructors, back_populates="workshops", order_by="User.full_name"
    )

    __mapper_args__ = {"version_id_col": version}


# A person and their stays (issue 14). Which column belongs where:
# - the PERSON (table ``persons``): who they are and how to reach them, whatever stay they are in —
#   names, PESEL, birth date, sex, address, phone, e-mail, guardian and emergency contacts, the
#   consent to the processing of their data, the disability certificate (degree, causes, validity,
#   therapy indication: a certificate is the person's, issued by the county board, and outlives a
#   stay), and ``anonymised_at`` (anonymisation removes the person, so it covers every stay);
# - the STAY (table ``participants``, one row per stay, what every placement, attendance day,
#   plan, assessment, note, exit and follow-up already points at): the programme, the referral
#   and referring institution, the application, admission and planned end dates, the CIS/KIS
#   eligibility groups (assessed anew at each admission under the social-employment act), the exit
#   with its reason and destination, and the free-text notes about the stay.
# ``Participant`` shows the person's columns as its own (hybrid properties, ``PERSON_COLUMNS``), so
# ``Participant(first_name=…)``, ``participant.pesel = …`` and ``where(Participant.last_name == …)``
# work as before the split.
PERSON_COLUMNS = (
    "first_name", "last_name", "pesel", "birth_date", "sex",
    "address", "postal_code", "city", "phone", "email",
    "guardian_name", "guardian_phone", "emergency_name", "emergency_phone",
    "consent_given", "consent_date",
    "disability_degree", "disability_causes", "certificate_valid_until", "certificate_permanent",
    "therapy_indication", "anonymised_at",
)


class Person(Base):
    """Who a participant is, over all their stays (see the comment above ``PERSON_COLUMNS``)."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80), index=True)
    pesel: Mapped[str | None] = mapped_column(String(11), unique=True)
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[Sex | None] = mapped_column(_enum(Sex))

    address: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    guardian_name: Mapped[str] = mapped_column(String(120), default="")
    guardian_phone: Mapped[str] = mapped_column(String(40), default="")
    emergency_name: Mapped[str] = mapped_column(String(120), default="")
    emergency_phone: Mapped[str] = mapped_column(String(40), default="")
    consent_given: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_date: Mapped[date | None] = mapped_column(Date)

    # WTZ: the disability certificate (orzeczenie o niepełnosprawności).
    disability_degree: Mapped[DisabilityDegree | None] = mapped_column(_enum(DisabilityDegree))
    disability_causes: Mapped[list[str]] = mapped_column(JSON, default=list)
    certificate_valid_until: Mapped[date | None] = mapped_column(Date)
    certificate_permanent: Mapped[bool] = mapped_column(Boolean, default=False)
    therapy_indication: Mapped[bool | None] = mapped_column(Boolean)

    anonymised_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    stays: Mapped[list[Participant]] = relationship(
        back_populates="person", order_by="Participant.id", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _person_column(name: str) -> hybrid_property:
    """A column of ``persons`` read and written through a stay, and usable in its queries."""

    def get(self):
        person = self.person
        return None if person is None else getattr(person, name)

    def set_(self, value) -> None:
        person = self.person
        if person is None:
            self.person = person = Person()
        if getattr(person, name) == value and name in person.__dict__:
            return
        setattr(person, name, value)
        if self.id is not None:
            # The stay's version goes up too, so that a form that read the stay notices the change.
            if "updated_at" in self.__dict__:
                flag_modified(self, "updated_at")
            else:
                self.updated_at = _now()

    def expression(cls):
        # The person's value as a correlated subquery. Wrapped in a CASE on the stay's own column so that
        # a query selecting only person columns still has the stay's table in its FROM (a bare subquery
        # would pull the table inside itself and read one row for all).
        value = select(getattr(Person, name)).where(Person.id == cls.person_id).correlate(cls).scalar_subquery()
        return case((cls.person_id.is_not(None), value)).label(name)

    return hybrid_property(get, set_, expr=expression)


class Participant(Base):
    """One stay of a person: a participant, or an applicant on the waiting list (no admission date
    yet). The person's own columns (``PERSON_COLUMNS``) are in ``persons`` and shown here.

    The CIS clock (CIS/KIS stays only; NULL in WTZ/ZAZ stays and in stays made before revision 0004;
    rules in services/cis_clock.py): ``trial_end_date`` the last day of the trial month,
    ``trial_decision`` and ``trial_decision_date`` what was decided then (NULL: not recorded yet);
    ``planned_end_date`` is the end of the participation — 12 months by default — and an extension
    moves it (up to 24 months in total), recording the latest extension's ``extension_date`` (when
    it was decided) and ``extension_reason``; the audit log keeps every earlier one.
    """

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"), index=True)
    programme: Mapped[Programme] = mapped_column(_enum(Programme), default=Programme.WTZ)

    referral: Mapped[Referral | None] = mapped_column(_enum(Referral))
    referral_institution: Mapped[str] = mapped_column(String(200), default="")
    application_date: Mapped[date | None] = mapped_column(Date)
    admission_date: Mapped[date | None] = mapped_column(Date, index=True)
    planned_end_date: Mapped[date | None] = mapped_column(Date)
    # CIS/KIS: the CIS clock (see the class docstring).
    trial_end_date: Mapped[date | None] = mapped_column(Date)
    trial_decision: Mapped[TrialDecision | None] = mapped_column(_enum(TrialDecision))
    trial_decision_date: Mapped[date | None] = mapped_column(Date)
    extension_date: Mapped[date | None] = mapped_column(Date)
    extension_reason: Mapped[str] = mapped_column(String(500), default="", server_default="")

    # CIS/KIS: eligibility under the social-employment act, assessed at each admission.
    eligibility_groups: Mapped[list[str]] = mapped_column(JSON, default=list)

    exit_date: Mapped[date | None] = mapped_column(Date, index=True)
    exit_reason: Mapped[ExitReason | None] = mapped_column(_enum(ExitReason))
    exit_destination: Mapped[str] = mapped_column(String(200), default="")
    exit_contract_type: Mapped[ContractType | None] = mapped_column(_enum(ContractType))
    exit_notes: Mapped[str] = mapped_column(Text, default="")

    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    # Joined: nearly every use of a stay shows the person's name.
    person: Mapped[Person] = relationship(back_populates="stays", lazy="joined", innerjoin=True)
    placements: Mapped[list[Placement]] = relationship(
        back_populates="participant", order_by="Placement.start_date", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}
    PERSON_COLUMNS = PERSON_COLUMNS

    first_name = _person_column("first_name")
    last_name = _person_column("last_name")
    pesel = _person_column("pesel")
    birth_date = _person_column("birth_date")
    sex = _person_column("sex")
    address = _person_column("address")
    postal_code = _person_column("postal_code")
    city = _person_column("city")
    phone = _person_column("phone")
    email = _person_column("email")
    guardian_name = _person_column("guardian_name")
    guardian_phone = _person_column("guardian_phone")
    emergency_name = _person_column("emergency_name")
    emergency_phone = _person_column("emergency_phone")
    consent_given = _person_column("consent_given")
    consent_date = _person_column("consent_date")
    disability_degree = _person_column("disability_degree")
    disability_causes = _person_column("disability_causes")
    certificate_valid_until = _person_column("certificate_valid_until")
    certificate_permanent = _person_column("certificate_permanent")
    therapy_indication = _person_column("therapy_indication")
    anonymised_at = _person_column("anonymised_at")

    # An anonymised person keeps no first name (services/anonymisation.py): no stray space then.
    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def sort_name(self) -> str:
        return f"{self.last_name} {self.first_name}".strip()


class Placement(Base):
    """A participant's time in one workshop; end_date None means ongoing."""

    __tablename__ = "placements"
    __table_args__ = (
        Index("ix_placements_participant_start", "participant_id", "start_date"),
        Index("ix_placements_workshop_start", "workshop_id", "start_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="RESTRICT"))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    participant: Mapped[Participant] = relationship(back_populates="placements")
    workshop: Mapped[Workshop] = relationship()

    __mapper_args__ = {"version_id_col": version}


class AttendanceDay(Base):
    """One participant's attendance on one day."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("participant_id", "day", name="uq_attendance_participant_day"),
        Index("ix_attendance_workshop_day", "workshop_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="RESTRICT"))
    day: Mapped[date] = mapped_column(Date)
    status: Mapped[AttendanceStatus] = mapped_column(_enum(AttendanceStatus))
    hours: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))
    remark: Mapped[str] = mapped_column(String(200), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class WorkshopDayLog(Base):
    """What a workshop's group did on one day (dziennik zajęć)."""

    __tablename__ = "workshop_day_logs"
    __table_args__ = (UniqueConstraint("workshop_id", "day", name="uq_workshop_day_logs_workshop_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class ProgressNote(Base):
    __tablename__ = "progress_notes"
    __table_args__ = (Index("ix_progress_notes_participant_day", "participant_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    category: Mapped[NoteCategory] = mapped_column(_enum(NoteCategory))
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshops.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class IndividualPlan(Base):
    """An IPR (WTZ) or IPZS (CIS/KIS) for one period."""

    __tablename__ = "individual_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[PlanKind] = mapped_column(_enum(PlanKind))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    forms_and_scope: Mapped[str] = mapped_column(Text, default="")
    methods: Mapped[str] = mapped_column(Text, default="")
    family_cooperation: Mapped[str] = mapped_column(Text, default="")
    planned_results: Mapped[str] = mapped_column(Text, default="")
    activities: Mapped[str] = mapped_column(Text, default="")
    responsible: Mapped[str] = mapped_column(Text, default="")
    next_review_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    goals: Mapped[list[PlanGoal]] = relationship(
        back_populates="plan", order_by="PlanGoal.position", cascade="all, delete-orphan"
    )
    reviews: Mapped[list[PlanReview]] = relationship(
        back_populates="plan", order_by="PlanReview.day", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class PlanGoal(Base):
    __tablename__ = "plan_goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("individual_plans.id", ondelete="CASCADE"), index=True
    )
    area: Mapped[SkillGroup] = mapped_column(_enum(SkillGroup))
    description: Mapped[str] = mapped_column(Text)
    target_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[GoalStatus] = mapped_column(_enum(GoalStatus), default=GoalStatus.PLANNED)
    position: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    plan: Mapped[IndividualPlan] = relationship(back_populates="goals")

    __mapper_args__ = {"version_id_col": version}


class PlanReview(Base):
    __tablename__ = "plan_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("individual_plans.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[ReviewKind] = mapped_column(_enum(ReviewKind))
    conclusion: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(Text, default="")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    plan: Mapped[IndividualPlan] = relationship(back_populates="reviews")

    __mapper_args__ = {"version_id_col": version}


class SkillArea(Base):
    """One scored area of a periodic assessment (configurable by the facility)."""

    __tablename__ = "skill_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    group: Mapped[SkillGroup] = mapped_column(_enum(SkillGroup))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    scale_max: Mapped[int] = mapped_column(Integer, default=5)
    level_descriptions: Mapped[list[str]] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class Assessment(Base):
    """A dated periodic assessment (ocena okresowa)."""

    __tablename__ = "assessments"
    __table_args__ = (Index("ix_assessments_participant_day", "participant_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    assessor_kind: Mapped[AssessorKind] = mapped_column(_enum(AssessorKind))
    assessor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    scores: Mapped[list[AssessmentScore]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class AssessmentScore(Base):
    __tablename__ = "assessment_scores"
    __table_args__ = (
        UniqueConstraint("assessment_id", "skill_area_id", name="uq_assessment_scores_area"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    skill_area_id: Mapped[int] = mapped_column(ForeignKey("skill_areas.id", ondelete="RESTRICT"))
    score: Mapped[int] = mapped_column(Integer)

    assessment: Mapped[Assessment] = relationship(back_populates="scores")
    skill_area: Mapped[SkillArea] = relationship()


class FollowUp(Base):
    """A contact planned 3, 6 or 12 months after an exit, and what it found."""

    __tablename__ = "follow_ups"
    __table_args__ = (
        UniqueConstraint(
            "participant_id", "exit_date", "months_after", name="uq_follow_ups_exit_months"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    exit_date: Mapped[date] = mapped_column(Date)
    months_after: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    contact_date: Mapped[date | None] = mapped_column(Date)
    employment_status: Mapped[EmploymentStatus | None] = mapped_column(_enum(EmploymentStatus))
    employer: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class BenefitRule(Base):
    """A CIS's rule set for the integration benefit (świadczenie integracyjne), from a date on.

    The set in force on a month's first day applies to the whole month. Every amount is data: the
    benefit changes each June with the unemployment benefit, and the deductions differ between
    centres. Fractions are of ``amount`` per day; an empty limit means there is no such limit.
    See services/benefit_rules.py for the fields' meaning.
    """

    __tablename__ = "benefit_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))  # zł a month
    unexcused_day_deduction: Mapped[Decimal] = mapped_column(Numeric(8, 6), default=Decimal("0"))
    unexcused_days_forfeit: Mapped[int | None] = mapped_column(Integer)
    sick_day_deduction: Mapped[Decimal] = mapped_column(Numeric(8, 6), default=Decimal("0"))
    excused_day_deduction: Mapped[Decimal] = mapped_column(Numeric(8, 6), default=Decimal("0"))
    sick_days_limit: Mapped[int | None] = mapped_column(Integer)  # over the whole stay
    sick_over_limit_deduction: Mapped[Decimal] = mapped_column(Numeric(8, 6), default=Decimal("0"))
    free_days_limit: Mapped[int | None] = mapped_column(Integer)  # days off on request, over the stay
    description: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class BenefitPremium(Base):
    """The motivational premium (premia integracyjna) of one CIS stay for one month."""

    __tablename__ = "benefit_premia"
    __table_args__ = (UniqueConstraint("participant_id", "month", name="uq_benefit_premia_participant_month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    month: Mapped[date] = mapped_column(Date, index=True)  # the month's first day
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class Certificate(Base):
    """The register of issued CIS completion certificates (zaświadczenia): number ``sequence/year``.

    What was printed is kept as it was printed (the holder's name, the period, the text), so that
    the register reads the same after the stay is edited or removed.
    """

    __tablename__ = "certificates"
    __table_args__ = (UniqueConstraint("year", "sequence", name="uq_certificates_year_sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    issued_on: Mapped[date] = mapped_column(Date)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"),
                                                       index=True)
    holder: Mapped[str] = mapped_column(String(200), default="")
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # workshops, hours, skills
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class AnnualReportSection(Base):
    """A section of an annual report the program cannot know (finances, income from selling
    products, staff …) or one it prefills and the director edited: typed in once, kept with the
    year and the programme."""

    __tablename__ = "annual_report_sections"
    __table_args__ = (UniqueConstraint("year", "programme", "section", name="uq_annual_report_sections_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    programme: Mapped[Programme] = mapped_column(_enum(Programme))
    section: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class SignInAttempts(Base):
    """Failed sign-ins in a row for one typed user name, known or not: kept in the database so
    that neither a restart nor another computer starts the count again."""

    __tablename__ = "sign_in_attempts"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    # No try is checked before this moment.
    wait_until: Mapped[datetime | None] = mapped_column(DateTime)


class AuditEntry(Base):
    """Who changed what, and when."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=_now, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    username: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[AuditAction] = mapped_column(_enum(AuditAction))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The person the entry is about (a note's, a placement's …), for the audit log's person filter
    # and the RODO export. No foreign key: the entry outlives what it names.
    participant_id: Mapped[int | None] = mapped_column(Integer, index=True)
