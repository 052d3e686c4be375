frontdesk-ink 1
size 255 255
label 人
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 127.0,46.0 115.9,65.8 104.8,85.5 93.6,105.2 82.5,125.0 71.4,144.8 60.2,164.5 49.1,184.2 38.0,204.0
stroke 107.0,126.0 120.8,136.4 134.5,146.8 148.2,157.1 162.0,167.5 175.8,177.9 189.5,188.2 203.2,198.6 217.0,209.0
