frontdesk-ink 1
size 255 255
label 个
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 123.0,23.0 111.8,37.0 100.5,51.0 89.2,65.0 78.0,79.0 66.8,93.0 55.5,107.0 44.2,121.0 33.0,135.0
stroke 121.0,36.0 134.1,47.6 147.2,59.2 160.4,70.9 173.5,82.5 186.6,94.1 199.8,105.8 212.9,117.4 226.0,129.0
stroke 121.0,108.0 121.5,123.4 122.0,138.8 122.5,154.1 123.0,169.5 123.5,184.9 124.0,200.2 124.5,215.6 125.0,231.0
