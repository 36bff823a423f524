# heptaglot: everything the templates say, in French.
# English is the reference bundle: every other locale translates these messages,
# and falls back to them message by message.
#
# Variables the code passes are documented above each group. Dates and numbers
# are formatted by ICU4X through DATE(), TIME() and NUMBER(); never write month
# names or digit separators by hand.
#
# fr: the spaces before ":" and ";" are no-break spaces (U+00A0).

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

# "in <language>", as it follows "held on <date>," in the opening sentence.
# $code (String): as for language-name
held-in-language = { $code ->
    [es] en espagnol
    [fr] en français
    [ar] en arabe
    [zh-Hans] en chinois
    [de] en allemand
    [ru] en russe
   *[en] en anglais
}

## Site chrome

site-title = Synthèses des réunions
site-tagline = Synthèses des réunions communautaires de Wikimédia, en sept langues.
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

# $languages (String): "in Spanish", already joined into a list
index-held = Échanges { $languages }

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
kind-session = la session de conférence
kind-breakout = la session en sous-groupes

## The opening of a digest

# $series (String), $number (String)
digest-default-title = { $series } #{ $number }

# $date (String, YYYY-MM-DD)
when-date = { DATE($date) }
# $date (String, YYYY-MM-DD), $time (String, HH:MM), $timezone (String, IANA name)
when-date-time = { DATE($date) } à { TIME($time) } ({ $timezone })

# $kind (String): one of the kind-* messages above, already formatted
# $title (String), $when (String): a when-* message, $languages (String): held-in-language phrases joined into a list
digest-opening = Ceci est une synthèse (un résumé retravaillé et révisé) de { $kind } { $title }, qui a eu lieu le { $when } { $languages }. Elle privilégie la clarté, la concision et la lisibilité plutôt que la fidélité aux propos exacts des personnes qui se sont exprimées.

digest-other-versions = Autres versions linguistiques :


## Attendance

# $count (Number), $approx (String: "yes" when the count is approximate, "no" otherwise)
count = { $approx ->
    [yes] environ { NUMBER($count) }
   *[no] { NUMBER($count) }
}
attendance-staff = { $count ->
    [one] { count } membre du personnel de la Fondation Wikimédia
    [many] { count } membres du personnel de la Fondation Wikimédia
   *[other] { count } membres du personnel de la Fondation Wikimédia
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
attendance = La réunion a rassemblé { $groups }.

# $names (String): speaker phrases joined into a list
facilitated-by = Animation : { $names }.
links-heading = Liens
recording-link = Enregistrement de la réunion

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
speaker-name-affiliation = { $name }, de { $affiliation }
# $name (String), $from (String): a place
speaker-name-from = { $name } ({ $from })
speaker-volunteer = { $gender ->
    [feminine] Une bénévole
    [masculine] Un bénévole
   *[other] Une personne bénévole
}
# $affiliation (String)
speaker-volunteer-affiliation = { $gender ->
    [feminine] Une bénévole de { $affiliation }
    [masculine] Un bénévole de { $affiliation }
   *[other] Une personne bénévole de { $affiliation }
}
# $from (String): a place
speaker-volunteer-from = { $gender ->
    [feminine] Une bénévole ({ $from })
    [masculine] Un bénévole ({ $from })
   *[other] Une personne bénévole ({ $from })
}
# $from (String): a place, $affiliation (String)
speaker-volunteer-from-affiliation = { $gender ->
    [feminine] Une bénévole de { $affiliation } ({ $from })
    [masculine] Un bénévole de { $affiliation } ({ $from })
   *[other] Une personne bénévole de { $affiliation } ({ $from })
}
speaker-staff = { $gender ->
    [feminine] Une membre du personnel de la Fondation Wikimédia
    [masculine] Un membre du personnel de la Fondation Wikimédia
   *[other] Une personne membre du personnel de la Fondation Wikimédia
}
# $team (String)
speaker-staff-team = { $gender ->
    [feminine] Une membre de l’équipe { $team } de la Fondation Wikimédia
    [masculine] Un membre de l’équipe { $team } de la Fondation Wikimédia
   *[other] Une personne membre de l’équipe { $team } de la Fondation Wikimédia
}

## Topics, questions and notes

# $number (Number), $title (String)
topic-heading = Sujet { NUMBER($number) } : { $title }
question-label = Question
# $speaker (String): a speaker-* phrase
question-from = Question posée par { $speaker }
answer-label = Réponse
editor-note-label = Note de la rédaction
not-discussed = Non abordé pendant la réunion
contents-heading = Sommaire

## Program and breakout sessions

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
# $count (Number), $approx (String: "yes" or "no")
breakout-participants = { $count ->
    [one] { count } participant
    [many] { count } participants
   *[other] { count } participants
}
breakout-prepared-questions = Questions préparées

# A label followed by what it introduces: "Quim (WMF): …", "Question: …".
# $label (String)
label-colon = { $label } :
