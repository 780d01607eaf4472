"""How good are the related lists? Precision@5 on synthetic articles in known topic clusters.

    .venv/bin/python bench/related_eval.py [--topics 8] [--per-topic 25] [--seed 1]

Makes a throwaway data folder, publishes articles through Wagtail in topic
clusters (original synthetic text: topic words mixed with a larger share of
everyday filler; tags partly on-topic, partly cross-topic or missing; sections
only loosely tied to topics; bylines at random), runs `related_rebuild()`, and
reports the share of each article's top five stored related articles that
come from its own topic. Target: at least 0.8.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOPICS = {
    "harbour": "harbour quay dredging channel vessel cargo container berth tide pilot crane freight docks mooring shipyard ferry".split(),
    "schools": "school pupils teachers classroom curriculum exams headteacher timetable playground tuition graduation lessons homework enrolment".split(),
    "elections": "ballot voters candidate campaign polling turnout councillor mayor constituency manifesto recount hustings incumbent".split(),
    "health": "hospital clinic nurses patients ward surgery vaccine doctors waiting ambulance diagnosis pharmacy outpatient".split(),
    "football": "striker goalkeeper league fixture stadium referee penalty midfield transfer manager season supporters derby".split(),
    "housing": "rent tenants landlord mortgage apartments eviction planning developer bedrooms housing leasehold affordable estate".split(),
    "climate": "flooding drought emissions rainfall heatwave carbon wildfire glacier warming storm sea-level coastline adaptation".split(),
    "arts": "gallery exhibition painter orchestra theatre novel festival sculpture curator premiere poetry choir museum".split(),
    "transit": "tram buses timetable commuters rail signalling fares depot platform route cyclists junction congestion".split(),
    "farming": "harvest farmers cattle wheat orchard irrigation fertiliser dairy tractor livestock vineyard barley grazing".split(),
}
FILLER = (
    "said on Tuesday that the plan would be discussed again next week while residents waited for a decision "
    "officials added that several people had raised questions at the meeting and the council promised more information "
    "later this month according to a statement released in the afternoon many agreed it was an important moment for the city"
).split()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=8)
    parser.add_argument("--per-topic", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="dateline-related-eval-")
    os.environ["DATELINE_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "dateline.project.settings.base"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from dateline.related.models import RelatedArticle
    from dateline.related.services import related_rebuild
    from tests import factories as f

    rng = random.Random(args.seed)
    topics = list(TOPICS)[: args.topics]
    sections = [f.make_section(name) for name in ("Local", "World", "Business", "Culture", "Sport", "Science")]
    authors = [f.make_author(f"Reporter {i}") for i in range(12)]
    all_tags = [f"{t}-{k}" for t in topics for k in range(3)] + [f"general-{k}" for k in range(6)]
    topic_of = {}
    started = time.monotonic()
    for t_index, topic in enumerate(topics):
        home_section = sections[t_index % len(sections)]
        for n in range(args.per_topic):
            words = [rng.choice(TOPICS[topic]) if rng.random() < 0.35 else rng.choice(FILLER) for _ in range(rng.randint(60, 140))]
            title = " ".join(rng.choice(TOPICS[topic]) if rng.random() < 0.5 else rng.choice(FILLER) for _ in range(7)).capitalize()
            tags = []
            if rng.random() < 0.8:
                tags += rng.sample([f"{topic}-{k}" for k in range(3)], rng.randint(1, 2))
            if rng.random() < 0.5:
                tags.append(rng.choice(all_tags))  # sometimes another topic's tag, sometimes a general one
            section = home_section if rng.random() < 0.6 else rng.choice(sections)
            article = f.make_article(
                f"{title} {topic[:3]}{n}", section=section, authors=[rng.choice(authors)], tags=tags,
                body=[("paragraph", "<p>" + " ".join(words) + ".</p>")],
            )
            topic_of[article.pk] = topic
    made = time.monotonic() - started
    started = time.monotonic()
    related_rebuild()
    rebuilt = time.monotonic() - started

    precisions = []
    for pk, topic in topic_of.items():
        top = list(RelatedArticle.objects.filter(article_id=pk).order_by("rank").values_list("related_id", flat=True)[:5])
        precisions.append(sum(topic_of.get(r) == topic for r in top) / 5)
    precision = statistics.mean(precisions)
    print(f"articles: {len(topic_of)} in {len(topics)} topics ({made:.1f} s to publish); rebuild: {rebuilt:.1f} s")
    print(f"precision@5: {precision:.3f} (target >= 0.8); worst article: {min(precisions):.2f}; articles at 1.0: {sum(p == 1 for p in precisions)}")
    return 0 if precision >= 0.8 else 1


if __name__ == "__main__":
    sys.exit(main())
