# heptaglot: what pages say about their translation, in Russian.
#
# ru: $languages and $language arrive in the nominative ("испанский"), so the
# messages use them only where no other case is needed.

# The version notice at the top of a digest.
# $language (String), $code (String): this version's language; unused here,
# the sentence names Russian directly.
version-original = Это русская версия дайджеста в том виде, в каком её составил автор заметок.
# $languages (String), $count (Number): the languages the conversation was held in,
# as for held-in (main.ftl)
# $percent (String): the share translated, formatted by ICU4X's percent formatter in
# this language; never add a percent sign here
# $value (Number): the same share as a whole number 0–100, only to select a variant
version-translation = { $value ->
    [0] Это русская версия дайджеста; { held-in }; перевод ещё не начат.
   *[other] Это русская версия дайджеста; { held-in }; переведено { $percent }.
}
# $languages (String): language-name values joined by ICU4X's "and" list formatter
# $count (Number): how many languages the list has
version-fallback = Ещё не переведённые фрагменты приводятся на языке оригинала ({ $languages }) и отмечены соответствующей пометкой.
# $count (Number): passages translated from an earlier version of their source
# ru: "one" also covers 21, 31…, so every variant shows the number.
version-outdated = { $count ->
    [one] { NUMBER($count) } фрагмент переведён с более ранней версии текста и отмечен пометкой «устарело».
    [few] { NUMBER($count) } фрагмента переведены с более ранней версии текста и отмечены пометкой «устарело».
    [many] { NUMBER($count) } фрагментов переведено с более ранней версии текста и отмечено пометкой «устарело».
   *[other] { NUMBER($count) } фрагмента переведено с более ранней версии текста и отмечено пометкой «устарело».
}

# The small mark after an outdated translation, and its tooltip.
outdated-mark = устарело
outdated-mark-title = Исходный текст изменился после того, как этот фрагмент был переведён.
# The tooltip (and Markdown note) of a passage shown untranslated.
# $language (String): language-name of the language it is shown in
fallback-mark = ещё не переведено; язык текста: { $language }

# In the language bar of a digest, after each language's name.
# $percent (String), $value (Number): as for version-translation
language-bar-percent = { $percent }
language-bar-original = оригинал

# In the index, after a digest's details.
# $percent (String), $value (Number): as for version-translation
index-translation-status = { $value ->
    [0] ещё не переведено
   *[other] переведено { $percent }
}
