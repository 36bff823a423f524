# heptaglot: what pages say about their translation, in French.
#
# fr: U+00A0 before ":", U+202F before ";", "!", "?" and inside « » (as in main.ftl);
# percentages arrive formatted by ICU4X.

# The version notice at the top of a digest.
# $language (String), $code (String): this version's language; unused here,
# the sentence names French directly.
version-original = Ceci est la version française de la synthèse, telle que l’a rédigée la personne chargée de la prise de notes.
# $languages (String), $count (Number): the languages the conversation was held in,
# as for held-in (main.ftl)
# $percent (String): the share translated, formatted by ICU4X's percent formatter in
# this language; never add a percent sign here
# $value (Number): the same share as a whole number 0–100, only to select a variant
version-translation = { $value ->
    [0] Ceci est la version française de la synthèse d’échanges qui se sont déroulés { held-in } ; rien n’est encore traduit.
   *[other] Ceci est la version française de la synthèse d’échanges qui se sont déroulés { held-in } ; la traduction est achevée à { $percent }.
}
# $languages (String): language-name values joined by ICU4X's "and" list formatter
# $count (Number): how many languages the list has
version-fallback = { $count ->
    [one] Les passages qui n’ont pas encore été traduits s’affichent tels quels, en { $languages }, et sont signalés en conséquence.
   *[other] Les passages qui n’ont pas encore été traduits s’affichent tels quels, dans leur langue ({ $languages }), et sont signalés en conséquence.
}
# $count (Number): passages translated from an earlier version of their source
version-outdated = { $count ->
    [one] Un passage a été traduit à partir d’une version antérieure du texte et porte la mention « non à jour ».
    [many] { NUMBER($count) } passages ont été traduits à partir d’une version antérieure du texte et portent la mention « non à jour ».
   *[other] { NUMBER($count) } passages ont été traduits à partir d’une version antérieure du texte et portent la mention « non à jour ».
}

# The small mark after an outdated translation, and its tooltip.
outdated-mark = non à jour
outdated-mark-title = Le texte original a été modifié depuis la traduction de ce passage.
# The tooltip (and Markdown note) of a passage shown untranslated.
# $language (String): language-name of the language it is shown in
fallback-mark = pas encore traduit ; affiché en { $language }

# In the language bar of a digest, after each language's name.
# $percent (String), $value (Number): as for version-translation
language-bar-percent = { $percent }
language-bar-original = original

# In the index, after a digest's details.
# $percent (String), $value (Number): as for version-translation
index-translation-status = { $value ->
    [0] pas encore traduite
   *[other] traduction achevée à { $percent }
}
