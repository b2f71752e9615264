#!/usr/bin/env bash
# Measures what an uploaded image costs (time and peak memory): the two calls of the web's UploadChecker, each
# file in a fresh process (bench/Reperes.Media.Measure), once cold and then RUNS times.
#
#   bench/measure-images.sh [--ref GITREF] [RUNS]     default: the working tree, 5 runs
#
# --ref measures the Reperes.Media of another commit (extracted with git archive) with the same measuring program:
# `bench/measure-images.sh --ref 64b686b` gives the hand-written decoders' figures.
# Inputs are made here: a 12-megapixel phone photo (4032×3024 JPEG, quality 90, EXIF orientation 6 and GPS), the same
# photo as WebP and tagged Display P3, and a phone screenshot as PNG (1170×2532).
# Needs: the .NET SDK, Debian's imagemagick, webp and libimage-exiftool-perl. Linux only (reads /proc).
set -euo pipefail
cd "$(dirname "$0")/.."
ref=""
if [ "${1:-}" = "--ref" ]; then ref=$2; shift 2; fi
runs=${1:-5}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
convert=/usr/bin/convert
$convert -size 4032x3024 -seed 7 plasma:fractal -blur 0x0.7 -quality 90 "$work/photo-12mp.jpg"
exiftool -q -overwrite_original -Orientation#=6 -GPSLatitude=48.3904 -GPSLatitudeRef=N -GPSLongitude=4.4861 \
  -GPSLongitudeRef=W -Make=PhoneMaker "$work/photo-12mp.jpg"
$convert "$work/photo-12mp.jpg" "$work/photo.png"
cwebp -quiet -q 80 "$work/photo.png" -o "$work/photo-12mp.webp"
p3=tests/Reperes.Media.Tests/Samples/color/display-p3.icc
if [ -f "$p3" ]; then
  $convert "$work/photo-12mp.jpg" -profile "$p3" -quality 90 "$work/photo-12mp-display-p3.jpg"
fi
$convert -size 1170x2532 -seed 3 plasma:fractal -blur 0x2 -fill white -draw "rectangle 60,200 1110,900" \
  -fill '#1060c0' -draw "rectangle 60,1000 1110,1400" "$work/screenshot.png"
rm "$work/photo.png"

media=src/Reperes.Media/Reperes.Media.csproj
if [ -n "$ref" ]; then
  mkdir "$work/ref"
  git archive "$ref" src/Reperes.Media Directory.Build.props Directory.Packages.props | tar -x -C "$work/ref"
  media="$work/ref/src/Reperes.Media/Reperes.Media.csproj"
fi
out="$work/bin"
dotnet build bench/Reperes.Media.Measure -c Release -v quiet -nologo -o "$out" -p:ReperesMediaProject="$(realpath "$media")" >/dev/null

printf '%-32s %-62s %8s %9s %8s %8s %9s\n' file outcome "cold ms" "wall ms" "CPU ms" "RSS MiB" "peak MiB"
for file in "$work"/*.jpg "$work"/*.webp "$work"/*.png; do
  IFS=$'\t' read -r name outcome cold wall cpu before peak < <(dotnet "$out/Reperes.Media.Measure.dll" "$file" "$runs")
  printf '%-32s %-62.62s %8s %9s %8s %8s %9s\n' "$name ($(( $(stat -c %s "$file") / 1024 )) KB)" "$outcome" "$cold" "$wall" "$cpu" "$before" "$peak"
done
