"""The demo newsroom's content, as data: The Dateline Courier of Port Calloway.

Port Calloway is a fictional harbour city of about 400,000 people on Calloway
Sound, with its state capital upriver at Harrowgate (also fictional). Every
person, quotation and event here is invented; real cities and countries appear
only as datelines for the World desk.

An article's body is composed from its own parts (a lede, a quotation, the
context, further paragraphs and a closing paragraph) plus optional pull quote,
subheading, blockquote and inline image; ``ArticleSpec.body_blocks`` puts them
in a newsroom's usual order. Nothing here touches the database:
``dateline.demo.services.demo_load`` writes it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

# -- the shapes ----------------------------------------------------------------


@dataclass(frozen=True)
class SectionSpec:
    slug: str
    title: str
    intro: str


@dataclass(frozen=True)
class AuthorSpec:
    slug: str
    name: str
    job_title: str
    bio: str  # two paragraphs separated by a blank line
    links: tuple[tuple[str, str], ...] = ()
    email: str = ""


@dataclass(frozen=True)
class Quote:
    text: str  # without closing punctuation unless it is ? or !
    speaker: str
    role: str  # "a nurse who drives in from Eastgate"
    form: int | None = None  # an index into QUOTE_FORMS; None picks one from the slug


@dataclass(frozen=True)
class InlineImage:
    caption: str
    credit: str = "Illustration: Courier graphics desk"


@dataclass(frozen=True)
class ArticleSpec:
    section: str
    slug: str
    kicker: str
    title: str
    dek: str
    place: str
    bylines: tuple[tuple[str, str], ...]  # (author slug, ArticleByline role)
    tags: tuple[str, ...]
    days_ago: int
    lede: str
    quote: Quote
    context: str
    close: str
    more: tuple[str, ...] = ()
    pull: bool | tuple[str, str] = False  # True repeats the quotation
    subheading: str = ""
    blockquote: tuple[str, str] | None = None  # (text, source)
    image: InlineImage | None = None
    contributors: tuple[tuple[str, str, str], ...] = ()  # (name, place, role)
    corrections: tuple[tuple[str, str, int], ...] = ()  # (kind, text, hours after publishing)
    embargo_hours: int | None = None  # hidden until this many hours from now

    def body_blocks(self) -> list[tuple[str, object]]:
        """The StreamField value; the inline image block has ``"image": None`` for the loader to fill.

        The order is a news story's: lede, the first voice, context, then the
        pull quote and any subheaded detail, a document quoted at length, and
        what happens next.
        """
        blocks: list[tuple[str, object]] = [
            ("paragraph", _p(self.lede)),
            ("paragraph", _p(quote_paragraph(self.quote, seed=self.slug))),
            ("paragraph", _p(self.context)),
        ]
        if self.pull:
            quote, attribution = self.pull if isinstance(self.pull, tuple) else (_closed(self.quote.text), self.quote.speaker)
            blocks.append(("pull_quote", {"quote": quote, "attribution": attribution}))
        if self.subheading:
            blocks.append(("subheading", self.subheading))
        for i, paragraph in enumerate(self.more):
            blocks.append(("paragraph", _p(paragraph)))
            if i == 0 and self.image:
                blocks.append(("image", {"image": None, "caption": self.image.caption, "credit": self.image.credit, "alt": ""}))
        if self.image and not self.more:
            blocks.append(("image", {"image": None, "caption": self.image.caption, "credit": self.image.credit, "alt": ""}))
        if self.blockquote:
            text, source = self.blockquote
            blocks.append(("blockquote", {"text": text, "source": source}))
        blocks.append(("paragraph", _p(self.close)))
        return blocks


_WEEKDAY = re.compile(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def lede_weekday(spec: ArticleSpec) -> int | None:
    """The weekday the lede's news happened ("on Tuesday" gives 1), if it names one."""
    match = _WEEKDAY.search(spec.lede)
    return WEEKDAYS.index(match.group(1)) if match else None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _p(text: str) -> str:
    return f"<p>{_escape(text)}</p>"


def _closed(text: str) -> str:
    return text if text[-1:] in ".?!" else text + "."


def _comma(text: str) -> str:
    return text if text[-1:] in "?!" else text + ","


QUOTE_FORMS = (
    "“{comma}” said {speaker}, {role}.",
    "“{comma}” {speaker}, {role}, said.",
    "{speaker}, {role}, said: “{closed}”",
    "“{comma}” {speaker}, {role}, told the Courier.",
)
# "said" after the quotation is the house default; the other forms vary the rhythm.
_FORM_WEIGHTS = (0, 0, 0, 1, 1, 2, 3)


def quote_paragraph(quote: Quote, *, seed: str) -> str:
    """Attribute a quotation the way a copy desk would, in one of a few house forms."""
    form = quote.form if quote.form is not None else random.Random(f"quote:{seed}").choice(_FORM_WEIGHTS)
    return QUOTE_FORMS[form].format(
        comma=_comma(quote.text), closed=_closed(quote.text), speaker=quote.speaker, role=quote.role
    )


# -- sections --------------------------------------------------------------------

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("local", "Local", "Port Calloway and the towns around the Sound."),
    SectionSpec("world", "World", "Reporting from our correspondents and contributors abroad."),
    SectionSpec("politics", "Politics", "City hall, the statehouse in Harrowgate, and the 2026 elections."),
    SectionSpec("business", "Business", "The port, the shops, the jobs and the money."),
    SectionSpec("science", "Science", "Research, health, and the environment of Calloway Sound."),
    SectionSpec("culture", "Culture", "Books, music, theatre, film, food and the people who make them."),
    SectionSpec("sport", "Sport", "The Mariners, the Kestrels, the rowing clubs and the school leagues."),
)

# -- authors ---------------------------------------------------------------------

AUTHORS: tuple[AuthorSpec, ...] = (
    AuthorSpec(
        "mara-okafor",
        "Mara Okafor",
        "City hall reporter",
        "Mara Okafor covers Port Calloway's city council, its budget and the agencies that run the buses, bridges and "
        "water. She joined the Courier in 2019 from the Harrowgate Ledger, where she spent four years on the county beat.\n\n"
        "She reads every council agenda, including the appendices, and keeps a spreadsheet of every contract the city has "
        "signed since 2015. Tips about public money are welcome.",
        (("Website", "https://mara-okafor.example.com/"), ("Mastodon", "https://social.example.org/@maraokafor")),
        "mara.okafor@courier.example",
    ),
    AuthorSpec(
        "tomas-lindgren",
        "Tomás Lindgren",
        "World editor",
        "Tomás Lindgren runs the World desk, editing the Courier's correspondents and contributors abroad. He reported from "
        "Buenos Aires and Stockholm for a decade before coming home to Port Calloway in 2017.\n\n"
        "He speaks Spanish, Swedish and enough Portuguese to argue about football. He is especially interested in how "
        "cities elsewhere solve the problems Port Calloway has.",
        (("Website", "https://tlindgren.example.net/"),),
        "tomas.lindgren@courier.example",
    ),
    AuthorSpec(
        "aiyana-brightwater",
        "Aiyana Brightwater",
        "Science and environment reporter",
        "Aiyana Brightwater writes about science, health and the ecology of Calloway Sound. She trained as a marine "
        "biologist at Calloway State University before switching to journalism.\n\n"
        "She has followed the Sound's seagrass restoration since its first test plots in 2020 and still goes out with the "
        "survey divers every August.",
        (("Mastodon", "https://social.example.org/@aiyanab"), ("Website", "https://brightwater-notes.example.com/")),
        "aiyana.brightwater@courier.example",
    ),
    AuthorSpec(
        "devon-achterberg",
        "Devon Achterberg",
        "Business reporter",
        "Devon Achterberg covers the port, shipping, retail and the region's employers, large and small. Before the "
        "Courier he wrote for a trade magazine about container logistics, which he insists is more interesting than it sounds.\n\n"
        "He grew up in Millbrook above his parents' hardware shop, and he still measures the local economy by how busy "
        "its Saturday mornings are.",
        (("Website", "https://achterberg.example.com/"),),
        "devon.achterberg@courier.example",
    ),
    AuthorSpec(
        "ruth-kamara",
        "Ruth Kamara",
        "Politics correspondent, Harrowgate",
        "Ruth Kamara reports on the state legislature and the governor's office from the Courier's one-desk bureau in "
        "Harrowgate. She has covered three state budgets and two special sessions.\n\n"
        "Before politics she covered the courts, and she still reads bills the way a lawyer reads a contract: for what "
        "the definitions section quietly changes.",
        (("Website", "https://ruthkamara.example.org/"), ("Mastodon", "https://social.example.org/@rkamara")),
        "ruth.kamara@courier.example",
    ),
    AuthorSpec(
        "felix-marchetti",
        "Felix Marchetti",
        "Sports writer",
        "Felix Marchetti covers the Port Calloway Mariners, the Calloway Kestrels and the rowing clubs on the Sound. He "
        "has missed two Mariners home games in eight seasons, both for the births of his children.\n\n"
        "He also writes about school sport, which he argues is where the city's best stories are.",
        (("Website", "https://felixmarchetti.example.com/"),),
        "felix.marchetti@courier.example",
    ),
    AuthorSpec(
        "noor-haddad",
        "Noor Haddad",
        "Culture critic",
        "Noor Haddad reviews theatre, books and music and writes about the people who make art in Port Calloway. She "
        "came to the Courier from a literary quarterly, where she was deputy editor.\n\n"
        "She sees about 150 performances a year and buys her own tickets.",
        (("Website", "https://noorhaddad.example.net/"), ("Mastodon", "https://social.example.org/@noorh")),
        "noor.haddad@courier.example",
    ),
    AuthorSpec(
        "sam-whitlock",
        "Sam Whitlock",
        "Staff photographer",
        "Sam Whitlock has photographed Port Calloway for the Courier since 2012: council meetings, storms, championship "
        "parades and a great many ribbon cuttings.\n\n"
        "He teaches a free evening class in news photography at the Old Quay library every spring.",
        (("Portfolio", "https://samwhitlock.example.com/"),),
        "sam.whitlock@courier.example",
    ),
    AuthorSpec(
        "imogen-castell",
        "Imogen Castell",
        "Data and graphics editor",
        "Imogen Castell leads the Courier's graphics desk, which makes the paper's charts, maps and illustrations. She "
        "builds the data behind many of the paper's investigations.\n\n"
        "She studied cartography in Edinburgh and has strong opinions about colour scales.",
        (("Website", "https://castell-graphics.example.com/"),),
        "imogen.castell@courier.example",
    ),
    AuthorSpec(
        "kwame-asante-boyd",
        "Kwame Asante-Boyd",
        "East Africa correspondent, Nairobi",
        "Kwame Asante-Boyd reports for the Courier from Nairobi, covering East and West Africa. He has written about "
        "agriculture, energy and cities across the region since 2016.\n\n"
        "He was born in Accra, studied in Port Calloway, and describes himself as the paper's most frequent flyer.",
        (("Website", "https://asante-boyd.example.org/"), ("Mastodon", "https://social.example.org/@kwameab")),
        "kwame.asante-boyd@courier.example",
    ),
    AuthorSpec(
        "lucia-ferreira",
        "Lúcia Ferreira",
        "Europe correspondent, Lisbon",
        "Lúcia Ferreira covers Europe for the Courier from Lisbon. She writes about how cities there handle housing, "
        "tourism and transport, and about the ports Calloway's ships call at.\n\n"
        "She previously worked as a radio producer in Porto and still thinks in three-minute segments.",
        (("Website", "https://luciaferreira.example.eu/"),),
        "lucia.ferreira@courier.example",
    ),
    AuthorSpec(
        "hank-delorme",
        "Hank Delorme",
        "Columnist",
        "Hank Delorme has written a column for the Courier since 2004, on whatever Port Calloway is arguing about that week. "
        "He was the paper's city editor for eleven years before that.\n\n"
        "He answers every letter that is signed, and some that are not.",
        (("Newsletter", "https://delorme-letters.example.com/"),),
        "hank.delorme@courier.example",
    ),
)

# -- articles ----------------------------------------------------------------------
# days_ago spreads first publication over the last sixty days. A lede that says
# "on Tuesday" moves the story back to the most recent Tuesday, so the text and
# its date agree; the hour is drawn from the slug, so every run spreads alike.

A = ArticleSpec
Q = Quote

