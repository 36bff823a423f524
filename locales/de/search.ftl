# heptaglot: the search page, and the search field in the header of every page.

## Search

search-heading = Suche
search-label = Zusammenfassungen durchsuchen
search-placeholder = Suchbegriffe eingeben
search-button = Suchen
search-language-bar-label = Suche in anderen Sprachen

# $count (Number): how many passages match; at least 1
search-results = { $count ->
    [one] { NUMBER($count) } Ergebnis
   *[other] { NUMBER($count) } Ergebnisse
}
search-no-results = Keine Ergebnisse. Versuchen Sie es mit anderen oder mit weniger Wörtern.
search-loading = Suchindex wird geladen …
search-error = Der Suchindex konnte nicht geladen werden. Bitte versuchen Sie es später noch einmal.
search-needs-js = Die Suche läuft in Ihrem Browser und benötigt JavaScript, das deaktiviert oder nicht verfügbar ist. Sie können trotzdem alle Zusammenfassungen durchsehen.
search-needs-server = Die Suche funktioniert nur, wenn ein Webserver die Website ausliefert: Eine als Datei geöffnete Seite kann den Suchindex nicht laden. Für eine Vorschau mit Suche führen Sie heptaglot serve aus (docs/serve.md). Sie können trotzdem alle Zusammenfassungen durchsehen.
