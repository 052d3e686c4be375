#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that recurring guide terms are translated consistently (TAP).

For every msgid in data/guides/po/{en,ru}.po containing a term of data/guides/glossary.tsv,
the English translation must contain the glossary's English term (case-insensitive) and the
Russian translation its Russian stem. Overlapping terms: the longest match wins, so 不动产权证书
is checked as itself and not also as 不动产. The calques issue 13 found (寸 as an inch, 低保 as
"low-income", 注销 as liquidation, 灵活就业 as the Russian self-employed status) must not occur.

usage: test_glossary.py SOURCE_ROOT
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from guides_po import Tap, read_po  # noqa: E402


# (Chinese term, language, wrong translation): 寸 is not an inch; 低保 is the minimum living
# allowance, not "low-income"; 注销 is deregistration, not liquidation; 灵活就业 is flexible
# employment, not the Russian self-employed tax status (самозанятые).
CALQUES = [
    ("寸", "en", "inch"), ("寸", "ru", "дюйм"),
    ("低保", "en", "low-income"), ("低保", "en", "low income"),
    ("注销", "en", "liquidation"), ("注销", "ru", "ликвидац"),
    ("灵活就业", "en", "self-employ"), ("灵活就业", "ru", "самозанят"),
]


def read_glossary(path):
    terms = []
    problems = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if cols == ["zh", "en", "ru_stem"]:
                continue
            if len(cols) != 3 or not all(c.strip() for c in cols):
                problems.append("%s:%d: expected 3 tab-separated columns zh, en, ru_stem" % (path, n))
                continue
            terms.append((cols[0].strip(), cols[1].strip(), cols[2].strip(), n))
    return terms, problems


def terms_in(msgid, terms):
    """Glossary terms found in msgid, longest match first, without overlaps."""
    found = []
    taken = [False] * len(msgid)
    for zh, en, ru, line in sorted(terms, key=lambda t: -len(t[0])):
        start = msgid.find(zh)
        while start >= 0:
            span = range(start, start + len(zh))
            if not any(taken[i] for i in span):
                for i in span:
                    taken[i] = True
                found.append((zh, en, ru, line))
                break
            start = msgid.find(zh, start + 1)
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("FD_SOURCE_ROOT", ".")
    gpath = os.path.join(root, "data", "guides", "glossary.tsv")
    tap = Tap()
    terms, problems = read_glossary(gpath)
    tap.ok(not problems and len(terms) >= 25,
           "glossary.tsv parses and has at least 25 terms (%d)" % len(terms), problems)
    dup = sorted({t[0] for t in terms if [u[0] for u in terms].count(t[0]) > 1})
    tap.ok(not dup, "glossary terms are unique", ["duplicate: " + d for d in dup])

    catalogues = {}
    for lang in ("en", "ru"):
        path = os.path.join(root, "data", "guides", "po", lang + ".po")
        try:
            catalogues[lang] = {e.msgid: e for e in read_po(path) if e.msgid and not e.obsolete}
            tap.ok(len(catalogues[lang]) > 0, "%s.po read (%d messages)" % (lang, len(catalogues[lang])))
        except (OSError, ValueError, SyntaxError) as e:
            tap.ok(False, "%s.po read" % lang, [str(e)])
            catalogues[lang] = {}

    used = set()
    for lang, col in (("en", 1), ("ru", 2)):
        bad = []
        for msgid, entry in catalogues[lang].items():
            text = entry.msgstr.get(0, "")
            for term in terms_in(msgid, terms):
                used.add(term[0])
                if not text:
                    continue  # untranslated: reported by guides-content-complete
                if term[col].casefold() not in text.casefold():
                    bad.append("%s.po:%d: %s → %r lacks %r (glossary.tsv:%d)"
                               % (lang, entry.line, msgid, text, term[col], term[3]))
        tap.ok(not bad, "%s.po uses the glossary term for every glossary entry (%d problems)"
               % (lang, len(bad)), bad)

    # the calques issue 13 found, never to come back
    calques = []
    for zh, lang, wrong in CALQUES:
        for msgid, entry in catalogues[lang].items():
            text = entry.msgstr.get(0, "")
            if zh in msgid and wrong.casefold() in text.casefold():
                calques.append("%s.po:%d: %s → %r uses %r" % (lang, entry.line, msgid, text, wrong))
    tap.ok(not calques, "no known calque: %s" % ", ".join("%s≠%s" % (z, w) for z, _, w in CALQUES), calques)

    unused = [t[0] for t in terms if t[0] not in used]
    tap.ok(not unused, "every glossary term occurs in the guides", ["unused: " + u for u in unused])
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
