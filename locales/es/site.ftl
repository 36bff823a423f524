nav-all-languages = Todos los idiomas
feed-link = Suscribirse (canal Atom)

series-language-bar-label = Esta serie en otros idiomas
series-all-calls = Todos los resúmenes de la serie { $series }
series-description = { $series }: { index-digest-count }
series-nav-label = Esta serie
series-previous = Anterior en esta serie
series-next = Siguiente en esta serie

not-found-title = Página no encontrada
not-found-text = No hay ninguna página en esta dirección. Puede que el enlace esté mal escrito o que la página se haya trasladado.

## Long series: the index shows the newest calls of each, the series page the newest and a page per year

# $series (String): the series name; $count (Number): how many digests it has in all
index-series-all = { $count ->
    [one] El único resumen de { $series }
    [many] Los { NUMBER($count) } de resúmenes de { $series }
   *[other] Los { NUMBER($count) } resúmenes de { $series }
}
series-years-label = Resúmenes por año
# $year (String): the year, e.g. "2024"; $count (Number): how many digests the series has that year
series-year-link = { $year } ({ NUMBER($count) })
# $series (String): the series name; $year (String): the year, e.g. "2024"
series-year-title = { $series }, { $year }
