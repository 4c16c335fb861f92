#!/usr/bin/env bash
# Regenerates icons/ from primitives (no fonts, so the result does not depend on the machine's fonts).
# The mark: a strip of film in ink on warm paper, its frame holding a red pen nib.
# Needs ImageMagick; icnsutils (png2icns) for icon.icns. Run: bash scripts/make-icons.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=icons
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

paper='#F2E8D5'
edge='#D8C8A8'
ink='#2B2724'
nib='#A8432F'

# Sprocket holes: 7 a side, pitch 96, centred on the strip.
holes=""
for i in 0 1 2 3 4 5 6; do
  y=$((204 + i * 96))
  holes+="roundrectangle 292,$y 332,$((y + 40)) 9,9 "
  holes+="roundrectangle 692,$y 732,$((y + 40)) 9,9 "
done

convert -size 1024x1024 xc:none \
  -fill "$paper" -stroke "$edge" -strokewidth 8 \
  -draw "roundrectangle 52,52 972,972 200,200" \
  -stroke none -fill "$ink" \
  -draw "roundrectangle 262,150 762,874 36,36" \
  -fill "$paper" -draw "$holes" \
  -draw "roundrectangle 362,212 662,812 14,14" \
  -fill "$nib" \
  -draw "path 'M 438,300 L 586,300 L 586,420 C 586,520 542,600 512,744 C 482,600 438,520 438,420 Z'" \
  -fill "$ink" -draw "rectangle 438,300 586,336" \
  -stroke "$paper" -strokewidth 10 -draw "line 512,530 512,744" \
  -stroke none -fill "$paper" -draw "circle 512,508 512,530" \
  "PNG32:$tmp/master.png"

png() { convert "$tmp/master.png" -filter Lanczos -resize "$1x$1" "PNG32:$out/$2"; }
png 32 32x32.png
png 64 64x64.png
png 128 128x128.png
png 256 128x128@2x.png
png 512 icon.png
# Windows Store logos (the bundler uses them for appx/msix; harmless elsewhere).
for s in 30 44 71 89 107 142 150 284 310; do png "$s" "Square${s}x${s}Logo.png"; done
png 50 StoreLogo.png

# Windows .ico with the sizes Explorer asks for.
for s in 16 24 32 48 64 256; do convert "$tmp/master.png" -filter Lanczos -resize "${s}x${s}" "PNG32:$tmp/ico-$s.png"; done
convert "$tmp"/ico-16.png "$tmp"/ico-24.png "$tmp"/ico-32.png "$tmp"/ico-48.png "$tmp"/ico-64.png "$tmp"/ico-256.png "$out/icon.ico"

# macOS .icns.
if command -v png2icns >/dev/null; then
  for s in 16 32 48 128 256 512 1024; do convert "$tmp/master.png" -filter Lanczos -resize "${s}x${s}" "PNG32:$tmp/icns-$s.png"; done
  png2icns "$out/icon.icns" "$tmp"/icns-{16,32,48,128,256,512,1024}.png >/dev/null
else
  echo "png2icns not found (apt-get install icnsutils): icon.icns left as it was" >&2
fi
echo "icons written to $out/"
