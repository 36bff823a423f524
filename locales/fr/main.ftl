# heptaglot: everything the templates say, in French.
# English is the reference bundle: every other locale translates these messages,
# and falls back to them message by message.
#
# Variables the code passes are documented above each group. Dates and numbers
# are formatted by ICU4X through DATE(), TIME() and NUMBER(); never write month
# names or digit separators by hand.
#
# fr: one convention in every fr file: a no-break space (U+00A0) before ":", a narrow
# no-break space (U+202F) before ";", "!" and "?" and inside « ». Percentages come
# formatted by ICU4X.

## The language itself

# This language's name in this language (shown in the language bar).
language-autonym = Français

# The name of a language in this locale's language, by code.
# $code (String): en, es, fr, ar, zh-Hans, de, ru
language-name = { $code ->
    [es] espagnol
    [fr] français
    [ar] arabe
    [zh-Hans] chinois
    [de] allemand
    [ru] russe
   *[en] anglais
}

# The languages a conversation was held in, as the other messages below use it.
# Messages that take $languages and $count may use it with { held-in } or phrase the
# languages their own way.
# $languages (String): the languages' names (language-name, standalone form, as CLDR
# writes them in this language) joined by ICU4X's "and" list formatter of this language
# $count (Number): how many languages the list has
held-in = { $count ->
    [one] en { $languages }
   *[other] en { NUMBER($count) } langues ({ $languages })
}

## Site chrome

site-title = Synthèses des réunions
site-tagline = Synthèses des réunions communautaires de Wikimedia, en sept langues.
root-choose-language = Choisissez votre langue
skip-to-content = Aller au contenu
nav-all-digests = Toutes les synthèses
language-bar-label = Cette synthèse dans d’autres langues
index-language-bar-label = Ces synthèses dans d’autres langues
footer-generated = Publié avec heptaglot.

# $count (Number): how many digests the index lists
index-digest-count = { $count ->
    [one] { NUMBER($count) } synthèse
    [many] { NUMBER($count) } de synthèses
   *[other] { NUMBER($count) } synthèses
}
index-empty = Aucune synthèse n’a encore été publiée.

# $languages (String), $count (Number): as for held-in
index-held = Échanges { held-in }

# $count (Number): how many topics the digest has
index-topic-count = { $count ->
    [one] { NUMBER($count) } sujet
    [many] { NUMBER($count) } de sujets
   *[other] { NUMBER($count) } sujets
}

## Kinds of record, as used inside the opening sentence

# fr: each kind carries its definite article ("la", "l’"), because digest-opening
# says "de { $kind }" and the article depends on the noun.
kind-call = la réunion en ligne
kind-interview = l’entretien
kind-session = la session du congrès
kind-breakout = la session en sous-groupes

## The opening of a digest

# $series (String), $number (String)
# fr: "nº" (U+00BA) and a no-break space before the number.
digest-default-title = { $series } nº { $number }

# $date (String, YYYY-MM-DD)
when-date = { DATE($date) }
# $date (String, YYYY-MM-DD), $time (String, HH:MM)
# $timezone (String): the zone's CLDR name in this language, formatted by ICU4X
# (generic long name, e.g. "Central European Time"; never the IANA id)
when-date-time = { DATE($date) } à { TIME($time) } ({ $timezone })

# $kind (String): one of the kind-* messages above, already formatted
# $title (String), $when (String): a when-* message
# $languages (String), $count (Number): as for held-in
digest-opening = Ceci est une synthèse (un résumé retravaillé et révisé) de { $kind } « { $title } », qui a eu lieu le { $when } { held-in }. Elle privilégie la clarté, la concision et la lisibilité plutôt que la fidélité aux propos exacts des personnes qui se sont exprimées.

digest-other-versions = Autres versions linguistiques :


## Attendance

# $count (Number), $approx (String: "yes" when the count is approximate, "no" otherwise)
count = { $approx ->
    [yes] environ { NUMBER($count) }
   *[no] { NUMBER($count) }
}
attendance-staff = { $count ->
    [one] { count } membre du personnel de la Fondation Wikimedia
    [many] { count } membres du personnel de la Fondation Wikimedia
   *[other] { count } membres du personnel de la Fondation Wikimedia
}
attendance-volunteers = { $count ->
    [one] { count } bénévole
    [many] { count } bénévoles
   *[other] { count } bénévoles
}
attendance-participants = { $count ->
    [one] { count } participant
    [many] { count } participants
   *[other] { count } participants
}
# $groups (String): the attendance-* phrases joined into a list ("7 members … and 10 volunteers")
# $record (String): the kind of record: "call", "interview", "session" or "breakout"
attendance = Participation : { $groups }.

# $names (String): the .inline forms of speaker phrases joined into a list
facilitated-by = { $record ->
    [interview] Entretien mené par { $names }.
   *[other] Animation : { $names }.
}
links-heading = Liens
recording-link = { $record ->
    [interview] Enregistrement de l’entretien
   *[other] Enregistrement de la réunion
}

