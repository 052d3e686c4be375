frontdesk-ink 1
size 255 255
label 八
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 87.0,105.0 79.6,116.0 72.2,127.0 64.9,138.0 57.5,149.0 50.1,160.0 42.8,171.0 35.4,182.0 28.0,193.0
stroke 112.0,63.0 125.8,78.5 139.5,94.0 153.2,109.5 167.0,125.0 180.8,140.5 194.5,156.0 208.2,171.5 222.0,187.0