LOCAL: tuple[ArticleSpec, ...] = (
    A(
        section="local",
        slug="narrows-bridge-reopens",
        kicker="Transport",
        title="Narrows Bridge reopens to traffic two years after the crack that closed it",
        dek="The first cars crossed at dawn on Tuesday. The repair ran $41 million over budget, and tolls stay off until spring.",
        place="PORT CALLOWAY",
        bylines=(("mara-okafor", "reporter"), ("sam-whitlock", "photographer")),
        tags=("Transport", "Bridges", "City council", "Budget"),
        days_ago=0,
        lede="The Calloway Narrows Bridge reopened to traffic at 5.40 a.m. on Tuesday, ending a closure that began two winters ago when an inspector found a hairline crack in a steel hanger and that, by the city's own count, added forty minutes to the average commute from the east bank.",
        quote=Q("It is a strange feeling to be stuck in traffic and be happy about it", "Lorraine Petrakis", "a nurse who drives from Eastgate to Port Calloway General Hospital"),
        context="The repair replaced all 212 hangers on the 1964 suspension span and strengthened its deck. It cost $128 million against an estimate of $87 million when work began, a gap the transport department blames on the price of steel and on a lost summer after divers found the south tower's footings more corroded than the drawings suggested.",
        pull=True,
        subheading="Tolls stay off until spring",
        more=(
            "Mayor Denise Arkwright said the bridge would carry traffic toll-free until April, when the council will vote on whether to restore the old $2 charge or raise it to cover part of the overrun. Buses on the 14 and 22 routes return to the bridge from Monday, the Calloway Transit Authority said.",
            "Engineers will keep sensors on the new hangers for at least five years. The readings will be published monthly on the city's website, a condition council members attached to the final payment after residents learned of the original crack from a leaked memo.",
        ),
        close="The stopgap ferry that ran during the closure makes its last crossing on Friday. Its two leased boats go back to their owner in Harrowgate next month.",
        corrections=(("correction", "An earlier version of this article gave the wrong year for the bridge's opening. It opened in 1964, not 1961.", 5),),
    ),
    A(
        section="local",
        slug="eastgate-library-late-hours",
        kicker="Libraries",
        title="Eastgate library will stay open until 10 p.m. on weeknights",
        dek="A pilot paid for by a neighbourhood trust answers years of requests from shift workers and students with nowhere quiet to go.",
        place="PORT CALLOWAY",
        bylines=(("mara-okafor", "reporter"),),
        tags=("Libraries", "Eastgate", "Schools"),
        days_ago=3,
        lede="The Eastgate branch of the Port Calloway Public Library will keep its doors open until 10 p.m. from Monday to Thursday starting next month, a six-month trial that library officials hope to extend to two more branches if the evenings are busy.",
        quote=Q("We kept hearing from people who finish work at eight and have nowhere to sit with a laptop that isn't a bar", "Yusuf Ambrose", "the branch manager"),
        context="The extra hours cost about $96,000 for the trial, mostly for two evening staff and a security guard. The Eastgate Neighbourhood Trust, which manages a fund from the sale of the old tram depot, is paying for it.",
        more=("Students at Eastgate High School, two blocks away, collected more than 600 signatures for longer hours last spring. Their petition pointed out that the branch closed at 6 p.m., an hour before the school's evening study hall ended.",),
        close="The library will count visitors each hour through the trial and publish the figures in March. Wi-Fi, printing and the children's room will be available until closing.",
    ),
    A(
        section="local",
        slug="old-quay-fish-market-fire",
        kicker="Fire",
        title="Fire guts storage sheds at Old Quay fish market; no one hurt",
        dek="Traders lost ice machines and gear worth hundreds of thousands of dollars. The market will open on Saturday from temporary stalls.",
        place="PORT CALLOWAY",
        bylines=(("sam-whitlock", "photographer"), ("mara-okafor", "reporter")),
        tags=("Public safety", "Harbour", "Fisheries", "Old Quay"),
        days_ago=6,
        lede="A fire that began shortly after 2 a.m. on Wednesday destroyed a row of storage sheds behind the Old Quay fish market, taking with it ice machines, crates and cold-store equipment that traders said they had no hope of replacing before the winter season.",
        quote=Q("Forty years of my family's gear, and it took twenty minutes", "Annette Varga", "who sells shellfish from the market's north aisle"),
        context="Firefighters had the blaze under control by 3.15 a.m., the Port Calloway Fire Department said. The cause is under investigation, but a department spokesman said there was no sign it had been set deliberately and that an electrical fault in a compressor was being examined.",
        image=InlineImage("The sheds behind the market's north aisle held ice machines, crates and cold-store equipment."),
        more=("The Harbour Board, which owns the market, said it would waive rent for affected traders until the sheds are rebuilt and would lend them space in an empty warehouse on Pier 4.",),
        close="The market will open as usual on Saturday from temporary stalls in its car park. A fund set up by the Old Quay Traders Association had raised $38,000 by Wednesday evening.",
        corrections=(("update", "This article was updated with the fire department's initial finding on the cause and the total raised by the traders' fund.", 3),),
    ),
    A(
        section="local",
        slug="millbrook-rent-survey",
        kicker="Housing",
        title="Rents in Millbrook rose 14 percent in a year, the steepest rise in the city",
        dek="A Courier analysis of 3,200 listings finds the neighbourhood now costs nearly as much as the waterfront.",
        place="PORT CALLOWAY",
        bylines=(("imogen-castell", "graphics"), ("mara-okafor", "reporter")),
        tags=("Housing", "Millbrook", "Data"),
        days_ago=8,
        lede="The median asking rent for a two-bedroom flat in Millbrook reached $1,940 a month in October, 14 percent more than a year earlier, according to a Courier analysis of 3,200 listings, the steepest increase of any neighbourhood in Port Calloway.",
        quote=Q("People who grew up here are doing the maths and leaving for Northfield", "Carmen Obuya", "who runs the Millbrook Tenants' Union"),
        context="The neighbourhood's rise has been driven by the new light-rail stop on Foundry Street, which opened in March and cut the ride downtown to eleven minutes. Landlords listing flats within a ten-minute walk of the stop asked, on average, $230 a month more than those farther away.",
        pull=("Flats near the new Foundry Street stop ask $230 a month more than those farther away.", "Courier analysis of 3,200 listings"),
        subheading="How we did this",
        more=("The Courier collected listings from three rental websites between October of last year and this October, removed duplicates and furnished short lets, and compared medians for flats of the same size. The full data and method are published with this article.",),
        close="The city council's housing committee will discuss a proposal to require landlords to register rents with the city at its meeting on the 19th.",
        corrections=(("correction", "An earlier version of a chart with this article mislabelled Northfield as Ridgeview.", 20),),
    ),
    A(
        section="local",
        slug="harbour-flats-flood-barrier",
        kicker="Weather",
        title="Temporary flood barrier holds as king tide meets storm surge in Harbour Flats",
        dek="Water rose within a foot of the barrier's top. Residents were told to move cars, and most did.",
        place="PORT CALLOWAY",
        bylines=(("aiyana-brightwater", "reporter"),),
        tags=("Flooding", "Weather", "Harbour Flats", "Climate"),
        days_ago=11,
        lede="A temporary flood barrier along the Harbour Flats seawall held on Sunday night as the year's highest tide combined with a southerly storm, pushing water to within a foot of the top of the barrier but not over it.",
        quote=Q("Last time this happened my cellar had three feet of water in it. Tonight it's dry", "Desmond Achebe", "a retired ferry engineer who has lived on Tanner Street since 1988"),
        context="The barrier, a line of water-filled tubes laid along Harbour Road, was bought after floods in 2021 damaged more than 300 homes. It had never been tested by a tide this high, the city's emergency management office said.",
        pull=True,
        more=("About 180 cars were moved to the multi-storey car park on Dock Street, which opened its doors free of charge from 6 p.m. City crews cleared two storm drains that had backed up on Tanner Street shortly before high water at 10.52 p.m.",),
        close="A permanent wall for the neighbourhood is designed but not yet paid for. The city has applied for a state resilience grant that would cover about half of its $64 million cost.",
    ),
    A(
        section="local",
        slug="school-bus-driver-shortage",
        kicker="Schools",
        title="Driver shortage leaves 14 school bus routes without a regular driver",
        dek="Some children in Northfield and Ridgeview are arriving forty minutes late. The district is raising pay and paying for licences.",
        place="PORT CALLOWAY",
        bylines=(("mara-okafor", "reporter"),),
        tags=("Schools", "Transport", "Jobs"),
        days_ago=14,
        lede="Fourteen of the Port Calloway Unified School District's 120 bus routes have no regular driver this term, the district said on Thursday, leaving dispatchers to double up routes and some pupils in Northfield and Ridgeview arriving at school as much as forty minutes late.",
        quote=Q("My daughter has missed the first part of maths twice a week since September", "Priya Raman", "whose daughter attends Ridgeview Middle School"),
        context="The district has raised the starting wage for drivers to $26.50 an hour, from $23, and will pay the roughly $1,800 cost of a commercial licence for new recruits who stay a year. It has 22 applicants in training, a spokeswoman said.",
        close="Until the new drivers qualify, the district will publish each morning's delayed routes on its website by 6.30 a.m. and send text alerts to families who sign up.",
    ),
    A(
        section="local",
        slug="ridgeview-park-trees",
        kicker="Parks",
        title="Ridgeview Park loses 40 old oaks to a fungus, and neighbours want to know why",
        dek="The parks department says the trees were dying. Residents say they were not told until the chainsaws arrived.",
        place="PORT CALLOWAY",
        bylines=(("aiyana-brightwater", "reporter"),),
        tags=("Parks", "Ridgeview", "Wildlife"),
        days_ago=17,
        lede="Crews felled forty oak trees in Ridgeview Park this week, some more than a century old, after the city's arborists found a root fungus that they said made the trees likely to fall in the winter's first strong wind.",
        quote=Q("Nobody is arguing for leaving a dangerous tree over a playground. We're arguing for being told", "Helen Marsh-Oduya", "who chairs the Friends of Ridgeview Park"),
        context="The parks department posted notices on the trees two days before the work began, which it said met its policy. Residents said the notices were small and that the department's own tree-health survey, finished in June, was not published until after the felling started.",
        blockquote=("Trees identified with advanced Armillaria root decay present a high likelihood of whole-tree failure and should be removed before the onset of winter storms.", "Port Calloway Parks Department, tree health survey, June"),
        close="The department has promised to plant 120 young trees of mixed species in the spring and to publish future surveys as soon as they are finished. A public walk with the city arborist is set for Saturday at 10 a.m.",
    ),
    A(
        section="local",
        slug="night-ferry-returns",
        kicker="Transport",
        title="The night ferry to Kestrel Island returns after a four-year absence",
        dek="Islanders who work late shifts in the city had been sleeping on friends' sofas. A last boat at 11.30 p.m. starts in January.",
        place="PORT CALLOWAY",
        bylines=(("mara-okafor", "reporter"),),
        tags=("Ferries", "Transport", "Kestrel Island"),
        days_ago=20,
        lede="The Calloway Transit Authority will restore the 11.30 p.m. ferry from the Old Quay terminal to Kestrel Island from January, four years after cutting it to save money, the authority's board decided on Monday.",
        quote=Q("I've been sleeping on my sister's sofa three nights a week since 2021", "Jonah Teague", "a line cook at a downtown restaurant who lives on the island"),
        context="The late crossing carried about 90 passengers a night before it was cut. The authority estimates it will cost $410,000 a year to run, a little over half of which will be covered by a new levy on car parking at the terminal.",
        pull=True,
        close="The board also agreed to study a second late crossing on Fridays and Saturdays. The island's 2,300 residents have no road connection to the mainland.",
    ),
    A(
        section="local",
        slug="water-main-northfield",
        kicker="Utilities",
        title="Burst water main leaves 3,000 Northfield homes without water for a day",
        dek="The 1931 cast-iron pipe is one of 60 miles the utility says it cannot replace fast enough.",
        place="PORT CALLOWAY",
        bylines=(("mara-okafor", "reporter"),),
        tags=("Water", "Northfield", "Utilities"),
        days_ago=24,
        lede="About 3,000 homes in Northfield were without running water for most of Thursday after a 1931 cast-iron main split under Linden Avenue, flooding the road and undermining a bus shelter that later collapsed into the hole.",
        quote=Q("We have sixty miles of pipe like that one, and at our current budget we replace four miles a year", "Gareth Olumide", "director of Calloway Water"),
        context="Water was restored to all homes by 11 p.m., the utility said, though residents were told to run their taps for five minutes before drinking. The road will be closed for at least a week while the main is replaced and the ground repaired.",
        close="The utility's board will consider a proposal next month to raise water rates by 6 percent a year for five years to double the pace of pipe replacement.",
        corrections=(("update", "Calloway Water said water had been restored to all homes by 11 p.m. on Thursday.", 14),),
    ),
    A(
        section="local",
        slug="community-fridge-old-quay",
        kicker="Neighbourhoods",
        title="A community fridge on Old Quay feeds 200 people a week, and needs a new home",
        dek="The café that hosts it is closing. Its volunteers are looking for a wall, a plug and a landlord who doesn't mind.",
        place="PORT CALLOWAY",
        bylines=(("noor-haddad", "writer"),),
        tags=("Old Quay", "Food", "Neighbourhoods"),
        days_ago=28,
        lede="Every morning before seven, someone fills the blue fridge outside the Lantern Café on Old Quay Street with bread, vegetables and whatever the neighbourhood's restaurants could not sell the night before. By noon it is usually empty.",
        quote=Q("It's the least bureaucratic charity in the city. You take what you need and nobody asks you anything", "Bea Lindqvist", "who started the fridge in 2022"),
        context="The café's owner is retiring at the end of the year and the building has been sold. The fridge's dozen volunteers need a covered spot on a street with foot traffic, an electrical outlet, and a property owner willing to take out a small liability policy.",
        more=("Volunteers log what goes in and out. In October the fridge handled about 1.4 tonnes of food, most of it from four bakeries and a greengrocer.",),
        close="Anyone who can offer space can reach the volunteers through the café until December 20.",
    ),
    A(
        section="local",
        slug="sound-swim-water-quality",
        kicker="Environment",
        title="Calloway Sound's beaches passed every water test this summer, a first",
        dek="Two decades after a sewage overflow closed them for a season, all eleven public beaches stayed open from June to September.",
        place="PORT CALLOWAY",
        bylines=(("aiyana-brightwater", "reporter"),),
        tags=("Calloway Sound", "Water", "Environment"),
        days_ago=33,
        lede="All eleven public beaches on Calloway Sound passed every weekly bacteria test from June to September, the county health department said on Tuesday, the first summer without a single swimming advisory since testing began in 1998.",
        quote=Q("When I started this job we closed Fisher's Cove after every heavy rain. This year we never closed it once", "Dr Miriam Saltzman", "the county's environmental health officer"),
        context="Officials credited the $310 million storage tunnel under the waterfront, finished in 2023, which holds storm runoff that used to overflow into the Sound with raw sewage. A dry August helped, they acknowledged.",
        pull=True,
        close="Testing will continue through the winter at three beaches popular with cold-water swimmers. Results are posted on the county's website each Friday.",
    ),
)

