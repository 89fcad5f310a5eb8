"""Small HTML builders for the report: escaped tables, figure blocks and the page's CSS and JavaScript.

Every value that can carry document text goes through `html.escape`; figure JSON is embedded in
`<script type="application/json">` with '<' written as \\u003c, so no text can close the script element.
"""

from __future__ import annotations

import html
import json
from typing import Iterable

import pandas as pd

CSS = """
body{font-family:Arial,Helvetica,sans-serif;color:#222;max-width:1400px;margin:0 auto;padding:0 18px 60px;
line-height:1.45}
h1{font-size:1.6em;margin-top:1.2em}h2{border-bottom:2px solid #0072B2;padding-bottom:3px;margin-top:2em}
nav a{margin-right:1em}table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.9em}
th,td{border:1px solid #ddd;padding:4px 7px;vertical-align:top;text-align:left}th{background:#f2f5f8}
td.num{text-align:right;font-variant-numeric:tabular-nums}figure{margin:1.5em 0 2.2em}
figcaption{font-size:.95em}.method{color:#555;font-size:.88em;margin-top:.2em}.plot{width:100%}
.filter{padding:5px 8px;width:24em;max-width:100%;margin:.3em 0;border:1px solid #999;border-radius:3px}
.count{color:#555;font-size:.88em;margin-left:.6em}.scroll{overflow-x:auto}.scroll table{width:100%}
th.sortable{cursor:pointer;white-space:nowrap}.pager{margin:.2em 0 .6em;font-size:.9em}.pager button{margin-right:.4em}
.nodata{color:#D55E00}.summary{display:flex;flex-wrap:wrap;gap:0 2.5em}
"""

# Draws every figure from its embedded JSON and wires the filter boxes; written out in full (no CDN).
SCRIPT = """
(function(){
  var fontPx = %(font_px)s;
  document.querySelectorAll('div.plot').forEach(function(div){
    var fig = JSON.parse(document.getElementById(div.dataset.figure).textContent);
    var layout = fig.layout || {};
    layout.width = undefined; layout.autosize = true;
    layout.font = Object.assign({}, layout.font || {}, {size: fontPx});
    Plotly.newPlot(div, fig.data || [], layout, {responsive: true, displaylogo: false});
  });
  // searchable tables: filter box, click-to-sort headers, pages of PAGE rows, CSV of the filtered rows
  var PAGE = 25;
  document.querySelectorAll('input.filter').forEach(function(box){
    var table = document.getElementById(box.dataset.table);
    var counter = document.getElementById(box.dataset.table + '-count');
    var pager = document.getElementById(box.dataset.table + '-pager');
    var rows = Array.prototype.slice.call(table.tBodies[0].rows), hits = rows, page = 0, dir = {};
    function draw(){
      var pages = Math.max(1, Math.ceil(hits.length / PAGE)); page = Math.min(page, pages - 1);
      rows.forEach(function(r){ r.style.display = 'none'; });
      hits.slice(page * PAGE, (page + 1) * PAGE).forEach(function(r){ r.style.display = ''; });
      counter.textContent = hits.length + ' of ' + rows.length + ' rows';
      pager.querySelector('.page').textContent = 'page ' + (page + 1) + ' of ' + pages;
    }
    function apply(){
      var q = box.value.toLowerCase();
      hits = rows.filter(function(r){ return r.textContent.toLowerCase().indexOf(q) !== -1; });
      page = 0; draw();
    }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function(th, col){
      th.classList.add('sortable'); th.title = 'sort';
      th.addEventListener('click', function(){
        dir[col] = -(dir[col] || -1);
        rows.sort(function(a, b){
          var x = a.cells[col].textContent, y = b.cells[col].textContent, nx = parseFloat(x), ny = parseFloat(y);
          var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
          return c * dir[col];
        });
        rows.forEach(function(r){ table.tBodies[0].appendChild(r); });
        apply();
      });
    });
    pager.querySelector('.prev').addEventListener('click', function(){ if (page > 0){ page--; draw(); } });
    pager.querySelector('.next').addEventListener('click', function(){ page++; draw(); });
    pager.querySelector('.csv').addEventListener('click', function(){
      function cell(t){ return '"' + t.replace(/"/g, '""') + '"'; }
      var lines = [Array.prototype.map.call(table.tHead.rows[0].cells, function(c){ return cell(c.textContent); })];
      hits.forEach(function(r){ lines.push(Array.prototype.map.call(r.cells, function(c){ return cell(c.textContent); })); });
      var blob = new Blob([lines.map(function(l){ return l.join(','); }).join('\\r\\n')], {type: 'text/csv'});
      var a = document.createElement('a'); a.href = URL.createObjectURL(blob);
      a.download = box.dataset.table + '.csv'; document.body.appendChild(a); a.click(); a.remove();
    });
    box.addEventListener('input', apply); apply();
  });
})();
"""


