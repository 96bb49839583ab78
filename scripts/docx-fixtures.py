#!/usr/bin/env python3
"""Makes the Word fixtures of tests/data/docx/ and the PDFs of tests/data/pdf/.

Each fixture is written here as a minimal Word document (WordprocessingML, as Word writes it:
automatic numbering in numbering.xml with level texts, start values, a restart, several levels,
Cyrillic letters, bullets; tracked changes; a comment), then opened and saved again by LibreOffice, so the committed .docx is what a real word
processor wrote. LibreOffice also exports each as PDF (for the pdftotext pipeline) and as plain
text (NAME.lo.txt: the numbers as LibreOffice itself displays them, the oracle of the tests).

    apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils
    python3 scripts/docx-fixtures.py            # writes tests/data/docx/ and tests/data/pdf/

The fixtures are committed; the tests need neither LibreOffice nor this script.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>
</Relationships>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="48"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style>
</w:styles>"""


def lvl(ilvl, fmt, text, start=1, custom=None):
    if custom:
        numfmt = (f'<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="{custom}"/>'
                  f'</mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>')
    else:
        numfmt = f'<w:numFmt w:val="{fmt}"/>'
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>{numfmt}<w:lvlText w:val="{escape(text)}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{720 * (ilvl + 1)}" w:hanging="360"/></w:pPr></w:lvl>')