WORLD: tuple[ArticleSpec, ...] = (
    A(
        section="world",
        slug="kenya-tea-growers-weather-alerts",
        kicker="Agriculture",
        title="Kenyan tea growers turn to text-message frost alerts as highland weather grows erratic",
        dek="A cooperative near Kericho says the warnings saved a third of its harvest in a cold snap that ruined neighbouring farms.",
        place="NAIROBI, Kenya",
        bylines=(("kwame-asante-boyd", "reporter"),),
        tags=("Agriculture", "Climate", "Kenya", "Technology"),
        days_ago=1,
        lede="When the text message arrived at 9 p.m. warning of frost before dawn, Grace Chepkoech and her neighbours spent the night spreading dry grass over their tea bushes. By morning, the farms that had done the same were green, and many that had not were brown.",
        quote=Q("The old signs don't work any more. The cold comes when it is not supposed to come", "Grace Chepkoech", "who grows tea on two acres in the hills outside Kericho"),
        context="The alerts are sent by a growers' cooperative of about 4,000 smallholders, which pays a weather service to forecast ground temperatures for each of its collection centres. Frost used to be rare in Kenya's tea country; growers and agronomists say cold snaps have become harder to predict.",
        pull=True,
        more=("The cooperative estimates that members who acted on the warning lost about a fifth of their leaf, against more than half for farms outside the scheme. The figures have not been independently checked, but agronomists in the region said they were plausible.",),
        close="The cooperative plans to add hail warnings next season and is talking to two others about sharing the service.",
        contributors=(("Wanjiru Kamau", "Kericho, Kenya", ""),),
    ),
    A(
        section="world",
        slug="norway-electric-ferries",
        kicker="Energy",
        title="On Norway's fjords, the electric ferry has become ordinary",
        dek="Dozens of battery ferries now cross the country's fjords. Port Calloway, which is buying its first, is watching.",
        place="BERGEN, Norway",
        bylines=(("tomas-lindgren", "writer"),),
        tags=("Ferries", "Energy", "Norway", "Climate"),
        days_ago=4,
        lede="The ferry across the fjord leaves every twenty minutes, silent except for the ramp clanking shut. In the ten minutes it spends at the dock, a charging arm swings down from a tower and tops up its batteries, and most passengers never notice.",
        quote=Q("The first year, people came to look at it. Now they complain about the coffee, like on any ferry", "Ingrid Solvang", "a captain who has worked the crossing for eleven years"),
        context="Norway's ferry operators began switching to batteries a decade ago, helped by cheap hydroelectric power and by contracts from regional governments that required low emissions. Dozens of electric ferries now operate in the country.",
        subheading="Lessons for the Sound",
        more=(
            "Port Calloway's transit authority has ordered its first battery ferry for the Kestrel Island route, due in 2027. Its engineers visited three Norwegian operators last spring.",
            "The main lesson, operators here said, is the grid connection: charging a large ferry in ten minutes needs a substation's worth of power at the dock, and that took longer to build than the boats.",
        ),
        close="The Calloway Transit Authority has applied for the dock connection at Old Quay; the utility says it will take at least two years.",
        contributors=(("Erik Haugland", "Bergen, Norway", ""),),
    ),
    A(
        section="world",
        slug="lisbon-trams-restoration",
        kicker="Cities",
        title="Lisbon's oldest trams get new motors and keep their wooden seats",
        dek="A workshop by the river is rebuilding the yellow cars one by one, so they can climb the city's hills for another forty years.",
        place="LISBON, Portugal",
        bylines=(("lucia-ferreira", "reporter"),),
        tags=("Transport", "Portugal", "Heritage", "Tourism"),
        days_ago=5,
        lede="In a long shed near the river, a dozen mechanics are taking apart a tram built in the 1930s, labelling each brass fitting in a cardboard box. When the car goes back into service next year, it will have a new motor, new brakes and the same varnished wooden benches.",
        quote=Q("The tourist sees a postcard. We see a machine that has to climb a 13 percent hill forty times a day", "Rui Matos", "who runs the workshop"),
        context="The city's historic tram lines are crowded with visitors in summer, but they also carry residents up streets too steep and narrow for buses. The rebuilding programme aims to keep the fleet running for decades rather than replace it with modern cars that would not fit.",
        image=InlineImage("The workshop rebuilds about four trams a year, each one taken down to its frame."),
        more=("Each car takes about three months. The workshop keeps a store of parts cast from original patterns, including the bells.",),
        close="Residents have asked for a separate queue at the busiest stops, so that they can get to work in the high season. The city says it is studying the idea.",
    ),
    A(
        section="world",
        slug="accra-electronics-repair-school",
        kicker="Technology",
        title="In Accra, a repair school turns discarded phones into a trade",
        dek="Graduates of a six-month course fix devices others throw away. The school has a waiting list of 900.",
        place="ACCRA, Ghana",
        bylines=(("kwame-asante-boyd", "reporter"),),
        tags=("Technology", "Ghana", "Jobs", "Recycling"),
        days_ago=9,
        lede="On a long table in a converted warehouse, twenty students bend over phones with their backs open, tracing faults with borrowed multimeters. Most of the handsets arrived in sacks from a scrap dealer; by the end of the week, about half will work again.",
        quote=Q("A broken phone is not rubbish. It is twenty parts, and most of them are fine", "Kofi Mensah-Agyei", "who founded the school in 2019"),
        context="The school runs a six-month course in phone and laptop repair, free for students who agree to work in its repair shop for three months afterwards. Graduates earn a living from market stalls and small shops across the city.",
        pull=True,
        more=("The school's revenue comes mostly from selling refurbished handsets. It recovers precious metals from the devices it cannot save and sends them to a licensed recycler instead of the open burning that still happens on the city's scrapyards.",),
        close="It plans to open a second site in Kumasi next year, which would double its intake to 160 students a year.",
        contributors=(("Abena Owusu", "Accra, Ghana", ""),),
        corrections=(("correction", "An earlier version of this article misstated the year the school was founded. It was 2019, not 2017.", 26),),
    ),
    A(
        section="world",
        slug="valparaiso-funiculars",
        kicker="Cities",
        title="Valparaíso's hillside lifts, a century old, are running again",
        dek="Four of the Chilean port's funiculars have reopened after repairs. For the neighbourhoods above, they are a lifeline, not a ride.",
        place="VALPARAÍSO, Chile",
        bylines=(("tomas-lindgren", "writer"),),
        tags=("Transport", "Chile", "Heritage", "Cities"),
        days_ago=12,
        lede="The wooden car shudders, then starts up the rails, and in ninety seconds Marta Fuentes is at the top of the hill with her shopping, instead of at the foot of 300 steps.",
        quote=Q("When it was closed, my mother stopped going down to the market. She is 81", "Marta Fuentes", "who lives on Cerro Artillería"),
        context="Valparaíso's funiculars, built from the late nineteenth century to serve homes on the steep hills above the port, fell into disrepair in recent decades, and several stood idle for years. A restoration programme has now returned four to service.",
        pull=True,
        close="A fare on the restored lifts costs residents about the same as a bus ticket. Officials said two more would reopen by the end of next year.",
        contributors=(("Camila Rojas", "Valparaíso, Chile", ""),),
    ),
    A(
        section="world",
        slug="iceland-geothermal-greenhouses",
        kicker="Food",
        title="In Iceland, geothermal greenhouses are growing tomatoes through the polar night",
        dek="Farmers heat and light their glasshouses with the island's hot water and cheap power. Exporting is the hard part.",
        place="HVERAGERÐI, Iceland",
        bylines=(("lucia-ferreira", "reporter"),),
        tags=("Agriculture", "Iceland", "Energy", "Food"),
        days_ago=15,
        lede="Outside, it is dark by four in the afternoon and the wind carries sleet. Inside Sigrún Halldórsdóttir's greenhouse it is 24 degrees, bright as a summer morning, and smells of tomato leaves.",
        quote=Q("The heat comes out of the ground for almost nothing. The light is what costs us", "Sigrún Halldórsdóttir", "whose family has grown vegetables here for three generations"),
        context="Greenhouse growers in this town south of Reykjavik pipe naturally hot water from boreholes to heat their glasshouses. In winter they run grow lights for up to eighteen hours a day, on electricity from the same geothermal and hydroelectric plants.",
        more=("Iceland's growers supply much of the country's tomatoes and cucumbers. Shipping to Europe is another matter: by the time a crate has crossed the Atlantic, a grower said, it costs more than Spanish tomatoes grown under plastic.",),
        close="Halldórsdóttir is trying strawberries this winter. Her first crop sold out at a Reykjavik market in two hours.",
    ),
    A(
        section="world",
        slug="hanoi-street-food-licences",
        kicker="Cities",
        title="Hanoi tidies its pavements, and street cooks worry about their corners",
        dek="A drive to clear walkways for pedestrians has vendors on the old quarter's busiest streets negotiating for space, one stool at a time.",
        place="HANOI, Vietnam",
        bylines=(("tomas-lindgren", "editor"),),
        tags=("Cities", "Vietnam", "Food", "Tourism"),
        days_ago=18,
        lede="Every evening at five, Nguyễn Thị Hoa sets out twelve plastic stools and a charcoal brazier on the same corner her mother used, and every evening this month a ward official has come by with a tape measure.",
        quote=Q("They say leave one and a half metres for people to walk. Fine. But my customers are people too", "Nguyễn Thị Hoa", "who sells grilled pork and noodles"),
        context="City authorities have stepped up efforts to keep pavements in the old quarter clear for pedestrians, painting lines that mark where vendors may set up. Cooks and café owners say the lines leave room for fewer customers and are enforced unevenly.",
        blockquote=("Pavement space may be used temporarily for trade only where a minimum clear width for pedestrians is maintained, as marked by the ward.", "Notice posted by a ward office in Hoàn Kiếm district"),
        close="Several vendors on Hoa's street have started taking orders by phone and delivering by motorbike, to sell more with fewer stools.",
        contributors=(("Trần Minh Đức", "Hanoi, Vietnam", "reporting and translation"),),
    ),
    A(
        section="world",
        slug="wellington-quake-strengthening",
        kicker="Cities",
        title="Wellington's old brick buildings face a deadline: strengthen them or empty them",
        dek="Owners of hundreds of quake-prone buildings are racing to finish work. Some have decided it is cheaper to leave.",
        place="WELLINGTON, New Zealand",
        bylines=(("tomas-lindgren", "writer"),),
        tags=("Cities", "New Zealand", "Earthquakes", "Housing"),
        days_ago=22,
        lede="The three-storey brick building on Cuba Street has had the same bookshop on its ground floor for thirty years. Since August it has had steel braces bolted to its back wall, scaffolding on its front, and a sign reading 'Open as usual (mostly)'.",
        quote=Q("We are paying for the earthquake before it happens. That is the right idea and it is still painful", "Hemi Walker", "who owns the building"),
        context="New Zealand requires owners of buildings assessed as earthquake-prone to strengthen or demolish them within set deadlines. In Wellington, which sits on active faults, many owners of older masonry buildings are still completing the work.",
        close="The city council runs a small grant scheme for heritage buildings, which covers a fraction of the typical cost. Walker expects the scaffolding to come down in March.",
        contributors=(("Aroha Tane", "Wellington, New Zealand", ""),),
    ),
    A(
        section="world",
        slug="morocco-drought-water-rationing",
        kicker="Climate",
        title="In Morocco's drought, farmers dig deeper and cities ration",
        dek="Years of low rainfall have emptied reservoirs. Wells now reach depths that farmers say were unthinkable a generation ago.",
        place="MARRAKESH, Morocco",
        bylines=(("kwame-asante-boyd", "reporter"), ("lucia-ferreira", "reporter")),
        tags=("Drought", "Morocco", "Water", "Agriculture", "Climate"),
        days_ago=27,
        lede="Abdellah Ait Ouali's father found water at twelve metres. Last spring, Ait Ouali paid a drilling crew to go to ninety, and the well still ran dry by August.",
        quote=Q("We used to pray for rain. Now we pray and we pay the drillers", "Abdellah Ait Ouali", "who grows olives and barley outside Marrakesh"),
        context="Several dry years in a row have left Morocco's reservoirs low and its groundwater falling. Authorities have limited water for some uses in cities and are building desalination plants on the coast.",
        pull=True,
        subheading="Desalination and its limits",
        more=("New seawater plants will supply coastal cities and some farms, officials say. Inland farmers like Ait Ouali, hundreds of kilometres from the sea, will not benefit soon.",),
        close="He has replaced half his barley with drought-tolerant carob seedlings. They will take seven years to bear.",
        contributors=(("Youssef Benali", "Marrakesh, Morocco", ""),),
    ),
    A(
        section="world",
        slug="krakow-smog-heating",
        kicker="Environment",
        title="Kraków banned coal stoves. Its winters are getting easier to breathe",
        dek="A city once known for some of Europe's dirtiest winter air is now held up as an example, though the smog still drifts in from its suburbs.",
        place="KRAKÓW, Poland",
        bylines=(("lucia-ferreira", "reporter"),),
        tags=("Air quality", "Poland", "Energy", "Health"),
        days_ago=41,
        lede="On a cold, still January evening a decade ago, Kraków's air could be thick enough to taste. Residents say those evenings have become rare since the city banned burning coal and wood in household stoves.",
        quote=Q("My son has asthma. I used to check the pollution app before I checked the weather", "Katarzyna Wróbel", "a teacher in the Podgórze district"),
        context="The ban, which took full effect in 2019, was accompanied by subsidies for households to connect to district heating or switch to gas or heat pumps. Monitoring stations have recorded sharp falls in fine-particle pollution since.",
        close="Campaigners now want the surrounding municipalities, where many homes still burn coal, to follow. Several have set their own deadlines.",
        contributors=(("Marek Zieliński", "Kraków, Poland", ""),),
    ),
)

