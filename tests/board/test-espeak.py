#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""espeak-ng (the voice speech-dispatcher uses on Debian) renders audible
speech for desk phrases in each language of the board: Mandarin (espeak-ng's
cmn, which speech-dispatcher's "zh" selects), English and Russian. Each
phrase is written to a WAV file with `espeak-ng -w`; `sox FILE -n stat` must
report a length over 0.5 s and an RMS amplitude over 0.01 (silence is 0).
The phrases come from the shipped phrasebook. TAP output."""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
VOICES = {'zh-CN': 'cmn', 'en': 'en', 'ru': 'ru'}
PHRASES = [('hello', None), ('write-down', None), ('window', 5)]


def phrase_text(book, pid, lang, n):
    for phrase in book.iter('phrase'):
        if phrase.get('id') == pid:
            for text in phrase.findall('text'):
                if text.get(XML_LANG) == lang:
                    return text.text.replace('{n}', str(n)) if n is not None else text.text
    raise KeyError(f'{pid} {lang}')


def stat(path):
    out = subprocess.run(['sox', path, '-n', 'stat'], capture_output=True, text=True, check=True).stderr
    length = float(re.search(r'Length \(seconds\):\s+([0-9.]+)', out).group(1))
    rms = float(re.search(r'RMS\s+amplitude:\s+([0-9.]+)', out).group(1))
    return length, rms


def main():
    root = os.environ.get('FD_SOURCE_ROOT', os.path.join(os.path.dirname(__file__), '..', '..'))
    book = ET.parse(os.path.join(root, 'data', 'board', 'phrasebook.xml')).getroot()
    cases = [(lang, pid, n) for lang in VOICES for pid, n in PHRASES]
    print(f'1..{len(cases)}')
    failed = 0
    with tempfile.TemporaryDirectory(prefix='fd-espeak-') as tmp:
        for i, (lang, pid, n) in enumerate(cases, 1):
            text = phrase_text(book, pid, lang, n)
            wav = os.path.join(tmp, f'{i}.wav')
            result = subprocess.run(['espeak-ng', '-v', VOICES[lang], '-w', wav, text],
                                    capture_output=True, text=True, timeout=60)
            ok = result.returncode == 0 and os.path.exists(wav)
            length = rms = 0.0
            if ok:
                length, rms = stat(wav)
                ok = length > 0.5 and rms > 0.01
            print(f'{"ok" if ok else "not ok"} {i} {lang} {pid}: {length:.2f} s, RMS {rms:.4f}')
            if not ok:
                failed += 1
                print(f'# espeak-ng said: {result.stderr.strip()}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
