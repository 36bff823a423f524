# heptaglot: everything the templates say, in Simplified Chinese.
# English is the reference bundle: every other locale translates these messages,
# and falls back to them message by message.
#
# Variables the code passes are documented above each group. Dates and numbers
# are formatted by ICU4X through DATE(), TIME() and NUMBER(); never write month
# names or digit separators by hand.
#
# zh-Hans: Chinese has a single plural category ("other"), so the counting
# messages below need no selector.

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

# "in <language>", as it follows "held on <date>," in the opening sentence.
# $code (String): as for language-name
held-in-language = { $code ->
    [es] 以西班牙语
    [fr] 以法语
    [ar] 以阿拉伯语
    [zh-Hans] 以中文
    [de] 以德语
    [ru] 以俄语
   *[en] 以英语
}

## Site chrome

site-title = 会议摘要
site-tagline = 维基媒体社群会议摘要，提供七种语言版本。
root-choose-language = 选择您的语言
skip-to-content = 跳到内容
nav-all-digests = 全部摘要
language-bar-label = 本摘要的其他语言版本
index-language-bar-label = 这些摘要的其他语言版本
footer-generated = 使用 heptaglot 发布。

# $count (Number): how many digests the index lists
index-digest-count = { NUMBER($count) }篇摘要
index-empty = 尚未发布任何摘要。

# $languages (String): "in Spanish", already joined into a list
index-held = { $languages }举行

# $count (Number): how many topics the digest has
index-topic-count = { NUMBER($count) }个议题

## Kinds of record, as used inside the opening sentence

kind-call = 线上会议
kind-interview = 访谈
kind-session = 大会专场
kind-breakout = 分组讨论

## The opening of a digest

# $series (String), $number (String)
digest-default-title = { $series } #{ $number }

# $date (String, YYYY-MM-DD)
when-date = { DATE($date) }
# $date (String, YYYY-MM-DD), $time (String, HH:MM), $timezone (String, IANA name)
when-date-time = { DATE($date) } { TIME($time) }（{ $timezone }）

# $kind (String): one of the kind-* messages above, already formatted
# $title (String), $when (String): a when-* message, $languages (String): held-in-language phrases joined into a list
digest-opening = 本文是于{ $when }{ $languages }举行的{ $kind }“{ $title }”的摘要（经过整理和编辑的概述）。为求清晰、简洁、易读，本摘要未逐字保留发言者的原话。

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
attendance = 参加本次会议的有{ $groups }。

# $names (String): speaker phrases joined into a list
facilitated-by = 主持人：{ $names }。
links-heading = 相关链接
recording-link = 会议录像

## Speakers
# Every speaker phrase gets $gender (String): "feminine", "masculine" or "unspecified",
# for languages whose words for "volunteer" or "staff member" inflect.
# Shown at the start of a point, followed by what the person said.

# $name (String)
speaker-name = { $name }
# $name (String)
speaker-name-staff = { $name }（WMF）
# $name (String), $team (String)
speaker-name-staff-team = { $name }（WMF，{ $team }）
# $name (String), $affiliation (String)
speaker-name-affiliation = 来自{ $affiliation }的{ $name }
# $name (String), $from (String): a place
speaker-name-from = 来自{ $from }的{ $name }
speaker-volunteer = 一位志愿者
# $affiliation (String)
speaker-volunteer-affiliation = 一位来自{ $affiliation }的志愿者
# $from (String): a place
speaker-volunteer-from = 一位来自{ $from }的志愿者
# $from (String): a place, $affiliation (String)
speaker-volunteer-from-affiliation = 一位来自{ $from }的志愿者（{ $affiliation }）
speaker-staff = 一位维基媒体基金会工作人员
# $team (String)
speaker-staff-team = 一位维基媒体基金会{ $team }团队的工作人员

## Topics, questions and notes

# $number (Number), $title (String)
topic-heading = 议题{ NUMBER($number) }：{ $title }
question-label = 问题
# $speaker (String): a speaker-* phrase
question-from = 提问者：{ $speaker }
answer-label = 回答
editor-note-label = 编者注
not-discussed = 会上未讨论
contents-heading = 目录

## Program and breakout sessions

session-speakers = 演讲者
session-length = 时长
# $minutes (Number)
session-length-minutes = { NUMBER($minutes) }分钟
session-format = 形式
session-audience = 目标受众
session-desired-outcome = 预期成果
breakout-participants-label = 参与者
# $count (Number), $approx (String: "yes" or "no")
breakout-participants = { count }名参与者
breakout-prepared-questions = 预先准备的问题

# A label followed by what it introduces: "Quim (WMF): …", "Question: …".
# $label (String)
label-colon = { $label }：
