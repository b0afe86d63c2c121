#!/usr/bin/env python3
"""xml_seeds.py OUT DIR...: the XML parts of every .docx and .odt under DIR...
(and every .xml file) written to OUT, as seeds for fuzz_xml. Parts over 1 MiB,
parts that do not inflate and archives that do not open are skipped; missing
folders too."""
import hashlib
import os
import sys
import zipfile

MAX_PART = 1 << 20  # the hostile set's bombs stay out


def archive_parts(path):
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if not info.filename.endswith((".xml", ".rels")) or info.file_size > MAX_PART:
                    continue
                try:
                    yield z.read(info)[:MAX_PART]
                except Exception:  # damaged on purpose: the hostile set
                    continue
    except Exception:
        return


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for top in sys.argv[2:]:
        for root, _dirs, files in os.walk(top):
            for name in sorted(files):
                path = os.path.join(root, name)
                if name.endswith((".docx", ".odt")):
                    parts = archive_parts(path)
                elif name.endswith(".xml") and os.path.getsize(path) <= MAX_PART:
                    with open(path, "rb") as f:
                        parts = [f.read()]
                else:
                    continue
                for data in parts:
                    digest = hashlib.sha1(data).hexdigest()[:16]
                    with open(os.path.join(out, digest + ".xml"), "wb") as f:
                        f.write(data)


if __name__ == "__main__":
    main()
