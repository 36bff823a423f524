# heptaglot: everything the templates say, in Russian.
# English is the reference bundle: every other locale translates these messages,
# and falls back to them message by message.
#
# Variables the code passes are documented above each group. Dates and numbers
# are formatted by ICU4X through DATE(), TIME() and NUMBER(); never write month
# names or digit separators by hand.
#
# ru: strings passed in as variables ($speaker, $from, $affiliation, $groups…)
# arrive in the nominative, so the messages are built to need no other case
# (parentheses, "Присутствовали:", "Спрашивает …").

## The language itself

# This language's name in this language (shown in the language bar).
language-autonym = Русский

# The name of a language in this locale's language, by code.
# $code (String): en, es, fr, ar, zh-Hans, de, ru
language-name = { $code ->
    [es] испанский
    [fr] французский
    [ar] арабский
    [zh-Hans] китайский
    [de] немецкий
    [ru] русский
   *[en] английский
}

# The languages a conversation was held in, as the other messages below use it.
# Messages that take $languages and $count may use it with { held-in } or phrase the
# languages their own way.
# $languages (String): the languages' names (language-name, standalone form, as CLDR
# writes them in this language) joined by ICU4X's "and" list formatter of this language
# $count (Number): how many languages the list has
# ru: the names stay in the nominative, so the languages are named after a label
# ("язык обсуждения — испанский") rather than with a preposition.
held-in = { $count ->
    [one] язык обсуждения — { $languages }
   *[other] языки обсуждения — { $languages }
}

## Site chrome

site-title = Дайджесты встреч
site-tagline = Дайджесты онлайн-встреч сообщества Викимедиа на семи языках.
root-choose-language = Выберите язык
skip-to-content = Перейти к содержанию
nav-all-digests = Все дайджесты
language-bar-label = Этот дайджест на других языках
index-language-bar-label = Эти дайджесты на других языках
footer-generated = Опубликовано с помощью heptaglot.

# $count (Number): how many digests the index lists
index-digest-count = { $count ->
    [one] { NUMBER($count) } дайджест
    [few] { NUMBER($count) } дайджеста
    [many] { NUMBER($count) } дайджестов
   *[other] { NUMBER($count) } дайджеста
}
index-empty = Пока не опубликовано ни одного дайджеста.

# $languages (String), $count (Number): as for held-in
index-held = { $count ->
    [one] Язык: { $languages }
   *[other] Языки: { $languages }
}

# $count (Number): how many topics the digest has
index-topic-count = { $count ->
    [one] { NUMBER($count) } тема
    [few] { NUMBER($count) } темы
    [many] { NUMBER($count) } тем
   *[other] { NUMBER($count) } темы
}

## Kinds of record, as used inside the opening sentence

# ru: genitive case, because digest-opening says "дайджест { $kind }".
kind-call = онлайн-встречи
kind-interview = интервью
kind-session = сессии конференции
kind-breakout = сессии в малых группах

## The opening of a digest

# $series (String), $number (String)
# ru: "№" and a no-break space before the number.
digest-default-title = { $series } № { $number }

# $date (String, YYYY-MM-DD)
when-date = { DATE($date) }
# $date (String, YYYY-MM-DD), $time (String, HH:MM)
# $timezone (String): the zone's CLDR name in this language, formatted by ICU4X
# (generic long name, e.g. "Central European Time"; never the IANA id)
when-date-time = { DATE($date) } в { TIME($time) } ({ $timezone })

# $kind (String): one of the kind-* messages above, already formatted
# $title (String), $when (String): a when-* message
# $languages (String), $count (Number): as for held-in
digest-opening = Это дайджест (обработанное и отредактированное краткое изложение) { $kind } «{ $title }» от { $when }; { held-in }. Дословная точность высказываний принесена в нём в жертву ясности, краткости и удобству чтения.

digest-other-versions = Версии на других языках:


## Attendance

# $count (Number), $approx (String: "yes" when the count is approximate, "no" otherwise)
count = { $approx ->
    [yes] примерно { NUMBER($count) }
   *[no] { NUMBER($count) }
}
attendance-staff = { $count ->
    [one] { count } сотрудник Фонда Викимедиа
    [few] { count } сотрудника Фонда Викимедиа
    [many] { count } сотрудников Фонда Викимедиа
   *[other] { count } сотрудника Фонда Викимедиа
}
attendance-volunteers = { $count ->
    [one] { count } волонтёр
    [few] { count } волонтёра
    [many] { count } волонтёров
   *[other] { count } волонтёра
}
attendance-participants = { $count ->
    [one] { count } участник
    [few] { count } участника
    [many] { count } участников
   *[other] { count } участника
}
# $groups (String): the attendance-* phrases joined into a list ("7 members … and 10 volunteers")
# $record (String): the kind of record: "call", "interview", "session" or "breakout"
attendance = Присутствовали: { $groups }.

