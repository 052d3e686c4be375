#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Merges the translations of every guide file into the build directory.

usage: merge-guides.py MSGFMT ITS_DATADIR SRC_DIR PO_DIR OUT_DIR

For SRC_DIR/{matters,packages}/*.xml and SRC_DIR/categories.xml runs
  msgfmt --xml --template IN -d PO_DIR -o OUT
with GETTEXTDATADIRS=ITS_DATADIR (the directory holding its/guide.loc), so
each output carries every language as xml:lang siblings. Without
PO_DIR/LINGUAS (no translations yet) the files are copied unchanged.
SRC_DIR/calendar/*.xml are copied. Outputs newer than their input and
every .po file are left alone; outputs whose source is gone are removed.
"""
import os
import shutil
import subprocess
import sys


def newer(out, deps):
    if not os.path.exists(out):
        return False
    t = os.path.getmtime(out)
    return all(os.path.getmtime(d) <= t for d in deps)


def main():
    msgfmt, its_datadir, src, podir, out = sys.argv[1:6]
    linguas = os.path.join(podir, "LINGUAS")
    have_po = os.path.exists(linguas)
    po_files = []
    if have_po:
        po_files = [os.path.join(podir, f) for f in os.listdir(podir) if f.endswith(".po")]
        po_files.append(linguas)
    env = dict(os.environ, GETTEXTDATADIRS=its_datadir)
    failed = False

    jobs = []  # (input, output, translate)
    for sub in ("matters", "packages", "calendar"):
        sdir = os.path.join(src, sub)
        odir = os.path.join(out, sub)
        os.makedirs(odir, exist_ok=True)
        names = sorted(f for f in os.listdir(sdir) if f.endswith(".xml")) if os.path.isdir(sdir) else []
        for stale in set(os.listdir(odir)) - set(names):
            os.remove(os.path.join(odir, stale))
        for name in names:
            jobs.append((os.path.join(sdir, name), os.path.join(odir, name), sub != "calendar"))
    # the synonym list is plain data, copied (an empty one when absent)
    syn_src = os.path.join(src, "synonyms.tsv")
    syn_out = os.path.join(out, "synonyms.tsv")
    if os.path.exists(syn_src):
        if not newer(syn_out, [syn_src]):
            shutil.copyfile(syn_src, syn_out)
    elif not os.path.exists(syn_out):
        with open(syn_out, "w", encoding="utf-8") as f:
            f.write("# no synonyms\n")
    cat_out = os.path.join(out, "categories.xml")
    cat_src = os.path.join(src, "categories.xml")
    if os.path.exists(cat_src):
        jobs.append((cat_src, cat_out, True))
    elif not os.path.exists(cat_out):
        with open(cat_out, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<categories/>\n')

    for inp, outp, translate in jobs:
        deps = [inp, __file__] + (po_files if translate else [])
        if newer(outp, deps):
            continue
        if translate and have_po:
            r = subprocess.run([msgfmt, "--xml", "--template", inp, "-d", podir, "-o", outp + ".tmp"],
                               env=env, stderr=subprocess.PIPE, text=True)
            if r.returncode != 0:
                sys.stderr.write("%s: msgfmt failed:\n%s" % (inp, r.stderr))
                failed = True
                continue
            os.replace(outp + ".tmp", outp)
        else:
            shutil.copyfile(inp, outp)
    # the stamp meson tracks
    with open(os.path.join(out, "guides.stamp"), "w") as f:
        f.write("%d files\n" % len(jobs))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
