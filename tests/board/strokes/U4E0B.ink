frontdesk-ink 1
size 255 255
label 下
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 30.0,52.0 54.0,51.2 78.0,50.5 102.0,49.8 126.0,49.0 150.0,48.2 174.0,47.5 198.0,46.8 222.0,46.0
stroke 123.0,54.0 123.4,74.6 123.8,95.2 124.1,115.9 124.5,136.5 124.9,157.1 125.2,177.8 125.6,198.4 126.0,219.0
stroke 158.0,86.0 162.1,90.4 166.2,94.8 170.4,99.1 174.5,103.5 178.6,107.9 182.8,112.2 186.9,116.6 191.0,121.0
