frontdesk-ink 1
size 255 255
label 千
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 164.0,23.0 151.2,29.0 138.5,35.0 125.8,41.0 113.0,47.0 100.2,53.0 87.5,59.0 74.8,65.0 62.0,71.0
stroke 28.0,118.0 53.1,116.9 78.2,115.8 103.4,114.6 128.5,113.5 153.6,112.4 178.8,111.2 203.9,110.1 229.0,109.0
stroke 127.0,59.0 127.5,80.8 128.0,102.5 128.5,124.2 129.0,146.0 129.5,167.8 130.0,189.5 130.5,211.2 131.0,233.0
