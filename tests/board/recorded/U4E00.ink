frontdesk-ink 1
size 429 320
label 一
source drawn by a program, not a human hand: tests/board/record-strokes.py (seed 14) moved the X pointer (XTest) over the Frontdesk board under Xvfb; stroke shapes from Make Me a Hanzi medians (hanzi-writer-data 2.0.1), with random size, position, slant, jitter and speed
stroke 79.0,169.0 79.0,169.0 81.0,170.0 81.0,172.0 83.0,172.0 84.0,172.0 89.0,172.0 95.0,173.0 96.0,173.0 102.0,173.0 107.0,171.0 115.0,170.0 119.0,171.0 122.0,171.0 128.0,169.0 133.0,168.0 143.0,167.0 149.0,167.0 155.0,167.0 161.0,166.0 171.0,164.0 176.0,163.0 185.0,163.0 190.0,164.0 195.0,164.0 201.0,163.0 205.0,162.0 210.0,161.0 212.0,162.0 216.0,163.0 219.0,164.0 223.0,165.0 227.0,167.0 228.0,169.0 230.0,167.0 231.0,168.0 231.0,168.0
