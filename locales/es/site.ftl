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
