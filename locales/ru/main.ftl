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

# "in <language>", as it follows "held on <date>," in the opening sentence.
# $code (String): as for language-name
held-in-language = { $code ->
    [es] на испанском языке
    [fr] на французском языке
    [ar] на арабском языке
    [zh-Hans] на китайском языке
    [de] на немецком языке
    [ru] на русском языке
   *[en] на английском языке
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

# $languages (String): "in Spanish", already joined into a list
index-held = Встреча прошла { $languages }

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
digest-default-title = { $series } #{ $number }

# $date (String, YYYY-MM-DD)
when-date = { DATE($date) }
# $date (String, YYYY-MM-DD), $time (String, HH:MM), $timezone (String, IANA name)
when-date-time = { DATE($date) } в { TIME($time) } ({ $timezone })

# $kind (String): one of the kind-* messages above, already formatted
# $title (String), $when (String): a when-* message, $languages (String): held-in-language phrases joined into a list
digest-opening = Это дайджест (обработанное и отредактированное краткое изложение) { $kind } { $title } от { $when }; обсуждение велось { $languages }. Дословная точность высказываний принесена в нём в жертву ясности, краткости и удобству чтения.

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
attendance = Присутствовали: { $groups }.

# $names (String): speaker phrases joined into a list
facilitated-by = Модерация: { $names }.
links-heading = Ссылки
recording-link = Запись встречи

## Speakers
# Every speaker phrase gets $gender (String): "feminine", "masculine" or "unspecified",
# for languages whose words for "volunteer" or "staff member" inflect.
# Shown at the start of a point, followed by what the person said.

# $name (String)
speaker-name = { $name }
# $name (String)
speaker-name-staff = { $name } (WMF)
# $name (String), $team (String)
speaker-name-staff-team = { $name } (WMF, { $team })
# $name (String), $affiliation (String)
speaker-name-affiliation = { $name } ({ $affiliation })
# $name (String), $from (String): a place
speaker-name-from = { $name } ({ $from })
speaker-volunteer = { $gender ->
    [feminine] Волонтёрка
    [masculine] Волонтёр
   *[other] Волонтёр
}
# $affiliation (String)
speaker-volunteer-affiliation = { $gender ->
    [feminine] Волонтёрка ({ $affiliation })
    [masculine] Волонтёр ({ $affiliation })
   *[other] Волонтёр ({ $affiliation })
}
# $from (String): a place
speaker-volunteer-from = { $gender ->
    [feminine] Волонтёрка ({ $from })
    [masculine] Волонтёр ({ $from })
   *[other] Волонтёр ({ $from })
}
# $from (String): a place, $affiliation (String)
speaker-volunteer-from-affiliation = { $gender ->
    [feminine] Волонтёрка ({ $from }, { $affiliation })
    [masculine] Волонтёр ({ $from }, { $affiliation })
   *[other] Волонтёр ({ $from }, { $affiliation })
}
speaker-staff = { $gender ->
    [feminine] Сотрудница Фонда Викимедиа
    [masculine] Сотрудник Фонда Викимедиа
   *[other] Сотрудник Фонда Викимедиа
}
# $team (String)
speaker-staff-team = { $gender ->
    [feminine] Сотрудница Фонда Викимедиа из команды { $team }
    [masculine] Сотрудник Фонда Викимедиа из команды { $team }
   *[other] Сотрудник Фонда Викимедиа из команды { $team }
}

## Topics, questions and notes

# $number (Number), $title (String)
topic-heading = Тема { NUMBER($number) }: { $title }
question-label = Вопрос
# $speaker (String): a speaker-* phrase
question-from = Спрашивает { $speaker }
answer-label = Ответ
editor-note-label = Примечание редакции
not-discussed = На встрече не обсуждалось
contents-heading = Содержание

## Program and breakout sessions

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
# $count (Number), $approx (String: "yes" or "no")
breakout-participants = { $count ->
    [one] { count } участник
    [few] { count } участника
    [many] { count } участников
   *[other] { count } участника
}
breakout-prepared-questions = Подготовленные вопросы

# A label followed by what it introduces: "Quim (WMF): …", "Question: …".
# $label (String)
label-colon = { $label }:
