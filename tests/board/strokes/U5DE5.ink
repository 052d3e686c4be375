frontdesk-ink 1
size 255 255
label 工
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 66.0,74.0 82.1,73.0 98.2,72.0 114.4,71.0 130.5,70.0 146.6,69.0 162.8,68.0 178.9,67.0 195.0,66.0
stroke 123.0,76.0 123.5,89.6 124.0,103.2 124.5,116.9 125.0,130.5 125.5,144.1 126.0,157.8 126.5,171.4 127.0,185.0
stroke 36.0,194.0 59.4,193.0 82.8,192.0 106.1,191.0 129.5,190.0 152.9,189.0 176.2,188.0 199.6,187.0 223.0,186.0
