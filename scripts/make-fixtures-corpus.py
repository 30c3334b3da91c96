#!/usr/bin/python3
"""Writes the outside-tool half of the spreadsheet corpus in test/fixtures/corpus/ (see docs/import.md,
"The fixtures corpus"): the same people with openpyxl and XlsxWriter, and hand-assembled zips (Python's
zipfile) with each quirk real writers produce. Also the crafted files of test/fixtures/hostile/.

Run through `npx tsx scripts/make-fixtures-corpus.ts`, which writes people.json first and runs the other
writers. Needs Debian's python3-openpyxl and python3-xlsxwriter (use /usr/bin/python3).
"""
import datetime
import json
import os
import sys
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, '..', 'test', 'fixtures', 'corpus')
HOSTILE = os.path.join(HERE, '..', 'test', 'fixtures', 'hostile')

with open(os.path.join(CORPUS, 'people.json'), encoding='utf-8') as f:
    PEOPLE = json.load(f)

HEADERS = PEOPLE['headers']
RICH_HEADER = PEOPLE['richHeader']  # index of the header written as rich text in two runs
RICH_RUNS = PEOPLE['richRuns']
DATE_COLUMNS = PEOPLE['dateColumns']


def py_value(column, value):
    if column in DATE_COLUMNS:
        return datetime.datetime.strptime(value, '%Y-%m-%d')
    return value


# --- openpyxl (also what pandas' to_excel uses): absolute relationship targets -------------------------------

def write_openpyxl():
    from openpyxl import Workbook

    wb = Workbook()
    lists = wb.active
    lists.title = 'Listas'
    lists.sheet_state = 'hidden'
    for row in PEOPLE['lists']:
        lists.append(row)
    notes = wb.create_sheet('Instrucciones')
    for line in PEOPLE['instructions']:
        notes.append([line])
    ws = wb.create_sheet('Personas')
    ws.append([PEOPLE['title']])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws.append([])
    ws.append(HEADERS)  # Debian's openpyxl 3.0 writes no rich text; the other writers do
    for row in PEOPLE['rows']:
        ws.append([py_value(c, v) for c, v in enumerate(row)])
    for r in range(4, 4 + len(PEOPLE['rows'])):
        for c in DATE_COLUMNS:
            ws.cell(row=r, column=c + 1).number_format = 'dd/mm/yyyy'
    # Tab order: Instrucciones, Personas, then the hidden list (openpyxl keeps creation order; move it last).
    wb.move_sheet('Listas', offset=2)
    wb.active = 1
    wb.save(os.path.join(CORPUS, 'openpyxl.xlsx'))


# --- XlsxWriter: the 1904 date system, a formula with its cached value, rich text ------------------------------

def write_xlsxwriter(name, date_1904):
    import xlsxwriter

    wb = xlsxwriter.Workbook(os.path.join(CORPUS, name), {'date_1904': date_1904})
    notes = wb.add_worksheet('Instrucciones')
    for i, line in enumerate(PEOPLE['instructions']):
        notes.write_string(i, 0, line)
    ws = wb.add_worksheet('Personas')
    lists = wb.add_worksheet('Listas')
    lists.hide()
    for r, row in enumerate(PEOPLE['lists']):
        for c, value in enumerate(row):
            lists.write(r, c, value)
    title = wb.add_format({'bold': True})
    red = wb.add_format({'color': 'red', 'bold': True})
    date = wb.add_format({'num_format': 'dd/mm/yyyy'})
    ws.merge_range(0, 0, 0, len(HEADERS) - 1, PEOPLE['title'], title)
    for c, header in enumerate(HEADERS):
        if c == RICH_HEADER:
            ws.write_rich_string(2, c, RICH_RUNS[0], red, RICH_RUNS[1])
        else:
            ws.write_string(2, c, header)
    for r, row in enumerate(PEOPLE['rows']):
        for c, value in enumerate(row):
            if c in DATE_COLUMNS:
                ws.write_datetime(3 + r, c, py_value(c, value), date)
            elif r == 0 and isinstance(value, (int, float)) and c == len(row) - 1:
                ws.write_formula(3 + r, c, '=%d+0' % value, None, value)
            elif isinstance(value, str):
                ws.write_string(3 + r, c, value)
            else:
                ws.write_number(3 + r, c, value)
    ws.activate()
    wb.close()


# --- hand-assembled zips: one quirk of real writers each ---------------------------------------------------------

def col_name(index):
    name = ''
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def serial(iso, date_1904=False):
    day = datetime.date.fromisoformat(iso)
    base = datetime.date(1904, 1, 1) if date_1904 else datetime.date(1899, 12, 30)
    return (day - base).days


