#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the shipped guide content is complete and consistent (TAP).

- every matter, package and categories.xml parses; ids are unique and equal the file name;
  attributes take the values docs/guide-format.md allows; packages refer to existing matters;
  every category used is defined; at least 100 matters and 8 packages;
- every matter and package names its department, legal basis and eligibility, what the applicant
  receives (<result>) and where to complain (<complaint>, naming the public 12345 hotline), and
  no longer as the FAQ entries "办结后得到什么？" / "对办理有意见向哪里反映？"; no text carries a phone or hotline number other than 12345; online
  channels are https links to public government portals (*.gov.cn); a material asking for an ID
  card has a passport note (or says the matter is for Chinese citizens only); some materials state
  originals and copies; the Saturday guide tells how to book by text as well as by phone;
- data/guides/po/POTFILES.in lists exactly the guide files (paths relative to the source root,
  as meson's i18n.gettext wants them), LINGUAS is en and ru;
- en.po and ru.po have correct headers, are 100% translated with no fuzzy message, and hold
  exactly the messages xgettext extracts from the guides with the ITS rules (none missing,
  none obsolete);
- msgfmt --xml merges every file and every translatable element gets en and ru siblings.

usage: test_complete.py SOURCE_ROOT
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from guides_po import Tap, read_po  # noqa: E402

TRANSLATABLE = {"name", "department", "keywords", "basis", "item", "note", "step", "place",
                "channel", "q", "a", "description", "title"}
TYPES = {"permit", "confirmation", "registration", "payment", "public-service", "other"}
EXTENDED = {"morning", "evening", "saturday"}
FORMS = {"original", "copy", "electronic", "original copy"}
ID_CARD_RE = re.compile(r"身份证件?$")
CN_ONLY = "本事项仅限中国公民办理；外籍人士请到外语服务窗口咨询"
ID_RE = re.compile(r"^[a-z0-9-]+$")
Q_RESULT = "办结后得到什么？"
Q_COMPLAIN = "对办理有意见向哪里反映？"
# A phone number: a run of 7+ digits (spaces and hyphens allowed inside), or a five-digit service
# hotline 1xxxx (12333, 12366, ...) other than 12345. Standard numbers (GB/T 32169) are neither.
PHONE_RE = re.compile(r"(?<![\d.])\d[\d -]{3,}\d(?![\d.])")
PORTAL_RE = re.compile(r"^https://([a-z0-9-]+\.)+gov\.cn/")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
}
LOC = """<?xml version="1.0"?>
<locatingRules>
  <locatingRule name="FrontdeskGuide" pattern="*.xml">
    <documentRule localName="matter" target="guide.its"/>
    <documentRule localName="package" target="guide.its"/>
    <documentRule localName="categories" target="guide.its"/>
  </locatingRule>
</locatingRules>
"""


