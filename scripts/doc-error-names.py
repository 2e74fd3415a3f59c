# Adds a doc comment above `override readonly name = '…'` lines of error classes that lack one.
import re, sys, pathlib
for path in sys.argv[1:]:
    p = pathlib.Path(path)
    lines = p.read_text().split('\n')
    out = []
    for i, line in enumerate(lines):
        m = re.match(r"^(\s*)override (readonly )?name = '", line)
        if m and not (out and out[-1].strip().endswith('*/')):
            out.append(f"{m.group(1)}/** The stable error code. */")
        out.append(line)
    p.write_text('\n'.join(out))
