# heptaglot: the search page, and the search field in the header of every page.

## Search

search-heading = Rechercher
search-label = Rechercher dans les synthèses
search-placeholder = Rechercher…
search-button = Rechercher
search-language-bar-label = Rechercher dans d’autres langues

# $count (Number): how many passages match; at least 1
search-results = { $count ->
    [one] { NUMBER($count) } résultat
    [many] { NUMBER($count) } de résultats
   *[other] { NUMBER($count) } résultats
}
search-no-results = Aucun résultat. Essayez d’autres mots, ou moins de mots.
search-loading = Chargement de l’index de recherche…
search-error = Impossible de charger l’index de recherche. Veuillez réessayer plus tard.
search-needs-js = La recherche fonctionne dans votre navigateur et nécessite JavaScript, qui est désactivé ou indisponible. Vous pouvez toutefois parcourir toutes les synthèses.
search-needs-server = La recherche nécessite que le site soit servi par un serveur web : une page ouverte comme fichier ne peut pas charger l’index de recherche. Pour prévisualiser le site avec la recherche, lancez heptaglot serve (docs/serve.md). Vous pouvez toutefois parcourir toutes les synthèses.
