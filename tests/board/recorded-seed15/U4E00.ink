frontdesk-ink 1
size 429 320
label 一
source drawn by a program, not a human hand: tests/board/record-strokes.py (seed 15) moved the X pointer (XTest) over the Frontdesk board under Xvfb; stroke shapes from Make Me a Hanzi medians (hanzi-writer-data 2.0.1), with random size, position, slant, jitter and speed
stroke 92.0,155.0 92.0,155.0 94.0,158.0 97.0,159.0 102.0,158.0 103.0,158.0 107.0,157.0 108.0,160.0 110.0,158.0 117.0,159.0 121.0,156.0 128.0,155.0 132.0,153.0 136.0,154.0 144.0,154.0 148.0,154.0 155.0,150.0 160.0,149.0 179.0,146.0 184.0,147.0 195.0,146.0 201.0,145.0 207.0,144.0 212.0,142.0 216.0,140.0 221.0,141.0 227.0,144.0 236.0,140.0 241.0,139.0 243.0,137.0 245.0,136.0 247.0,138.0 256.0,143.0 257.0,142.0 263.0,142.0 266.0,142.0 268.0,143.0 269.0,146.0 269.0,146.0
