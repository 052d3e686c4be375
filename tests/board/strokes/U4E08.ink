frontdesk-ink 1
size 255 255
label 丈
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 45.0,89.0 64.6,87.8 84.2,86.5 103.9,85.2 123.5,84.0 143.1,82.8 162.8,81.5 182.4,80.2 202.0,79.0
stroke 123.0,35.0 112.4,58.4 101.8,81.8 91.1,105.1 80.5,128.5 69.9,151.9 59.2,175.2 48.6,198.6 38.0,222.0
stroke 63.0,119.0 81.5,131.5 100.0,144.0 118.5,156.5 137.0,169.0 155.5,181.5 174.0,194.0 192.5,206.5 211.0,219.0