def numbering(abstracts, nums):
    """abstracts: {id: [lvl xml]}; nums: {numId: (abstractId, {ilvl: startOverride})}."""
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {W} {MC} {W14} mc:Ignorable="w14">']
    for aid, levels in abstracts.items():
        out.append(f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="hybridMultilevel"/>{"".join(levels)}</w:abstractNum>')
    for nid, (aid, overrides) in nums.items():
        ov = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>' for i, v in overrides.items())
        out.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{ov}</w:num>')
    out.append("</w:numbering>")
    return "".join(out)


def run(text):
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(runs, style=None, num=None):
    ppr = ""
    if style or num:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    if not runs.startswith("<"):
        runs = run(runs)
    return f"<w:p>{ppr}{runs}</w:p>"


def ins(text, i):
    return f'<w:ins w:id="{i}" w:author="Editor" w:date="2025-11-23T10:00:00Z">{run(text)}</w:ins>'


def dele(text, i):
    return (f'<w:del w:id="{i}" w:author="Editor" w:date="2025-11-23T10:00:00Z"><w:r>'
            f'<w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')


def comment_runs(text, note):
    return ('<w:commentRangeStart w:id="0"/>' + run(text) + '<w:commentRangeEnd w:id="0"/>'
            '<w:r><w:commentReference w:id="0"/></w:r>'), (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments {W}>'
        f'<w:comment w:id="0" w:author="Reviewer" w:date="2025-11-23T10:00:00Z"><w:p>{run(note)}</w:p></w:comment></w:comments>')


def document(paragraphs):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>'
            + "".join(paragraphs) + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')


# Whether the document being made has its tracked changes accepted (for the PDF: a PDF is the
# final text; LibreOffice prints tracked changes into it).
FINAL = False


def change(inserted, deleted, i):
    """An insertion and a deletion, tracked; or, for the final text, the insertion alone."""
    if FINAL:
        return run(inserted)
    return ins(inserted, i) + dele(deleted, i + 1)


def english():
    abstracts = {
        0: [lvl(0, "decimal", "%1."), lvl(1, "lowerLetter", "%2)"), lvl(2, "lowerRoman", "%3.")],
        1: [lvl(0, "decimal", "Article %1", start=5)],
        2: [lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2.")],
        3: [lvl(0, "bullet", "\u2022")],
    }
    nums = {1: (0, {}), 2: (1, {}), 3: (2, {0: 7}), 4: (3, {})}
    runs4, comments = comment_runs("A monitoring mission of 200 international observers is deployed.",
                                   "Check the number with the OSCE.")
    body = [
        para("Framework for a ceasefire", style="Title"),
        para("The parties agree on the following points."),
        para("All parties confirm the sovereignty of Ukraine.", num=(1, 0)),
        para("The armed forces of Ukraine are capped at 800,000 personnel:", num=(1, 0)),
        para("in peacetime;", num=(1, 1)),
        para("reserves not counted.", num=(1, 1)),
        para(run("Prisoners are exchanged on an all-for-all basis within ") + change("30 ", "60 ", 1)
             + run("days of the signature."), num=(1, 0)),
        para(runs4, num=(1, 0)),
        para("Frozen Russian assets are invested in the reconstruction of Ukraine.", num=(2, 0)),
        para("Elections are held within 100 days after the signature.", num=(2, 0)),
        para("Sanctions are lifted in stages.", num=(3, 0)),
        para("The first stage lifts sanctions on grain exports.", num=(3, 1)),
        para("The second stage follows a report of the monitoring mission.", num=(3, 1)),
        para("An amnesty covers acts committed during the war.", num=(3, 0)),
        para("Deferred: presidents' meeting", style="Heading2"),
        para("Territory: Crimea, Luhansk and Donetsk, and the line of contact", num=(4, 0)),
        para("Reliable security guarantees for Ukraine", num=(4, 0)),
    ]
    return document(body), numbering(abstracts, nums), comments


def ukrainian():
    abstracts = {
        0: [lvl(0, "decimal", "Стаття %1."), lvl(1, "russianLower", "%2)")],
        1: [lvl(0, "bullet", "\u2022")],
    }
    nums = {1: (0, {}), 2: (1, {})}
    runs, comments = comment_runs("Сторони підтверджують суверенітет України.", "Погодити з МЗС.")
    body = [
        para("Рамкова угода про припинення вогню", style="Title"),
        para(runs, num=(1, 0)),
        para("Чисельність збройних сил України обмежується:", num=(1, 0)),
        para("у мирний час — 800 000 осіб;", num=(1, 1)),
        para("резерв не враховується;", num=(1, 1)),
        para("навчання проводяться за згодою сторін;", num=(1, 1)),
        para("іноземні інструктори залишаються;", num=(1, 1)),
        para("звіт подається щороку.", num=(1, 1)),
        para(run("Усіх полонених обмінюють за принципом «всіх на всіх» протягом ") + change("30", "60", 1)
             + run(" днів."), num=(1, 0)),
        para("Вибори відбуваються протягом 100 днів після підписання.", num=(1, 0)),
        para("Відкладено: зустріч президентів", style="Heading2"),
        para("Територіальні питання", num=(2, 0)),
    ]
    return document(body), numbering(abstracts, nums), comments


def write_docx(path, doc, num, comments):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", doc)
        z.writestr("word/numbering.xml", num)
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/comments.xml", comments)


def soffice(args, cwd):
    subprocess.run(["soffice", "--headless", *args], cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)


def main():
    global FINAL
    if not shutil.which("soffice"):
        sys.exit("docx-fixtures.py: needs LibreOffice (apt-get install libreoffice-writer-nogui)")
    docx_dir = os.path.join(ROOT, "tests", "data", "docx")
    pdf_dir = os.path.join(ROOT, "tests", "data", "pdf")
    os.makedirs(docx_dir, exist_ok=True)
    os.makedirs(pdf_dir, exist_ok=True)
    for name, make in [("en-plan", english), ("uk-plan", ukrainian)]:
        with tempfile.TemporaryDirectory() as tmp:
            src_dir = os.path.join(tmp, "src")
            os.makedirs(src_dir)
            write_docx(os.path.join(src_dir, name + ".docx"), *make())
            # The hand-made file, as Word would write it, for the tests that read it directly.
            shutil.copy(os.path.join(src_dir, name + ".docx"), os.path.join(docx_dir, name + ".word.docx"))
            out = os.path.join(tmp, "out")
            os.makedirs(out)
            soffice(["--convert-to", 'docx:MS Word 2007 XML', "--outdir", out, os.path.join(src_dir, name + ".docx")], tmp)
            saved = os.path.join(docx_dir, name + ".docx")
            shutil.copy(os.path.join(out, name + ".docx"), saved)
            soffice(["--convert-to", "txt:Text (encoded):UTF8", "--outdir", out, saved], tmp)
            shutil.copy(os.path.join(out, name + ".txt"), os.path.join(docx_dir, name + ".lo.txt"))
            # The PDF: the final text (changes accepted), saved by LibreOffice as a .docx, exported.
            FINAL = True
            final = os.path.join(tmp, "final")
            os.makedirs(final)
            write_docx(os.path.join(final, name + ".docx"), *make())
            FINAL = False
            soffice(["--convert-to", "pdf", "--outdir", out, os.path.join(final, name + ".docx")], tmp)
            shutil.copy(os.path.join(out, name + ".pdf"), os.path.join(pdf_dir, name + ".pdf"))
    print("wrote", docx_dir, "and", pdf_dir)


if __name__ == "__main__":
    main()
