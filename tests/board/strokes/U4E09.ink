frontdesk-ink 1
size 255 255
label 三
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 64.0,55.0 80.8,54.0 97.5,53.0 114.2,52.0 131.0,51.0 147.8,50.0 164.5,49.0 181.2,48.0 198.0,47.0
stroke 67.0,128.0 82.4,127.2 97.8,126.5 113.1,125.8 128.5,125.0 143.9,124.2 159.2,123.5 174.6,122.8 190.0,122.0
stroke 30.0,205.0 54.5,204.2 79.0,203.5 103.5,202.8 128.0,202.0 152.5,201.2 177.0,200.5 201.5,199.8 226.0,199.0
