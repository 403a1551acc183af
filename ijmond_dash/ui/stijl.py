"""The house CSS: the screen, the phone, print, and the projector (presentation mode)."""

from __future__ import annotations

CSS = """
<style>
.ijw-boodschap { font-size: 1.45rem; line-height: 1.4; margin: 0 0 1rem 0; }
/* Metric, widget and toggle labels and metric values wrap between words instead of ending in an
   ellipsis (Streamlit cuts them off on one line). */
[data-testid="stMain"] .stMarkdownEllipsis, [data-testid="stMain"] .stMarkdownEllipsis p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: normal; word-break: normal; }
[data-testid="stMain"] [data-testid="stWidgetLabel"] div:has(> span > .stMarkdownEllipsis) { overflow: visible; }
[data-testid="stMetricValue"] { font-size: 2.6rem; line-height: 1.15; }
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: inherit !important;
  line-height: inherit; }
[data-testid="stMetricLabel"] p { font-size: 1.1rem; line-height: 1.3; }
/* Headings break between words, never inside one. */
h1, h2, h3, h4 { overflow-wrap: normal !important; word-break: normal !important; hyphens: manual; }
/* A chart's title, subtitle and source line: page text around the figure (ui.plotly), so they
   wrap at any width; a long word (a file name) breaks rather than running out of the column. */
[data-testid="stMarkdownContainer"] p.ijw-grafiek-titel { font-size: 1.25rem; font-weight: 600; line-height: 1.3;
  margin: 0 0 0.15rem 0; color: #1a1a1a; overflow-wrap: break-word; }
[data-testid="stMarkdownContainer"] p.ijw-grafiek-ondertitel { font-size: 1rem; line-height: 1.4; margin: 0;
  color: #444; overflow-wrap: break-word; }
[data-testid="stMarkdownContainer"] p.ijw-grafiek-bron { font-size: 0.875rem; line-height: 1.4; margin: 0;
  color: #5c5e66; overflow-wrap: break-word; }
[class*="st-key-ijw_grafiek_"] { margin-bottom: 0.75rem; }
/* Streamlit greys captions with opacity 0.6 (4.43:1 on the sidebar, and 3:1 for code in a caption):
   a solid grey instead, at least 5.8:1 on white and on the sidebar. */
[data-testid="stCaptionContainer"] { color: #5c5e66; opacity: 1; }
/* A compact top: the control bar right under Streamlit's header (3.75rem), the title right
   after it; elements that only carry CSS or a script take no room. */
[data-testid="stMainBlockContainer"] { padding-top: 4.25rem !important; }
[data-testid="stElementContainer"]:has(> [data-testid="stMarkdown"] style),
[data-testid="stLayoutWrapper"]:has(> .st-key-ijw_voorladen) { display: none; }
.st-key-ijw_balk { gap: 0.75rem 1.25rem !important; }
[data-testid="stMain"] h1 { padding-top: 0.5rem; }
@media (max-width: 640px) {
  /* a phone: the bar stays one row (printing from a phone is not a use), results before controls */
  .st-key-ijw_afdruk, .st-key-ijw_balk [data-testid="stTooltipIcon"] { display: none !important; }
  .st-key-ijw_balk { flex-wrap: nowrap !important; }
  [class*="st-key-ijw_bediening_"] { order: 1; }
  [data-testid="stLayoutWrapper"]:has(> [class*="st-key-ijw_bediening_"]) { order: 1; }
  h1 { font-size: 2rem !important; }
  h2 { font-size: 1.6rem !important; }
  h3 { font-size: 1.3rem !important; }
  /* no link icon beside a heading: on a phone it wraps onto a line of its own (and there is no hover) */
  [data-testid="stHeaderActionElements"] { display: none !important; }
}
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stExpandSidebarButton"], [data-testid="stDecoration"], .st-key-ijw_balk,
  [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stPopover"],
  [data-testid="stPageLink"], [data-testid="stFileUploader"], .modebar-container { display: none !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"] { overflow: visible !important; }
  [data-testid="stPlotlyChart"], [data-testid="stMetric"], [data-testid="stDataFrame"],
  [data-testid="stVerticalBlockBorderWrapper"] { break-inside: avoid; page-break-inside: avoid; }
  [data-testid="stPlotlyChart"] { overflow: visible !important; max-width: 100% !important; }
  h1, h2, h3 { break-after: avoid; }
}
</style>
"""


# Presentation mode: no sidebar, no controls, large type, one chart per screen.
CSS_PRESENTATIE = """
<style>
[data-testid="stSidebar"], [data-testid="stExpandSidebarButton"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1rem 2.5rem 2rem 2.5rem !important; }
html, body, [data-testid="stMarkdownContainer"] p, [data-testid="stCaptionContainer"] { font-size: 26px; }
h1 { font-size: 3.4rem !important; }
h2 { font-size: 2.6rem !important; }
h3 { font-size: 2.1rem !important; }
.ijw-boodschap { font-size: 2.3rem !important; font-weight: 600; color: #000; }
/* html is 26px here, so rem is 26px: label 30px, value 83px (presentation draws a value at
   least 1,5 times its label; the label's rule must not reach the value's paragraph). */
[data-testid="stMetricValue"] { font-size: 3.2rem !important; color: #000; }
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: inherit !important; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem !important; color: #000; }
[data-testid="stCaptionContainer"] { color: #222 !important; }
[data-testid="stSelectbox"], [data-testid="stMultiSelect"], [data-testid="stRadio"],
[data-testid="stSlider"], [data-testid="stNumberInput"], [data-testid="stTextInput"],
[data-testid="stTextArea"], [data-testid="stDateInput"], [data-testid="stTimeInput"],
[data-testid="stCheckbox"], [data-testid="stButtonGroup"], [data-testid="stButton"],
[data-testid="stDownloadButton"], [data-testid="stPopover"], [data-testid="stPageLink"],
[data-testid="stFileUploader"], [data-testid="stColorPicker"], .modebar-container { display: none !important; }
.st-key-ijw_presentatie [data-testid="stCheckbox"] { display: flex !important; }
[data-testid="stMain"] { scroll-snap-type: y proximity; }
/* One chart per screen: title, figure (charts.common.presentatie) and source line fill it.
   Spacing goes on the chart's block, never inside it: a chart taller than its container
   would make the container a scrollable region that a keyboard cannot reach. */
[class*="st-key-ijw_grafiek_"] { scroll-snap-align: start; margin-bottom: 4vh; }
[data-testid="stMarkdownContainer"] p.ijw-grafiek-titel { font-size: 40px; color: #000; }
[data-testid="stMarkdownContainer"] p.ijw-grafiek-ondertitel { font-size: 28px; color: #222; }
[data-testid="stMarkdownContainer"] p.ijw-grafiek-bron { font-size: 22px; color: #222; }
</style>
"""
