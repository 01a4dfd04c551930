"""Writes SharedResource.resx (zh-CN, the neutral language) and SharedResource.en.resx from strings.tsv."""
from pathlib import Path
from xml.sax.saxutils import escape

here = Path(__file__).parent
rows = [l.split("\t") for l in (here / "strings.tsv").read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
header = '<?xml version="1.0" encoding="utf-8"?>\n<root>\n  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>\n  <resheader name="version"><value>2.0</value></resheader>\n  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>\n  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>\n'
for name, column in (("SharedResource.resx", 1), ("SharedResource.en.resx", 2)):
    body = "".join(f'  <data name="{escape(r[0])}" xml:space="preserve"><value>{escape(r[column])}</value></data>\n' for r in rows)
    (here / name).write_text(header + body + "</root>\n", encoding="utf-8")
