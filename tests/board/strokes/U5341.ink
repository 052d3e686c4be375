frontdesk-ink 1
size 255 255
label 十
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 27.0,119.0 51.6,117.5 76.2,116.0 100.9,114.5 125.5,113.0 150.1,111.5 174.8,110.0 199.4,108.5 224.0,107.0
stroke 122.0,27.0 122.5,52.6 123.0,78.2 123.5,103.9 124.0,129.5 124.5,155.1 125.0,180.8 125.5,206.4 126.0,232.0
