# heptaglot: what pages say about their translation.

# The version notice at the top of a digest.
# $language (String): language-name of this version; $code (String): its code, for
# languages that need another form of the name here.
version-original = This is the { $language } version of the digest, as the note-taker wrote it.
# $language, $code: as above; $held (String): "in Spanish", held-in-language phrases
# joined into a list; $percent (Number): whole percent translated
version-translation = This is the { $language } version of the digest of a conversation held { $held }; the translation is { NUMBER($percent) }% complete.
# $languages (String): language-name values joined into a list
version-fallback = Passages not yet translated are shown in { $languages }, as written, and marked as such.
# $count (Number): how many passages were translated from an earlier version of their source
version-outdated = { $count ->
    [one] One passage was translated from an earlier version of the text and is marked “outdated”.
   *[other] { NUMBER($count) } passages were translated from an earlier version of the text and are marked “outdated”.
}

# The small mark after an outdated translation, and its tooltip.
outdated-mark = outdated
outdated-mark-title = The original text changed after this was translated.
# The tooltip (and Markdown note) of a passage shown untranslated.
# $language (String): language-name of the language it is shown in
fallback-mark = not yet translated; shown in { $language }

# In the language bar of a digest, after each language's name.
# $percent (Number): whole percent translated
language-bar-percent = { NUMBER($percent) }%
language-bar-original = original

# In the index, after a digest's details. $percent (Number)
index-translation-status = translation { NUMBER($percent) }% complete
