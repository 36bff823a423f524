# heptaglot: what pages say about their translation, in Arabic.
#
# ar: placeables are bidi-isolated, so no letter (such as بـ) is joined to one.
# Percentages arrive formatted by ICU4X (never write ٪ or % here); semicolon is U+061B (؛),
# comma U+060C (،).

# The version notice at the top of a digest.
# $language (String), $code (String): this version's language; unused here,
# the sentence names Arabic directly.
version-original = هذه هي النسخة العربية من الملخص، كما كتبها مُدوِّن الملاحظات.
# $languages (String), $count (Number): the languages the conversation was held in,
# as for held-in (main.ftl)
# $percent (String): the share translated, formatted by ICU4X's percent formatter in
# this language; never add a percent sign here
# $value (Number): the same share as a whole number 0–100, only to select a variant
version-translation = { $value ->
    [0] هذه هي النسخة العربية من ملخص حديثٍ دار { held-in }؛ ولم يُترجَم منها شيء بعد.
   *[other] هذه هي النسخة العربية من ملخص حديثٍ دار { held-in }؛ وقد تُرجم { $percent } منها.
}
# $languages (String): language-name values joined by ICU4X's "and" list formatter
# $count (Number): how many languages the list has
version-fallback = { $count ->
    [zero] تظهر المقاطع التي لم تُترجَم بعدُ كما كُتبت باللغة { $languages }، مع الإشارة إلى ذلك.
    [one] تظهر المقاطع التي لم تُترجَم بعدُ كما كُتبت باللغة { $languages }، مع الإشارة إلى ذلك.
    [two] تظهر المقاطع التي لم تُترجَم بعدُ كما كُتبت باللغتين { $languages }، مع الإشارة إلى ذلك.
   *[other] تظهر المقاطع التي لم تُترجَم بعدُ كما كُتبت باللغات { $languages }، مع الإشارة إلى ذلك.
}
# $count (Number): passages translated from an earlier version of their source
version-outdated = { $count ->
    [zero] لم يُترجَم أي مقطع عن نسخة سابقة من النص.
    [one] تُرجِم مقطع واحد عن نسخة سابقة من النص، وهو يحمل علامة «غير محدَّث».
    [two] تُرجِم مقطعان عن نسخة سابقة من النص، وهما يحملان علامة «غير محدَّث».
    [few] تُرجِمت { NUMBER($count) } مقاطع عن نسخة سابقة من النص، وهي تحمل علامة «غير محدَّث».
    [many] تُرجِم { NUMBER($count) } مقطعًا عن نسخة سابقة من النص، وهي تحمل علامة «غير محدَّث».
   *[other] تُرجِم { NUMBER($count) } مقطع عن نسخة سابقة من النص، وهي تحمل علامة «غير محدَّث».
}

# The small mark after an outdated translation, and its tooltip.
outdated-mark = غير محدَّث
outdated-mark-title = تغيّر النص الأصلي بعد ترجمة هذا المقطع.
# The tooltip (and Markdown note) of a passage shown untranslated.
# $language (String): language-name of the language it is shown in
fallback-mark = لم يُترجَم بعد؛ معروض باللغة { $language }

# In the language bar of a digest, after each language's name.
# $percent (String), $value (Number): as for version-translation
language-bar-percent = { $percent }
language-bar-original = الأصل

# In the index, after a digest's details.
# $percent (String), $value (Number): as for version-translation
index-translation-status = { $value ->
    [0] لم يُترجَم بعد
   *[other] الترجمة مكتملة بنسبة { $percent }
}