POLITICS: tuple[ArticleSpec, ...] = (
    A(
        section="politics",
        slug="school-funding-formula-vote",
        kicker="Statehouse",
        title="Legislature passes new school funding formula by two votes",
        dek="Port Calloway's schools would gain about $31 million a year. Rural districts say they lose, and the governor has not said whether she will sign.",
        place="HARROWGATE",
        bylines=(("ruth-kamara", "reporter"),),
        tags=("Statehouse", "Schools", "Budget", "Elections 2026"),
        days_ago=1,
        lede="The state Assembly passed a rewrite of the formula that divides school money among the state's 212 districts by 41 votes to 39 late on Wednesday, sending to the governor a bill that would shift tens of millions of dollars a year toward districts with more children in poverty.",
        quote=Q("For thirty years we funded schools by counting buildings. This counts children", "Assembly member Rosa Delacroix", "a Democrat from Port Calloway who wrote the bill"),
        context="Under the new formula, the Port Calloway Unified School District would receive about $31 million more a year once it is fully phased in, according to the legislature's budget office. Forty-six mostly rural districts would receive less, though none would lose more than 2 percent a year.",
        pull=True,
        subheading="What the governor might do",
        more=("Governor Helen Strand has ten days to sign or veto the bill. Her spokesman said she was 'reviewing its effects on every district', and pointed out that she had asked for a longer phase-in than the bill provides.",),
        close="If she vetoes it, supporters would need 48 votes to override, seven more than they have.",
        corrections=(("correction", "An earlier version of this article misstated the number of districts that would receive less money. It is 46, not 64.", 9),),
    ),
    A(
        section="politics",
        slug="mayoral-race-third-candidate",
        kicker="Elections 2026",
        title="A harbour pilot enters the race for mayor, promising to 'fix the boring things'",
        dek="Cal Ostrowski, who has never held office, joins Mayor Arkwright and Councillor Bianchi in what is now a three-way contest.",
        place="PORT CALLOWAY",
        bylines=(("mara-okafor", "reporter"), ("ruth-kamara", "reporter")),
        tags=("Elections 2026", "City council", "Mayor"),
        days_ago=5,
        lede="Cal Ostrowski, a harbour pilot who has guided container ships into Calloway Sound for nineteen years, said on Saturday that he would run for mayor next year, making the race a three-way contest between him, Mayor Denise Arkwright and Councillor Teresa Bianchi.",
        quote=Q("Potholes, buses, permits. I want to fix the boring things, and I want to do it in public", "Cal Ostrowski", "speaking to about 200 people at the Pier 4 union hall", form=0),
        context="Ostrowski, 52, is running without a party label, as all candidates for mayor are required to. He has the backing of the pilots' and longshore workers' unions, which together spent about $400,000 on council races two years ago.",
        more=("Arkwright, seeking a second term, said she welcomed 'anyone who wants to talk about the city's future'. Bianchi, who represents Harbour Flats, said Ostrowski would have to explain 'how he plans to pay for any of it'.",),
        close="The primary is in June. If no candidate wins a majority, the top two go to a runoff in November.",
    ),
    A(
        section="politics",
        slug="short-term-rentals-ballot",
        kicker="Elections 2026",
        title="Measure to cap short-term rentals qualifies for the ballot",
        dek="Housing campaigners turned in 31,000 signatures. Hosts say the cap would wipe out a side income for thousands of families.",
        place="PORT CALLOWAY",
        bylines=(("mara-okafor", "reporter"),),
        tags=("Elections 2026", "Housing", "Tourism", "Ballot measures"),
        days_ago=9,
        lede="A ballot measure that would limit short-term rentals in Port Calloway to a host's own home, for no more than 90 nights a year, will go before voters next November after the city clerk confirmed on Monday that its backers had collected enough valid signatures.",
        quote=Q("Every flat that becomes a holiday let is a flat a nurse or a bus driver can't rent", "Femi Adeyemi", "of the Homes First coalition, which organised the petition"),
        context="The city has about 2,900 active short-term rental listings, according to its registry, roughly two thirds of them whole homes whose owners do not live there. Most are in Old Quay and the waterfront.",
        blockquote=("No person shall offer a dwelling unit for short-term rental unless the unit is the host's primary residence, and no more than ninety nights in any calendar year.", "Text of the proposed measure, section 2"),
        close="A hosts' group, Calloway Home Sharers, said it would campaign against the measure and was considering a legal challenge to its wording.",
    ),
    A(
        section="politics",
        slug="police-oversight-board-budget",
        kicker="City council",
        title="Council gives police oversight board its own investigators",
        dek="The board has relied on police department files since it was set up. From July it can hire three investigators of its own.",
        place="PORT CALLOWAY",
        bylines=(("mara-okafor", "reporter"),),
        tags=("City council", "Policing", "Budget"),
        days_ago=13,
        lede="The Port Calloway City Council voted 7 to 2 on Tuesday to give the civilian police oversight board $540,000 a year to hire its own investigators, ending an arrangement under which the board could review complaints only through files prepared by the police department.",
        quote=Q("You cannot oversee someone if they write the only account of what happened", "Councillor Andre Lestrade", "who proposed the change"),
        context="The board, created in 2020, reviewed 188 complaints last year. In its annual report it said it had been unable to reach a finding in a third of them because the department's files were incomplete.",
        pull=True,
        close="Police Chief Monica Reyes said the department would cooperate with the new investigators. The police officers' union said it was studying the vote.",
    ),
    A(
        section="politics",
        slug="transit-levy-poll",
        kicker="Elections 2026",
        title="Voters split evenly on a transit tax, Courier poll finds",
        dek="Support is strong in neighbourhoods with light rail and weak in those still waiting for it.",
        place="PORT CALLOWAY",
        bylines=(("imogen-castell", "analyst"), ("ruth-kamara", "reporter")),
        tags=("Elections 2026", "Transport", "Polls", "Taxes"),
        days_ago=16,
        lede="Port Calloway's voters are evenly divided over a proposed half-cent sales tax to pay for two new light-rail lines and more frequent buses, a poll for the Courier has found: 46 percent in favour, 45 percent against and 9 percent undecided.",
        quote=Q("I'd pay it tomorrow if the train came to Northfield. It doesn't, and the plan says 2034", "Lena Dvořák", "a Northfield dental hygienist who took part in the poll"),
        context="The poll of 820 likely voters, conducted by phone and online from the 3rd to the 9th, has a margin of error of plus or minus 3.4 percentage points. Support reached 61 percent in neighbourhoods within a mile of an existing station and fell to 34 percent in those more than three miles away.",
        pull=("Support reached 61 percent near existing stations and fell to 34 percent in neighbourhoods three miles away.", "Courier poll of 820 likely voters"),
        subheading="How the poll was conducted",
        more=("The Courier commissioned the poll from Tidewater Research, an independent firm, and paid for it. Results were weighted by age, sex, neighbourhood and past turnout. The full questionnaire is published with this article.",),
        close="The council must decide by March whether to place the tax on the November ballot.",
    ),
    A(
        section="politics",
        slug="state-senator-resigns",
        kicker="Statehouse",
        title="State Senator Owen Hartigan resigns to lead the port authority",
        dek="His departure leaves the Senate tied 20 to 20 until a special election, and hands the deciding vote to the lieutenant governor.",
        place="HARROWGATE",
        bylines=(("ruth-kamara", "reporter"),),
        tags=("Statehouse", "Harbour", "Special election"),
        days_ago=21,
        lede="State Senator Owen Hartigan, who has represented Port Calloway's waterfront district for twelve years, resigned on Friday to become chief executive of the Calloway Sound Port Authority, a move that leaves the state Senate evenly split until his seat is filled.",
        quote=Q("I have spent a decade writing laws about the port. It is time to go and run it", "Owen Hartigan", "who announced his resignation in a statement", form=0),
        context="Hartigan, a Democrat, was chairman of the Senate's transport committee. With his departure, Democrats and Republicans each hold 20 seats; the lieutenant governor casts tie-breaking votes.",
        close="The governor must call a special election within 60 days. Two council members have already said they are considering running.",
        corrections=(("editors_note", "This article has been updated to note that the lieutenant governor casts tie-breaking votes in the state Senate, which the first version omitted.", 6),),
    ),
    A(
        section="politics",
        slug="council-budget-gap",
        kicker="City budget",
        title="City faces a $58 million budget gap as federal pandemic money runs out",
        dek="The finance director's forecast sets up a hard spring for the council: cut services, raise property taxes, or both.",
        place="PORT CALLOWAY",
        bylines=(("mara-okafor", "reporter"),),
        tags=("Budget", "City council", "Taxes"),
        days_ago=30,
        lede="Port Calloway will have $58 million less than it needs to keep services at their current level next year, the city's finance director told the council on Wednesday, as the last of the federal relief money that propped up its budget since 2021 runs out.",
        quote=Q("We have been using one-off money for recurring costs. That was always going to end, and now it has", "Samuel Okonkwo-Vance", "the city's finance director"),
        context="The gap is about 6 percent of the city's general fund. The forecast assumes no new hiring and modest wage increases agreed in union contracts.",
        more=("The mayor has asked every department to propose cuts of 5 and 10 percent by February. Council members from both ends of the political spectrum said they expected a property tax increase to be discussed.",),
        close="Public hearings on the budget begin in April. The council must adopt a balanced budget by June 30.",
    ),
    A(
        section="politics",
        slug="redistricting-commission-maps",
        kicker="Statehouse",
        title="Redistricting commission's draft maps split Port Calloway three ways",
        dek="The city would anchor one congressional district and share two others with the suburbs. Public hearings start next week.",
        place="HARROWGATE",
        bylines=(("ruth-kamara", "reporter"), ("imogen-castell", "graphics")),
        tags=("Redistricting", "Statehouse", "Elections 2026"),
        days_ago=38,
        lede="The state's independent redistricting commission released draft maps on Thursday that would divide Port Calloway among three congressional districts, keeping the downtown and waterfront together but joining the northern neighbourhoods to suburban and rural areas inland.",
        quote=Q("We were asked to keep communities together and to make districts competitive. Sometimes those pull against each other", "Commissioner Lillian Ng", "one of the commission's five members"),
        context="The commission was created by a ballot measure in 2020 and is drawing its first maps after a court ordered new districts to reflect population changes. Its draft must be approved by at least four of its five members.",
        image=InlineImage("The draft map keeps downtown and the waterfront in one district and splits the northern neighbourhoods.", "Graphic: Imogen Castell"),
        more=("Northfield, which would be joined to a district stretching 80 miles inland, drew the sharpest early criticism. Residents said they had little in common with farm towns beyond the ridge.",),
        close="Hearings will be held in Port Calloway, Harrowgate and three other cities. Final maps are due in March.",
    ),
    A(
        section="politics",
        slug="columnist-council-meetings",
        kicker="Opinion",
        title="The council's best work happens at 11 p.m. That's the problem",
        dek="Our columnist sat through every meeting this autumn. The decisions that mattered most were made after almost everyone had gone home.",
        place="PORT CALLOWAY",
        bylines=(("hank-delorme", "columnist"),),
        tags=("City council", "Opinion", "Transparency"),
        days_ago=44,
        lede="I attended every meeting of the Port Calloway City Council this autumn, all fourteen of them, and I can report that the most consequential votes of the season were taken, on average, at 10.48 p.m., when the public gallery held me, a security guard and one very patient retiree named Doris.",
        quote=Q("I come for the zoning items. They always leave them till last, like dessert", "Doris Kettering", "who has attended council meetings since 1997", form=0),
        context="This is not a conspiracy. The agenda puts proclamations, presentations and public comment first, and the council's own rules let any member pull an item for discussion, which means the contentious ones drift to the bottom. But the effect is the same as a conspiracy: the people affected by a rezoning in Millbrook learn about it from the Courier the next morning.",
        pull=("The effect is the same as a conspiracy: the people affected learn about it from the paper the next morning.", "Hank Delorme"),
        close="The fix is dull and free: put decisions first and ceremonies last, and set a hard stop at 10 p.m. Any member can propose it. I will be there, with Doris, to see who does.",
    ),
)

