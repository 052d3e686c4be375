frontdesk-ink 1
size 255 255
label 土
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 62.0,119.0 78.0,117.9 94.0,116.8 110.0,115.6 126.0,114.5 142.0,113.4 158.0,112.2 174.0,111.1 190.0,110.0
stroke 122.0,40.0 122.6,59.9 123.2,79.8 123.9,99.6 124.5,119.5 125.1,139.4 125.8,159.2 126.4,179.1 127.0,199.0
stroke 35.0,205.0 59.1,204.0 83.2,203.0 107.4,202.0 131.5,201.0 155.6,200.0 179.8,199.0 203.9,198.0 228.0,197.0