## Speakers
# Every speaker phrase gets $gender (String): "feminine", "masculine" or "unspecified",
# for languages whose words for "volunteer" or "staff member" inflect.
# The value is the phrase at the start of a point, followed by what the person said;
# the .inline attribute is the same phrase inside a sentence or a list (facilitated-by,
# question-from, session-speakers). Every speaker-* message has both.
# fr: affiliations and places go in parentheses, so no "de" needs eliding
# ("Une personne bénévole (Amical Wikimedia, Catalogne)").
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
speaker-name-from = { $name } ({ $from })
    .inline = { $name } ({ $from })
speaker-volunteer = { $gender ->
    [feminine] Une bénévole
    [masculine] Un bénévole
   *[other] Une personne bénévole
}
    .inline = { $gender ->
    [feminine] une bénévole
    [masculine] un bénévole
   *[other] une personne bénévole
}
# $affiliation (String)
speaker-volunteer-affiliation = { $gender ->
    [feminine] Une bénévole ({ $affiliation })
    [masculine] Un bénévole ({ $affiliation })
   *[other] Une personne bénévole ({ $affiliation })
}
    .inline = { $gender ->
    [feminine] une bénévole ({ $affiliation })
    [masculine] un bénévole ({ $affiliation })
   *[other] une personne bénévole ({ $affiliation })
}
# $from (String): a place
speaker-volunteer-from = { $gender ->
    [feminine] Une bénévole ({ $from })
    [masculine] Un bénévole ({ $from })
   *[other] Une personne bénévole ({ $from })
}
    .inline = { $gender ->
    [feminine] une bénévole ({ $from })
    [masculine] un bénévole ({ $from })
   *[other] une personne bénévole ({ $from })
}
# $from (String): a place, $affiliation (String)
speaker-volunteer-from-affiliation = { $gender ->
    [feminine] Une bénévole ({ $affiliation }, { $from })
    [masculine] Un bénévole ({ $affiliation }, { $from })
   *[other] Une personne bénévole ({ $affiliation }, { $from })
}
    .inline = { $gender ->
    [feminine] une bénévole ({ $affiliation }, { $from })
    [masculine] un bénévole ({ $affiliation }, { $from })
   *[other] une personne bénévole ({ $affiliation }, { $from })
}
speaker-staff = { $gender ->
    [feminine] Une membre du personnel de la Fondation Wikimedia
    [masculine] Un membre du personnel de la Fondation Wikimedia
   *[other] Une personne membre du personnel de la Fondation Wikimedia
}
    .inline = { $gender ->
    [feminine] une membre du personnel de la Fondation Wikimedia
    [masculine] un membre du personnel de la Fondation Wikimedia
   *[other] une personne membre du personnel de la Fondation Wikimedia
}
# $team (String)
speaker-staff-team = { $gender ->
    [feminine] Une membre de l’équipe { $team } de la Fondation Wikimedia
    [masculine] Un membre de l’équipe { $team } de la Fondation Wikimedia
   *[other] Une personne membre de l’équipe { $team } de la Fondation Wikimedia
}
    .inline = { $gender ->
    [feminine] une membre de l’équipe { $team } de la Fondation Wikimedia
    [masculine] un membre de l’équipe { $team } de la Fondation Wikimedia
   *[other] une personne membre de l’équipe { $team } de la Fondation Wikimedia
}

## Topics, questions and notes

# $number (Number), $title (String)
topic-heading = Sujet { NUMBER($number) } : { $title }
question-label = Question
# $speaker (String): the .inline form of a speaker-* phrase
question-from = Question posée par { $speaker }
answer-label = Réponse
editor-note-label = Note de la rédaction
not-discussed = Non abordé
    .question = Non abordée
contents-heading = Sommaire

## Program and breakout sessions

# Label of the list of speakers (the .inline forms of speaker-* phrases, joined into a list).
session-speakers = Intervenants
session-length = Durée
# $minutes (Number)
session-length-minutes = { $minutes ->
    [one] { NUMBER($minutes) } minute
    [many] { NUMBER($minutes) } de minutes
   *[other] { NUMBER($minutes) } minutes
}
session-format = Format
session-audience = Public visé
session-desired-outcome = Résultat attendu
breakout-participants-label = Participants
# The value after breakout-participants-label: the count alone, since the label names
# the people.
# $count (Number), $approx (String: "yes" or "no")
breakout-participants = { count }
breakout-prepared-questions = Questions préparées

# A label followed by what it introduces: "Quim (WMF): …", "Question: …".
# $label (String)
# .after is what separates the label from the text after it (a space; nothing in
# zh-Hans, whose "：" is full-width): the templates put it there, never a space of their own.
label-colon = { $label } :
    .after = { " " }
in-parentheses = ({ $text })
    .before = { " " }
