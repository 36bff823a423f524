# heptaglot: everything the templates say, in Spanish.
# English is the reference bundle: every other locale translates these messages,
# and falls back to them message by message.
#
# Variables the code passes are documented above each group. Dates and numbers
# are formatted by ICU4X through DATE(), TIME() and NUMBER(); never write month
# names or digit separators by hand.

## The language itself

# This language's name in this language (shown in the language bar).
language-autonym = Español

# The name of a language in this locale's language, by code.
# $code (String): en, es, fr, ar, zh-Hans, de, ru
language-name = { $code ->
    [es] español
    [fr] francés
    [ar] árabe
    [zh-Hans] chino
    [de] alemán
    [ru] ruso
   *[en] inglés
}

# The languages a conversation was held in, as the other messages below use it.
# Messages that take $languages and $count may use it with { held-in } or phrase the
# languages their own way.
# $languages (String): the languages' names (language-name, standalone form, as CLDR
# writes them in this language) joined by ICU4X's "and" list formatter of this language
# $count (Number): how many languages the list has
held-in = en { $languages }

## Site chrome

site-title = Resúmenes de llamadas
site-tagline = Resúmenes de las llamadas comunitarias de Wikimedia, en siete idiomas.
root-choose-language = Elige tu idioma
skip-to-content = Ir al contenido
nav-all-digests = Todos los resúmenes
language-bar-label = Este resumen en otros idiomas
index-language-bar-label = Estos resúmenes en otros idiomas
footer-generated = Publicado con heptaglot.

# $count (Number): how many digests the index lists
index-digest-count = { $count ->
    [one] { NUMBER($count) } resumen
    [many] { NUMBER($count) } de resúmenes
   *[other] { NUMBER($count) } resúmenes
}
index-empty = Todavía no se ha publicado ningún resumen.

# $languages (String), $count (Number): as for held-in
index-held = Celebrada { held-in }

# $count (Number): how many topics the digest has
index-topic-count = { $count ->
    [one] { NUMBER($count) } tema
    [many] { NUMBER($count) } de temas
   *[other] { NUMBER($count) } temas
}

## Kinds of record, as used inside the opening sentence

# es: all four are feminine, to agree with "de la" and "celebrada" in digest-opening.
kind-call = llamada en línea
kind-interview = entrevista
kind-session = sesión del congreso
kind-breakout = sesión en grupos reducidos

## The opening of a digest

# $series (String), $number (String)
# es: "n.º" and a no-break space before the number.
digest-default-title = { $series } n.º { $number }

# $date (String, YYYY-MM-DD)
when-date = { DATE($date) }
# $date (String, YYYY-MM-DD), $time (String, HH:MM)
# $timezone (String): the zone's CLDR name in this language, formatted by ICU4X
# (generic long name, e.g. "Central European Time"; never the IANA id)
when-date-time = { DATE($date) } a las { TIME($time) } ({ $timezone })

# $kind (String): one of the kind-* messages above, already formatted
# $title (String), $when (String): a when-* message
# $languages (String), $count (Number): as for held-in
digest-opening = Este es un resumen (una síntesis procesada y editada) de la { $kind } «{ $title }», celebrada el { $when } { held-in }. En aras de la claridad, la brevedad y la facilidad de lectura, no reproduce literalmente las palabras de quienes intervinieron.

digest-other-versions = Versiones en otros idiomas:


## Attendance

# $count (Number), $approx (String: "yes" when the count is approximate, "no" otherwise)
count = { $approx ->
    [yes] aproximadamente { NUMBER($count) }
   *[no] { NUMBER($count) }
}
attendance-staff = { $count ->
    [one] { count } integrante del personal de la Fundación Wikimedia
    [many] { count } integrantes del personal de la Fundación Wikimedia
   *[other] { count } integrantes del personal de la Fundación Wikimedia
}
attendance-volunteers = { $count ->
    [one] { count } persona voluntaria
    [many] { count } personas voluntarias
   *[other] { count } personas voluntarias
}
attendance-participants = { $count ->
    [one] { count } participante
    [many] { count } participantes
   *[other] { count } participantes
}
# $groups (String): the attendance-* phrases joined into a list ("7 members … and 10 volunteers")
# $record (String): the kind of record: "call", "interview", "session" or "breakout"
attendance = Asistentes: { $groups }.

