frontdesk-ink 1
size 255 255
label 干
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 66.0,50.0 81.4,49.0 96.8,48.0 112.1,47.0 127.5,46.0 142.9,45.0 158.2,44.0 173.6,43.0 189.0,42.0
stroke 39.0,114.0 61.2,112.4 83.5,110.8 105.8,109.1 128.0,107.5 150.2,105.9 172.5,104.2 194.8,102.6 217.0,101.0
stroke 123.0,50.0 123.5,71.6 124.0,93.2 124.5,114.9 125.0,136.5 125.5,158.1 126.0,179.8 126.5,201.4 127.0,223.0
