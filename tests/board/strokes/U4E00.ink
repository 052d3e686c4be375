frontdesk-ink 1
size 255 255
label 一
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 25.0,126.0 50.1,124.8 75.2,123.5 100.4,122.2 125.5,121.0 150.6,119.8 175.8,118.5 200.9,117.2 226.0,116.0
