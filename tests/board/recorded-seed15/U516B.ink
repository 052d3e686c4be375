frontdesk-ink 1
size 429 320
label 八
source drawn by a program, not a human hand: tests/board/record-strokes.py (seed 15) moved the X pointer (XTest) over the Frontdesk board under Xvfb; stroke shapes from Make Me a Hanzi medians (hanzi-writer-data 2.0.1), with random size, position, slant, jitter and speed
stroke 96.0,138.0 97.0,138.0 98.0,139.0 98.0,139.0 98.0,142.0 98.0,145.0 98.0,148.0 96.0,151.0 92.0,157.0 90.0,160.0 86.0,166.0 83.0,170.0 79.0,174.0 74.0,179.0 69.0,184.0 66.0,186.0 60.0,191.0 55.0,195.0 53.0,196.0 49.0,197.0 49.0,197.0
stroke 122.0,95.0 122.0,95.0 125.0,98.0 128.0,101.0 134.0,110.0 136.0,116.0 139.0,127.0 143.0,138.0 146.0,149.0 151.0,163.0 155.0,168.0 158.0,173.0 166.0,180.0 172.0,184.0 174.0,185.0 185.0,190.0 189.0,191.0 191.0,192.0 193.0,193.0 196.0,193.0 196.0,195.0 197.0,195.0 197.0,195.0
