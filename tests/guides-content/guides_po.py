# SPDX-License-Identifier: GPL-3.0-or-later
"""Small helpers shared by the guide content tests: a .po reader (standard library only)."""
import ast


class PoEntry:
    def __init__(self):
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = {}
        self.flags = set()
        self.obsolete = False
        self.line = 0


def read_po(path):
    """Returns the list of entries of a .po file (the header entry included)."""
    entries = []
    cur = None
    field = None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    def finish():
        if cur is not None and cur.msgid is not None:
            entries.append(cur)
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            finish()
            cur, field = None, None
            continue
        if line.startswith("#") :
            if cur is not None and cur.msgid is not None:
                finish()
                cur, field = None, None
            if cur is None:
                cur = PoEntry()
                cur.line = n
            if line.startswith("#,"):
                cur.flags.update(x.strip() for x in line[2:].split(","))
            continue
        if cur is None:
            cur = PoEntry()
            cur.line = n
        if obsolete:
            cur.obsolete = True
        if line.startswith("msgctxt "):
            if cur.msgid is not None:
                finish()
                cur = PoEntry()
                cur.line = n
            cur.msgctxt = ast.literal_eval(line[8:])
            field = ("msgctxt",)
        elif line.startswith("msgid_plural "):
            cur.msgid_plural = ast.literal_eval(line[13:])
            field = ("msgid_plural",)
        elif line.startswith("msgid "):
            if cur.msgid is not None:
                finish()
                cur = PoEntry()
                cur.line = n
            cur.msgid = ast.literal_eval(line[6:])
            field = ("msgid",)
        elif line.startswith("msgstr["):
            idx = int(line[7:line.index("]")])
            cur.msgstr[idx] = ast.literal_eval(line[line.index("]") + 1:].strip())
            field = ("msgstr", idx)
        elif line.startswith("msgstr "):
            cur.msgstr[0] = ast.literal_eval(line[7:])
            field = ("msgstr", 0)
        elif line.startswith('"'):
            s = ast.literal_eval(line)
            if field is None:
                raise ValueError("%s:%d: continuation line without a keyword" % (path, n))
            if field[0] == "msgstr":
                cur.msgstr[field[1]] += s
            else:
                setattr(cur, field[0], getattr(cur, field[0]) + s)
        else:
            raise ValueError("%s:%d: cannot parse %r" % (path, n, raw))
    finish()
    return entries


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, good, description, diag=()):
        self.n += 1
        print("%s %d - %s" % ("ok" if good else "not ok", self.n, description))
        for d in diag:
            print("# " + d)
        if not good:
            self.failed += 1
        return good

    def done(self):
        print("1..%d" % self.n)
        return 1 if self.failed else 0
