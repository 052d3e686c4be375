#!/usr/bin/python3
"""The fixture recorder works through the real board: record-strokes.py
draws 一 十 口 (1, 2 and 3 strokes) on the app's handwriting pad under Xvfb
with XTest pointer events, and the recogniser's FRONTDESK_INK_RECORD_DIR hook
gives one labelled stroke file each, with every stroke drawn and the source
saying a program drew it. usage: test_record_strokes.py FRONTDESK_EXE"""
import os
import shutil
import subprocess
import sys
import tempfile

from fdatspi import Tap

exe = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
tap = Tap()
out_dir = tempfile.mkdtemp(prefix='fd-recorded-')
try:
    run = subprocess.run([sys.executable, os.path.join(here, 'record-strokes.py'), exe, out_dir, '14', '一十口'],
                         capture_output=True, text=True, timeout=240)
    tap.ok(run.returncode == 0, 'record-strokes.py records 3 characters through the board',
           run.stdout + run.stderr)
    for char, n in (('一', 1), ('十', 2), ('口', 3)):
        path = os.path.join(out_dir, f'U{ord(char):04X}.ink')
        text = open(path, encoding='utf-8').read() if os.path.exists(path) else ''
        lines = text.splitlines()
        tap.ok(lines[:1] == ['frontdesk-ink 1'] and f'label {char}' in lines
               and sum(line.startswith('stroke ') for line in lines) == n
               and any(line.startswith('source ') and 'not a human hand' in line for line in lines),
               f'{char}: a stroke file with its label, {n} stroke(s) and the source', text)
finally:
    shutil.rmtree(out_dir, ignore_errors=True)
tap.done()
