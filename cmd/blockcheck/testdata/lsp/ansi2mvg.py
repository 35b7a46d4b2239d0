"""Renders a `tmux capture-pane -p -e` screen (text with SGR colour
escapes) as ImageMagick drawing commands (MVG) on fixed-width cells, for
screenshot.sh: `convert mvg:screen.mvg screen.png`. MVG rather than SVG:
ImageMagick's SVG reader drops quote characters from text."""
import re
import sys

SCALE = 1.5
FONT, CW, LH = 14 * SCALE, 8.43 * SCALE, 18 * SCALE  # font size, cell width and line height, px
FONTFILE = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
BASE16 = ["#1e1e1e", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
          "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff"]
FG, BG = "#e8e8e8", "#1e1e1e"


def color256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (v, v, v)


def sgr(params, st):
    ps = [int(p) if p else 0 for p in params.split(";")] if params else [0]
    i = 0
    while i < len(ps):
        p = ps[i]
        if p == 0:
            st.update(fg=None, bg=None, bold=False, rev=False)
        elif p == 1:
            st["bold"] = True
        elif p == 22:
            st["bold"] = False
        elif p == 7:
            st["rev"] = True
        elif p == 27:
            st["rev"] = False
        elif 30 <= p <= 37:
            st["fg"] = BASE16[p - 30]
        elif 90 <= p <= 97:
            st["fg"] = BASE16[p - 90 + 8]
        elif 40 <= p <= 47:
            st["bg"] = BASE16[p - 40]
        elif 100 <= p <= 107:
            st["bg"] = BASE16[p - 100 + 8]
        elif p == 39:
            st["fg"] = None
        elif p == 49:
            st["bg"] = None
        elif p in (38, 48) and i + 1 < len(ps):
            key = "fg" if p == 38 else "bg"
            if ps[i + 1] == 5 and i + 2 < len(ps):
                st[key] = color256(ps[i + 2])
                i += 2
            elif ps[i + 1] == 2 and i + 4 < len(ps):
                st[key] = "#%02x%02x%02x" % tuple(ps[i + 2:i + 5])
                i += 4
        i += 1


def main():
    lines = sys.stdin.read().rstrip("\n").split("\n")
    st = dict(fg=None, bg=None, bold=False, rev=False)
    cells = []  # per line: list of (char, fg, bg, bold)
    for line in lines:
        row = []
        for m in re.finditer(r"\x1b\[([0-9;]*)m|\x1b\[[0-9;?]*[A-Za-z]|(.)", line):
            if m.group(2) is not None:
                fg, bg = st["fg"] or FG, st["bg"] or BG
                if st["rev"]:
                    fg, bg = bg, fg
                row.append((m.group(2), fg, bg, st["bold"]))
            elif m.group(0).endswith("m"):
                sgr(m.group(1), st)
        cells.append(row)
    width = max(len(r) for r in cells)
    w, h = int(width * CW) + 16, int(len(cells) * LH) + 16
    out = ["viewbox 0 0 %d %d" % (w, h), "fill '%s'" % BG, "rectangle 0,0 %d,%d" % (w, h),
           "font '%s'" % FONTFILE, "font-size %.1f" % FONT, "text-antialias 1"]
    for y, row in enumerate(cells):
        x = 0
        while x < len(row):  # runs of one style
            ch, fg, bg, bold = row[x]
            end = x
            while end < len(row) and row[end][1:] == (fg, bg, bold):
                end += 1
            px, py = 8 + x * CW, 8 + y * LH
            if bg != BG:
                out.append("fill '%s'" % bg)
                out.append("rectangle %.1f,%.1f %.1f,%.1f" % (px, py, px + (end - x) * CW, py + LH))
            out.append("fill '%s'" % fg)
            out.append("font-weight %d" % (700 if bold else 400))
            # One glyph per cell: the font's hinted advance is not the
            # cell width, and a run drawn as one string drifts off the grid.
            for i in range(x, end):
                c = row[i][0]
                if c != " ":
                    escaped = c.replace("\\", "\\\\").replace('"', '\\"')
                    out.append('text %.1f,%.1f "%s"' % (8 + i * CW, py + LH - 5 * SCALE, escaped))
            x = end
    print("\n".join(out))


main()
