# heptaglot: what pages say about their translation, in Simplified Chinese.
#
# zh-Hans: a single plural category ("other"), so version-outdated needs no
# selector; full-width punctuation, ASCII "%" with no space.

# The version notice at the top of a digest.
# $language (String), $code (String): this version's language; unused here,
# the sentence names Chinese directly.
version-original = 这是本摘要的中文版本，即记录者撰写的原稿。
# $held (String): held-in-language phrases ("以英语") joined into a list;
# $percent (Number): whole percent translated
version-translation = 这是本摘要的中文版本，原对话{ $held }进行；翻译已完成{ NUMBER($percent) }%。
# $languages (String): language-name values joined into a list
version-fallback = 尚未翻译的段落按原样以{ $languages }显示，并已作相应标注。
# $count (Number): passages translated from an earlier version of their source
version-outdated = 有{ NUMBER($count) }个段落是根据文本的较早版本翻译的，已标注为“已过时”。

# The small mark after an outdated translation, and its tooltip.
outdated-mark = 已过时
outdated-mark-title = 此段翻译完成后，原文已有改动。
# The tooltip (and Markdown note) of a passage shown untranslated.
# $language (String): language-name of the language it is shown in
fallback-mark = 尚未翻译；以{ $language }显示

# In the language bar of a digest, after each language's name.
# $percent (Number): whole percent translated
language-bar-percent = { NUMBER($percent) }%
language-bar-original = 原文

# In the index, after a digest's details. $percent (Number)
index-translation-status = 翻译已完成{ NUMBER($percent) }%
