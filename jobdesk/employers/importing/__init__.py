"""Reading vacancy files: 台灣就業通 open data (XML, JSON, CSV), the product's CSV/Excel template
and the CSV layout of the shared ads sample. ``readers`` turns bytes into rows of strings;
``mapping`` turns a row into model values or zh-Hant reasons for rejecting it."""
