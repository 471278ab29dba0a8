"""Fill resources/translations/layerwire_ko.ts from a {source: Korean} table (a maintenance helper).

    python resources/translations/fill_ko.py TABLE.py    # TABLE.py defines KO = {...}

Messages whose source is in the table get that translation (marked finished); others keep theirs.
Run ``python -m gui.i18n update`` afterwards to compile the .qm.
"""

import runpy
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).with_name("layerwire_ko.ts")


def main(table: str) -> int:
    ko = runpy.run_path(table)["KO"]
    tree = ET.parse(TS)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        if source in ko:
            translation.text = ko[source]
            translation.attrib.pop("type", None)
        elif translation.get("type") == "unfinished":
            missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for source in missing:
        print(f"untranslated: {source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
