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

# "in <language>", as it follows "held on <date>," in the opening sentence.
# $code (String): as for language-name
held-in-language = { $code ->
    [es] in Spanish
    [fr] in French
    [ar] in Arabic
    [zh-Hans] in Chinese
    [de] in German
    [ru] in Russian
   *[en] in English
}

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

# $languages (String): "in Spanish", already joined into a list
index-held = Held { $languages }

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
# $date (String, YYYY-MM-DD), $time (String, HH:MM), $timezone (String, IANA name)
when-date-time = { DATE($date) } at { TIME($time) } ({ $timezone })

# $kind (String): one of the kind-* messages above, already formatted
# $title (String), $when (String): a when-* message, $languages (String): held-in-language phrases joined into a list
digest-opening = This is a digest (a processed, edited summary) of the { $kind } { $title }, held on { $when }, { $languages }. It sacrifices fidelity to people's exact words in favor of clarity, brevity, and digestibility.

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
attendance = The call was attended by { $groups }.

# $names (String): speaker phrases joined into a list
facilitated-by = Facilitated by { $names }.
links-heading = Links
recording-link = Recording of the call

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
speaker-name-affiliation = { $name } from { $affiliation }
# $name (String), $from (String): a place
speaker-name-from = { $name } from { $from }
speaker-volunteer = A volunteer
# $affiliation (String)
speaker-volunteer-affiliation = A volunteer from { $affiliation }
# $from (String): a place
speaker-volunteer-from = A volunteer from { $from }
# $from (String): a place, $affiliation (String)
speaker-volunteer-from-affiliation = A volunteer from { $from } ({ $affiliation })
speaker-staff = A member of Wikimedia Foundation staff
# $team (String)
speaker-staff-team = A member of the Wikimedia Foundation { $team } team

## Topics, questions and notes

# $number (Number), $title (String)
topic-heading = Topic { NUMBER($number) }: { $title }
question-label = Question
# $speaker (String): a speaker-* phrase
question-from = Question from { $speaker }
answer-label = Answer
editor-note-label = Editor's note
not-discussed = Not discussed in the call
contents-heading = Contents

## Program and breakout sessions

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
# $count (Number), $approx (String: "yes" or "no")
breakout-participants = { $count ->
    [one] { count } participant
   *[other] { count } participants
}
breakout-prepared-questions = Prepared questions

# A label followed by what it introduces: "Quim (WMF): …", "Question: …".
# $label (String)
label-colon = { $label }:
