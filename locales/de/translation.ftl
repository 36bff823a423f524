# heptaglot: what pages say about their translation, in German.

# The version notice at the top of a digest.
# $language (String), $code (String): this version's language; unused here,
# the sentence names German directly.
version-original = Dies ist die deutsche Fassung der Zusammenfassung, so wie die protokollführende Person sie verfasst hat.
# $languages (String), $count (Number): the languages the conversation was held in,
# as for held-in (main.ftl)
# $percent (String): the share translated, formatted by ICU4X's percent formatter in
# this language; never add a percent sign here
# $value (Number): the same share as a whole number 0–100, only to select a variant
version-translation = { $value ->
    [0] Dies ist die deutsche Fassung der Zusammenfassung eines Gesprächs, das { held-in } geführt wurde; bisher ist nichts übersetzt.
   *[other] Dies ist die deutsche Fassung der Zusammenfassung eines Gesprächs, das { held-in } geführt wurde; übersetzt sind { $percent }.
}
# $languages (String): language-name values joined by ICU4X's "and" list formatter
# $count (Number): how many languages the list has
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
# $percent (String), $value (Number): as for version-translation
language-bar-percent = { $percent }
language-bar-original = Original

# In the index, after a digest's details.
# $percent (String), $value (Number): as for version-translation
index-translation-status = { $value ->
    [0] noch nicht übersetzt
   *[other] zu { $percent } übersetzt
}