# $names (String): the .inline forms of speaker phrases joined into a list
facilitated-by = { $record ->
    [interview] Интервьюер: { $names }.
   *[other] Модерация: { $names }.
}
links-heading = Ссылки
recording-link = { $record ->
    [interview] Запись интервью
   *[other] Запись встречи
}

## Speakers
# Every speaker phrase gets $gender (String): "feminine", "masculine" or "unspecified",
# for languages whose words for "volunteer" or "staff member" inflect.
# The value is the phrase at the start of a point, followed by what the person said;
# the .inline attribute is the same phrase inside a sentence or a list (facilitated-by,
# question-from, session-speakers). Every speaker-* message has both.
# ru: "волонтёр" for every gender (the feminine "волонтёрка" is colloquial).
# $name (String)
speaker-name = { $name }
    .inline = { $name }
# $name (String)
speaker-name-staff = { $name } (WMF)
    .inline = { $name } (WMF)
# $name (String), $team (String)
speaker-name-staff-team = { $name } (WMF, команда «{ $team }»)
    .inline = { $name } (WMF, команда «{ $team }»)
# $name (String), $affiliation (String)
speaker-name-affiliation = { $name } ({ $affiliation })
    .inline = { $name } ({ $affiliation })
# $name (String), $from (String): a place
speaker-name-from = { $name } ({ $from })
    .inline = { $name } ({ $from })
speaker-volunteer = Волонтёр
    .inline = волонтёр
# $affiliation (String)
speaker-volunteer-affiliation = Волонтёр ({ $affiliation })
    .inline = волонтёр ({ $affiliation })
# $from (String): a place
speaker-volunteer-from = Волонтёр ({ $from })
    .inline = волонтёр ({ $from })
# $from (String): a place, $affiliation (String)
speaker-volunteer-from-affiliation = Волонтёр ({ $from }, { $affiliation })
    .inline = волонтёр ({ $from }, { $affiliation })
speaker-staff = { $gender ->
    [feminine] Сотрудница Фонда Викимедиа
    [masculine] Сотрудник Фонда Викимедиа
   *[other] Сотрудник Фонда Викимедиа
}
    .inline = { $gender ->
    [feminine] сотрудница Фонда Викимедиа
    [masculine] сотрудник Фонда Викимедиа
   *[other] сотрудник Фонда Викимедиа
}
# $team (String)
speaker-staff-team = { $gender ->
    [feminine] Сотрудница Фонда Викимедиа из команды «{ $team }»
    [masculine] Сотрудник Фонда Викимедиа из команды «{ $team }»
   *[other] Сотрудник Фонда Викимедиа из команды «{ $team }»
}
    .inline = { $gender ->
    [feminine] сотрудница Фонда Викимедиа из команды «{ $team }»
    [masculine] сотрудник Фонда Викимедиа из команды «{ $team }»
   *[other] сотрудник Фонда Викимедиа из команды «{ $team }»
}

## Topics, questions and notes

# $number (Number), $title (String)
topic-heading = Тема { NUMBER($number) }: { $title }
question-label = Вопрос
# $speaker (String): the .inline form of a speaker-* phrase
question-from = Спрашивает { $speaker }
answer-label = Ответ
editor-note-label = Примечание редакции
not-discussed = Не обсуждалось
    .question = Не обсуждался
contents-heading = Содержание

## Program and breakout sessions

# Label of the list of speakers (the .inline forms of speaker-* phrases, joined into a list).
session-speakers = Докладчики
session-length = Продолжительность
# $minutes (Number)
session-length-minutes = { $minutes ->
    [one] { NUMBER($minutes) } минута
    [few] { NUMBER($minutes) } минуты
    [many] { NUMBER($minutes) } минут
   *[other] { NUMBER($minutes) } минуты
}
session-format = Формат
session-audience = Целевая аудитория
session-desired-outcome = Ожидаемый результат
breakout-participants-label = Участники
# The value after breakout-participants-label: the count alone, since the label names
# the people.
# $count (Number), $approx (String: "yes" or "no")
breakout-participants = { count }
breakout-prepared-questions = Подготовленные вопросы

# A label followed by what it introduces: "Quim (WMF): …", "Question: …".
# $label (String)
# .after is what separates the label from the text after it (a space; nothing in
# zh-Hans, whose "：" is full-width): the templates put it there, never a space of their own.
label-colon = { $label }:
    .after = { " " }
in-parentheses = ({ $text })
    .before = { " " }
