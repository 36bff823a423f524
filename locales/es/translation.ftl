# heptaglot: what pages say about their translation, in Spanish.

# The version notice at the top of a digest.
# $language (String), $code (String): this version's language; unused here,
# the sentences name Spanish directly.
version-original = Esta es la versión en español del resumen, tal como la redactó la persona que tomó las notas.
# $languages (String), $count (Number): the languages the conversation was held in,
# as for held-in (main.ftl)
# $percent (String): the share translated, formatted by ICU4X's percent formatter in
# this language; never add a percent sign here
# $value (Number): the same share as a whole number 0–100, only to select a variant
version-translation = { $value ->
    [0] Esta es la versión en español del resumen de una conversación que tuvo lugar { held-in }; todavía no se ha traducido nada.
    [100] Esta es la versión en español del resumen de una conversación que tuvo lugar { held-in }; está traducido en su totalidad.
   *[other] Esta es la versión en español del resumen de una conversación que tuvo lugar { held-in }; se ha traducido el { $percent }.
}
# $languages (String): language-name values joined by ICU4X's "and" list formatter
# $count (Number): how many languages the list has
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
# $percent (String), $value (Number): as for version-translation
language-bar-percent = { $percent }
language-bar-original = original

# In the index, after a digest's details.
# $percent (String), $value (Number): as for version-translation
index-translation-status = { $value ->
    [0] sin traducir
   *[other] traducido al { $percent }
}
