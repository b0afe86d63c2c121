#!/usr/bin/env python3
"""xml_seeds.py OUT DIR...: the XML parts of every .docx and .odt under DIR...
(and every .xml file) written to OUT, as seeds for fuzz_xml."""
import hashlib
import os
import sys
import zipfile


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for top in sys.argv[2:]:
        for root, _dirs, files in os.walk(top):
            for name in sorted(files):
                path = os.path.join(root, name)
                parts = []
                if name.endswith((".docx", ".odt")):
                    try:
                        with zipfile.ZipFile(path) as z:
                            parts = [z.read(i) for i in z.namelist()
                                     if i.endswith((".xml", ".rels"))]
                    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
                        continue
                elif name.endswith(".xml"):
                    with open(path, "rb") as f:
                        parts = [f.read()]
                for data in parts:
                    digest = hashlib.sha1(data).hexdigest()[:16]
                    with open(os.path.join(out, digest + ".xml"), "wb") as f:
                        f.write(data)


if __name__ == "__main__":
    main()
