"""Every finding on the calibration stories is labelled useful, noise or wrong; the checks stay worth reading."""

from __future__ import annotations

from collections import Counter, defaultdict

from storybook.analysis import Engine, analyze_stories
from storybook.model.values import Settings
from tests.analysis.calibration import DATA, load_calibration

OVERALL_GOAL = 0.90
PER_CHECK_GOAL = 0.75
LABELS = {"useful", "noise", "wrong"}

Key = tuple[str, str, str, str]


def load_labels() -> dict[Key, list[str]]:
    labels: dict[Key, list[str]] = defaultdict(list)
    for line in (DATA / "finding_labels.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        story, code, section, quote, label, *_note = line.split("\t")
        assert label in LABELS, line
        labels[(story, code, section, quote)].append(label)
    return labels


def test_labels_cover_every_finding_and_the_checks_are_worth_reading(full_engine: Engine) -> None:
    rated = load_calibration()
    reports = analyze_stories([r.story for r in rated], Settings(), full_engine)
    labels = load_labels()
    per_check: dict[str, Counter[str]] = defaultdict(Counter)
    unlabelled = []
    for item, report in zip(rated, reports, strict=True):
        for f in report.findings:
            if f.code == "basic-engine":
                continue
            text = getattr(item.story, f.section, "") if f.section != "story" else ""
            key = (item.key, f.code, f.section, text[f.start : f.end][:40].replace("\n", " "))
            if not labels.get(key):
                unlabelled.append((key, f.message))
                continue
            per_check[f.code][labels[key].pop(0)] += 1
    assert not unlabelled, f"label these findings in finding_labels.tsv: {unlabelled}"
    assert not [k for k, left in labels.items() if left], "labels for findings that no longer appear"
    total = sum((c for c in per_check.values()), Counter())
    print("\ncheck                     useful noise wrong  share")
    for code, c in sorted(per_check.items(), key=lambda kv: -sum(kv[1].values())):
        share = c["useful"] / sum(c.values())
        print(f"{code:25} {c['useful']:6} {c['noise']:5} {c['wrong']:5}  {share:.0%}")
    overall = total["useful"] / sum(total.values())
    print(f"{'all':25} {total['useful']:6} {total['noise']:5} {total['wrong']:5}  {overall:.0%}")
    assert overall >= OVERALL_GOAL
    low = {code: c for code, c in per_check.items() if c["useful"] / sum(c.values()) < PER_CHECK_GOAL}
    assert not low, low


def test_every_noise_or_wrong_label_says_why() -> None:
    lines = (DATA / "finding_labels.tsv").read_text(encoding="utf-8").splitlines()
    judged = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    assert len(judged) >= 200
    for parts in judged:
        if parts[4] != "useful":
            assert len(parts) == 6, parts
            assert parts[5].strip(), parts