BUSINESS: tuple[ArticleSpec, ...] = (
    A(
        section="business",
        slug="shipyard-wins-ferry-order",
        kicker="Shipbuilding",
        title="Calloway shipyard wins $212 million order for six ferries, its largest in decades",
        dek="The contract will keep about 700 people at work at the Pier 9 yard into 2030 and may bring back welders who left for the oil fields.",
        place="PORT CALLOWAY",
        bylines=(("devon-achterberg", "reporter"),),
        tags=("Shipping", "Jobs", "Ferries", "Harbour"),
        days_ago=2,
        lede="Sound Marine Works, the last shipyard on Calloway Sound, has won a $212 million contract to build six hybrid-electric ferries for a coastal operator in the north of the state, the company said on Monday, its biggest order since it built navy supply ships in the 1980s.",
        quote=Q("Five years ago we were fixing propellers and hoping. This is the kind of order that lets you take on apprentices again", "Lars Pedersen-Holt", "the yard's chief executive"),
        context="The yard employs about 520 people and expects to hire another 180, mostly welders, electricians and pipefitters, over the next eighteen months. The first ferry is due in 2027 and the last in 2030.",
        pull=True,
        more=("The Pier 9 site, which once employed 4,000 people, shrank through the 1990s as orders went to yards in Asia. The company said the new ferries' battery systems, which must be built to strict fire rules, helped it win against foreign bidders.",),
        close="Sound Marine Works will hold a hiring fair at the Pier 4 union hall on the 14th.",
    ),
    A(
        section="business",
        slug="cannery-closure-jobs",
        kicker="Jobs",
        title="Harbour Flats cannery to close after 71 years, cutting 240 jobs",
        dek="Its owner blames the price of sardines and the cost of the building. Workers were told at a meeting on the factory floor.",
        place="PORT CALLOWAY",
        bylines=(("devon-achterberg", "reporter"),),
        tags=("Jobs", "Fisheries", "Harbour Flats", "Labour"),
        days_ago=7,
        lede="The Bellwether cannery on Harbour Road, which has packed sardines and mackerel since 1954, will close in March, its owner told its 240 workers on Thursday, citing a collapse in sardine catches and the cost of repairing its ageing building.",
        quote=Q("Most of us have been here twenty years. Where do you go at fifty-five with a canning line on your CV?", "Rosa Ferreira-Quinn", "a line supervisor"),
        context="Bellwether Foods, which is owned by a food group based in Harrowgate, said sardine landings on the coast had fallen by two thirds in five years and that the plant needed about $30 million of work to meet new food safety rules.",
        more=("Under state law, the company must pay workers for 60 days after the closure. The union representing them said it would seek longer severance and help with retraining.",),
        close="The city's economic development office said the 6-acre waterfront site would be one of the largest to come up for sale on the Sound in decades.",
        corrections=(("correction", "An earlier version of this article gave the wrong first name for the line supervisor. She is Rosa Ferreira-Quinn.", 3),),
    ),
    A(
        section="business",
        slug="container-volumes-record",
        kicker="Port",
        title="Port of Calloway handled a record number of containers last quarter",
        dek="Ships diverted from crowded ports elsewhere lifted volumes by 11 percent. The port is not sure they will stay.",
        place="PORT CALLOWAY",
        bylines=(("devon-achterberg", "reporter"),),
        tags=("Shipping", "Harbour", "Trade"),
        days_ago=10,
        lede="The Port of Calloway handled 148,000 standard containers in the three months to September, 11 percent more than a year earlier and the most in any quarter in its history, the port authority said on Wednesday.",
        quote=Q("Some of this is ships that came to us because other ports were full. Our job is to make them want to come back", "Naomi Castellanos", "the port's commercial director"),
        context="Two shipping lines added Port Calloway to their Pacific routes in the spring after congestion at larger ports. The port's new rail spur, which opened in June, let containers leave by train rather than truck for the first time.",
        image=InlineImage("Container volumes at the port by quarter since 2019.", "Graphic: Imogen Castell"),
        close="The port authority will decide next year whether to lengthen its main container berth, a project estimated at $190 million.",
    ),
    A(
        section="business",
        slug="downtown-shop-vacancies",
        kicker="Retail",
        title="One in five downtown shopfronts is empty. Landlords are trying pop-ups",
        dek="A scheme that offers vacant units rent-free for three months has filled eleven of them. Whether the tenants stay is another question.",
        place="PORT CALLOWAY",
        bylines=(("devon-achterberg", "reporter"), ("sam-whitlock", "photographer")),
        tags=("Retail", "Downtown", "Small business"),
        days_ago=13,
        lede="Walk down Foundry Street from the station to the harbour and you will pass thirty-one shopfronts. Seven are empty, and four more house businesses that did not exist in June and may not exist in March.",
        quote=Q("Three months free is a gift. Month four is when I find out if I have a shop or a hobby", "Tamsin Okoye", "who opened a ceramics studio in a former bank branch in September"),
        context="The Downtown Business Improvement District's count found 19 percent of ground-floor units in the core empty in October, against 8 percent before the pandemic. Its pop-up scheme pays landlords a small fee to let new businesses use empty units rent-free for three months.",
        more=("Of the eleven businesses that have used the scheme since spring, four have signed leases. Three have closed, and four are still in their free period.",),
        close="The district plans a second round in January and has asked the city to waive permit fees for pop-up tenants.",
    ),
    A(
        section="business",
        slug="credit-union-merger",
        kicker="Banking",
        title="Two of the region's oldest credit unions agree to merge",
        dek="Harbour Workers and Tidewater Teachers would form the largest credit union in the state. Members must vote first.",
        place="PORT CALLOWAY",
        bylines=(("devon-achterberg", "reporter"),),
        tags=("Banking", "Small business", "Mergers"),
        days_ago=19,
        lede="Harbour Workers Credit Union and Tidewater Teachers Credit Union have agreed to merge, creating a member-owned lender with about $4.1 billion in assets and 290,000 members, the two boards said on Tuesday.",
        quote=Q("Our members keep asking for a better app and longer opening hours. Alone, neither of us can afford both", "Patrice Lindell", "chief executive of Harbour Workers"),
        context="Both were founded in the 1930s, one by longshore workers and the other by schoolteachers. The combined credit union would keep all 34 branches open for at least three years, the boards said.",
        close="Members of both credit unions will vote by post in February. The merger also needs the approval of state regulators.",
    ),
    A(
        section="business",
        slug="brewery-expansion-old-quay",
        kicker="Small business",
        title="Old Quay brewery buys the warehouse next door, and its neighbours' patience",
        dek="Gullwing Brewing will triple its output. It has promised residents a new filter on its chimney and no deliveries before 7 a.m.",
        place="PORT CALLOWAY",
        bylines=(("devon-achterberg", "reporter"),),
        tags=("Small business", "Old Quay", "Food"),
        days_ago=23,
        lede="Gullwing Brewing, which started in a garage in 2014 and now sells its beer in four states, has bought the vacant warehouse beside its Old Quay taproom for $3.2 million and plans to triple the amount of beer it brews there.",
        quote=Q("We could have moved to an industrial park. But the taproom is why people know us, and the taproom is here", "Jess Amundsen", "a co-founder"),
        context="Residents of the flats across the street have complained for years about the smell of boiling wort and lorries reversing at dawn. The brewery has agreed to fit a condenser to its kettle chimney and to limit deliveries to between 7 a.m. and 7 p.m.",
        close="The expansion will add about 25 jobs. It needs a permit from the planning department, which will hold a hearing in January.",
    ),
    A(
        section="business",
        slug="office-to-flats-conversion",
        kicker="Real estate",
        title="A half-empty office tower downtown will become 210 flats",
        dek="The conversion of the Meridian Building is the city's biggest yet. Forty of the flats will rent below market rates.",
        place="PORT CALLOWAY",
        bylines=(("devon-achterberg", "reporter"), ("mara-okafor", "reporter")),
        tags=("Housing", "Real estate", "Downtown"),
        days_ago=31,
        lede="The Meridian Building, a 1970s office tower at the corner of Foundry and Water Streets that has been more than half empty since 2020, will be converted into 210 flats under a plan approved by the planning commission on Thursday.",
        quote=Q("Offices need deep floors and housing needs windows. This building happens to be narrow enough to work", "Oona Gallagher", "an architect on the project"),
        context="The developer will receive a twelve-year property tax abatement in return for renting 40 flats to households earning less than 80 percent of the area's median income. Conversions elsewhere have stalled because many office floors are too deep to give every bedroom a window.",
        pull=True,
        close="Construction is expected to start in the summer and take about two years. The ground floor will keep its shops.",
    ),
    A(
        section="business",
        slug="fishing-quota-cut",
        kicker="Fisheries",
        title="Regulators cut next year's cod quota by a quarter; Calloway boats brace for a lean winter",
        dek="Scientists say stocks are at their lowest since the 1990s. Fishermen say the cut will finish off small boats.",
        place="PORT CALLOWAY",
        bylines=(("aiyana-brightwater", "reporter"), ("devon-achterberg", "reporter")),
        tags=("Fisheries", "Harbour", "Regulation"),
        days_ago=36,
        lede="Federal fisheries managers cut next year's catch limit for cod off the northern coast by 25 percent on Friday, after surveys found the stock at its lowest level since the collapse of the 1990s, a decision that Port Calloway's remaining fleet said would leave some of its boats tied up.",
        quote=Q("I can live with a cut. What I can't live with is a cut every year and nobody telling us where it ends", "Tom Halvorsen", "who fishes from Old Quay with his two sons"),
        context="Scientists point to warming water, which has pushed young cod north and deeper, as well as past overfishing. The council that set the limit also extended a seasonal closure around spawning grounds.",
        blockquote=("The stock is overfished and overfishing is occurring. A reduction in catch of at least 25 percent is required to halt the decline.", "Regional fishery management council, stock assessment summary"),
        close="The state has offered low-interest loans to boat owners who want to switch to other species. Few have taken them up.",
    ),
    A(
        section="business",
        slug="startup-seagrass-sensors",
        kicker="Startups",
        title="A Calloway startup that listens to the seabed raises $6 million",
        dek="Tidelog's underwater microphones count fish and boats. Its first customers are ports, not scientists.",
        place="PORT CALLOWAY",
        bylines=(("devon-achterberg", "reporter"),),
        tags=("Startups", "Technology", "Calloway Sound"),
        days_ago=47,
        lede="Tidelog, a Port Calloway company that makes underwater microphones and software to interpret what they hear, has raised $6 million from investors to expand beyond the Sound, its founders said on Tuesday.",
        quote=Q("The sea is loud. A snapping shrimp, a ferry and a herring shoal all sound different, and the software can tell them apart", "Dr Kirra Nakamura", "a co-founder and former Calloway State University researcher"),
        context="The company's first paying customers were ports that want to monitor ship noise, which regulators in some places now limit to protect whales. Researchers use the same data to track fish.",
        close="Tidelog employs fourteen people in a former net loft on Pier 2 and plans to hire ten more.",
    ),
)

