# heptaglot: what pages say about their translation.

# The version notice at the top of a digest.
# $language (String): language-name of this version; $code (String): its code, for
# languages that need another form of the name here.
version-original = This is the { $language } version of the digest, as the note-taker wrote it.
# $language, $code: as above
# $languages (String), $count (Number): the languages the conversation was held in,
# as for held-in (main.ftl)
# $percent (String): the share translated, formatted by ICU4X's percent formatter in
# this language ("51%", "51 %", "51‎%‎"); never add a percent sign here
# $value (Number): the same share as a whole number 0–100, only to select a variant
version-translation = { $value ->
    [0] This is the { $language } version of the digest of a conversation held { held-in }; nothing has been translated yet.
   *[other] This is the { $language } version of the digest of a conversation held { held-in }; the translation is { $percent } complete.
}
# $languages (String): language-name values joined by ICU4X's "and" list formatter
# $count (Number): how many languages the list has
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
# $percent (String), $value (Number): as for version-translation
language-bar-percent = { $percent }
language-bar-original = original

# In the index, after a digest's details.
# $percent (String), $value (Number): as for version-translation
index-translation-status = { $value ->
    [0] not translated yet
   *[other] translation { $percent } complete
}
