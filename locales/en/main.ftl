# heptaglot: everything the templates say, in English.
# English is the reference bundle: every other locale translates these messages,
# and falls back to them message by message.
#
# Variables the code passes are documented above each group. Dates and numbers
# are formatted by ICU4X through DATE(), TIME() and NUMBER(); never write month
# names or digit separators by hand.

## The language itself

# This language's name in this language (shown in the language bar).
language-autonym = English

# The name of a language in this locale's language, by code.
# $code (String): en, es, fr, ar, zh-Hans, de, ru
language-name = { $code ->
    [es] Spanish
    [fr] French
    [ar] Arabic
    [zh-Hans] Chinese
    [de] German
    [ru] Russian
   *[en] English
}

# The languages a conversation was held in, as the other messages below use it
# ("held in Spanish and English"). Messages that take $languages and $count may use it
# with { held-in } or phrase the languages their own way.
# $languages (String): the languages' names (language-name, standalone form, as CLDR
# writes them in this language) joined by ICU4X's "and" list formatter of this language:
# "Spanish and English"
# $count (Number): how many languages the list has
held-in = in { $languages }

## Site chrome

site-title = Call digests
site-tagline = Digests of Wikimedia community calls, in seven languages.
root-choose-language = Choose your language
skip-to-content = Skip to content
nav-all-digests = All digests
language-bar-label = This digest in other languages
index-language-bar-label = These digests in other languages
footer-generated = Published with heptaglot.

# $count (Number): how many digests the index lists
index-digest-count = { $count ->
    [one] { NUMBER($count) } digest
   *[other] { NUMBER($count) } digests
}
index-empty = No digests have been published yet.

# $languages (String), $count (Number): as for held-in
index-held = Held { held-in }

# $count (Number): how many topics the digest has
index-topic-count = { $count ->
    [one] { NUMBER($count) } topic
   *[other] { NUMBER($count) } topics
}

## Kinds of record, as used inside the opening sentence

kind-call = online call
kind-interview = interview
kind-session = conference session
kind-breakout = breakout session

## The opening of a digest

# $series (String), $number (String)
digest-default-title = { $series } #{ $number }

# $date (String, YYYY-MM-DD)
when-date = { DATE($date) }
# $date (String, YYYY-MM-DD), $time (String, HH:MM)
# $timezone (String): the zone's CLDR name in this language, formatted by ICU4X
# (generic long name, e.g. "Central European Time"; never the IANA id)
when-date-time = { DATE($date) }, at { TIME($time) } ({ $timezone })

# $kind (String): one of the kind-* messages above, already formatted
# $title (String), $when (String): a when-* message
# $languages (String), $count (Number): as for held-in
digest-opening = This is a digest (a processed, edited summary) of the { $kind } “{ $title }”, held on { $when }, { held-in }. It sacrifices fidelity to people's exact words in favor of clarity, brevity, and digestibility.

digest-other-versions = Other language versions:


## Attendance

# $count (Number), $approx (String: "yes" when the count is approximate, "no" otherwise)
count = { $approx ->
    [yes] about { NUMBER($count) }
   *[no] { NUMBER($count) }
}
attendance-staff = { $count ->
    [one] { count } member of Wikimedia Foundation staff
   *[other] { count } members of Wikimedia Foundation staff
}
attendance-volunteers = { $count ->
    [one] { count } volunteer
   *[other] { count } volunteers
}
attendance-participants = { $count ->
    [one] { count } participant
   *[other] { count } participants
}
# $groups (String): the attendance-* phrases joined into a list ("7 members … and 10 volunteers")
# $record (String): the kind of record: "call", "interview", "session" or "breakout"
attendance = { $record ->
    [call] The call was attended by { $groups }.
   *[other] In attendance: { $groups }.
}

# $names (String): the .inline forms of speaker phrases joined into a list
# $record (String): the kind of record, as for attendance
facilitated-by = { $record ->
    [interview] Interview by { $names }.
   *[other] Facilitated by { $names }.
}
links-heading = Links
# $record (String): the kind of record, as for attendance
recording-link = { $record ->
    [interview] Recording of the interview
   *[other] Recording of the call
}

## Speakers
# Every speaker phrase gets $gender (String): "feminine", "masculine" or "unspecified",
# for languages whose words for "volunteer" or "staff member" inflect.
# The value is the phrase at the start of a point, followed by what the person said
# ("A volunteer from Venezuela: …"); the .inline attribute is the same phrase inside a
# sentence or a list (facilitated-by, question-from, session-speakers): "Question from a
# volunteer from Venezuela". Every speaker-* message has both.

# $name (String)
speaker-name = { $name }
    .inline = { $name }
# $name (String)
speaker-name-staff = { $name } (WMF)
    .inline = { $name } (WMF)
# $name (String), $team (String)
speaker-name-staff-team = { $name } (WMF, { $team })
    .inline = { $name } (WMF, { $team })
# $name (String), $affiliation (String)
speaker-name-affiliation = { $name } from { $affiliation }
    .inline = { $name } from { $affiliation }
# $name (String), $from (String): a place
speaker-name-from = { $name } from { $from }
    .inline = { $name } from { $from }
speaker-volunteer = A volunteer
    .inline = a volunteer
# $affiliation (String)
speaker-volunteer-affiliation = A volunteer from { $affiliation }
    .inline = a volunteer from { $affiliation }
# $from (String): a place
speaker-volunteer-from = A volunteer from { $from }
    .inline = a volunteer from { $from }
# $from (String): a place, $affiliation (String)
speaker-volunteer-from-affiliation = A volunteer from { $from } ({ $affiliation })
    .inline = a volunteer from { $from } ({ $affiliation })
speaker-staff = A member of Wikimedia Foundation staff
    .inline = a member of Wikimedia Foundation staff
# $team (String)
speaker-staff-team = A member of the Wikimedia Foundation { $team } team
    .inline = a member of the Wikimedia Foundation { $team } team

## Topics, questions and notes

# $number (Number), $title (String)
topic-heading = Topic { NUMBER($number) }: { $title }
question-label = Question
# $speaker (String): the .inline form of a speaker-* phrase
question-from = Question from { $speaker }
answer-label = Answer
editor-note-label = Editor's note
not-discussed = Not discussed
    .question = Not discussed
contents-heading = Contents

## Program and breakout sessions

# Label of the list of speakers (the .inline forms of speaker-* phrases, joined into a list).
session-speakers = Speakers
session-length = Length
# $minutes (Number)
session-length-minutes = { $minutes ->
    [one] { NUMBER($minutes) } minute
   *[other] { NUMBER($minutes) } minutes
}
session-format = Format
session-audience = Audience
session-desired-outcome = Desired outcome
breakout-participants-label = Participants
# The value after breakout-participants-label: the count alone, since the label names
# the people ("Participants: about 12").
# $count (Number), $approx (String: "yes" or "no")
breakout-participants = { count }
breakout-prepared-questions = Prepared questions

# A label followed by what it introduces: "Quim (WMF): …", "Question: …".
# $label (String)
# .after is what separates the label from the text after it (a space; nothing in
# zh-Hans, whose "：" is full-width): the templates put it there, never a space of their own.
label-colon = { $label }:
    .after = { " " }
# $text (String): a short text put in parentheses (a date, a translation status)
# .before is what separates the parentheses from the word before them (a space; nothing
# in zh-Hans, whose "（" is full-width): the templates never put a space of their own.
in-parentheses = ({ $text })
    .before = { " " }