SCIENCE: tuple[ArticleSpec, ...] = (
    A(
        section="science",
        slug="seagrass-restoration-results",
        kicker="Ecology",
        title="Seagrass planted in Calloway Sound has spread to four times its original area",
        dek="Five years after volunteers planted the first shoots by hand, the meadows are sheltering young fish and holding the seabed in storms.",
        place="PORT CALLOWAY",
        bylines=(("aiyana-brightwater", "reporter"),),
        tags=("Calloway Sound", "Ecology", "Research", "Climate"),
        days_ago=2,
        lede="Seagrass meadows planted in Calloway Sound since 2020 now cover about 31 hectares, four times the area volunteers planted by hand, according to a survey by Calloway State University published on Wednesday, a sign that the Sound's water is clear enough for the plants to spread on their own.",
        quote=Q("For years we planted and watched most of it die. Now it is growing faster than we can map it", "Dr Esther Mwangi", "the marine ecologist who leads the project"),
        context="Eelgrass once covered much of the Sound's shallow floor but largely disappeared by the 1980s, smothered by sediment and algae fed by sewage. The survey found juvenile fish at densities eight times higher in the restored meadows than on bare sand nearby.",
        pull=True,
        image=InlineImage("Restored meadows now cover about 31 hectares of the Sound's shallow floor."),
        more=("The researchers also found that the meadows slowed waves during two winter storms, measured with pressure sensors on the seabed, reducing erosion on the beaches behind them.",),
        close="The project is looking for volunteers for next summer's planting season. Training sessions begin in May.",
    ),
    A(
        section="science",
        slug="comet-ridgeview-observatory",
        kicker="Astronomy",
        title="Students at the Ridgeview Observatory helped pin down a new comet's orbit",
        dek="Their measurements, made on a 1930s telescope, were among the first submitted after the comet's discovery.",
        place="PORT CALLOWAY",
        bylines=(("aiyana-brightwater", "reporter"),),
        tags=("Astronomy", "Universities", "Research", "Ridgeview"),
        days_ago=7,
        lede="Three undergraduates at Calloway State University spent two cloudless nights last week photographing a newly discovered comet through the university's 1930s refractor at the Ridgeview Observatory, and their measurements were among the first used to calculate where the comet is going.",
        quote=Q("It's a smudge. A very exciting smudge that we measured about four hundred times", "Amara Sithole", "a third-year physics student"),
        context="Astronomers need precise positions over several nights to work out a new comet's orbit. Observatories around the world submit them to a central clearing house, which publishes a preliminary orbit once it has enough.",
        close="The comet will pass closest to the Sun in March. Astronomers do not expect it to be visible without binoculars. The observatory holds public viewing nights on the first Friday of each month.",
    ),
    A(
        section="science",
        slug="microplastics-oysters-study",
        kicker="Health",
        title="Oysters from the Sound contain fewer microplastic particles than expected, study finds",
        dek="Researchers counted fibres in 400 oysters from eight beds. Counts were highest near storm drains.",
        place="PORT CALLOWAY",
        bylines=(("aiyana-brightwater", "reporter"),),
        tags=("Health", "Research", "Calloway Sound", "Fisheries"),
        days_ago=0,
        embargo_hours=20,
        lede="Oysters farmed in Calloway Sound contain an average of 2.1 microplastic particles each, fewer than in most published studies of oysters elsewhere, according to research by Calloway State University to be published this week.",
        quote=Q("I expected to be writing a scarier paper. The numbers are low, but they are not zero, and they are highest where the drains come out", "Dr Hamid Rezaei", "the study's lead author"),
        context="The researchers dissolved the soft tissue of 400 oysters from eight farmed and wild beds and counted the particles left behind under a microscope. Most were fibres, probably from clothing, that reach the Sound through storm drains and the sewage system.",
        more=("The study did not examine whether eating oysters with microplastics affects human health, a question scientists say remains open.",),
        close="The oyster growers' association, which helped collect samples, said it would use the results to argue for filters on storm drains near its beds.",
    ),
    A(
        section="science",
        slug="hospital-sleep-study",
        kicker="Health",
        title="Quieter wards at night helped patients leave hospital sooner, trial suggests",
        dek="Port Calloway General dimmed lights, moved routine checks and silenced some alarms on four wards. Stays fell by almost half a day.",
        place="PORT CALLOWAY",
        bylines=(("aiyana-brightwater", "reporter"),),
        tags=("Health", "Hospitals", "Research"),
        days_ago=12,
        lede="Patients on four wards at Port Calloway General Hospital that turned down the lights and the noise at night went home, on average, 0.4 days sooner than patients on comparable wards, according to a trial published on Monday.",
        quote=Q("Nobody sleeps well in hospital. But we were waking people at 4 a.m. to weigh them, and we didn't have to", "Dr Joanna Pryce-Adeyemi", "a physician who led the trial"),
        context="The wards moved routine blood draws and weighings to after 6 a.m. where it was safe, dimmed corridor lights after 10 p.m., and set bedside monitors to alert nurses' pagers rather than sound in the room. Patients on those wards reported sleeping about an hour longer.",
        pull=True,
        close="The hospital will extend the changes to all adult wards next year. The researchers caution that a trial at one hospital needs repeating elsewhere.",
    ),
    A(
        section="science",
        slug="shipwreck-found-sound",
        kicker="Archaeology",
        title="Divers identify a wreck in the Sound as a schooner lost with all hands in 1887",
        dek="The Margaret Lindsay disappeared in a November gale. A bell stamped with her name settled the question.",
        place="PORT CALLOWAY",
        bylines=(("aiyana-brightwater", "reporter"), ("sam-whitlock", "photographer")),
        tags=("Archaeology", "Calloway Sound", "Heritage", "History"),
        days_ago=18,
        lede="A wooden wreck lying in 38 metres of water off Kestrel Island is the Margaret Lindsay, a timber schooner that vanished with her crew of seven in a gale in November 1887, maritime archaeologists said on Thursday, after divers recovered a bronze bell bearing her name.",
        quote=Q("When the silt came off and you could read the letters, nobody on the boat said anything for about a minute", "Callum Baptiste", "a volunteer diver with the Calloway Maritime Heritage Society"),
        context="The wreck was first detected by a survey vessel mapping the seabed for a new cable in 2022. Volunteers have dived it more than 40 times since, working in short windows of slack tide.",
        blockquote=("Schooner Margaret Lindsay, Capt. J. Ferris, out of Port Calloway with lumber for the south, not heard from since the gale of the 14th. Grave fears are entertained for her crew.", "The Calloway Courier, November 19, 1887"),
        close="The bell will be conserved and displayed at the Maritime Museum. The wreck, now a protected site, will be left where it lies.",
    ),
    A(
        section="science",
        slug="drought-barley-trial",
        kicker="Agriculture",
        title="A barley bred for dry years passes its first field test east of the ridge",
        dek="The variety yielded a fifth more grain than standard seed in this summer's drought. Brewers are interested.",
        place="HARROWGATE",
        bylines=(("aiyana-brightwater", "reporter"),),
        tags=("Agriculture", "Drought", "Research", "Universities"),
        days_ago=26,
        lede="A barley variety developed by plant breeders at Calloway State University produced about 20 percent more grain than the most widely planted seed in field trials on six farms east of the ridge this summer, the driest in the region for twenty years.",
        quote=Q("This year was the test we didn't want but needed. It was dry enough to show a difference", "Dr Paulo Esteves", "the plant breeder who led the work"),
        context="The variety was bred over nine years from crosses with a landrace collected in North Africa, chosen for deep roots and early flowering that lets it finish before the hottest weeks. It is not genetically modified.",
        close="The university will grow seed on a larger scale next year, and two regional maltsters have asked to test it for brewing.",
    ),
    A(
        section="science",
        slug="urban-foxes-tracking",
        kicker="Wildlife",
        title="GPS collars show Port Calloway's foxes commute like the rest of us",
        dek="Researchers tracked 22 foxes for a year. Most slept in railway cuttings and spent their nights in back gardens.",
        place="PORT CALLOWAY",
        bylines=(("aiyana-brightwater", "reporter"), ("imogen-castell", "graphics")),
        tags=("Wildlife", "Research", "Universities"),
        days_ago=34,
        lede="A year of tracking 22 red foxes with GPS collars has shown that Port Calloway's foxes keep regular routes, sleeping by day in railway cuttings and overgrown lots and travelling up to six kilometres a night through gardens, parks and the occasional car park.",
        quote=Q("One vixen crossed the same footbridge at almost the same minute every night for three months", "Dr Ben Achterhof", "the zoologist who led the study"),
        context="The collars, which weighed less than 5 percent of each animal's body weight, recorded positions every fifteen minutes and dropped off automatically after a year. Residents in several neighbourhoods helped by reporting sightings.",
        image=InlineImage("A year of one vixen's nightly routes between a railway cutting and Ridgeview Park.", "Graphic: Imogen Castell"),
        close="The researchers said their maps could help the city plan green corridors. They advise residents not to feed foxes.",
    ),
    A(
        section="science",
        slug="ai-flood-forecast",
        kicker="Technology",
        title="A machine-learning model now helps forecast floods on the Calloway River",
        dek="The county's forecasters say it gives them six more hours of warning. They still make the final call.",
        place="PORT CALLOWAY",
        bylines=(("aiyana-brightwater", "reporter"),),
        tags=("Flooding", "Technology", "Weather", "Research"),
        days_ago=42,
        lede="Calloway County's flood forecasters have begun using a machine-learning model trained on fifty years of river gauge readings and rainfall records, which they say gives them up to six more hours of warning before the Calloway River overtops its banks.",
        quote=Q("It is another forecaster in the room, a very fast one. It is not the one who decides", "Rhiannon Dyer", "the county's chief hydrologist"),
        context="The county developed the model with Calloway State University. In tests on past floods, it predicted peak river levels within 15 centimetres on average, against about 30 for the physical model the county has used since the 1990s.",
        pull=True,
        close="Forecasts from both models will be published side by side on the county's website during the winter.",
    ),
    A(
        section="science",
        slug="bees-rooftop-study",
        kicker="Ecology",
        title="Rooftop gardens attract more wild bees than expected, survey finds",
        dek="Volunteers counted 41 species on downtown roofs, including a mining bee last recorded in the city in 1962.",
        place="PORT CALLOWAY",
        bylines=(("aiyana-brightwater", "reporter"),),
        tags=("Ecology", "Wildlife", "Downtown"),
        days_ago=52,
        lede="Volunteers counting bees on twenty downtown rooftops over the summer recorded 41 species of wild bee, among them a mining bee not seen in Port Calloway since 1962, according to a survey published by the Calloway Naturalists' Society.",
        quote=Q("We assumed the roofs were too high and too windy. The bees didn't read the assumption", "Marguerite Oyelaran", "who coordinated the count"),
        context="Roofs planted with native wildflowers had about three times as many species as roofs planted with sedum alone. Several building owners have since asked the society for seed lists.",
        close="The society will repeat the count next summer and is recruiting volunteers who do not mind heights.",
    ),
)