class Sheet:
    """Rows of cells as (kind, value): kinds 's' shared, 'inline', 'rich', 'n', 'date', 'formula'."""

    def __init__(self, name, rows, state=None):
        self.name, self.rows, self.state = name, rows, state


def people_sheets(date_kind='date'):
    title = [('inline', PEOPLE['title'])]
    header = [('rich', RICH_RUNS) if c == RICH_HEADER else ('s', h) for c, h in enumerate(HEADERS)]
    data = []
    for r, row in enumerate(PEOPLE['rows']):
        cells = []
        for c, value in enumerate(row):
            if c in DATE_COLUMNS:
                cells.append((date_kind, value))
            elif isinstance(value, str):
                cells.append(('s', value))
            elif r == 0 and c == len(row) - 1:
                cells.append(('formula', value))
            else:
                cells.append(('n', value))
        data.append(cells)
    return [
        Sheet('Instrucciones', [[('s', line)] for line in PEOPLE['instructions']]),
        Sheet('Personas', [title, [], header] + data),
        Sheet('Listas', [[('s', v) for v in row] for row in PEOPLE['lists']], 'hidden'),
    ]


def sheet_xml(sheet, strings, q, with_refs=True, dimension=True, date_1904=False, shared=True, prefix=''):
    p = prefix + ':' if prefix else ''
    ns = 'xmlns%s="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' % (':' + prefix if prefix else '')
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<%sworksheet %s>' % (p, ns)]
    if dimension:
        out.append('<%sdimension ref="A1:%s%d"/>' % (p, col_name(len(HEADERS) - 1), len(sheet.rows)))
    out.append('<%ssheetData>' % p)
    for r, row in enumerate(sheet.rows):
        if not row:
            continue  # blank rows are simply absent, as Excel writes them
        attrs = ' r="%d"' % (r + 1) if with_refs else ''
        if not with_refs and r > 0 and not sheet.rows[r - 1]:
            attrs = ' r="%d"' % (r + 1)  # a row after a gap needs its number
        out.append('<%srow%s>' % (p, attrs))
        for c, (kind, value) in enumerate(row):
            ref = ' r="%s%d"' % (col_name(c), r + 1) if with_refs else ''
            if kind == 's' and shared:
                out.append('<%sc%s t="s"><%sv>%d</%sv></%sc>' % (p, ref, p, q(value), p, p))
            elif kind in ('s', 'inline'):
                out.append('<%sc%s t="inlineStr"><%sis><%st xml:space="preserve">%s</%st></%sis></%sc>' % (
                    p, ref, p, p, escape(value), p, p, p))
            elif kind == 'rich':
                runs = ''.join('<%sr><%srPr><%sb/></%srPr><%st xml:space="preserve">%s</%st></%sr>' % (
                    p, p, p, p, p, escape(run), p, p) for run in value)
                out.append('<%sc%s t="inlineStr"><%sis>%s</%sis></%sc>' % (p, ref, p, runs, p, p))
            elif kind == 'date':
                out.append('<%sc%s s="1"><%sv>%d</%sv></%sc>' % (p, ref, p, serial(value, date_1904), p, p))
            elif kind == 'isodate':
                out.append('<%sc%s t="d"><%sv>%sT00:00:00</%sv></%sc>' % (p, ref, p, value, p, p))
            elif kind == 'formula':
                out.append('<%sc%s><%sf>%d+0</%sf><%sv>%d</%sv></%sc>' % (p, ref, p, value, p, p, value, p, p))
            else:
                out.append('<%sc%s><%sv>%s</%sv></%sc>' % (p, ref, p, value, p, p))
        out.append('</%srow>' % p)
    out.append('</%ssheetData>' % p)
    if sheet.name == 'Personas':
        out.append('<%smergeCells count="1"><%smergeCell ref="A1:%s1"/></%smergeCells>' % (
            p, p, col_name(len(HEADERS) - 1), p))
    out.append('</%sworksheet>' % p)
    return ''.join(out)


STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts>'
          '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
          '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
          '<borders count="1"><border/></borders>'
          '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
          '<cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs>'
          '</styleSheet>')

REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'


