frontdesk-ink 1
size 255 255
label 士
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 30.0,128.0 54.2,127.4 78.5,126.8 102.8,126.1 127.0,125.5 151.2,124.9 175.5,124.2 199.8,123.6 224.0,123.0
stroke 122.0,40.0 122.5,60.5 123.0,81.0 123.5,101.5 124.0,122.0 124.5,142.5 125.0,163.0 125.5,183.5 126.0,204.0
stroke 50.0,209.0 68.5,208.6 87.0,208.2 105.5,207.9 124.0,207.5 142.5,207.1 161.0,206.8 179.5,206.4 198.0,206.0