CULTURE: tuple[ArticleSpec, ...] = (
    A(
        section="culture",
        slug="maritime-museum-reopens",
        kicker="Museums",
        title="The Maritime Museum reopens with its whaleboat hanging from the ceiling, and its history told plainly",
        dek="A three-year renovation added a gallery on the people the old displays left out: the cooks, the dockers and the families ashore.",
        place="PORT CALLOWAY",
        bylines=(("noor-haddad", "writer"),),
        tags=("Museums", "Heritage", "History", "Old Quay"),
        days_ago=3,
        lede="The Calloway Maritime Museum reopened on Saturday after a three-year, $22 million renovation, with its nineteenth-century whaleboat suspended from the roof of a new glass hall and a gallery devoted to the working lives of the people who loaded, cooked for and waited for the city's ships.",
        quote=Q("The old museum was about captains and cargo. We wanted to tell you who cooked the captain's dinner", "Adaeze Marlowe-Finch", "the museum's director"),
        context="The new gallery draws on letters, pay books and recorded interviews with retired dockers, collected over two years with the longshore union. One wall lists the names of 340 people lost at sea from Port Calloway since 1850.",
        pull=True,
        subheading="What to see first",
        more=("Start with the sound room, where recordings of the harbour in 1958 and today play side by side, then climb to the gallery to look down on the whaleboat, which was rowed for the last time in 1911.",),
        close="Admission is free for residents of Calloway County on the first Sunday of each month. The museum is closed on Mondays.",
    ),
    A(
        section="culture",
        slug="review-the-salt-year",
        kicker="Books",
        title="Review: 'The Salt Year' is a quiet novel about a loud family, and it is very good",
        dek="Ines Calder's debut follows three sisters through the year their father's boatyard fails. It deserves the attention it is getting.",
        place="PORT CALLOWAY",
        bylines=(("noor-haddad", "writer"),),
        tags=("Books", "Reviews", "Local authors"),
        days_ago=6,
        lede="Ines Calder's first novel opens with the Delacourt sisters arguing over who will tell their father the bank has called, and it never really stops: three women in a small house on the Sound, fighting, forgiving and keeping the books of a boatyard everyone but him knows is finished.",
        quote=Q("I wanted to write about money the way families actually talk about it, which is sideways and at dinner", "Ines Calder", "who grew up in Harbour Flats"),
        context="Calder, who teaches English at a Northfield secondary school, wrote the novel over six summers. Its dialogue is the book's great strength: her sisters talk over one another, change the subject, and say the important thing in the car park.",
        pull=("Her sisters talk over one another, change the subject, and say the important thing in the car park.", "Noor Haddad"),
        close="'The Salt Year' is published by Lighthouse Row Press. Calder reads at the Old Quay library on Thursday at 7 p.m.",
    ),
    A(
        section="culture",
        slug="jazz-club-last-night",
        kicker="Music",
        title="The Blue Anchor's last night: a jazz club closes with the band playing until 3 a.m.",
        dek="After 46 years and an unknowable number of standards, the basement club on Water Street has lost its lease.",
        place="PORT CALLOWAY",
        bylines=(("noor-haddad", "writer"), ("sam-whitlock", "photographer")),
        tags=("Music", "Nightlife", "Downtown"),
        days_ago=10,
        lede="At ten past three on Sunday morning, the house band at the Blue Anchor finished a twenty-minute 'Body and Soul', the pianist closed the lid of the club's 1961 upright, and the oldest jazz club in Port Calloway was done.",
        quote=Q("I played my first gig here at nineteen and my last one at sixty-four. Not many people get to close the door themselves", "Clement Ashdown", "the house pianist since 1980"),
        context="The club's landlord plans to convert the building, which it has owned since 2019, into offices. The owners said they had looked for another basement for two years and found nothing they could afford with a licence to play until 2 a.m.",
        image=InlineImage("The Blue Anchor's 1961 upright piano will go to the Eastgate Community Music School."),
        more=("About 300 people passed through on the final night, many of them musicians who had played there over five decades. The queue on Water Street went round the corner until after midnight.",),
        close="The piano has been donated to the Eastgate Community Music School. The owners say they are still looking for a new home.",
    ),
    A(
        section="culture",
        slug="mural-festival-controversy",
        kicker="Art",
        title="A mural of the harbour strike divides the neighbourhood it celebrates",
        dek="Some residents want the 1934 strike remembered. Others want a wall that doesn't mention it. The painter is caught in the middle.",
        place="PORT CALLOWAY",
        bylines=(("noor-haddad", "writer"),),
        tags=("Art", "Harbour Flats", "History", "Labour"),
        days_ago=14,
        lede="The mural is half finished: a line of dockers in flat caps, arms linked, on a wall facing Harbour Road. Whether it will be completed depends on a meeting of the Harbour Flats neighbourhood council next Tuesday.",
        quote=Q("My grandfather was in that line. I'm proud of it. My neighbour's grandfather was a foreman. He isn't", "Eileen Dorsey", "who lives across the road from the wall"),
        context="The 1934 harbour strike lasted 83 days and ended after a clash with police in which two strikers died. The mural was commissioned by the Harbour Flats arts festival, which did not consult residents before choosing its subject, organisers have acknowledged.",
        close="The artist, Mateo Quiroga, said he would finish the work as designed or paint over it, but would not 'paint a strike without the strikers'.",
    ),
    A(
        section="culture",
        slug="orchestra-new-conductor",
        kicker="Music",
        title="Calloway Symphony names a 34-year-old conductor from Porto as music director",
        dek="Beatriz Almeida will be the orchestra's first woman in the post and its youngest since 1952.",
        place="PORT CALLOWAY",
        bylines=(("noor-haddad", "writer"),),
        tags=("Music", "Classical music", "Culture"),
        days_ago=20,
        lede="The Calloway Symphony Orchestra has appointed Beatriz Almeida, a 34-year-old Portuguese conductor, as its music director from the 2026-27 season, the orchestra said on Wednesday.",
        quote=Q("In rehearsal she asked the second violins what they thought, and then she actually listened", "Walter Obi", "the orchestra's principal cellist, who sat on the search committee"),
        context="Almeida has conducted the orchestra twice as a guest, most recently in a programme of Sibelius and a new work by a Calloway composer that drew the season's largest audience.",
        close="She will conduct eight weeks a season and has said she will move to Port Calloway. Her first concert as music director is in September.",
    ),
    A(
        section="culture",
        slug="film-shot-in-port-calloway",
        kicker="Film",
        title="A thriller set in Port Calloway is filming on Old Quay, and locals are in it",
        dek="More than 400 residents answered a call for extras. The city has waived parking fees for the crew.",
        place="PORT CALLOWAY",
        bylines=(("noor-haddad", "writer"),),
        tags=("Film", "Old Quay", "Tourism"),
        days_ago=25,
        lede="For three weeks this month, the cobbled streets of Old Quay have been closed to traffic at night for 'Low Water', a thriller about a harbour pilot who finds something he should not in a container, starring a cast that includes about sixty residents hired as extras.",
        quote=Q("I have been walking down this street for thirty years. Today I did it eleven times, in a raincoat, for money", "Ahmed Karimi", "a retired postal worker cast as a passer-by"),
        context="The production is spending an estimated $7 million in the city, the mayor's film office said, most of it on local crew, hotels and catering. Port Calloway offers no film tax credit, but the office waived parking and permit fees.",
        pull=True,
        close="The film is due out next year. Residents of Old Quay's streets have been given vouchers for the inconvenience, redeemable at local restaurants.",
    ),
    A(
        section="culture",
        slug="food-festival-review",
        kicker="Food",
        title="The Harbour Food Festival grew up this year, and the queues grew with it",
        dek="Sixty stalls, one brilliant dumpling and a lesson about selling tickets for a pier that holds 3,000 people.",
        place="PORT CALLOWAY",
        bylines=(("noor-haddad", "writer"),),
        tags=("Food", "Festivals", "Harbour"),
        days_ago=39,
        lede="By 1 p.m. on Saturday, the queue for Mei Lin Tsao's pork and chive dumplings at the Harbour Food Festival was longer than the pier it stood on, and worth it.",
        quote=Q("I made 4,000 dumplings. I could have made 10,000", "Mei Lin Tsao", "who runs a dumpling shop in Eastgate"),
        context="The festival, in its ninth year, sold 11,000 tickets for two days on Pier 3, which the fire service limits to 3,000 people at a time. Visitors waited up to forty minutes to get on to the pier in the early afternoon.",
        close="Organisers apologised for the waits on Saturday evening and said next year's festival would sell timed entry slots.",
    ),
    A(
        section="culture",
        slug="theatre-festival-opens",
        kicker="Theatre",
        title="The Tidewater Theatre Festival opens with a play about a flood, performed in a car park",
        dek="'High Water Mark' seats its audience where the 2021 floods reached. It is uncomfortable in the best way.",
        place="PORT CALLOWAY",
        bylines=(("noor-haddad", "writer"),),
        tags=("Theatre", "Festivals", "Flooding", "Reviews"),
        days_ago=55,
        lede="The audience for 'High Water Mark' sits on folding chairs on the lowest level of the Dock Street car park, under a line painted on the concrete pillars at the height the water reached in 2021. It is about shoulder height.",
        quote=Q("We wanted people to feel the height of it, not read it on a plaque", "Siobhan Reilly-Oduya", "the play's director"),
        context="The play, devised with residents of Harbour Flats, follows four households through the night of the flood. Several of the performers lived through it.",
        pull=("We wanted people to feel the height of it, not read it on a plaque.", "Siobhan Reilly-Oduya, director"),
        close="'High Water Mark' runs until the 28th. The festival continues at eight venues across the city for two weeks.",
    ),
    A(
        section="culture",
        slug="poetry-prize-shortlist",
        kicker="Books",
        title="Two Port Calloway poets are shortlisted for the Tidewater Prize",
        dek="The shortlist of five is announced at noon. The winner will be named in February.",
        place="PORT CALLOWAY",
        bylines=(("noor-haddad", "writer"),),
        tags=("Books", "Poetry", "Local authors", "Prizes"),
        days_ago=0,
        embargo_hours=40,
        lede="Two poets from Port Calloway, Marcus Oyelowo and Dana Whitcombe, are among five writers shortlisted for this year's Tidewater Prize for Poetry, the region's richest literary award.",
        quote=Q("Both of these books are rooted in one place and still manage to be about everywhere", "Professor Ann Holloway", "who chaired the judges"),
        context="Oyelowo's 'Ferry Timetable' is a sequence of poems written on the Kestrel Island crossing. Whitcombe's 'Tide Tables for Beginners' is her third collection.",
        close="The winner, to be named in February, receives $25,000. The shortlisted poets read together at the Old Quay library on January 15.",
    ),
)

