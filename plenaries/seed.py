"""The network's record as shipped: the 9th Plenary Meeting (Tokyo, 2010) and the Tokyo Declaration.

Source: ../shared/source/tokyo-2010-press-release.txt. Loading is idempotent and never overwrites
what staff have changed: each record is looked up by its natural key and created only if missing;
its children and links are filled in only when the record itself is new.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from contacts.models import InquiryContact, LanguageChoice, OrganisationUnit, UnitKind
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
    PressRelease,
    ProjectArea,
    PublicationStatus,
    RelatedEvent,
    Topic,
)

PUBLISHED = {"status": PublicationStatus.PUBLISHED}

CITIES = [
    ("Bangkok", "bangkok", "Thailand"),
    ("Delhi", "delhi", "India"),
    ("Hanoi", "hanoi", "Viet Nam"),
    ("Jakarta", "jakarta", "Indonesia"),
    ("Kuala Lumpur", "kuala-lumpur", "Malaysia"),
    ("Metropolitan Manila", "metropolitan-manila", "Philippines"),
    ("Seoul", "seoul", "Republic of Korea"),
    ("Singapore", "singapore", "Singapore"),
    ("Taipei", "taipei", "Taiwan"),
    ("Tokyo", "tokyo", "Japan"),
    ("Yangon", "yangon", "Myanmar"),
    ("Tomsk", "tomsk", "Russia"),
]
MEMBER_CITIES = [name for name, _slug, _country in CITIES if name != "Tomsk"]

TOPICS = [
    ("Urban environment", "urban-environment"),
    ("Low-carbon society", "low-carbon-society"),
    ("Economic exchange", "economic-exchange"),
    ("New technologies", "new-technologies"),
    ("Public-private cooperation", "public-private-cooperation"),
    ("Working-level meetings", "working-level-meetings"),
    ("Human resources development", "human-resources-development"),
]

PROJECTS = [
    (
        "Development and promotion of a small to medium-sized jet passenger plane",
        "jet-passenger-plane",
        ProjectArea.INDUSTRY,
    ),
    (
        "Sharing of expertise in crisis management",
        "crisis-management",
        ProjectArea.CRISIS_MANAGEMENT,
    ),
    (
        "Measures against infectious diseases",
        "infectious-diseases",
        ProjectArea.INFECTIOUS_DISEASES,
    ),
    (
        "Exchanges in sports, culture and the performing arts",
        "sports-culture-performing-arts",
        ProjectArea.CULTURE,
    ),
]

PREAMBLE = (
    "We, the representatives of Bangkok, Delhi, Hanoi, Jakarta, Kuala Lumpur, Metropolitan "
    "Manila, Seoul, Singapore, Taipei, Tokyo, and Yangon, participated in the 9th Plenary Meeting "
    "of ANMC21 held in Tokyo from November 8 to 9, 2010. At this start of the tenth year of the "
    "ANMC21, we looked back on the initiatives we have taken to date and had open and friendly "
    "discussions on the direction that should be taken by our Network from here on.\n\n"
    "Upon the close of this meeting, through collective and common understanding achieved in our "
    "discussions thus far, we hereby declare the following:"
)

CLAUSES = {
    1: (
        "Since the establishment of the Network in 2001, we have successfully promoted solidarity "
        "and cooperation among the capitals and major cities of Asia, which serve as the "
        "powerhouses of this region. We have implemented joint projects to address common "
        "challenges facing our cities, and have made steady accomplishments in areas including the "
        "development and promotion of a small to medium-sized jet passenger plane, sharing of "
        "expertise in crisis management and measures against infectious diseases, and exchanges "
        "in sports, culture, and the performing arts. We will work for further prosperity of the "
        "Asian region by continuing to implement joint projects."
    ),
    2: (
        "Economic growth and the progression of urbanization in Asia are giving rise to "
        "increasingly serious concerns about water quality, air pollution, waste disposal, and "
        "other issues related to the urban environment. There are also demands for implementation "
        "of environmental measures on a global scale, such as realizing a low-carbon society. "
        "Under the awareness that it is the responsibility of cities to take the lead in "
        "implementing pioneering initiatives, we will share knowledge and experiences among us, "
        "and will aim to become cities in harmony with the environment through cooperation and "
        "collaboration over a broad spectrum including private enterprises and the citizenry."
    ),
    3: (
        "The rich potentials of Asia are now flowering, and our region has taken on a significant "
        "role in the world economy. To ensure the continuous growth of Asia, it is essential to "
        "promote the development of new technologies and bolster cross-border collaboration "
        "between private enterprises. We shall deepen economic exchange between the cities "
        "through activities of the ANMC21, which will include the provision of opportunities for "
        "cities to introduce to each other their industries and technologies."
    ),
    4: (
        "In order to resolve these challenges and achieve sustained prosperity in the Asian "
        "region, city exchange should not be limited to only conventional government-to-government "
        "programs. Rather, it should also embrace active involvement of a wide-range of entities "
        "such as private enterprise and the citizenry. We, the member cities of the ANMC21, will "
        "study concrete measures at working-level meetings, promote public-private cooperation, "
        "share best practices, and establish multifaceted, cooperative relations in a variety of "
        "areas including economy, culture, and development of human resources."
    ),
    5: "The 10th Plenary Meeting of ANMC21 will be held in Seoul at an appropriate date in 2011.",
}
CLAUSE_TOPICS = {
    2: ["urban-environment", "low-carbon-society"],
    3: ["economic-exchange", "new-technologies"],
    4: ["public-private-cooperation", "working-level-meetings", "human-resources-development"],
}

PRESS_RELEASE_BODY = (
    "The Tokyo Declaration of the 9th Plenary Meeting of the Asian Network of Major Cities 21 "
    "(ANMC21) was adopted today, ending the two-day conference. Please see the attached Tokyo "
    "Declaration.\n\n"
    "The features and accomplishments of the Tokyo Plenary Meeting are as follows:"
)


@transaction.atomic
def load_record():
    """Create whatever part of the shipped record is missing; return the number of rows created."""
    created = _Loader()

    network = created.get_or_create(
        Network,
        short_name="ANMC21",
        defaults={
            "name": "Asian Network of Major Cities 21",
            "founded_year": 2001,
            "description": (
                "A network of the capitals and major cities of Asia, established in 2001 to "
                "promote solidarity and cooperation among them and to carry out joint projects "
                "on challenges common to their cities."
            ),
        },
    )

    cities = {
        name: created.get_or_create(
            City, slug=slug, defaults={"name": name, "country": country, **PUBLISHED}
        )
        for name, slug, country in CITIES
    }
    for name in MEMBER_CITIES:
        since = 2001 if name == "Tokyo" else None
        created.get_or_create(
            Membership,
            network=network,
            city=cities[name],
            status=MembershipStatus.MEMBER,
            since_year=since,
            defaults={"note": "Named as a member city in the Tokyo Declaration, 2010."},
        )
    created.get_or_create(
        Membership,
        network=network,
        city=cities["Tomsk"],
        status=MembershipStatus.OBSERVER,
        since_year=2010,
        defaults={"note": "First attended a plenary meeting as an observer in 2010."},
    )

    topics = {
        slug: created.get_or_create(Topic, slug=slug, defaults={"name": name})
        for name, slug in TOPICS
    }

    created.get_or_create(
        PlenaryMeeting,
        number=1,
        defaults={
            "host_city": cities["Tokyo"],
            "year": 2001,
            "summary": "The first plenary meeting, held in Tokyo when the network was established.",
            **PUBLISHED,
        },
    )
    meeting = created.get_or_create(
        PlenaryMeeting,
        number=9,
        defaults={
            "host_city": cities["Tokyo"],
            "year": 2010,
            "start_date": datetime.date(2010, 11, 8),
            "end_date": datetime.date(2010, 11, 9),
            "venue": "Tokyo",
            "summary": (
                "A two-day conference at the start of the network's tenth year, ending with the "
                "adoption of the Tokyo Declaration on 9 November 2010."
            ),
            **PUBLISHED,
        },
    )
    next_meeting = created.get_or_create(
        PlenaryMeeting,
        number=10,
        defaults={
            "host_city": cities["Seoul"],
            "year": 2011,
            "summary": "To be held in Seoul at an appropriate date in 2011.",
            **PUBLISHED,
        },
    )

    if created.last_was_new(meeting):
        _fill_meeting(meeting, cities, created)

    projects = {}
    for name, slug, area in PROJECTS:
        project = created.get_or_create(
            JointProject, slug=slug, defaults={"name": name, "area": area, **PUBLISHED}
        )
        if created.last_was_new(project):
            project.meetings.add(meeting)
        projects[slug] = project

    declaration = created.get_or_create(
        Declaration,
        slug="tokyo-declaration",
        defaults={
            "title": "Tokyo Declaration",
            "meeting": meeting,
            "adopted_on": datetime.date(2010, 11, 9),
            "adopted_in": cities["Tokyo"],
            "preamble": PREAMBLE,
            **PUBLISHED,
        },
    )
    if created.last_was_new(declaration):
        declaration.signatories.set([cities[name] for name in MEMBER_CITIES])
        for number, text in CLAUSES.items():
            clause = created.get_or_create(
                Clause, declaration=declaration, number=number, defaults={"text": text}
            )
            clause.topics.set([topics[slug] for slug in CLAUSE_TOPICS.get(number, [])])
            if number == 1:
                clause.joint_projects.set(projects.values())
            if number == 5:
                clause.meetings_named.set([next_meeting])

    tmg = created.get_or_create(
        OrganisationUnit,
        name="Tokyo Metropolitan Government",
        parent=None,
        defaults={"kind": UnitKind.GOVERNMENT, "city": cities["Tokyo"]},
    )
    headquarters = created.get_or_create(
        OrganisationUnit,
        name="Headquarters of the Governor",
        parent=tmg,
        defaults={"kind": UnitKind.HEADQUARTERS},
    )
    division = created.get_or_create(
        OrganisationUnit,
        name="International Affairs Division",
        parent=headquarters,
        defaults={"kind": UnitKind.DIVISION},
    )
    section = created.get_or_create(
        OrganisationUnit,
        name="International Joint Projects",
        parent=division,
        defaults={"kind": UnitKind.SECTION},
    )
    contact = created.get_or_create(
        InquiryContact,
        person="Mikiko Yoshimura",
        unit=section,
        defaults={
            "phone": "03-5388-2234",
            "phone_region": "JP",
            "language": LanguageChoice.JAPANESE,
            "is_public": True,
        },
    )
    release = created.get_or_create(
        PressRelease,
        slug="2010-11-09-tokyo-declaration",
        defaults={
            "title": (
                "9th Plenary Meeting of the Asian Network of Major Cities 21 Adoption of the "
                "Tokyo Declaration and Meeting Overview"
            ),
            "date": datetime.date(2010, 11, 9),
            "issued_by": headquarters,
            "meeting": meeting,
            "body": PRESS_RELEASE_BODY,
            **PUBLISHED,
        },
    )
    if created.last_was_new(release):
        release.contacts.set([contact])
    return created.total


def _fill_meeting(meeting, cities, created):
    """Participants, related events and outcomes of the 9th meeting, in the press release's order."""
    for name in MEMBER_CITIES:
        role = ParticipationRole.HOST if name == "Tokyo" else ParticipationRole.MEMBER
        created.create(Participation, meeting=meeting, city=cities[name], role=role)
    created.create(
        Participation,
        meeting=meeting,
        city=cities["Tomsk"],
        role=ParticipationRole.OBSERVER,
        first_time=True,
        note="Tomsk (Russia) attended the plenary as an observer for the first time.",
    )

    reception = created.create(
        RelatedEvent,
        meeting=meeting,
        order=1,
        name="Welcome Reception",
        kind=EventKind.RECEPTION,
        audience="companies from Tokyo",
        description=(
            "Many companies from Tokyo were invited to promote economic exchange between Tokyo "
            "and Asia."
        ),
    )
    fair = created.create(
        RelatedEvent,
        meeting=meeting,
        order=2,
        name="Tokyo Industrial Exhibition 2010",
        kind=EventKind.EXHIBITION,
        audience="small- and medium-sized enterprises of Tokyo and the Asian countries",
        description=(
            "The plenary was linked with the exhibition to help expand business opportunities for "
            "small- and medium-sized enterprises."
        ),
    )
    asia_zone = created.create(
        RelatedEvent,
        meeting=meeting,
        parent=fair,
        order=1,
        name="Asia zone",
        kind=EventKind.ZONE,
        first_time=True,
        description=(
            "Established for the first time to introduce the industrial products and technologies "
            "of companies from Asian countries."
        ),
    )
    talks = created.create(
        RelatedEvent,
        meeting=meeting,
        parent=fair,
        order=2,
        name="Business talks and seminars",
        kind=EventKind.BUSINESS_TALKS,
        audience="Tokyo's small- and medium-sized companies",
        description="Held to help Tokyo's small- and medium-sized companies advance into the Asian market.",
    )
    exhibition = created.create(
        RelatedEvent,
        meeting=meeting,
        order=3,
        name="ANMC21 Exhibition",
        kind=EventKind.EXHIBITION,
        start_date=datetime.date(2010, 11, 6),
        end_date=datetime.date(2010, 11, 9),
        audience="the citizens of Tokyo",
        description="An opportunity for the citizens of Tokyo to experience the many attractions of Asia.",
    )

    outcomes = [
        (OutcomeKind.FEATURE, None, "This was the second time for the plenary meeting to be held in Tokyo; the first meeting was held in Tokyo when the network was established in 2001.", []),
        (OutcomeKind.ACCOMPLISHMENT, None, "The accomplishments of the joint projects were confirmed, and it was agreed to strengthen cooperation in the areas of environment and industry.", []),
        (OutcomeKind.EVENT, reception, "Many companies from Tokyo were invited to the Welcome Reception in order to promote economic exchange between Tokyo and Asia.", []),
        (OutcomeKind.EVENT, fair, "The plenary was linked with the Tokyo Industrial Exhibition 2010 to help expand business opportunities for the small- and medium-sized enterprises of Tokyo and the Asian countries.", [
            (asia_zone, "An Asia zone was established for the first time to introduce the industrial products and technologies of companies from Asian countries."),
            (talks, "Business talks and seminars were held to help Tokyo's small- and medium-sized companies advance into the Asian market."),
        ]),
        (OutcomeKind.AGREEMENT, None, "It was agreed to start working-level meetings to study the proper form of public-private cooperation and collaboration.", []),
        (OutcomeKind.DECISION, None, "It has been decided that the next plenary meeting will be hosted by Seoul.", []),
        (OutcomeKind.ATTENDANCE, None, "Tomsk (Russia) attended the plenary as an observer for the first time.", []),
        (OutcomeKind.EVENT, exhibition, "The ANMC21 Exhibition was held to give the citizens of Tokyo an opportunity to experience the many attractions of Asia.", [
            (exhibition, "Held from November 6 (Sat.) to 9 (Tues.)"),
        ]),
    ]  # fmt: skip
    for order, (kind, event, text, children) in enumerate(outcomes, start=1):
        outcome = created.create(
            Outcome, meeting=meeting, order=order, kind=kind, text=text, related_event=event
        )
        for sub_order, (sub_event, sub_text) in enumerate(children, start=1):
            created.create(
                Outcome,
                meeting=meeting,
                parent=outcome,
                order=sub_order,
                kind=kind,
                text=sub_text,
                related_event=sub_event,
            )


class _Loader:
    """Creates rows and counts how many were new."""

    def __init__(self):
        self.total = 0
        self._new = set()

    def get_or_create(self, model, defaults=None, **lookup):
        if defaults and defaults.get("status") == PublicationStatus.PUBLISHED:
            # Published as it is created: one save, one history entry.
            defaults = {**defaults, "published_at": timezone.now()}
        obj, was_created = model.objects.get_or_create(defaults=defaults, **lookup)
        if was_created:
            self.total += 1
            self._new.add((model, obj.pk))
        return obj

    def create(self, model, **fields):
        obj = model.objects.create(**fields)
        self.total += 1
        return obj

    def last_was_new(self, obj):
        return (type(obj), obj.pk) in self._new
