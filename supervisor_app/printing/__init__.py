"""Persian PDFs: typesetting over reportlab, the printed documents, and their checks.

* :mod:`.bidi` – the Unicode bidi algorithm as embedding levels (UAX #9, N0 included);
* :mod:`.fonts` – the embedded font, shaped by HarfBuzz, drawn by glyph id in reportlab
  with a ToUnicode map that keeps the text searchable;
* :mod:`.typeset` – wrapping in logical order, display order per line, right alignment,
  justification, paragraphs that split across pages, right-to-left tables;
* :mod:`.layout` – A4 pages, the board letterhead, footers with "page n of m", the
  demo/draft watermark;
* :mod:`.documents` – the ruling, the candidate's notice, session minutes, the public
  candidate list and the observer-report summary, built from :mod:`.views`;
* :mod:`.verify` – checking a ruling PDF: PAdES signatures and the embedded bundle;
* :mod:`.cli` – the ``print`` commands and ``verify`` output for PDFs.

Nothing here touches the store: ``services.printing`` reads it and hands views over.
Importing this package loads nothing heavy; reportlab, HarfBuzz and pyHanko load with
the modules that use them.
"""