SPORT: tuple[ArticleSpec, ...] = (
    A(
        section="sport",
        slug="mariners-promotion-playoff",
        kicker="Football",
        title="Mariners reach the promotion final with a stoppage-time header",
        dek="Joel Amankwah's goal in the 94th minute sent 11,000 fans at Dockside Park into a state nobody wants to describe to their neighbours.",
        place="PORT CALLOWAY",
        bylines=(("felix-marchetti", "reporter"), ("sam-whitlock", "photographer")),
        tags=("Football", "Mariners", "Dockside Park"),
        days_ago=1,
        lede="Joel Amankwah rose above two defenders to head in a corner in the fourth minute of stoppage time on Saturday, giving the Port Calloway Mariners a 2-1 win over Harrowgate Athletic and a place in the second-division promotion final for the first time in fourteen years.",
        quote=Q("I didn't see it go in. I heard it. Eleven thousand people told me", "Joel Amankwah", "the Mariners' 22-year-old centre-back"),
        context="Harrowgate had led from the 31st minute and had a second goal ruled out for offside just after half-time. The Mariners equalised through a penalty by their captain, Dario Vukić, in the 77th minute.",
        pull=True,
        subheading="The final",
        more=("The Mariners will play Westmoor Rovers in the final on the 24th at a neutral ground. They lost both league meetings this season, 1-0 and 3-2.",),
        close="The club said it had been allocated 9,000 tickets for the final, which go on sale to season-ticket holders on Tuesday.",
        corrections=(("correction", "An earlier version of this article misstated the minute of the Mariners' equaliser. It was the 77th, not the 71st.", 4),),
    ),
    A(
        section="sport",
        slug="kestrels-losing-streak",
        kicker="Basketball",
        title="Kestrels end their eight-game losing streak, and their coach exhales",
        dek="A 97-88 win over Lakeport came on the night the team's owner said the coach's job was safe. Nobody believed him until now.",
        place="PORT CALLOWAY",
        bylines=(("felix-marchetti", "reporter"),),
        tags=("Basketball", "Kestrels"),
        days_ago=4,
        lede="The Calloway Kestrels beat the Lakeport Herons 97-88 at the Harbour Arena on Wednesday, ending an eight-game losing streak that had brought the team to the bottom of its conference and its coach, Daniela Ruiz-Hart, to the edge of the sack.",
        quote=Q("We didn't play differently. We just made the shots we've been missing for three weeks", "Daniela Ruiz-Hart", "the Kestrels' coach"),
        context="The guard Terrence Oyelaran scored 31 points, 18 of them in the fourth quarter, including four three-pointers in five minutes. The Kestrels had lost their previous three games by a combined 61 points.",
        close="The Kestrels play Harrowgate on Saturday, the first of four home games in ten days.",
    ),
    A(
        section="sport",
        slug="sound-regatta",
        kicker="Rowing",
        title="Kestrel Island crew wins the Sound Regatta's senior eights for the first time",
        dek="The island club, which trains at 5 a.m. before the first ferry, beat the university by three-quarters of a length.",
        place="PORT CALLOWAY",
        bylines=(("felix-marchetti", "reporter"),),
        tags=("Rowing", "Kestrel Island", "Calloway Sound"),
        days_ago=8,
        lede="The senior men's eight from the Kestrel Island Rowing Club won the Calloway Sound Regatta on Sunday, beating the Calloway State University crew by three-quarters of a length over 2,000 metres in a headwind, the first win in the race's 97-year history for a club whose members include two ferry deckhands, a plumber and a vet.",
        quote=Q("We train before the first ferry because after that half of us are at work", "Rhys Kowalczyk", "the crew's stroke, who is a vet in Millbrook"),
        context="The university crew, three of whom have rowed for the national under-23 team, led until the final 500 metres. The island club moved ahead with 200 metres to go.",
        image=InlineImage("The final 500 metres of the senior eights, where the island crew moved ahead."),
        close="The women's senior eights were won by the Port Calloway Rowing Club for the fourth year running.",
    ),
    A(
        section="sport",
        slug="calloway-marathon-record",
        kicker="Athletics",
        title="A schoolteacher wins the Calloway Marathon in a course record",
        dek="Hanna Eriksdottir ran 2:27:41 on the new flatter course, then went home to mark essays.",
        place="PORT CALLOWAY",
        bylines=(("felix-marchetti", "reporter"),),
        tags=("Athletics", "Marathon", "Schools"),
        days_ago=15,
        lede="Hanna Eriksdottir, who teaches geography at Ridgeview Middle School, won the women's race at the Calloway Marathon on Sunday in 2 hours 27 minutes 41 seconds, a course record by more than three minutes and the fastest time by any runner from the city.",
        quote=Q("I told my class if I won I'd cancel the quiz. I'm going to have to cancel the quiz", "Hanna Eriksdottir", "at the finish line on Harbour Road", form=0),
        context="The course was redrawn this year to avoid the climb over the Narrows Bridge, which was closed for repairs, and is about 40 metres flatter overall. The men's race was won by Samuel Kiprop of Harrowgate in 2:13:09.",
        pull=True,
        close="About 7,800 runners finished, a record for the race. Roads on the course reopened by 2 p.m.",
    ),
    A(
        section="sport",
        slug="school-football-girls-league",
        kicker="School sport",
        title="Girls' football in Calloway schools has doubled in three years",
        dek="Twenty-six schools now field teams. The problem is pitches, and who gets them on a Saturday.",
        place="PORT CALLOWAY",
        bylines=(("felix-marchetti", "reporter"),),
        tags=("Football", "Schools", "Women's sport"),
        days_ago=22,
        lede="Twenty-six secondary schools in Port Calloway fielded girls' football teams this autumn, twice as many as three years ago, according to the schools' athletic association, and the league now has more girls' teams than it has Saturday morning pitch slots.",
        quote=Q("We have the players. We have the coaches. We do not have the grass", "Kezia Mbatha", "who coaches the Eastgate High School team"),
        context="The association allocates city-owned pitches by a formula that dates from 1998 and gives priority to leagues with the longest history. Girls' fixtures have increasingly been pushed to Sunday evenings.",
        close="The parks department said it would review the formula and hoped to light two more pitches at Ridgeview Park next year.",
    ),
    A(
        section="sport",
        slug="swimmer-european-meet",
        kicker="Swimming",
        title="Calloway swimmer takes silver in the 400 metres at a meet in Lisbon",
        dek="Marisol Quintero, 19, trained at the Eastgate public pool until last year. Her old coach watched on a phone at 4 a.m.",
        place="LISBON, Portugal",
        bylines=(("felix-marchetti", "reporter"),),
        tags=("Swimming", "Portugal", "Women's sport"),
        days_ago=29,
        lede="Marisol Quintero, a 19-year-old from Port Calloway who learned to swim in the Eastgate public pool, took the silver medal in the women's 400 metres freestyle at an international meet in Lisbon on Saturday, lowering her personal best by nearly two seconds.",
        quote=Q("The last 50 hurt more than anything I've ever done. I'm going to frame the splits", "Marisol Quintero", "speaking after the race", form=0),
        context="Quintero moved to a national training centre last year after her club coach at Eastgate, Dev Ramaswamy, told her she had outgrown a pool with two lanes for competitive swimmers.",
        close="She races the 800 metres on Sunday. Ramaswamy said the Eastgate pool would screen it in the lobby at 5 a.m.",
        contributors=(("Inês Tavares", "Lisbon, Portugal", ""),),
    ),
    A(
        section="sport",
        slug="mariners-stadium-plan",
        kicker="Football",
        title="Mariners unveil plans to rebuild Dockside Park's oldest stand",
        dek="The 1923 West Stand would be replaced with a 4,000-seat terrace and a roof. The club wants the city to pay a third.",
        place="PORT CALLOWAY",
        bylines=(("felix-marchetti", "reporter"), ("mara-okafor", "reporter")),
        tags=("Football", "Mariners", "Dockside Park", "City council"),
        days_ago=37,
        lede="The Port Calloway Mariners want to demolish the West Stand at Dockside Park, a wooden structure from 1923 that has been partly closed since 2019, and replace it with a covered 4,000-seat stand at a cost of $38 million, the club said on Thursday.",
        quote=Q("It is the most beautiful stand in the league and you cannot sit in half of it. That's not heritage, that's a problem", "Gemma Rourke", "the club's chief executive"),
        context="The club has asked the city, which owns the ground, for $12.5 million toward the cost. Supporters' groups back the plan but have asked that the stand's wooden gable, painted with the club's crest, be kept and remounted.",
        close="The council's parks and recreation committee will hear the proposal in January.",
    ),
    A(
        section="sport",
        slug="cycling-velodrome-closing",
        kicker="Cycling",
        title="The outdoor velodrome in Northfield will close unless it finds $900,000",
        dek="Its concrete track is cracking. Track cyclists say there is nowhere else within a day's drive.",
        place="PORT CALLOWAY",
        bylines=(("felix-marchetti", "reporter"),),
        tags=("Cycling", "Northfield", "Parks"),
        days_ago=46,
        lede="The Northfield Velodrome, a 333-metre concrete track built for a regional games in 1972, will close to racing at the end of the season unless its operators can raise about $900,000 to resurface its banking, the city's parks department said on Monday.",
        quote=Q("You cannot race on a track that has cracks you could lose a wheel in. We are already running slower than we should", "Luca Ferrand", "president of the Calloway Track Cycling Club"),
        context="The velodrome hosts about forty race nights a year and a free youth programme that introduced 300 children to track cycling last summer. The nearest other track is 400 kilometres away.",
        close="The club has started a fundraising campaign and asked the state for a sports facilities grant.",
    ),
    A(
        section="sport",
        slug="columnist-season-tickets",
        kicker="Column",
        title="I bought a season ticket for my father. He has opinions about the new seats",
        dek="Our columnist on fifty years of watching the Mariners from the same end of Dockside Park.",
        place="PORT CALLOWAY",
        bylines=(("hank-delorme", "columnist"),),
        tags=("Mariners", "Opinion", "Dockside Park"),
        days_ago=58,
        lede="My father has watched the Port Calloway Mariners from the Harbour End since 1973. This year, for his eightieth birthday, I bought him a season ticket in the new seats there, with a backrest, a cup holder and a view he describes as 'fine, I suppose'.",
        quote=Q("Standing up, you could move away from idiots. Sitting down, you're married to them for ninety minutes", "Gus Delorme", "my father, on the subject of allocated seating", form=0),
        context="The Harbour End was a terrace until 2019, when the club replaced it with 2,800 seats. Attendances have risen since, and the old men who stood in the same spot for forty years have been scattered by the ticket office's seating plan.",
        pull=("Standing up, you could move away from idiots. Sitting down, you're married to them.", "Gus Delorme, 80"),
        close="He has, however, used the cup holder every week. I take that as a win.",
    ),
)

ARTICLES: tuple[ArticleSpec, ...] = LOCAL + WORLD + POLITICS + BUSINESS + SCIENCE + CULTURE + SPORT

# The front page leads with this story.
LEAD_SLUG = "narrows-bridge-reopens"

# -- reader comments -------------------------------------------------------------------
# (name, body, replies); a reply is (name, body). Names are invented; emails are
# made from them on example.com.

COMMENTS: dict[str, tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]] = {
    "narrows-bridge-reopens": (
        ("Gil Navarro", "Drove across at 6 this morning. Smooth as anything. Forty minutes of my life back every day.", (
            ("Petra Sousa", "Same here. Though I will miss the ferry, honestly. Best coffee on the Sound."),
            ("Gil Navarro", "The ferry coffee was the only good thing about the closure, agreed."),
        )),
        ("Margaret Ilunga", "$41 million over budget and we're supposed to cheer? I'd like to see the council explain the footings problem in plain English.", ()),
        ("Dev Parekh", "Glad the sensor readings will be public. That's the part I'll actually read.", ()),
    ),
    "millbrook-rent-survey": (
        ("Tova Reinholt", "Can confirm. Our landlord raised the rent the week the Foundry Street stop opened.", (
            ("Carlos Mendel", "Ours too. The letter actually mentioned 'improved transport links' as the reason."),
        )),
        ("Brendan Okoro", "Thank you for publishing the method and data. More of this, please.", ()),
    ),
    "eastgate-library-late-hours": (
        ("Sunita Balogun", "This is wonderful news for night-shift nurses like me. Quiet, warm, and no one trying to sell me a drink.", ()),
        ("Archie Lemaire", "Please, please extend this to the Northfield branch.", (
            ("Yusuf Ambrose", "We hear you! If the trial goes well, Northfield is on the list."),
        )),
    ),
    "mariners-promotion-playoff": (
        ("Dominic Ferreira", "I have never hugged so many strangers in my life. What a header.", (
            ("Kath Mulvaney", "I lost my voice and my hat. Worth it."),
        )),
        ("Tariq Halloran", "Vukić's penalty was ice cold. Nobody's talking about that.", ()),
        ("Lena Strömberg", "9,000 tickets for the final isn't enough. Half the Harbour End will miss out.", ()),
    ),
    "school-funding-formula-vote": (
        ("Ingrid Vass", "I teach in a rural district that 'loses' under this. We'll manage. The kids in Harbour Flats have been shortchanged for decades.", ()),
        ("Harold Pike", "Two votes. I'd like to know which two.", (
            ("Ruth Kamara", "The roll call is linked from the legislature's website; we'll add it to the story."),
        )),
    ),
    "harbour-flats-flood-barrier": (
        ("Noreen Castaldi", "Dry cellar on Tanner Street for the first time in years. Thank you to the crews who cleared the drains at 10pm.", ()),
        ("Felipe Yamamoto", "Great, but tubes aren't a wall. Build the wall.", ()),
    ),
    "seagrass-restoration-results": (
        ("Moira Tennant", "I planted shoots in 2021 as a volunteer. Amazing to read this.", (
            ("Esther Mwangi", "Thank you, Moira, and every volunteer. This is your result."),
        )),
        ("Jasper Ndlovu", "Eight times the juvenile fish is a remarkable figure. Is the paper open access?", ()),
    ),
    "jazz-club-last-night": (
        ("Ruby Castellano", "I met my husband at the Blue Anchor in 1989. We were there on Sunday, at the back, crying a bit.", ()),
        ("Otis Greenwood", "Another basement lost to offices nobody needs. The city should have stepped in.", (
            ("Marta Kovač", "With what money, though? The budget story this week says we're $58m short."),
        )),
    ),
    "cannery-closure-jobs": (
        ("Luis Abernathy", "My mother worked the line at Bellwether for thirty years. Thinking of everyone there.", ()),
        ("Colm Adebayo", "Sixty days' pay is nothing after decades of service. Hope the union gets more.", ()),
    ),
    "short-term-rentals-ballot": (
        ("Wendy Achebe", "We rent out our basement flat in summer to pay the mortgage. This would hit people like us, not corporations.", (
            ("Femi Okonjo", "If it's in your own home, the measure still allows it, up to 90 nights. Worth reading the text."),
        )),
        ("Greg Tamsin", "2,900 listings is roughly the number of flats the city says it's short. Hmm.", ()),
    ),
    "maritime-museum-reopens": (
        ("Aileen Porter", "My great-grandfather's name is on the wall of those lost at sea. I didn't know until I went on Saturday.", ()),
        ("Niko Havel", "The sound room is a masterpiece. Go.", ()),
    ),
    "night-ferry-returns": (
        ("Jonah Teague", "Finally. My sister will be glad to get her sofa back.", (
            ("Helena Brandt", "Ha! Good news all round then."),
        )),
    ),
    "shipwreck-found-sound": (
        ("Bernard Kealoha", "The 1887 clipping is haunting. Grave fears are entertained. What a phrase.", ()),
        ("Sofia Lindahl", "Glad it is being left where it lies.", ()),
    ),
    "kenya-tea-growers-weather-alerts": (
        ("Samuel Otieno", "My uncle is in one of these cooperatives near Kericho. He says the alerts have changed how they plan the whole season.", ()),
        ("Claire Beaumont", "Fascinating. Simple technology, used well.", ()),
    ),
    "calloway-marathon-record": (
        ("Rosalind Achterberg", "She was my daughter's teacher! Ms Eriksdottir, legend.", (
            ("Paul Benedek", "Did the quiz get cancelled though?"),
            ("Rosalind Achterberg", "It did. Whole class is now training for next year."),
        )),
    ),
}

# Comments waiting for a moderator in the demo queue: (article slug, name, body, hold reasons).
HELD_COMMENTS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("narrows-bridge-reopens", "Rosalind Okafor", "First time commenting. Does anyone know whether the cycle lane on the bridge opens at the same time as the road?", ("first_comment",)),
    ("millbrook-rent-survey", "Deals Deals Deals", "Great article!! Check https://cheap-rent.example and https://more-deals.example and www.best-offers.example for savings", ("first_comment", "too_many_links")),
)
