# heptaglot: what pages say about their translation, in German.

# The version notice at the top of a digest.
# $language (String), $code (String): this version's language; unused here,
# the sentence names German directly.
version-original = Dies ist die deutsche Fassung der Zusammenfassung, so wie die protokollführende Person sie verfasst hat.
# $held (String): held-in-language phrases ("auf Englisch") joined into a list;
# $percent (Number): whole percent translated
version-translation = Dies ist die deutsche Fassung der Zusammenfassung eines Gesprächs, das { $held } geführt wurde; die Übersetzung ist zu { NUMBER($percent) } % abgeschlossen.
# $languages (String): language-name values joined into a list
version-fallback = Noch nicht übersetzte Abschnitte werden unverändert auf { $languages } angezeigt und entsprechend gekennzeichnet.
# $count (Number): passages translated from an earlier version of their source
version-outdated = { $count ->
    [one] Ein Abschnitt wurde nach einer früheren Fassung des Textes übersetzt und ist als „veraltet“ gekennzeichnet.
   *[other] { NUMBER($count) } Abschnitte wurden nach einer früheren Fassung des Textes übersetzt und sind als „veraltet“ gekennzeichnet.
}

# The small mark after an outdated translation, and its tooltip.
outdated-mark = veraltet
outdated-mark-title = Der Originaltext wurde geändert, nachdem diese Stelle übersetzt worden war.
# The tooltip (and Markdown note) of a passage shown untranslated.
# $language (String): language-name of the language it is shown in
fallback-mark = noch nicht übersetzt; wird auf { $language } angezeigt

# In the language bar of a digest, after each language's name.
# $percent (Number): whole percent translated
language-bar-percent = { NUMBER($percent) } %
language-bar-original = Original

# In the index, after a digest's details. $percent (Number)
index-translation-status = Übersetzung zu { NUMBER($percent) } % abgeschlossen