# $names (String): the .inline forms of speaker phrases joined into a list
facilitated-by = { $record ->
    [interview] Entrevista a cargo de { $names }.
   *[other] Facilitación a cargo de { $names }.
}
links-heading = Enlaces
recording-link = { $record ->
    [interview] Grabación de la entrevista
   *[other] Grabación de la llamada
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
speaker-name-from = { $name } ({ $from })
    .inline = { $name } ({ $from })
speaker-volunteer = { $gender ->
    [feminine] Una voluntaria
    [masculine] Un voluntario
   *[other] Una persona voluntaria
}
    .inline = { $gender ->
    [feminine] una voluntaria
    [masculine] un voluntario
   *[other] una persona voluntaria
}
# $affiliation (String)
speaker-volunteer-affiliation = { $gender ->
    [feminine] Una voluntaria de { $affiliation }
    [masculine] Un voluntario de { $affiliation }
   *[other] Una persona voluntaria de { $affiliation }
}
    .inline = { $gender ->
    [feminine] una voluntaria de { $affiliation }
    [masculine] un voluntario de { $affiliation }
   *[other] una persona voluntaria de { $affiliation }
}
# $from (String): a place
speaker-volunteer-from = { $gender ->
    [feminine] Una voluntaria de { $from }
    [masculine] Un voluntario de { $from }
   *[other] Una persona voluntaria de { $from }
}
    .inline = { $gender ->
    [feminine] una voluntaria de { $from }
    [masculine] un voluntario de { $from }
   *[other] una persona voluntaria de { $from }
}
# $from (String): a place, $affiliation (String)
speaker-volunteer-from-affiliation = { $gender ->
    [feminine] Una voluntaria de { $from } ({ $affiliation })
    [masculine] Un voluntario de { $from } ({ $affiliation })
   *[other] Una persona voluntaria de { $from } ({ $affiliation })
}
    .inline = { $gender ->
    [feminine] una voluntaria de { $from } ({ $affiliation })
    [masculine] un voluntario de { $from } ({ $affiliation })
   *[other] una persona voluntaria de { $from } ({ $affiliation })
}
speaker-staff = { $gender ->
    [feminine] Una integrante del personal de la Fundación Wikimedia
    [masculine] Un integrante del personal de la Fundación Wikimedia
   *[other] Una persona del personal de la Fundación Wikimedia
}
    .inline = { $gender ->
    [feminine] una integrante del personal de la Fundación Wikimedia
    [masculine] un integrante del personal de la Fundación Wikimedia
   *[other] una persona del personal de la Fundación Wikimedia
}
# $team (String)
speaker-staff-team = { $gender ->
    [feminine] Una integrante del equipo de { $team } de la Fundación Wikimedia
    [masculine] Un integrante del equipo de { $team } de la Fundación Wikimedia
   *[other] Una persona del equipo de { $team } de la Fundación Wikimedia
}
    .inline = { $gender ->
    [feminine] una integrante del equipo de { $team } de la Fundación Wikimedia
    [masculine] un integrante del equipo de { $team } de la Fundación Wikimedia
   *[other] una persona del equipo de { $team } de la Fundación Wikimedia
}

## Topics, questions and notes

# $number (Number), $title (String)
topic-heading = Tema { NUMBER($number) }: { $title }
question-label = Pregunta
# $speaker (String): the .inline form of a speaker-* phrase
question-from = Pregunta de { $speaker }
answer-label = Respuesta
editor-note-label = Nota editorial
not-discussed = No se trató
    .question = No se trató
contents-heading = Contenido

## Program and breakout sessions

# Label of the list of speakers (the .inline forms of speaker-* phrases, joined into a list).
session-speakers = Ponentes
session-length = Duración
# $minutes (Number)
session-length-minutes = { $minutes ->
    [one] { NUMBER($minutes) } minuto
    [many] { NUMBER($minutes) } de minutos
   *[other] { NUMBER($minutes) } minutos
}
session-format = Formato
session-audience = Público destinatario
session-desired-outcome = Resultado esperado
breakout-participants-label = Participantes
# The value after breakout-participants-label: the count alone, since the label names
# the people.
# $count (Number), $approx (String: "yes" or "no")
breakout-participants = { count }
breakout-prepared-questions = Preguntas preparadas

# A label followed by what it introduces: "Quim (WMF): …", "Question: …".
# $label (String)
# .after is what separates the label from the text after it (a space; nothing in
# zh-Hans, whose "：" is full-width): the templates put it there, never a space of their own.
label-colon = { $label }:
    .after = { " " }
in-parentheses = ({ $text })
    .before = { " " }
