# heptaglot: what pages say about their translation, in Simplified Chinese.
#
# zh-Hans: a single plural category ("other"), so version-outdated needs no
# selector; full-width punctuation; percentages arrive formatted by ICU4X.

# The version notice at the top of a digest.
# $language (String), $code (String): this version's language; unused here,
# the sentence names Chinese directly.
version-original = 这是本摘要的中文版本，即记录者撰写的原稿。
# $languages (String), $count (Number): the languages the conversation was held in,
# as for held-in (main.ftl)
# $percent (String): the share translated, formatted by ICU4X's percent formatter in
# this language; never add a percent sign here
# $value (Number): the same share as a whole number 0–100, only to select a variant
version-translation = { $value ->
    [0] 这是本摘要的中文版本，原对话{ held-in }进行；尚未翻译任何内容。
   *[other] 这是本摘要的中文版本，原对话{ held-in }进行；翻译已完成{ $percent }。
}
# $languages (String): language-name values joined by ICU4X's "and" list formatter
# $count (Number): how many languages the list has
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
# $percent (String), $value (Number): as for version-translation
language-bar-percent = { $percent }
language-bar-original = 原文

# In the index, after a digest's details.
# $percent (String), $value (Number): as for version-translation
index-translation-status = { $value ->
    [0] 尚未翻译
   *[other] 翻译已完成{ $percent }
}
