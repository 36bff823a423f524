nav-all-languages = Toutes les langues
feed-link = S’abonner (flux Atom)

series-language-bar-label = Cette série dans d’autres langues
series-all-calls = Toutes les synthèses de la série { $series }
series-description = { $series } : { index-digest-count }
series-nav-label = Cette série
series-previous = Précédente dans cette série
series-next = Suivante dans cette série

not-found-title = Page introuvable
not-found-text = Il n’y a aucune page à cette adresse. Le lien est peut-être mal saisi, ou la page a été déplacée.

## Long series: the index shows the newest calls of each, the series page the newest and a page per year

# $series (String): the series name; $count (Number): how many digests it has in all
index-series-all = { $count ->
    [one] { NUMBER($count) } synthèse de { $series }
    [many] Les { NUMBER($count) } de synthèses de { $series }
   *[other] Les { NUMBER($count) } synthèses de { $series }
}
series-years-label = Synthèses par année
# $year (String): the year, e.g. "2024"; $count (Number): how many digests the series has that year
series-year-link = { $year } ({ NUMBER($count) })
# $series (String): the series name; $year (String): the year, e.g. "2024"
series-year-title = { $series }, { $year }
