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

# The languages a conversation was held in, as the other messages below use it.
# Messages that take $languages and $count may use it with { held-in } or phrase the
# languages their own way.
# $languages (String): the languages' names (language-name, standalone form, as CLDR
# writes them in this language) joined by ICU4X's "and" list formatter of this language
# $count (Number): how many languages the list has
held-in = auf { $languages }

## Site chrome

site-title = Zusammenfassungen von Online-Treffen
site-tagline = Zusammenfassungen von Online-Treffen der Wikimedia-Community, in sieben Sprachen.
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

# $languages (String), $count (Number): as for held-in
index-held = Auf { $languages } geführt

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
kind-session = der Konferenzsitzung
kind-breakout = der Kleingruppensitzung

## The opening of a digest

# $series (String), $number (String)
# de: "Nr." and a no-break space before the number.
digest-default-title = { $series } Nr. { $number }

# $date (String, YYYY-MM-DD)
when-date = { DATE($date) }
# $date (String, YYYY-MM-DD), $time (String, HH:MM)
# $timezone (String): the zone's CLDR name in this language, formatted by ICU4X
# (generic long name, e.g. "Central European Time"; never the IANA id)
when-date-time = { DATE($date) } um { TIME($time) } Uhr ({ $timezone })

# $kind (String): one of the kind-* messages above, already formatted
# $title (String), $when (String): a when-* message
# $languages (String), $count (Number): as for held-in
digest-opening = Dies ist eine aufbereitete und redigierte Zusammenfassung { $kind } „{ $title }“ vom { $when }; gesprochen wurde { $languages }. Klarheit, Kürze und gute Lesbarkeit haben darin Vorrang vor dem genauen Wortlaut der Beteiligten.

digest-other-versions = Weitere Sprachfassungen:


## Attendance

# $count (Number), $approx (String: "yes" when the count is approximate, "no" otherwise)
count = { $approx ->
    [yes] etwa { NUMBER($count) }
   *[no] { NUMBER($count) }
}
attendance-staff = { $count ->
    [one] { count } mitarbeitende Person der Wikimedia Foundation
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
# $record (String): the kind of record: "call", "interview", "session" or "breakout"
attendance = Anwesend waren: { $groups }.

# $names (String): the .inline forms of speaker phrases joined into a list
facilitated-by = { $record ->
    [interview] Interview: { $names }.
   *[other] Moderation: { $names }.
}
links-heading = Links
recording-link = { $record ->
    [interview] Aufzeichnung des Interviews
   *[other] Aufzeichnung des Treffens
}

## Speakers
# Every speaker phrase gets $gender (String): "feminine", "masculine" or "unspecified",
# for languages whose words for "volunteer" or "staff member" inflect.
# The value is the phrase at the start of a point, followed by what the person said;
# the .inline attribute is the same phrase inside a sentence or a list (facilitated-by,
# question-from, session-speakers). Every speaker-* message has both.

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
speaker-name-affiliation = { $name } ({ $affiliation })
    .inline = { $name } ({ $affiliation })
# $name (String), $from (String): a place
speaker-name-from = { $name } aus { $from }
    .inline = { $name } aus { $from }
speaker-volunteer = { $gender ->
    [feminine] Eine Ehrenamtliche
    [masculine] Ein Ehrenamtlicher
   *[other] Eine ehrenamtlich engagierte Person
}
    .inline = { $gender ->
    [feminine] eine Ehrenamtliche
    [masculine] ein Ehrenamtlicher
   *[other] eine ehrenamtlich engagierte Person
}
# $affiliation (String)
speaker-volunteer-affiliation = { $gender ->
    [feminine] Eine Ehrenamtliche ({ $affiliation })
    [masculine] Ein Ehrenamtlicher ({ $affiliation })
   *[other] Eine ehrenamtlich engagierte Person ({ $affiliation })
}
    .inline = { $gender ->
    [feminine] eine Ehrenamtliche ({ $affiliation })
    [masculine] ein Ehrenamtlicher ({ $affiliation })
   *[other] eine ehrenamtlich engagierte Person ({ $affiliation })
}
# $from (String): a place
speaker-volunteer-from = { $gender ->
    [feminine] Eine Ehrenamtliche aus { $from }
    [masculine] Ein Ehrenamtlicher aus { $from }
   *[other] Eine ehrenamtlich engagierte Person aus { $from }
}
    .inline = { $gender ->
    [feminine] eine Ehrenamtliche aus { $from }
    [masculine] ein Ehrenamtlicher aus { $from }
   *[other] eine ehrenamtlich engagierte Person aus { $from }
}
# $from (String): a place, $affiliation (String)
speaker-volunteer-from-affiliation = { $gender ->
    [feminine] Eine Ehrenamtliche aus { $from } ({ $affiliation })
    [masculine] Ein Ehrenamtlicher aus { $from } ({ $affiliation })
   *[other] Eine ehrenamtlich engagierte Person aus { $from } ({ $affiliation })
}
    .inline = { $gender ->
    [feminine] eine Ehrenamtliche aus { $from } ({ $affiliation })
    [masculine] ein Ehrenamtlicher aus { $from } ({ $affiliation })
   *[other] eine ehrenamtlich engagierte Person aus { $from } ({ $affiliation })
}
speaker-staff = { $gender ->
    [feminine] Eine Mitarbeiterin der Wikimedia Foundation
    [masculine] Ein Mitarbeiter der Wikimedia Foundation
   *[other] Eine mitarbeitende Person der Wikimedia Foundation
}
    .inline = { $gender ->
    [feminine] eine Mitarbeiterin der Wikimedia Foundation
    [masculine] ein Mitarbeiter der Wikimedia Foundation
   *[other] eine mitarbeitende Person der Wikimedia Foundation
}
# $team (String)
speaker-staff-team = { $gender ->
    [feminine] Eine Mitarbeiterin aus dem Team „{ $team }“ der Wikimedia Foundation
    [masculine] Ein Mitarbeiter aus dem Team „{ $team }“ der Wikimedia Foundation
   *[other] Eine mitarbeitende Person aus dem Team „{ $team }“ der Wikimedia Foundation
}
    .inline = { $gender ->
    [feminine] eine Mitarbeiterin aus dem Team „{ $team }“ der Wikimedia Foundation
    [masculine] ein Mitarbeiter aus dem Team „{ $team }“ der Wikimedia Foundation
   *[other] eine mitarbeitende Person aus dem Team „{ $team }“ der Wikimedia Foundation
}

## Topics, questions and notes

# $number (Number), $title (String)
topic-heading = Thema { NUMBER($number) }: { $title }
question-label = Frage
# $speaker (String): the .inline form of a speaker-* phrase
question-from = Frage von { $speaker }
answer-label = Antwort
editor-note-label = Anmerkung der Redaktion
not-discussed = Nicht besprochen
    .question = Nicht besprochen
contents-heading = Inhalt

## Program and breakout sessions

# Label of the list of speakers (the .inline forms of speaker-* phrases, joined into a list).
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
# The value after breakout-participants-label: the count alone, since the label names
# the people.
# $count (Number), $approx (String: "yes" or "no")
breakout-participants = { count }
breakout-prepared-questions = Vorbereitete Fragen

# A label followed by what it introduces: "Quim (WMF): …", "Question: …".
# $label (String)
# .after is what separates the label from the text after it (a space; nothing in
# zh-Hans, whose "：" is full-width): the templates put it there, never a space of their own.
label-colon = { $label }:
    .after = { " " }
in-parentheses = ({ $text })
    .before = { " " }
