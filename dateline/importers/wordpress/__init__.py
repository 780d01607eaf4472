"""The WordPress importer: `dateline import-wordpress FILE` reads a WXR export into dateline.

parser.py reads the file (pure, streaming), content.py turns post content into
body blocks, services.py writes (one transaction), models.py remembers what
came from where, middleware.py answers WordPress's `/?p=ID` links.
"""