def check_guide(path, root, kind, problems):
    """Structural checks of one matter or package; returns (id, category, refs)."""
    rel = os.path.basename(path)
    gid = root.get("id", "")
    if root.tag != kind:
        problems.append("%s: root element <%s>, expected <%s>" % (rel, root.tag, kind))
    if not ID_RE.match(gid) or gid + ".xml" != rel:
        problems.append("%s: id=%r must be [a-z0-9-]+ and equal the file name" % (rel, gid))
    if kind == "matter" and root.get("type") not in TYPES:
        problems.append("%s: type=%r" % (rel, root.get("type")))
    if root.get("visits") not in ("0", "1"):
        problems.append("%s: visits=%r must be 0 or 1" % (rel, root.get("visits")))
    for w in (root.get("extended") or "").split():
        if w not in EXTENDED:
            problems.append("%s: extended list %r unknown" % (rel, w))
    for tag in ("name", "materials", "steps", "time-limit", "fee", "location", "phone"):
        if root.find(tag) is None:
            problems.append("%s: <%s> missing" % (rel, tag))
    for tag in ("department", "basis", "eligibility"):
        if root.find(tag) is None:
            problems.append("%s: <%s> missing" % (rel, tag))
    if len(root.findall("result")) != 1 or not (root.findtext("result") or "").strip():
        problems.append("%s: needs one <result> (what the applicant receives)" % rel)
    if len(root.findall("complaint")) != 1 or "12345" not in (root.findtext("complaint") or ""):
        problems.append("%s: needs one <complaint> naming the 12345 hotline" % rel)
    for q in root.findall("faq/q"):
        if q.text in (Q_RESULT, Q_COMPLAIN):
            problems.append("%s: FAQ %s belongs in <result>/<complaint>" % (rel, q.text))
    for e in root.iter():
        for text in [e.text or ""] + list(e.attrib.values()):
            for m in PHONE_RE.finditer(text):
                digits = re.sub(r"[ -]", "", m.group(0))
                if len(digits) >= 7 or (len(digits) == 5 and digits[0] == "1" and digits != "12345"):
                    problems.append("%s: <%s> carries the number %r: only 12345 may be given" % (rel, e.tag, m.group(0)))
    for m in root.iter("material"):
        # a passport note wherever an ID card is asked for (not where the card itself is the
        # subject: "原居民身份证" of a replacement); or that the matter is for Chinese citizens only
        mname, mnote = (m.findtext("name") or "").strip(), m.findtext("note") or ""
        if ID_CARD_RE.search(mname) and not mname.startswith("原") and \
                "护照" not in mnote and mnote != CN_ONLY:
            problems.append("%s: material %r asks for an ID card without a passport note "
                            "(\"外籍人士提供护照\" or \"%s\")" % (rel, mname, CN_ONLY))
        if m.get("form") not in FORMS:
            problems.append("%s: material form=%r" % (rel, m.get("form")))
        if not (m.get("quantity") or "").isdigit() or int(m.get("quantity")) < 1:
            problems.append("%s: material quantity=%r" % (rel, m.get("quantity")))
        if m.find("name") is None:
            problems.append("%s: material without <name>" % rel)
    tl = root.find("time-limit")
    if tl is not None:
        # statutory is optional (no rule sets a limit); its unit defaults to working days
        st, pr = tl.get("statutory", "0"), tl.get("promised", "")
        if not (st.isdigit() and pr.isdigit()):
            problems.append("%s: time-limit statutory=%r promised=%r" % (rel, st, pr))
        elif tl.get("statutory-unit", "working-days") not in ("working-days", "calendar-days"):
            problems.append("%s: time-limit statutory-unit=%r" % (rel, tl.get("statutory-unit")))
        elif "自然日" in "".join(a.text or "" for a in root.findall("faq/a")) and \
                any("法定时限" in (q.text or "") for q in root.findall("faq/q")) and \
                tl.get("statutory-unit") != "calendar-days":
            problems.append("%s: its FAQ counts the statutory limit in calendar days (自然日), "
                            "but <time-limit> lacks statutory-unit=\"calendar-days\"" % rel)
        elif int(st) > 0 and int(pr) > int(st):
            problems.append("%s: promised %s exceeds statutory %s" % (rel, pr, st))
    fee = root.find("fee")
    if fee is not None:
        items = fee.findall("item")
        if (fee.get("free") == "true") == bool(items):
            problems.append("%s: <fee> must be free=\"true\" or list items, not both" % rel)
    loc = root.find("location")
    if loc is not None and loc.find("place") is None:
        problems.append("%s: <location> without <place>" % rel)
    online = root.find("online")
    if online is not None and not PORTAL_RE.match(online.get("url", "")):
        problems.append("%s: online url=%r is not an https link to a public portal (*.gov.cn)" % (rel, online.get("url")))
    for phone in root.iter("phone"):
        if (phone.text or "").strip() != "12345":
            problems.append("%s: phone %r: only the public 12345 hotline may be used" % (rel, phone.text))
    faq = root.find("faq")
    if faq is not None and len(faq.findall("q")) != len(faq.findall("a")):
        problems.append("%s: <faq> needs one <a> per <q>" % rel)
    refs = [m.get("ref") for m in root.findall("matters/matter")]
    if kind == "package" and not refs:
        problems.append("%s: package without <matters>" % rel)
    return gid, root.get("category"), refs


