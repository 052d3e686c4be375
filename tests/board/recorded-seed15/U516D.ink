frontdesk-ink 1
size 429 320
label 六
source drawn by a program, not a human hand: tests/board/record-strokes.py (seed 15) moved the X pointer (XTest) over the Frontdesk board under Xvfb; stroke shapes from Make Me a Hanzi medians (hanzi-writer-data 2.0.1), with random size, position, slant, jitter and speed
stroke 148.0,65.0 150.0,64.0 148.0,64.0 147.0,67.0 155.0,72.0 167.0,77.0 175.0,85.0 174.0,87.0
stroke 71.0,145.0 76.0,142.0 76.0,141.0 78.0,145.0 84.0,145.0 94.0,142.0 102.0,142.0 109.0,140.0 128.0,136.0 148.0,133.0 152.0,133.0 163.0,127.0 178.0,127.0 196.0,126.0 203.0,122.0 205.0,122.0 213.0,121.0 223.0,123.0 226.0,120.0 238.0,119.0 240.0,123.0 245.0,125.0 245.0,125.0 245.0,125.0
stroke 121.0,167.0 122.0,177.0 113.0,193.0 92.0,215.0 87.0,218.0 78.0,221.0 74.0,228.0 74.0,228.0
stroke 181.0,166.0 182.0,169.0 186.0,176.0 196.0,182.0 199.0,184.0 212.0,210.0 213.0,213.0 216.0,216.0 216.0,216.0
