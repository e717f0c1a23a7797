#!/usr/bin/env bash
# Regenerates the fallback fonts in assets/fonts from Debian's Noto packages (bookworm:
# fonts-noto-core 20201225-1, fonts-noto-cjk 20220127), so the pack can draw names in other
# scripts without reading the machine's fonts. Only a developer runs this, when the fonts are to
# change; the build reads the committed files. Needs apt-get and Python 3 (fontTools is installed
# with pip into a throwaway virtual environment).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${ROOT}/assets/fonts"
WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT

cd "${WORK}"
apt-get download fonts-noto-core fonts-noto-cjk
for deb in *.deb; do dpkg-deb -x "${deb}" x; done
python3 -m venv venv
venv/bin/pip install --quiet 'fonttools==4.*'
NOTO="${WORK}/x/usr/share/fonts/truetype/noto"
CJK="${WORK}/x/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

# South Asian scripts as Debian ships them: whole, because their shaping needs every feature.
for script in Devanagari Bengali Gurmukhi Gujarati Tamil; do
  cp "${NOTO}/NotoSans${script}-Regular.ttf" "${OUT}/"
done

# Mathematical letters (U+1D400-1D7FF), letterlike symbols and ASCII (a chart's label is shaped
# whole with the font of its run, spaces included) of Noto Sans Math.
venv/bin/pyftsubset "${NOTO}/NotoSansMath-Regular.ttf" \
  --unicodes='U+0020-007E,U+00A0,U+2100-214F,U+1D400-1D7FF' --no-hinting \
  --output-file="${OUT}/NotoSansMath-Letters.ttf"

# The commonly used CJK characters of Noto Sans CJK SC: every hanzi of GB 2312 level 1, every
# kanji of JIS X 0208 level 1, every Big5 level 1 (common traditional) character, the 2,350
# Hangul syllables of KS X 1001, kana, CJK punctuation, the full-width forms and spaces. Rarer characters
# are refused by name (see src/charts/font.rs) rather than drawn as empty boxes.
venv/bin/python - "${WORK}/cjk.txt" <<'PY'
import sys

def decoded(codec, leads, trails):
    out = set()
    for a in leads:
        for b in trails:
            try:
                c = bytes([a, b]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(c) == 1:
                out.add(c)
    return out

high = range(0xA1, 0xFF)
han = lambda s: {c for c in s if 0x4E00 <= ord(c) <= 0x9FFF}
chars = {" ", "\u00a0"}  # spaces, for a chart's label shaped whole with this font
chars |= han(decoded("gb2312", range(0xB0, 0xD8), high))
chars |= han(decoded("euc_jp", range(0xB0, 0xD0), high))
chars |= han(decoded("big5", range(0xA4, 0xC7), list(range(0x40, 0x7F)) + list(high)))
chars |= {c for c in decoded("euc_kr", high, high) if 0xAC00 <= ord(c) <= 0xD7A3}
for lo, hi in ((0x3000, 0x30FF), (0x3130, 0x318F), (0xFF00, 0xFFEF)):
    chars |= {chr(c) for c in range(lo, hi + 1)}
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(chars)))
PY
venv/bin/pyftsubset "${CJK}" --font-number=2 --text-file="${WORK}/cjk.txt" --no-hinting \
  --output-file="${OUT}/NotoSansCJKsc-Common.otf"

ls -l "${OUT}"