def translatable_elements(root):
    return [e for e in root.iter() if e.tag in TRANSLATABLE and (e.text or "").strip()]


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("FD_SOURCE_ROOT", ".")
    gdir = os.path.join(src, "data", "guides")
    podir = os.path.join(gdir, "po")
    tap = Tap()

    # 1. Parse every file.
    files = {}
    parse_errors = []
    for sub in ("matters", "packages"):
        d = os.path.join(gdir, sub)
        for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if f.endswith(".xml"):
                try:
                    files[sub + "/" + f] = ET.parse(os.path.join(d, f)).getroot()
                except ET.ParseError as e:
                    parse_errors.append("%s/%s: %s" % (sub, f, e))
    try:
        files["categories.xml"] = ET.parse(os.path.join(gdir, "categories.xml")).getroot()
    except (ET.ParseError, OSError) as e:
        parse_errors.append("categories.xml: %s" % e)
    tap.ok(not parse_errors, "every guide file is well-formed XML (%d files)" % len(files), parse_errors)

    # 2. Structure, ids, categories, references, counts.
    problems = []
    ids, used_cats, refs = {}, {}, {}
    n = {"matter": 0, "package": 0}
    for rel, root in files.items():
        if rel == "categories.xml":
            continue
        kind = "matter" if rel.startswith("matters/") else "package"
        n[kind] += 1
        gid, catid, r = check_guide(os.path.join(gdir, rel), root, kind, problems)
        if gid in ids:
            problems.append("%s: id %r already used by %s" % (rel, gid, ids[gid]))
        ids[gid] = rel
        used_cats.setdefault(catid, []).append(rel)
        refs[rel] = r
    tap.ok(not problems, "matters and packages follow docs/guide-format.md", problems)

    matter_ids = {i for i, rel in ids.items() if rel.startswith("matters/")}
    bad_refs = ["%s: <matter ref=%r> does not exist" % (rel, r)
                for rel, rs in refs.items() for r in rs if r not in matter_ids]
    tap.ok(not bad_refs, "every <matter ref> of a package names an existing matter", bad_refs)

    cats = files.get("categories.xml")
    defined = {}
    cat_problems = []
    if cats is not None:
        for c in cats.findall("category"):
            cid = c.get("id", "")
            if not ID_RE.match(cid) or cid in defined:
                cat_problems.append("category id %r invalid or duplicated" % cid)
            if c.find("title") is None or not (c.find("title").text or "").strip():
                cat_problems.append("category %r has no <title>" % cid)
            defined[cid] = c
    undefined = ["category %r used by %s is not defined" % (c, ", ".join(r[:3]))
                 for c, r in used_cats.items() if c not in defined]
    unused = ["category %r is defined but unused" % c for c in defined if c not in used_cats]
    tap.ok(not cat_problems and not undefined,
           "every category used is defined in categories.xml with a title", cat_problems + undefined)
    tap.ok(not unused, "every defined category has guides", unused)
    forms = [m.get("form") for rel, root in files.items() for m in root.iter("material")]
    tap.ok(forms.count("original copy") > 0,
           "materials state originals and copies: %d with form=\"original copy\"" % forms.count("original copy"))
    sat = files.get("matters/saturday-appointment.xml")
    sat_steps = [st.text or "" for st in sat.iter("step")] if sat is not None else []
    tap.ok(any("电话" in t for t in sat_steps) and any("文字" in t or "短信" in t for t in sat_steps),
           "saturday-appointment tells how to book by text as well as by phone", sat_steps)
    tap.ok(n["matter"] >= 100, "at least 100 matters (%d)" % n["matter"])
    tap.ok(n["package"] >= 8, "at least 8 theme packages (%d)" % n["package"])

    # 3. POTFILES.in and LINGUAS.
    try:
        with open(os.path.join(podir, "POTFILES.in"), encoding="utf-8") as f:
            listed = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    except OSError as e:
        listed = []
        tap.ok(False, "POTFILES.in readable", [str(e)])
    # Paths are relative to the project root: meson's i18n.gettext runs xgettext -D <source root>.
    prefix = "data/guides/"
    missing = sorted(prefix + f for f in set(files) - {l[len(prefix):] for l in listed if l.startswith(prefix)})
    extra = sorted(l for l in listed if not l.startswith(prefix) or l[len(prefix):] not in files)
    tap.ok(not missing and not extra,
           "po/POTFILES.in lists exactly the guide files, relative to the source root (%d)" % len(listed),
           ["not listed: " + m for m in missing] + ["listed but absent: " + e for e in extra])
    try:
        with open(os.path.join(podir, "LINGUAS"), encoding="utf-8") as f:
            linguas = [w for l in f if not l.startswith("#") for w in l.split()]
    except OSError:
        linguas = []
    tap.ok(sorted(linguas) == ["en", "ru"], "po/LINGUAS is en and ru (%s)" % " ".join(linguas))

    # 4. Extract afresh and compare with the catalogues.
    its = os.path.join(gdir, "its", "guide.its")
    if not os.path.exists(its):
        its = os.path.join(os.path.dirname(os.path.abspath(__file__)), "guide.its")
    tmp = tempfile.mkdtemp(prefix="guides-content-")
    try:
        pot = os.path.join(tmp, "guides.pot")
        r = subprocess.run(["xgettext", "--its=" + its, "--from-code=UTF-8", "-o", pot] + listed,
                           cwd=src, capture_output=True, text=True)
        extracted = set()
        if r.returncode == 0:
            extracted = {e.msgid for e in read_po(pot) if e.msgid}
        tap.ok(r.returncode == 0 and extracted,
               "xgettext extracts the guides with %s (%d messages)" % (os.path.relpath(its, src), len(extracted)),
               r.stderr.splitlines())

        env = dict(os.environ, LC_ALL="C.UTF-8")
        for lang in ("en", "ru"):
            path = os.path.join(podir, lang + ".po")
            r = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, path],
                               capture_output=True, text=True, env=env)
            stats = (r.stderr + r.stdout).strip()
            tap.ok(r.returncode == 0 and "untranslated" not in stats and "fuzzy" not in stats,
                   "%s.po is complete: %s" % (lang, stats.replace("\n", " ")))
            try:
                entries = read_po(path)
            except (OSError, ValueError, SyntaxError) as e:
                tap.ok(False, "%s.po parses" % lang, [str(e)])
                continue
            header = next((e.msgstr.get(0, "") for e in entries if e.msgid == ""), "")
            head_bad = []
            if "Language: %s\n" % lang not in header:
                head_bad.append("Language: %s missing" % lang)
            if "charset=UTF-8" not in header:
                head_bad.append("charset=UTF-8 missing")
            if "Plural-Forms: %s\n" % PLURAL_FORMS[lang] not in header:
                head_bad.append("Plural-Forms must be: " + PLURAL_FORMS[lang])
            tap.ok(not head_bad, "%s.po header (Language, charset, Plural-Forms)" % lang, head_bad)
            live = {e.msgid for e in entries if e.msgid and not e.obsolete}
            obsolete = [e.msgid for e in entries if e.msgid and e.obsolete]
            fuzzy = [e.msgid for e in entries if e.msgid and "fuzzy" in e.flags]
            empty = [e.msgid for e in entries if e.msgid and not e.obsolete and not e.msgstr.get(0)]
            diag = (["missing: " + m for m in sorted(extracted - live)] +
                    ["not in the guides: " + m for m in sorted(live - extracted)] +
                    ["obsolete: " + m for m in obsolete] + ["fuzzy: " + m for m in fuzzy] +
                    ["untranslated: " + m for m in empty])
            tap.ok(extracted and not diag,
                   "%s.po covers exactly the extracted messages (%d)" % (lang, len(live)), diag[:40])

        # 5. Merge every file with msgfmt --xml; every translatable element gets en and ru.
        itsdir = os.path.join(tmp, "gettext", "its")
        os.makedirs(itsdir)
        shutil.copy(its, os.path.join(itsdir, "guide.its"))
        with open(os.path.join(itsdir, "guide.loc"), "w", encoding="utf-8") as f:
            f.write(LOC)
        env["GETTEXTDATADIRS"] = os.path.join(tmp, "gettext")
        merge_bad = []
        for rel in listed:
            out = os.path.join(tmp, "merged.xml")
            r = subprocess.run(["msgfmt", "--xml", "--template", rel, "-d", podir, "-o", out],
                               cwd=src, capture_output=True, text=True, env=env)
            if r.returncode != 0:
                merge_bad.append("%s: msgfmt --xml failed: %s" % (rel, r.stderr.strip()))
                continue
            merged = ET.parse(out).getroot()
            for parent in merged.iter():
                kids = list(parent)
                for i, e in enumerate(kids):
                    if e.tag not in TRANSLATABLE or XML_LANG in e.attrib or not (e.text or "").strip():
                        continue
                    langs = set()
                    for s in kids[i + 1:]:
                        if s.tag != e.tag or XML_LANG not in s.attrib:
                            break
                        langs.add(s.get(XML_LANG))
                    if langs != {"en", "ru"}:
                        merge_bad.append("%s: <%s>%s</%s> merged with %s" %
                                         (rel, e.tag, e.text.strip(), e.tag, sorted(langs) or "no translation"))
        tap.ok(not merge_bad, "msgfmt --xml gives every translatable element en and ru siblings (%d files)"
               % len(listed), merge_bad[:40])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
