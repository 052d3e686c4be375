frontdesk-ink 1
size 255 255
label 二
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 59.0,75.0 74.8,74.1 90.5,73.2 106.2,72.4 122.0,71.5 137.8,70.6 153.5,69.8 169.2,68.9 185.0,68.0
stroke 28.0,188.0 52.8,187.0 77.5,186.0 102.2,185.0 127.0,184.0 151.8,183.0 176.5,182.0 201.2,181.0 226.0,180.0
