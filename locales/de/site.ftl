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
