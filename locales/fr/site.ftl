nav-all-languages = Toutes les langues
feed-link = S’abonner (flux Atom)

series-language-bar-label = Cette série dans d’autres langues
series-all-calls = Toutes les synthèses de la série { $series }
series-description = { $series } : { index-digest-count }
series-nav-label = Cette série
series-previous = Précédente dans cette série
series-next = Suivante dans cette série

not-found-title = Page introuvable
not-found-text = Il n’y a aucune page à cette adresse. Le lien est peut-être mal saisi, ou la page a été déplacée.
