#!/usr/bin/env python3
"""Makes the printed fixtures of issue 18 from the seeds, once; the outputs are committed and tests never run this.

For each seed text: a flat ODT (A4, Noto Sans CJK SC 12 pt, first-line indents, a running head on every page and a
page number "— N —" in the footer, as government PDFs are laid out), printed to PDF and saved as Word 97 (.doc) by
LibreOffice headless. Two seeds are also "scanned": their PDF rasterized at 200 dpi, 1-bit, by pdftoppm -mono and the
pages wrapped back into an image-only PDF by image_pdf below (*.scan.pdf); a *.mixed.pdf keeps the first page's text
layer and has the other pages scanned (pdfseparate, pdfunite); the first page is also kept as a PNG (*.page1.png).
One printed PDF is garbled (its ToUnicode maps rewritten to private-use code points: garble below) and one encrypted
with the password "secret" (LibreOffice's PDF export options). Two provincial .docx reports are printed to PDF as
they are (provincial-*.pdf).
Needs: libreoffice-writer-nogui, poppler-utils, fonts-noto-cjk. Run from this folder: python3 make.py
"""
import glob, os, re, shutil, subprocess, tempfile, zlib
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "seeds")
HEAD = "法治政府建设年度报告"
SCANNED = ["000_6c1e8e7a459a068c", "001_cd0fd2eb8dd78658"]
# Two provincial work reports printed as they are, with their own Word layout (no running head added).
PROVINCIAL = ["2025年宁夏政府工作报告", "2025年海南省政府工作报告"]

def fodt(lines):
    body = "\n".join(f'<text:p text:style-name="Body">{escape(line.strip())}</text:p>' for line in lines if line.strip())
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls><style:font-face style:name="Noto Sans CJK SC" svg:font-family="'Noto Sans CJK SC'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph"><style:text-properties style:font-name="Noto Sans CJK SC" style:font-name-asian="Noto Sans CJK SC" fo:font-size="12pt" style:font-size-asian="12pt"/></style:style>
  <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-indent="24pt" fo:line-height="150%" fo:text-align="justify"/></style:style>
  <style:style style:name="Head" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
   <style:header-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-bottom="0.4cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
 </office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">
  <style:header><text:p text:style-name="Head">{HEAD}</text:p></style:header>
  <style:footer><text:p text:style-name="Head">— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer>
 </style:master-page></office:master-styles>
 <office:body><office:text>
{body}
 </office:text></office:body>
