#!/usr/bin/python3
"""make.py OUT.xlsx [--shared] [--1904] < SPEC

Write an .xlsx workbook for the tests with openpyxl, a writer independent of
xj.  SPEC has one line per spreadsheet row, cells separated by '|':

  sheet NAME            begin a sheet (without one, the first is "Sheet1")
  (an empty line)       a row with no cells
  a|b|c                 the cells of a row; an empty cell is no cell at all

A cell is a string, unless it starts with one of:

  n:NUMBER              a number (an int or a float, as Python reads it)
  v:TEXT                a number whose XML text is TEXT exactly
  d:YYYY-MM-DD          a date, in the format yyyy-mm-dd
  d14:YYYY-MM-DD        a date, in Excel's built-in format 14
  dz:YYYY-MM-DD         a date, in the format yyyy"年"m"月"d"日"
  dt:YYYY-MM-DDTHH:MM   a date and time
  b:TRUE, b:FALSE       a boolean

#N/A and the other error values are error cells.  openpyxl writes strings
inline; with --shared they are moved to the shared string table, as Excel
keeps them.  A '~' in a string splits it into rich-text runs (with a
phonetic guide that is not part of the text).  --1904 uses the 1904 date
system.
"""
import datetime
import re
import sys
import zipfile

import openpyxl

PLACEHOLDER = 900000000000000   # v: cells are written as this plus n, then patched


def cell_value(text, patches):
    """The value openpyxl is given for a cell, and its number format."""
    kind, colon, rest = text.partition(":")
    if not colon:
        return text, None
    if kind == "n":
        return (int(rest) if re.fullmatch(r"-?\d+", rest) else float(rest)), None
    if kind == "v":
        patches.append(rest)
        return PLACEHOLDER + len(patches), None
    if kind in ("d", "d14", "dz"):
        fmt = {"d": "yyyy-mm-dd", "d14": "mm-dd-yy", "dz": 'yyyy"年"m"月"d"日"'}[kind]
        return datetime.date.fromisoformat(rest), fmt
    if kind == "dt":
        return datetime.datetime.fromisoformat(rest), "yyyy-mm-dd hh:mm"
    if kind == "b":
        return rest == "TRUE", None
    return text, None


def build(spec):
    wb = openpyxl.Workbook()
    ws, row, patches = wb.active, 0, []
    first = True
    for line in spec.splitlines():
        if line.startswith("sheet "):
            if first:
                ws.title = line[6:]
            else:
                ws, row = wb.create_sheet(line[6:]), 0
            first = False
            continue
        first = False
        row += 1
        for col, text in enumerate(line.split("|") if line else [], start=1):
            if text == "":
                continue
            value, fmt = cell_value(text, patches)
            cell = ws.cell(row=row, column=col, value=value)
            if fmt:
                cell.number_format = fmt
    return wb, patches


RICH = '<r><t>{}</t></r><r><rPr><b/></rPr><t>{}</t></r><rPh sb="0" eb="1"><t>ruby</t></rPh>'


def runs(text):
    """A string item's content: plain, or rich-text runs split at '~'."""
    if "~" not in text:
        return "<t xml:space=\"preserve\">{}</t>".format(text)
    head, _, tail = text.partition("~")
    return RICH.format(head, tail)


def patch_sheet(xml, patches, shared):
    for i, text in enumerate(patches, start=1):
        xml = xml.replace("<v>{}</v>".format(PLACEHOLDER + i), "<v>{}</v>".format(text))

    def inline(m):
        attrs, text = m.group(1), m.group(2)
        if shared is None:
            return '<c{} t="inlineStr"><is>{}</is></c>'.format(attrs, runs(text))
        if text not in shared:
            shared[text] = len(shared)
        return '<c{} t="s"><v>{}</v></c>'.format(attrs, shared[text])

    return re.sub(r'<c([^>]*?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>', inline, xml)


def shared_part(shared):
    items = "".join("<si>{}</si>".format(runs(t)) for t in shared)
    return ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
            ' count="{0}" uniqueCount="{0}">{1}</sst>'.format(len(shared), items))


def add_shared(parts):
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>",
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml" Id="rIdSST"/>'
        "</Relationships>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')


def rewrite(path, patches, shared):
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n).decode("utf-8") for n in z.namelist()}
    table = {} if shared else None
    for name in parts:
        if name.startswith("xl/worksheets/"):
            parts[name] = patch_sheet(parts[name], patches, table)
    if shared:
        add_shared(parts)
        parts["xl/sharedStrings.xml"] = shared_part(table)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    out, flags = argv[1], set(argv[2:])
    wb, patches = build(sys.stdin.read())
    if "--1904" in flags:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    wb.save(out)
    rewrite(out, patches, "--shared" in flags)


if __name__ == "__main__":
    main(sys.argv)
