# heptaglot: everything the templates say, in German.
# English is the reference bundle: every other locale translates these messages,
# and falls back to them message by message.
#
# Variables the code passes are documented above each group. Dates and numbers
# are formatted by ICU4X through DATE(), TIME() and NUMBER(); never write month
# names or digit separators by hand.

## The language itself

# This language's name in this language (shown in the language bar).
language-autonym = Deutsch

# The name of a language in this locale's language, by code.
# $code (String): en, es, fr, ar, zh-Hans, de, ru
language-name = { $code ->
    [es] Spanisch
    [fr] Französisch
    [ar] Arabisch
    [zh-Hans] Chinesisch
    [de] Deutsch
    [ru] Russisch
   *[en] Englisch
}

# "in <language>", as it follows "held on <date>," in the opening sentence.
# $code (String): as for language-name
held-in-language = { $code ->
    [es] auf Spanisch
    [fr] auf Französisch
    [ar] auf Arabisch
    [zh-Hans] auf Chinesisch
    [de] auf Deutsch
    [ru] auf Russisch
   *[en] auf Englisch
}

## Site chrome

site-title = Call-Zusammenfassungen
site-tagline = Zusammenfassungen von Wikimedia-Community-Calls in sieben Sprachen.
root-choose-language = Sprache auswählen
skip-to-content = Zum Inhalt springen
nav-all-digests = Alle Zusammenfassungen
language-bar-label = Diese Zusammenfassung in anderen Sprachen
index-language-bar-label = Diese Zusammenfassungen in anderen Sprachen
footer-generated = Veröffentlicht mit heptaglot.

# $count (Number): how many digests the index lists
index-digest-count = { $count ->
    [one] { NUMBER($count) } Zusammenfassung
   *[other] { NUMBER($count) } Zusammenfassungen
}
index-empty = Bisher wurden noch keine Zusammenfassungen veröffentlicht.

# $languages (String): "in Spanish", already joined into a list
index-held = Abgehalten { $languages }

# $count (Number): how many topics the digest has
index-topic-count = { $count ->
    [one] { NUMBER($count) } Thema
   *[other] { NUMBER($count) } Themen
}

## Kinds of record, as used inside the opening sentence

# de: genitive with its article ("des …", "der …"), because digest-opening says
# "Zusammenfassung { $kind }" and the article depends on the noun.
kind-call = des Online-Treffens
kind-interview = des Interviews
kind-session = der Konferenz-Session
kind-breakout = der Breakout-Session

## The opening of a digest

# $series (String), $number (String)
digest-default-title = { $series } #{ $number }

# $date (String, YYYY-MM-DD)
when-date = { DATE($date) }
# $date (String, YYYY-MM-DD), $time (String, HH:MM), $timezone (String, IANA name)
when-date-time = { DATE($date) } um { TIME($time) } Uhr ({ $timezone })

# $kind (String): one of the kind-* messages above, already formatted
# $title (String), $when (String): a when-* message, $languages (String): held-in-language phrases joined into a list
digest-opening = Dies ist eine aufbereitete und redigierte Zusammenfassung { $kind } { $title } vom { $when }; gesprochen wurde { $languages }. Klarheit, Kürze und gute Lesbarkeit haben darin Vorrang vor dem genauen Wortlaut der Beteiligten.

digest-other-versions = Weitere Sprachfassungen:


## Attendance

# $count (Number), $approx (String: "yes" when the count is approximate, "no" otherwise)
count = { $approx ->
    [yes] etwa { NUMBER($count) }
   *[no] { NUMBER($count) }
}
attendance-staff = { $count ->
    [one] { count } Mitglied des Personals der Wikimedia Foundation
   *[other] { count } Mitarbeitende der Wikimedia Foundation
}
attendance-volunteers = { $count ->
    [one] { count } ehrenamtlich engagierte Person
   *[other] { count } Ehrenamtliche
}
attendance-participants = { $count ->
    [one] { count } teilnehmende Person
   *[other] { count } Teilnehmende
}
# $groups (String): the attendance-* phrases joined into a list ("7 members … and 10 volunteers")
attendance = Teilgenommen haben { $groups }.

# $names (String): speaker phrases joined into a list
facilitated-by = Moderation: { $names }.
links-heading = Links
recording-link = Aufzeichnung des Treffens

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
speaker-name-affiliation = { $name } von { $affiliation }
# $name (String), $from (String): a place
speaker-name-from = { $name } aus { $from }
speaker-volunteer = { $gender ->
    [feminine] Eine Ehrenamtliche
    [masculine] Ein Ehrenamtlicher
   *[other] Eine ehrenamtlich engagierte Person
}
# $affiliation (String)
speaker-volunteer-affiliation = { $gender ->
    [feminine] Eine Ehrenamtliche von { $affiliation }
    [masculine] Ein Ehrenamtlicher von { $affiliation }
   *[other] Eine ehrenamtlich engagierte Person von { $affiliation }
}
# $from (String): a place
speaker-volunteer-from = { $gender ->
    [feminine] Eine Ehrenamtliche aus { $from }
    [masculine] Ein Ehrenamtlicher aus { $from }
   *[other] Eine ehrenamtlich engagierte Person aus { $from }
}
# $from (String): a place, $affiliation (String)
speaker-volunteer-from-affiliation = { $gender ->
    [feminine] Eine Ehrenamtliche aus { $from } ({ $affiliation })
    [masculine] Ein Ehrenamtlicher aus { $from } ({ $affiliation })
   *[other] Eine ehrenamtlich engagierte Person aus { $from } ({ $affiliation })
}
speaker-staff = { $gender ->
    [feminine] Eine Mitarbeiterin der Wikimedia Foundation
    [masculine] Ein Mitarbeiter der Wikimedia Foundation
   *[other] Ein Mitglied des Personals der Wikimedia Foundation
}
# $team (String)
speaker-staff-team = { $gender ->
    [feminine] Eine Mitarbeiterin aus dem Team { $team } der Wikimedia Foundation
    [masculine] Ein Mitarbeiter aus dem Team { $team } der Wikimedia Foundation
   *[other] Ein Mitglied des Teams { $team } der Wikimedia Foundation
}

## Topics, questions and notes

# $number (Number), $title (String)
topic-heading = Thema { NUMBER($number) }: { $title }
question-label = Frage
# $speaker (String): a speaker-* phrase
question-from = Gefragt hat { $speaker }
answer-label = Antwort
editor-note-label = Anmerkung der Redaktion
not-discussed = Im Treffen nicht besprochen
contents-heading = Inhalt

## Program and breakout sessions

session-speakers = Vortragende
session-length = Dauer
# $minutes (Number)
session-length-minutes = { $minutes ->
    [one] { NUMBER($minutes) } Minute
   *[other] { NUMBER($minutes) } Minuten
}
session-format = Format
session-audience = Zielgruppe
session-desired-outcome = Angestrebtes Ergebnis
breakout-participants-label = Teilnehmende
# $count (Number), $approx (String: "yes" or "no")
breakout-participants = { $count ->
    [one] { count } teilnehmende Person
   *[other] { count } Teilnehmende
}
breakout-prepared-questions = Vorbereitete Fragen

# A label followed by what it introduces: "Quim (WMF): …", "Question: …".
# $label (String)
label-colon = { $label }:
