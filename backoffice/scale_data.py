"""Synthetic, published records at N times the shipped record, for benchmarks.

`make_scale_data(factor=N, seed=S)` adds, per unit of the factor, one plenary meeting with its
host, ten participations, three outcomes and two related events, one declaration of a hundred
clauses, one joint project, one press release with a contact, and two cities with their
memberships: at 1000x, 1,000 meetings, 100,000 clauses, 2,000 cities. Texts are drawn from a
vocabulary with a Zipf distribution (a few words everywhere, most words rare), as real prose is.
Every tenth meeting, outcome, clause, project, city and declaration also has a Japanese
sentence or name (words run together without spaces, as Japanese is written), so that
Japanese search is measured at scale too. Everything is written with bulk inserts, and the same
seed writes the same records.
"""

import random
from itertools import accumulate

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from contacts.models import InquiryContact, OrganisationUnit, UnitKind
from core.cache import record_changed
from core.models import PublicationStatus
from declarations.models import Clause, Declaration
from plenaries.models import (
    City,
    EventKind,
    JointProject,
    Membership,
    MembershipStatus,
    Network,
    Outcome,
    OutcomeKind,
    Participation,
    ParticipationRole,
    PlenaryMeeting,
    ProjectArea,
    RelatedEvent,
    Source,
    SourceKind,
    Topic,
)

# The words that lead the vocabulary (the most frequent ones), then made-up words.
COMMON_WORDS = [
    "cities",
    "environment",
    "cooperation",
    "network",
    "urban",
    "development",
    "exchange",
    "sustainable",
    "disaster",
    "management",
    "health",
    "culture",
    "transport",
    "water",
    "energy",
    "youth",
    "technology",
    "tourism",
    "economic",
    "climate",
    "citizens",
    "waste",
    "housing",
    "safety",
    "education",
    "planning",
    "infrastructure",
    "members",
    "agree",
    "promote",
    "research",
    "knowledge",
    "community",
    "crisis",
    "public",
    "innovation",
    "resilience",
    "partnership",
]
SYLLABLES = [
    "ka",
    "ri",
    "to",
    "mo",
    "na",
    "se",
    "lu",
    "vi",
    "da",
    "po",
    "shi",
    "en",
    "ar",
    "ol",
    "um",
    "te",
    "ba",
    "ne",
    "go",
    "ru",
]
# Japanese words, most frequent first, and the particles that join them: a sentence has no
# spaces, so a search must find 東京 inside 東京都 and 宣言 inside 東京宣言.
JAPANESE_WORDS = [
    "都市",
    "協力",
    "環境",
    "東京",
    "会議",
    "推進",
    "交流",
    "経済",
    "宣言",
    "アジア",
    "大都市",
    "ネットワーク",
    "共同事業",
    "技術",
    "危機管理",
    "感染症対策",
    "文化",
    "スポーツ",
    "産業",
    "低炭素社会",
    "東京都",
    "ソウル",
    "バンコク",
    "ハノイ",
    "ジャカルタ",
    "シンガポール",
    "台北",
    "ヤンゴン",
    "デリー",
    "トムスク",
    "中小企業",
    "官民連携",
    "実務者会議",
    "総会",
    "確認",
    "強化",
]
JAPANESE_PARTICLES = ["の", "を", "と", "に", "で", "は", "が"]
JAPANESE_CITIES = [
    "東京",
    "ソウル",
    "バンコク",
    "ハノイ",
    "ジャカルタ",
    "台北",
    "デリー",
    "ヤンゴン",
]
JAPANESE_EVERY = 10
VOCABULARY_SIZE = 6000
CLAUSES_PER_DECLARATION = 100
PARTICIPANTS_PER_MEETING = 10
BATCH = 2000


class ScaleDataExists(Exception):
    """This seed's records are already in the database."""


