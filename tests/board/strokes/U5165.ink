frontdesk-ink 1
size 255 255
label 入
source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; straight lines between them (tests/board/make-strokes.py)
stroke 128.0,114.0 116.1,125.4 104.2,136.8 92.4,148.1 80.5,159.5 68.6,170.9 56.8,182.2 44.9,193.6 33.0,205.0
stroke 85.0,46.0 102.0,66.1 119.0,86.2 136.0,106.4 153.0,126.5 170.0,146.6 187.0,166.8 204.0,186.9 221.0,207.0
