#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that Russian guide translations put units after numbers in the right form (TAP).

For every "<number> <unit>" in data/guides/po/ru.po, where the unit is one of день, рабочий день,
календарный день, год, месяц, час, юань, the unit must take the form Russian grammar wants for that
number: nominative/accusative "1 день, 2 дня, 5 дней" (the gettext plural rule for ru), or
genitive "1 дня, 2 дней, 5 дней" after a word that governs the genitive (в течение, до, от, менее,
более, моложе, ...). A range such as "1–3" agrees with its last number.

usage: test_ru_numerals.py SOURCE_ROOT
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from guides_po import Tap, read_po  # noqa: E402

# unit: (nominative one, few, many), (genitive one, many)
UNITS = {
    "день": (("день", "дня", "дней"), ("дня", "дней")),
    "рабочий день": (("рабочий день", "рабочих дня", "рабочих дней"), ("рабочего дня", "рабочих дней")),
    "календарный день": (("календарный день", "календарных дня", "календарных дней"),
                         ("календарного дня", "календарных дней")),
    "год": (("год", "года", "лет"), ("года", "лет")),
    "месяц": (("месяц", "месяца", "месяцев"), ("месяца", "месяцев")),
    "час": (("час", "часа", "часов"), ("часа", "часов")),
    "юань": (("юань", "юаня", "юаней"), ("юаня", "юаней")),
}
GENITIVE = {"течение", "до", "от", "с", "менее", "более", "свыше", "моложе", "старше", "около",
            "возрасте", "из", "после", "для", "без"}
FORMS = {}
for unit, (nom, gen) in UNITS.items():
    for f in set(nom + gen):
        FORMS.setdefault(f, []).append(unit)
WORD = r"[а-яё]+"
# The word after the unit is only looked at (two-word units), so "от 1 года до 3 лет" finds "до 3".
PATTERN = re.compile(r"(?:(%s)\s+)?(\d+)(?:\s*[–-]\s*(\d+))?\s+(%s)(?=\s+(%s))?" % (WORD, WORD, WORD), re.I)


def plural_index(n):
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def check(text):
    """Returns a list of (found, expected) problems in one translation."""
    bad = []
    for m in PATTERN.finditer(text):
        before, first, last = m.group(1), m.group(2), m.group(3)
        word, after = m.group(4).lower(), (m.group(5) or "").lower()
        n = int(last or first)
        # The unit is the two-word phrase if it is one, else the first word.
        found = None
        if after and word + " " + after in FORMS:
            found = word + " " + after
        elif word in FORMS:
            found = word
        if found is None or (found == "года" and n >= 1000):
            continue  # not a unit, or a year in a date ("10 мая 2025 года")
        for unit in FORMS[found]:
            nom, gen = UNITS[unit]
            if before and before.lower() in GENITIVE:
                expected = gen[0] if plural_index(n) == 0 else gen[1]
            else:
                expected = nom[plural_index(n)]
            if found == expected:
                break
        else:
            bad.append((m.group(0), expected))
    return bad


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("FD_SOURCE_ROOT", ".")
    tap = Tap()
    # The checker itself, on known right and wrong phrases.
    right = ["от 1 года до 3 лет", "10 мая 2025 года", "2 рабочих дня", "5 рабочих дней", "1 рабочий день", "в течение 3 дней", "на 2 месяца",
             "менее 1 года", "до 3 лет", "21 юань", "моложе 22 лет", "в течение 24 часов", "11 дней"]
    wrong = ["2 рабочих дней", "5 рабочих дня", "в течение 3 дня", "на 2 месяцев", "3 лет", "21 юаней",
             "моложе 22 года", "1 дней"]
    tap.ok(all(not check(t) for t in right) and all(check(t) for t in wrong),
           "the numeral checker accepts right and rejects wrong phrases",
           ["accepted: " + t for t in wrong if not check(t)] + ["rejected: " + t for t in right if check(t)])
    path = os.path.join(root, "data", "guides", "po", "ru.po")
    problems = []
    n = 0
    for e in read_po(path):
        if not e.msgid or e.obsolete:
            continue
        for found, expected in check(e.msgstr.get(0, "")):
            n += 1
            problems.append("ru.po:%d: %r should end in %r (%s)" % (e.line, found, expected, e.msgid))
    tap.ok(not problems, "ru.po: units after numbers agree with the number (%d problems)" % n, problems)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
