nav-all-languages = Alle Sprachen
feed-link = Abonnieren (Atom-Feed)

series-language-bar-label = Diese Reihe in anderen Sprachen
series-all-calls = Alle Zusammenfassungen der Reihe { $series }
series-description = { $series }: { index-digest-count }
series-nav-label = Diese Reihe
series-previous = Vorherige in dieser Reihe
series-next = Nächste in dieser Reihe

not-found-title = Seite nicht gefunden
not-found-text = Unter dieser Adresse gibt es keine Seite. Vielleicht ist der Link falsch geschrieben, oder die Seite wurde verschoben.

## Long series: the index shows the newest calls of each, the series page the newest and a page per year

# $series (String): the series name; $count (Number): how many digests it has in all
index-series-all = { $count ->
    [one] Die einzige Zusammenfassung der Reihe { $series }
   *[other] Alle { NUMBER($count) } Zusammenfassungen der Reihe { $series }
}
series-years-label = Zusammenfassungen nach Jahr
# $year (String): the year, e.g. "2024"; $count (Number): how many digests the series has that year
series-year-link = { $year } ({ NUMBER($count) })
# $series (String): the series name; $year (String): the year, e.g. "2024"
series-year-title = { $series }, { $year }