def vocabulary(rng):
    words = list(COMMON_WORDS)
    seen = set(words)
    while len(words) < VOCABULARY_SIZE:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Writer:
    """Sentences drawn from a Zipf-distributed vocabulary (exponent 1.07)."""

    def __init__(self, rng):
        self.rng = rng
        self.words = vocabulary(rng)
        self.cumulative = list(accumulate(1 / rank**1.07 for rank in range(1, len(self.words) + 1)))
        self.japanese_cumulative = list(
            accumulate(1 / rank**1.07 for rank in range(1, len(JAPANESE_WORDS) + 1))
        )

    def sentence(self, low=8, high=30):
        words = self.rng.choices(
            self.words, cum_weights=self.cumulative, k=self.rng.randint(low, high)
        )
        return " ".join(words).capitalize() + "."

    def japanese(self, low=4, high=12):
        """A Japanese sentence of Zipf-drawn words joined by particles, without spaces."""
        words = self.rng.choices(
            JAPANESE_WORDS,
            cum_weights=self.japanese_cumulative,
            k=self.rng.randint(low, high),
        )
        joined = "".join(word + self.rng.choice(JAPANESE_PARTICLES) for word in words[:-1])
        return joined + words[-1] + "。"

    def maybe_japanese(self, n, text, low=4, high=12):
        """`text`, with a Japanese sentence after it for every JAPANESE_EVERY-th record."""
        return f"{text} {self.japanese(low, high)}" if n % JAPANESE_EVERY == 0 else text


