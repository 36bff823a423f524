# heptaglot: what pages say about their translation, in Arabic.
#
# ar: placeables are bidi-isolated, so no letter (such as بـ) is joined to one.
# Percent sign is U+066A (٪); semicolon is U+061B (؛).

# The version notice at the top of a digest.
# $language (String), $code (String): this version's language; unused here,
# the sentence names Arabic directly.
version-original = هذه هي النسخة العربية من الملخص، كما كتبها مُدوِّن الملاحظات.
# $held (String): held-in-language phrases ("باللغة الإنجليزية") joined into a list;
# $percent (Number): whole percent translated
version-translation = هذه هي النسخة العربية من ملخص حديثٍ دار { $held }؛ وقد اكتملت ترجمتها بنسبة { NUMBER($percent) }٪.
# $languages (String): language-name values joined into a list
version-fallback = تظهر المقاطع التي لم تُترجَم بعدُ كما كُتبت باللغة { $languages }، مع الإشارة إلى ذلك.
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
# $percent (Number): whole percent translated
language-bar-percent = { NUMBER($percent) }٪
language-bar-original = الأصل

# In the index, after a digest's details. $percent (Number)
index-translation-status = الترجمة مكتملة بنسبة { NUMBER($percent) }٪
