# heptaglot: everything the templates say, in Simplified Chinese.
# English is the reference bundle: every other locale translates these messages,
# and falls back to them message by message.
#
# Variables the code passes are documented above each group. Dates and numbers
# are formatted by ICU4X through DATE(), TIME() and NUMBER(); never write month
# names or digit separators by hand.
#
# zh-Hans: Chinese has a single plural category ("other"), so the counting
# messages below need no selector. Full-width punctuation (，。：；（）“”), and no
# space between Han characters and Latin letters or digits, in every zh-Hans file
# (values such as $affiliation may be in either script, so no message adds spaces).

## The language itself

# This language's name in this language (shown in the language bar).
language-autonym = 中文（简体）

# The name of a language in this locale's language, by code.
# $code (String): en, es, fr, ar, zh-Hans, de, ru
language-name = { $code ->
    [es] 西班牙语
    [fr] 法语
    [ar] 阿拉伯语
    [zh-Hans] 中文
    [de] 德语
    [ru] 俄语
   *[en] 英语
}

# The languages a conversation was held in, as the other messages below use it.
# Messages that take $languages and $count may use it with { held-in } or phrase the
# languages their own way.
# $languages (String): the languages' names (language-name, standalone form, as CLDR
# writes them in this language) joined by ICU4X's "and" list formatter of this language
# $count (Number): how many languages the list has
# zh-Hans: "以" once, before the whole list ("以西班牙语和英语").
held-in = 以{ $languages }

## Site chrome

site-title = 会议摘要
site-tagline = 维基媒体社群会议摘要，提供七种语言版本。
root-choose-language = 选择您的语言
skip-to-content = 跳转到内容
nav-all-digests = 全部摘要
language-bar-label = 本摘要的其他语言版本
index-language-bar-label = 这些摘要的其他语言版本
footer-generated = 使用heptaglot发布。

# $count (Number): how many digests the index lists
index-digest-count = { NUMBER($count) }篇摘要
index-empty = 尚未发布任何摘要。

# $languages (String), $count (Number): as for held-in
index-held = { held-in }举行

# $count (Number): how many topics the digest has
index-topic-count = { NUMBER($count) }个议题

## Kinds of record, as used inside the opening sentence

kind-call = 线上会议
kind-interview = 访谈
kind-session = 大会专场
kind-breakout = 分组讨论

## The opening of a digest

# $series (String), $number (String)
digest-default-title = { $series }第{ $number }期

# $date (String, YYYY-MM-DD)
when-date = { DATE($date) }
# $date (String, YYYY-MM-DD), $time (String, HH:MM)
# $timezone (String): the zone's CLDR name in this language, formatted by ICU4X
# (generic long name, e.g. "Central European Time"; never the IANA id)
when-date-time = { DATE($date) } { TIME($time) }（{ $timezone }）

# $kind (String): one of the kind-* messages above, already formatted
# $title (String), $when (String): a when-* message
# $languages (String), $count (Number): as for held-in
digest-opening = 本文是于{ $when }{ held-in }举行的{ $kind }“{ $title }”的摘要（经过整理和编辑的概述）。为求清晰、简洁、易读，本摘要未逐字保留发言者的原话。

digest-other-versions = 其他语言版本：


## Attendance

# $count (Number), $approx (String: "yes" when the count is approximate, "no" otherwise)
count = { $approx ->
    [yes] 约{ NUMBER($count) }
   *[no] { NUMBER($count) }
}
attendance-staff = { count }名维基媒体基金会工作人员
attendance-volunteers = { count }名志愿者
attendance-participants = { count }名参与者
# $groups (String): the attendance-* phrases joined into a list ("7 members … and 10 volunteers")
# $record (String): the kind of record: "call", "interview", "session" or "breakout"
attendance = { $record ->
    [call] 参加本次会议的有{ $groups }。
   *[other] 出席者：{ $groups }。
}

# $names (String): the .inline forms of speaker phrases joined into a list
facilitated-by = { $record ->
    [interview] 采访者：{ $names }。
   *[other] 主持人：{ $names }。
}
links-heading = 相关链接
recording-link = { $record ->
    [interview] 访谈录像
   *[other] 会议录像
}

## Speakers
# Every speaker phrase gets $gender (String): "feminine", "masculine" or "unspecified",
# for languages whose words for "volunteer" or "staff member" inflect.
# The value is the phrase at the start of a point, followed by what the person said;
# the .inline attribute is the same phrase inside a sentence or a list (facilitated-by,
# question-from, session-speakers). Every speaker-* message has both.
# zh-Hans: no capitals, so .inline is the value.
# $name (String)
speaker-name = { $name }
    .inline = { $name }
# $name (String)
speaker-name-staff = { $name }（WMF）
    .inline = { $name }（WMF）
# $name (String), $team (String)
speaker-name-staff-team = { $name }（WMF，{ $team }）
    .inline = { $name }（WMF，{ $team }）
# $name (String), $affiliation (String)
speaker-name-affiliation = 来自{ $affiliation }的{ $name }
    .inline = 来自{ $affiliation }的{ $name }
# $name (String), $from (String): a place
speaker-name-from = 来自{ $from }的{ $name }
    .inline = 来自{ $from }的{ $name }
speaker-volunteer = 一位志愿者
    .inline = 一位志愿者
# $affiliation (String)
speaker-volunteer-affiliation = 一位来自{ $affiliation }的志愿者
    .inline = 一位来自{ $affiliation }的志愿者
# $from (String): a place
speaker-volunteer-from = 一位来自{ $from }的志愿者
    .inline = 一位来自{ $from }的志愿者
# $from (String): a place, $affiliation (String)
speaker-volunteer-from-affiliation = 一位来自{ $from }的志愿者（{ $affiliation }）
    .inline = 一位来自{ $from }的志愿者（{ $affiliation }）
speaker-staff = 一位维基媒体基金会工作人员
    .inline = 一位维基媒体基金会工作人员
# $team (String)
speaker-staff-team = 一位维基媒体基金会{ $team }团队的工作人员
    .inline = 一位维基媒体基金会{ $team }团队的工作人员

## Topics, questions and notes

# $number (Number), $title (String)
topic-heading = 议题{ NUMBER($number) }：{ $title }
question-label = 问题
# $speaker (String): the .inline form of a speaker-* phrase
# zh-Hans: the speaker comes first, then label-colon adds "：" ("Quim（WMF）提问：").
question-from = { $speaker }提问
answer-label = 回答
editor-note-label = 编者注
not-discussed = 未讨论
    .question = 未讨论
contents-heading = 目录

## Program and breakout sessions

# Label of the list of speakers (the .inline forms of speaker-* phrases, joined into a list).
session-speakers = 演讲者
session-length = 时长
# $minutes (Number)
session-length-minutes = { NUMBER($minutes) }分钟
session-format = 形式
session-audience = 目标受众
session-desired-outcome = 预期成果
breakout-participants-label = 参与者
# The value after breakout-participants-label: the count alone, since the label names
# the people.
# $count (Number), $approx (String: "yes" or "no")
breakout-participants = { count }人
breakout-prepared-questions = 预先准备的问题

# A label followed by what it introduces: "Quim (WMF): …", "Question: …".
# $label (String)
# .after is what separates the label from the text after it (a space; nothing in
# zh-Hans, whose "：" is full-width): the templates put it there, never a space of their own.
label-colon = { $label }：
    .after = { "" }
in-parentheses = （{ $text }）
    .before = { "" }
