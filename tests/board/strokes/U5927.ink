frontdesk-ink 1
size 255 255
label 大
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 45.0,112.0 64.0,110.5 83.0,109.0 102.0,107.5 121.0,106.0 140.0,104.5 159.0,103.0 178.0,101.5 197.0,100.0
stroke 115.0,42.0 105.9,63.5 96.8,85.0 87.6,106.5 78.5,128.0 69.4,149.5 60.2,171.0 51.1,192.5 42.0,214.0
stroke 115.0,107.0 128.0,120.9 141.0,134.8 154.0,148.6 167.0,162.5 180.0,176.4 193.0,190.2 206.0,204.1 219.0,218.0