def esc(value: object) -> str:
    """Any cell value as escaped text (NaN/None as empty)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def _cell(value: object) -> str:
    if isinstance(value, float) and not pd.isna(value):
        return f'<td class="num">{value:.3f}</td>'
    if isinstance(value, int) and not isinstance(value, bool):
        return f'<td class="num">{value}</td>'
    return f"<td>{esc(value)}</td>"


def table(df: pd.DataFrame, table_id: str | None = None, caption: str | None = None) -> str:
    """An HTML table of `df` with every header and cell escaped."""
    head = "".join(f"<th>{esc(c)}</th>" for c in df.columns)
    body = "".join(
        "<tr>" + "".join(_cell(v.item() if hasattr(v, "item") else v) for v in row) + "</tr>"
        for row in df.itertuples(index=False)
    )
    ident = f' id="{esc(table_id)}"' if table_id else ""
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f"<table{ident}>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def searchable(df: pd.DataFrame, table_id: str, placeholder: str) -> str:
    """A full-width table with a filter box, a row counter, headers that sort on click, pages of 25 rows and a
    button that downloads the filtered rows as CSV (vanilla JS in SCRIPT; no library, no CDN)."""
    box = (f'<input class="filter" type="search" data-table="{esc(table_id)}" placeholder="{esc(placeholder)}" '
           f'aria-label="{esc(placeholder)}"><span class="count" id="{esc(table_id)}-count"></span>')
    pager = (f'<div class="pager" id="{esc(table_id)}-pager"><button type="button" class="prev">previous</button>'
             f'<button type="button" class="next">next</button><span class="page"></span> '
             f'<button type="button" class="csv">download CSV</button></div>')
    return box + pager + f'<div class="scroll">{table(df, table_id)}</div>'


def embedded_json(element_id: str, value: object) -> str:
    """JSON data in a non-executed script element, safe against '</script>' in the data."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/json" id="{esc(element_id)}">{text}</script>'


def figure_block(name: str, figure: dict, caption: str, method: str, no_data: str | None) -> str:
    """A <figure> with its plot div, caption, method note and embedded data."""
    note = f'<p class="nodata">No data: {esc(no_data)}</p>' if no_data else ""
    return (f'<figure id="fig-{esc(name)}"><div class="plot" id="plot-{esc(name)}" '
            f'data-figure="data-{esc(name)}"></div>{embedded_json(f"data-{name}", figure)}'
            f"<figcaption><b>{esc(name)}.</b> {esc(caption)}{note}"
            f'<div class="method">Method: {esc(method)}</div></figcaption></figure>')


def page(title: str, sections: Iterable[tuple[str, str, str]], plotly_js: str, font_px: float) -> str:
    """The whole document: sections are (anchor, heading, html); plotly.js is inlined once at the end."""
    sections = list(sections)
    nav = "".join(f'<a href="#{esc(a)}">{esc(h)}</a>' for a, h, _ in sections)
    body = "".join(f'<section id="{esc(a)}"><h2>{esc(h)}</h2>{content}</section>' for a, h, content in sections)
    script = SCRIPT % {"font_px": json.dumps(font_px)}
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{esc(title)}</title>"
            f"<style>{CSS}</style></head><body><h1>{esc(title)}</h1><nav>{nav}</nav>{body}"
            f"<script>{plotly_js}</script><script>{script}</script></body></html>")
