# heptaglot: what pages say about their translation, in French.
#
# fr: U+202F (narrow no-break space) before ";" and "%", U+00A0 inside « ».

# The version notice at the top of a digest.
# $language (String), $code (String): this version's language; unused here,
# the sentence names French directly.
version-original = Ceci est la version française de la synthèse, telle que l’a rédigée la personne chargée de la prise de notes.
# $held (String): held-in-language phrases ("en anglais") joined into a list;
# $percent (Number): whole percent translated
version-translation = Ceci est la version française de la synthèse d’échanges qui se sont déroulés { $held } ; la traduction est achevée à { NUMBER($percent) } %.
# $languages (String): language-name values joined into a list
version-fallback = Les passages qui n’ont pas encore été traduits s’affichent tels quels, en { $languages }, et sont signalés en conséquence.
# $count (Number): passages translated from an earlier version of their source
version-outdated = { $count ->
    [one] Un passage a été traduit à partir d’une version antérieure du texte et porte la mention « obsolète ».
    [many] { NUMBER($count) } passages ont été traduits à partir d’une version antérieure du texte et portent la mention « obsolète ».
   *[other] { NUMBER($count) } passages ont été traduits à partir d’une version antérieure du texte et portent la mention « obsolète ».
}

# The small mark after an outdated translation, and its tooltip.
outdated-mark = obsolète
outdated-mark-title = Le texte original a été modifié depuis la traduction de ce passage.
# The tooltip (and Markdown note) of a passage shown untranslated.
# $language (String): language-name of the language it is shown in
fallback-mark = pas encore traduit ; affiché en { $language }

# In the language bar of a digest, after each language's name.
# $percent (Number): whole percent translated
language-bar-percent = { NUMBER($percent) } %
language-bar-original = original

# In the index, after a digest's details. $percent (Number)
index-translation-status = traduction achevée à { NUMBER($percent) } %
