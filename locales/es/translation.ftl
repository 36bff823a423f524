# heptaglot: what pages say about their translation, in Spanish.

# The version notice at the top of a digest.
# $language (String), $code (String): this version's language; unused here,
# the sentence names Spanish directly.
version-original = Esta es la versión en español del resumen, tal como la redactó la persona que tomó las notas.
# $held (String): held-in-language phrases ("en inglés") joined into a list;
# $percent (Number): whole percent translated
version-translation = Esta es la versión en español del resumen de una conversación que tuvo lugar { $held }; la traducción está completa en un { NUMBER($percent) } %.
# $languages (String): language-name values joined into a list
version-fallback = Los pasajes que aún no se han traducido se muestran en { $languages }, tal como están escritos, y se señalan como tales.
# $count (Number): passages translated from an earlier version of their source
version-outdated = { $count ->
    [one] Un pasaje se tradujo a partir de una versión anterior del texto y lleva la marca «desactualizado».
    [many] { NUMBER($count) } pasajes se tradujeron a partir de una versión anterior del texto y llevan la marca «desactualizado».
   *[other] { NUMBER($count) } pasajes se tradujeron a partir de una versión anterior del texto y llevan la marca «desactualizado».
}

# The small mark after an outdated translation, and its tooltip.
outdated-mark = desactualizado
outdated-mark-title = El texto original ha cambiado desde que se tradujo este fragmento.
# The tooltip (and Markdown note) of a passage shown untranslated.
# $language (String): language-name of the language it is shown in
fallback-mark = aún sin traducir; se muestra en { $language }

# In the language bar of a digest, after each language's name.
# $percent (Number): whole percent translated
language-bar-percent = { NUMBER($percent) } %
language-bar-original = original

# In the index, after a digest's details. $percent (Number)
index-translation-status = traducido al { NUMBER($percent) } %
