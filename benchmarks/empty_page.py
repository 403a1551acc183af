"""A page with nothing but the shared page header: `python -m benchmarks.bench` runs it in the
dashboard's own navigation to measure the fixed cost every page pays (app.py's access check,
navigation, shell and link control, and ui.kop) apart from the page's own work."""

from ijmond_dash import ui

ui.kop("Lege pagina", "Alleen voor de benchmark.")