</office:document>
"""

def image_pdf(pbm_files, out, dpi):
    """An image-only PDF, one page per 1-bit PBM (P4) image, each image deflated, as a scanner writes it."""
    objects = []
    pages = []
    for pbm in pbm_files:
        with open(pbm, "rb") as f:
            data = f.read()
        parts = data.split(maxsplit=3)
        assert parts[0] == b"P4", pbm
        width, height, bits = int(parts[1]), int(parts[2]), parts[3]
        image = len(objects) + 1
        objects.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Decode [1 0] /Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(zlib.compress(bits, 9))) + zlib.compress(bits, 9) + b"\nendstream")
        w, h = width * 72 / dpi, height * 72 / dpi
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im Do Q" % (w, h)
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        pages.append((len(objects) + 1, image, len(objects), w, h))
        objects.append(None)
    kids_object = len(objects) + 1
    for number, image, content, w, h in pages:
        objects[number - 1] = b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im %d 0 R >> >> /Contents %d 0 R >>" % (kids_object, w, h, image, content)
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % p[0] for p in pages), len(pages)))
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % kids_object)
    out_bytes = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out_bytes))
        out_bytes += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out_bytes)
    out_bytes += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out_bytes += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(objects), xref)
    with open(out, "wb") as f:
        f.write(out_bytes)

def garble(pdf_in, pdf_out):
    """The same PDF with a broken ToUnicode map, as some producers write it: every glyph maps to a private-use code
    point, so the pages look right but their text layer extracts as nonsense. The objects are rewritten and the
    cross-reference table made again."""
    data = open(pdf_in, "rb").read()
    broken = {int(n) for n in re.findall(rb"/ToUnicode (\d+) 0 R", data)}
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"\n(\d+) 0 obj\s*(.*?)endobj", data, re.S)}
    for n in broken:
        body = objects[n]
        start = body.index(b"stream") + len(b"stream")
        start += 2 if body[start:start + 2] == b"\r\n" else 1
        cmap = zlib.decompress(body[start:body.rindex(b"endstream")])
        cmap = re.sub(rb"<([0-9A-Fa-f]{2,4})> <([0-9A-Fa-f]{4})>", lambda m: b"<%s> <%04X>" % (m.group(1), 0xE000 + int(m.group(1), 16)), cmap)
        packed = zlib.compress(cmap)
        objects[n] = b"<</Length %d/Filter/FlateDecode>>\nstream\n" % len(packed) + packed + b"\nendstream\n"
    trailer = re.search(rb"trailer\s*<<(.*?)>>\s*startxref", data, re.S).group(1)
    root = re.search(rb"/Root (\d+ 0 R)", trailer).group(1)
    out = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for n in sorted(objects):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objects[n] + b"endobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n" for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root %s >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    open(pdf_out, "wb").write(bytes(out))

def run(*args, cwd):
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def main():
    with tempfile.TemporaryDirectory() as work:
        for seed in sorted(glob.glob(os.path.join(SEEDS, "*.txt"))):
            name = os.path.splitext(os.path.basename(seed))[0]
            with open(seed, encoding="utf-8") as f:
                lines = f.read().splitlines()
            with open(os.path.join(work, name + ".fodt"), "w", encoding="utf-8") as f:
                f.write(fodt(lines))
            run("soffice", "--headless", "--convert-to", "pdf", name + ".fodt", cwd=work)
            run("soffice", "--headless", "--convert-to", "doc", name + ".fodt", cwd=work)
            shutil.copy(os.path.join(work, name + ".pdf"), os.path.join(HERE, name + ".pdf"))
            shutil.copy(os.path.join(work, name + ".doc"), os.path.join(HERE, name + ".doc"))
            if name in SCANNED:
                pages = os.path.join(work, "pages-" + name)
                os.mkdir(pages)
                run("pdftoppm", "-r", "200", "-mono", os.path.join(work, name + ".pdf"), "page", cwd=pages)
                images = sorted(glob.glob(os.path.join(pages, "page-*.pbm")))
                image_pdf(images, os.path.join(HERE, name + ".scan.pdf"), 200)
                run("pdftoppm", "-r", "200", "-mono", "-png", "-f", "1", "-l", "1", os.path.join(work, name + ".pdf"), "page", cwd=pages)
                images = sorted(glob.glob(os.path.join(pages, "page-*.png")))
                # Mixed: the first page with its text layer, the rest scanned.
                run("pdfseparate", "-f", "1", "-l", "1", os.path.join(work, name + ".pdf"), "text-1.pdf", cwd=pages)
                image_pdf(sorted(glob.glob(os.path.join(pages, "page-*.pbm")))[1:], os.path.join(pages, "rest.pdf"), 200)
                run("pdfunite", "text-1.pdf", "rest.pdf", os.path.join(HERE, name + ".mixed.pdf"), cwd=pages)
                shutil.copy(images[0], os.path.join(HERE, name + ".page1.png"))
            if name == SCANNED[1]:
                garble(os.path.join(work, name + ".pdf"), os.path.join(HERE, name + ".garbled.pdf"))
            if name == "002_ec155288a3a6001e":
                # Opened only with the password "secret".
                options = 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}'
                os.mkdir(os.path.join(work, "encrypted"))
                run("soffice", "--headless", "--convert-to", options, "--outdir", os.path.join(work, "encrypted"), name + ".fodt", cwd=work)
                shutil.copy(os.path.join(work, "encrypted", name + ".pdf"), os.path.join(HERE, name + ".encrypted.pdf"))
        for name in PROVINCIAL:
            docx = os.path.join(HERE, "..", "provincial", name + ".docx")
            shutil.copy(docx, os.path.join(work, "provincial.docx"))
            run("soffice", "--headless", "--convert-to", "pdf", "provincial.docx", cwd=work)
            shutil.copy(os.path.join(work, "provincial.pdf"), os.path.join(HERE, "provincial-" + name + ".pdf"))


if __name__ == "__main__":
    main()
