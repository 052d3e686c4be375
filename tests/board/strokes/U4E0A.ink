frontdesk-ink 1
size 255 255
label 上
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 122.0,37.0 122.5,57.4 123.0,77.8 123.5,98.1 124.0,118.5 124.5,138.9 125.0,159.2 125.5,179.6 126.0,200.0
stroke 135.0,104.0 141.6,103.1 148.2,102.2 154.9,101.4 161.5,100.5 168.1,99.6 174.8,98.8 181.4,97.9 188.0,97.0
stroke 31.0,206.0 55.1,205.5 79.2,205.0 103.4,204.5 127.5,204.0 151.6,203.5 175.8,203.0 199.9,202.5 224.0,202.0
