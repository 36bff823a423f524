# heptaglot: the search page, and the search field in the header of every page.

## Search

search-heading = Buscar
search-label = Buscar en los resúmenes
search-placeholder = Buscar…
search-button = Buscar
search-language-bar-label = Buscar en otros idiomas

# $count (Number): how many passages match; at least 1
search-results = { $count ->
    [one] { NUMBER($count) } resultado
    [many] { NUMBER($count) } de resultados
   *[other] { NUMBER($count) } resultados
}
search-no-results = No hay resultados. Prueba con otras palabras o con menos.
search-loading = Cargando el índice de búsqueda…
search-error = No se pudo cargar el índice de búsqueda. Vuelve a intentarlo más tarde.
search-needs-js = La búsqueda funciona en tu navegador y necesita JavaScript, que está desactivado o no está disponible. Aun así, puedes consultar todos los resúmenes.
search-needs-server = La búsqueda necesita que un servidor web sirva el sitio: una página abierta como archivo no puede cargar el índice de búsqueda. Para previsualizar el sitio con la búsqueda, ejecuta heptaglot serve (docs/serve.md). Aun así, puedes consultar todos los resúmenes.
