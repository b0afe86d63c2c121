"""zipdir.py DIR OUT: pack the files under DIR into the zip OUT (an OOXML/ODF
package written by hand for a test), [Content_Types].xml / mimetype first,
with fixed timestamps so the bytes are the same on every run."""
import os
import sys
import zipfile

src, out = sys.argv[1], sys.argv[2]
names = []
for root, _, files in os.walk(src):
    for f in files:
        names.append(os.path.relpath(os.path.join(root, f), src))
first = [n for n in ("mimetype", "[Content_Types].xml") if n in names]
names = first + sorted(n for n in names if n not in first)
with zipfile.ZipFile(out, "w") as z:
    for n in names:
        info = zipfile.ZipInfo(n.replace(os.sep, "/"), date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED if n == "mimetype" else zipfile.ZIP_DEFLATED
        with open(os.path.join(src, n), "rb") as fh:
            z.writestr(info, fh.read())