def handmade(name, order='excel', targets='relative', with_refs=True, dimension=True, date_1904=False,
             shared=True, styles=True, prefix='', very_hidden=False, date_kind='date'):
    sheets = people_sheets(date_kind)
    if very_hidden:
        sheets[2].state = 'veryHidden'
    strings = []
    index = {}

    def q(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    sheet_parts = [sheet_xml(s, strings, q, with_refs, dimension, date_1904, shared, prefix) for s in sheets]

    def target(i):
        if targets == 'absolute':
            return '/xl/worksheets/sheet%d.xml' % (i + 1)
        if targets == 'dotted':
            return ['./worksheets/sheet1.xml', '../xl/worksheets/sheet2.xml', 'worksheets/./sheet3.xml'][i]
        return 'worksheets/sheet%d.xml' % (i + 1)

    rels = ['<Relationship Id="rId%d" Type="%s/worksheet" Target="%s"/>' % (i + 1, REL, target(i))
            for i in range(len(sheets))]
    if styles:
        rels.append('<Relationship Id="rIdS" Type="%s/styles" Target="%s"/>' % (
            REL, '/xl/styles.xml' if targets == 'absolute' else 'styles.xml'))
    if shared:
        rels.append('<Relationship Id="rIdT" Type="%s/sharedStrings" Target="%s"/>' % (
            REL, '/xl/sharedStrings.xml' if targets == 'absolute' else 'sharedStrings.xml'))
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s">'
                '%s<sheets>%s</sheets></workbook>') % (
        REL, '<workbookPr date1904="1"/>' if date_1904 else '',
        ''.join('<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (
            escape(s.name), i + 1, ' state="%s"' % s.state if s.state else '', i + 1) for i, s in enumerate(sheets)))
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                     + ''.join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1) for i in range(len(sheets)))
                     + '</Types>')
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="%s">'
                 '<Relationship Id="rId1" Type="%s/officeDocument" Target="%s"/></Relationships>') % (
        PKG, REL, '/xl/workbook.xml' if targets == 'absolute' else 'xl/workbook.xml')
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>') % (
        len(strings), len(strings), ''.join('<si><t xml:space="preserve">%s</t></si>' % escape(s) for s in strings))
    parts = {
        '[Content_Types].xml': content_types,
        '_rels/.rels': root_rels,
        'xl/workbook.xml': workbook,
        'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="%s">%s</Relationships>' % (PKG, ''.join(rels)),
    }
    for i, part in enumerate(sheet_parts):
        parts['xl/worksheets/sheet%d.xml' % (i + 1)] = part
    if styles:
        parts['xl/styles.xml'] = STYLES
    if shared:
        parts['xl/sharedStrings.xml'] = sst
    names = list(parts)
    if order == 'sheetjs':
        # Worksheets first, the workbook and its relationships after them, shared strings and styles last.
        names = ([n for n in names if n.startswith('xl/worksheets/')] + ['[Content_Types].xml', '_rels/.rels',
                 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'] + [n for n in names if n in ('xl/styles.xml', 'xl/sharedStrings.xml')])
    elif order == 'reversed':
        names.reverse()
    with zipfile.ZipFile(os.path.join(CORPUS, name), 'w', zipfile.ZIP_DEFLATED) as z:
        for n in names:
            z.writestr(n, parts[n])


# --- crafted files for the limits ------------------------------------------------------------------------------

def minimal_parts():
    """A one-sheet workbook; its relationships name a shared string table, which a file may leave out."""
    sheets = '<sheet name="Datos" sheetId="1" r:id="rId1"/>'
    parts = {
        '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        '_rels/.rels': '<?xml version="1.0"?><Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % (PKG, REL),
        'xl/workbook.xml': '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><sheets>%s</sheets></workbook>' % (REL, sheets),
        'xl/_rels/workbook.xml.rels': '<?xml version="1.0"?><Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>%s</Relationships>' % (
            PKG, REL, '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % REL),
    }
    return parts


def write_streamed(name, parts, streamed):
    """parts: small parts as text; streamed: {part: generator of str chunks} written without holding them."""
    with zipfile.ZipFile(os.path.join(HOSTILE, name), 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for n, text in parts.items():
            z.writestr(n, text)
        for n, chunks in streamed.items():
            with z.open(n, 'w', force_zip64=True) as out:
                for chunk in chunks:
                    out.write(chunk.encode('utf-8'))


SHEET_OPEN = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_CLOSE = '</sheetData></worksheet>'
HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>Cédula</t></is></c><c r="B1" t="inlineStr"><is><t>Nombres</t></is></c></row>'


def hostile():
    os.makedirs(HOSTILE, exist_ok=True)

    def strings(count, text):
        yield '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        item = '<si><t>%s</t></si>' % text
        block = item * 1000
        for _ in range(count // 1000):
            yield block
        yield '</sst>'

    def sheet(rows):
        yield SHEET_OPEN + HEADER_ROW
        for chunk in rows:
            yield chunk
        yield SHEET_CLOSE

    one_row = '<row r="2"><c r="A2"><v>1020304050</v></c><c r="B2" t="s"><v>0</v></c></row>'
    # Shared strings that inflate to about 3 GB: 100,000 texts of 30,000 characters.
    write_streamed('strings-gigabytes.xlsx', minimal_parts(),
                   {'xl/worksheets/sheet1.xml': sheet([one_row]),
                    'xl/sharedStrings.xml': strings(100_000, 'A' * 30_000)})
    # Twenty million tiny shared strings.
    write_streamed('strings-many.xlsx', minimal_parts(),
                   {'xl/worksheets/sheet1.xml': sheet([one_row]),
                    'xl/sharedStrings.xml': strings(20_000_000, 'x')})

    # Blank rows past Excel's last row: 1.1 million numbered, five million without numbers.
    def blank_rows(numbered):
        block = []
        for r in range(2, (1_100_000 if numbered else 5_000_000) + 2):
            block.append('<row r="%d"/>' % r if numbered else '<row/>')
            if len(block) == 10_000:
                yield ''.join(block)
                block = []
        yield ''.join(block)
    write_streamed('blank-rows.xlsx', minimal_parts(), {'xl/worksheets/sheet1.xml': sheet(blank_rows(True))})
    write_streamed('blank-rows-unnumbered.xlsx', minimal_parts(),
                   {'xl/worksheets/sheet1.xml': sheet(blank_rows(False))})

    # A sheet whose XML inflates past a gigabyte (comments of 100 kB between two rows), and one that is a
    # gigabyte of white space (saxes would hold it as one text).
    def padding(comments):
        yield one_row.replace('t="s"><v>0</v>', 't="inlineStr"><is><t>Ana</t></is>')
        block = ('<!--%s-->' % ('x' * 102_393)) * 10 if comments else ' ' * (1 << 20)
        for _ in range(1100):
            yield block
    write_streamed('inflated.xlsx', minimal_parts(), {'xl/worksheets/sheet1.xml': sheet(padding(True))})
    write_streamed('white-space.xlsx', minimal_parts(), {'xl/worksheets/sheet1.xml': sheet(padding(False))})

    # One cell of 100,000 characters.
    write_streamed('long-cell.xlsx', minimal_parts(), {'xl/worksheets/sheet1.xml': sheet(
        ['<row r="2"><c r="A2" t="inlineStr"><is><t>%s</t></is></c></row>' % ('9' * 100_000)])})
    # A value in the last column Excel has.
    write_streamed('wide.xlsx', minimal_parts(), {'xl/worksheets/sheet1.xml': sheet(
        ['<row r="2"><c r="A2"><v>1</v></c><c r="XFD2"><v>2</v></c></row>'])})
    # A row numbered past Excel's last row.
    write_streamed('row-beyond.xlsx', minimal_parts(), {'xl/worksheets/sheet1.xml': sheet(
        ['<row r="2000000"><c r="A2000000"><v>1</v></c></row>'])})
    # Entity tricks: "billion laughs" in the shared strings, an external entity (XXE) in the sheet.
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + ''.join('<!ENTITY lol%d "%s">' % (i, ('&lol%d;' % (i - 1) if i > 1 else '&lol;') * 10) for i in range(1, 10))
              + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>')
    parts = minimal_parts()
    parts['xl/worksheets/sheet1.xml'] = ''.join(sheet([one_row]))
    parts['xl/sharedStrings.xml'] = laughs
    write_streamed('billion-laughs.xlsx', parts, {})
    parts = minimal_parts()
    parts['xl/worksheets/sheet1.xml'] = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                                         + SHEET_OPEN + HEADER_ROW
                                         + '<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row>' + SHEET_CLOSE)
    write_streamed('xxe.xlsx', parts, {})
    # Twenty thousand parts in one zip.
    parts = minimal_parts()
    parts['xl/worksheets/sheet1.xml'] = ''.join(sheet([one_row]))
    for i in range(20_000):
        parts['xl/media/image%d.bin' % i] = ''
    write_streamed('many-entries.xlsx', parts, {})


if __name__ == '__main__':
    what = sys.argv[1] if len(sys.argv) > 1 else 'all'
    if what in ('all', 'corpus'):
        write_openpyxl()
        write_xlsxwriter('xlsxwriter.xlsx', False)
        write_xlsxwriter('xlsxwriter-1904.xlsx', True)
        handmade('hand-excel-order.xlsx')
        handmade('hand-sheetjs-order.xlsx', order='sheetjs')
        handmade('hand-absolute-targets.xlsx', targets='absolute', order='reversed')
        handmade('hand-dotted-targets.xlsx', targets='dotted')
        handmade('hand-no-refs.xlsx', with_refs=False, dimension=False)
        handmade('hand-inline-only.xlsx', shared=False, styles=False, dimension=False, date_kind='isodate')
        handmade('hand-1904.xlsx', date_1904=True)
        handmade('hand-prefixed.xlsx', prefix='x', very_hidden=True)
    if what in ('all', 'hostile'):
        hostile()