def make_scale_data(*, factor, seed=1):
    """Add `factor` units of published records (see the module's docstring); returns counts."""
    rng = random.Random(seed)
    writer = Writer(rng)
    prefix = f"s{seed}"
    if City.objects.filter(slug__startswith=f"{prefix}-city-").exists():
        raise ScaleDataExists(f"The records of seed {seed} are already there.")
    now = timezone.now()
    published = {"status": PublicationStatus.PUBLISHED, "published_at": now}
    counts = {}

    def add(model, rows):
        created = model.objects.bulk_create(rows, batch_size=BATCH)
        counts[model._meta.verbose_name_plural] = counts.get(
            model._meta.verbose_name_plural, 0
        ) + len(created)
        return created

    with transaction.atomic():
        network = Network.objects.order_by("pk").first()
        cities = add(
            City,
            [
                City(
                    name=f"Scale city {prefix} {n}"
                    + (f" {rng.choice(JAPANESE_CITIES)}" if n % JAPANESE_EVERY == 0 else ""),
                    slug=f"{prefix}-city-{n}",
                    country=rng.choice(["Japan", "Korea", "Thailand", "Viet Nam", "Malaysia"]),
                    description=writer.sentence(),
                    **published,
                )
                for n in range(2 * factor)
            ],
        )
        if network:
            add(
                Membership,
                [
                    Membership(
                        network=network,
                        city=city,
                        status=rng.choice(list(MembershipStatus)),
                        since=str(rng.randint(2001, 2020)),
                    )
                    for city in cities
                ],
            )
        topics = list(Topic.objects.all()) or add(
            Topic, [Topic(name=f"Topic {n}", slug=f"topic-{n}") for n in range(20)]
        )
        first = (PlenaryMeeting.objects.aggregate(top=Max("number"))["top"] or 0) + 1
        meetings = []
        for n in range(factor):
            year = 2001 + n % 25
            meetings.append(
                PlenaryMeeting(
                    number=first + n,
                    host_city=rng.choice(cities),
                    dates=f"{year}-11-08/{year}-11-09",
                    year=year,
                    venue=f"Hall {writer.sentence(1, 2)}",
                    summary=writer.maybe_japanese(n, " ".join(writer.sentence() for _ in range(3))),
                    participant_count=rng.randint(50, 500),
                    **published,
                )
            )
        meetings = add(PlenaryMeeting, meetings)
        participations = []
        for meeting in meetings:
            others = [c for c in cities if c.pk != meeting.host_city_id]
            guests = rng.sample(others, min(9, len(others)))
            participations.append(
                Participation(meeting=meeting, city_id=meeting.host_city_id, role="host")
            )
            participations += [
                Participation(meeting=meeting, city=city, role=ParticipationRole.MEMBER)
                for city in guests[: PARTICIPANTS_PER_MEETING - 1]
            ]
        add(Participation, participations)
        add(
            Outcome,
            [
                Outcome(
                    meeting=meeting,
                    order=order,
                    kind=rng.choice(list(OutcomeKind)),
                    text=writer.maybe_japanese(meeting.number + order, writer.sentence()),
                )
                for meeting in meetings
                for order in range(3)
            ],
        )
        add(
            RelatedEvent,
            [
                RelatedEvent(
                    meeting=meeting,
                    order=order,
                    name=writer.sentence(2, 5),
                    kind=rng.choice(list(EventKind)),
                    dates=meeting.dates,
                )
                for meeting in meetings
                for order in range(2)
            ],
        )
        declarations = add(
            Declaration,
            [
                Declaration(
                    title=f"Declaration of the {meeting.number}th meeting"
                    + (
                        f" 第{meeting.number}回総会{rng.choice(JAPANESE_CITIES)}宣言"
                        if meeting.number % JAPANESE_EVERY == 0
                        else ""
                    ),
                    slug=f"{prefix}-declaration-{meeting.number}",
                    meeting=meeting,
                    adopted=meeting.dates.split("/")[1],
                    adopted_in_id=meeting.host_city_id,
                    preamble=writer.sentence(),
                    **published,
                )
                for meeting in meetings
            ],
        )
        through = Declaration.signatories.through
        add(
            through,
            [
                through(declaration=declaration, city=city)
                for declaration in declarations
                for city in rng.sample(cities, min(5, len(cities)))
            ],
        )
        clauses = []
        for declaration in declarations:
            clauses += [
                Clause(
                    declaration=declaration,
                    number=number,
                    text=writer.maybe_japanese(number, writer.sentence(12, 60), 8, 30),
                )
                for number in range(1, CLAUSES_PER_DECLARATION + 1)
            ]
            if len(clauses) >= 20_000:
                add(Clause, clauses)
                clauses = []
        add(Clause, clauses)
        projects = add(
            JointProject,
            [
                JointProject(
                    name=f"Scale project {prefix} {n}",
                    slug=f"{prefix}-project-{n}",
                    area=rng.choice(list(ProjectArea)),
                    description=writer.maybe_japanese(n, writer.sentence(20, 80)),
                    **published,
                )
                for n in range(factor)
            ],
        )
        for field, targets in (("cities", cities), ("meetings", meetings), ("topics", topics)):
            link = getattr(JointProject, field).through
            column = getattr(JointProject, field).field.m2m_reverse_field_name()
            add(
                link,
                [
                    link(jointproject=project, **{column: target})
                    for project in projects
                    for target in rng.sample(targets, min(2, len(targets)))
                ],
            )
        clause_topics = Clause.topics.through
        clause_ids = Clause.objects.filter(declaration__in=declarations).values_list(
            "pk", flat=True
        )
        add(
            clause_topics,
            [
                clause_topics(clause_id=pk, topic=rng.choice(topics))
                for pk in clause_ids.iterator()
                if rng.random() < 0.2
            ],
        )
        government = add(
            OrganisationUnit,
            [OrganisationUnit(name=f"Scale government {prefix}", kind=UnitKind.GOVERNMENT)],
        )[0]
        units = add(
            OrganisationUnit,
            [
                OrganisationUnit(
                    name=f"Scale division {prefix} {n}", kind=UnitKind.DIVISION, parent=government
                )
                for n in range(max(1, factor // 10))
            ],
        )
        contacts = add(
            InquiryContact,
            [
                InquiryContact(
                    person=f"{writer.sentence(1, 2)[:-1]} {n}",
                    unit=rng.choice(units),
                    phone="03-5388-2234",
                    phone_e164="+81353882234",
                    is_public=rng.random() < 0.8,
                )
                for n in range(max(1, factor // 2))
            ],
        )
        sources = add(
            Source,
            [
                Source(
                    kind=SourceKind.PRESS_RELEASE,
                    title=f"Press release on the {meeting.number}th meeting",
                    slug=f"{prefix}-release-{meeting.number}",
                    publisher="Tokyo Metropolitan Government",
                    issued_by=rng.choice(units),
                    date=meeting.dates.split("/")[1],
                    meeting=meeting,
                    body=" ".join(writer.sentence() for _ in range(8)),
                    **published,
                )
                for meeting in meetings
            ],
        )
        source_contacts = Source.contacts.through
        add(
            source_contacts,
            [
                source_contacts(source=source, inquirycontact=rng.choice(contacts))
                for source in sources
            ],
        )
        record_changed()
    if connection.vendor == "postgresql":
        # Fresh statistics: without them PostgreSQL plans the first queries on a table it
        # still believes empty (a search took 6 s instead of 0.5 s at 1000×).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return counts
