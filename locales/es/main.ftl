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

# "in <language>", as it follows "held on <date>," in the opening sentence.
# $code (String): as for language-name
held-in-language = { $code ->
    [es] en español
    [fr] en francés
    [ar] en árabe
    [zh-Hans] en chino
    [de] en alemán
    [ru] en ruso
   *[en] en inglés
}

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

# $languages (String): "in Spanish", already joined into a list
index-held = Se celebró { $languages }

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
kind-session = sesión de conferencia
kind-breakout = sesión en grupos reducidos

## The opening of a digest

# $series (String), $number (String)
digest-default-title = { $series } #{ $number }

# $date (String, YYYY-MM-DD)
when-date = { DATE($date) }
# $date (String, YYYY-MM-DD), $time (String, HH:MM), $timezone (String, IANA name)
when-date-time = { DATE($date) } a las { TIME($time) } ({ $timezone })

# $kind (String): one of the kind-* messages above, already formatted
# $title (String), $when (String): a when-* message, $languages (String): held-in-language phrases joined into a list
digest-opening = Este es un resumen (una síntesis procesada y editada) de la { $kind } { $title }, celebrada el { $when } { $languages }. Sacrifica la fidelidad a las palabras exactas de quienes intervinieron en favor de la claridad, la brevedad y la facilidad de lectura.

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
attendance = Contó con la asistencia de { $groups }.

# $names (String): speaker phrases joined into a list
facilitated-by = Facilitación a cargo de { $names }.
links-heading = Enlaces
recording-link = Grabación de la llamada

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
speaker-name-from = { $name }, de { $from }
speaker-volunteer = { $gender ->
    [feminine] Una voluntaria
    [masculine] Un voluntario
   *[other] Una persona voluntaria
}
# $affiliation (String)
speaker-volunteer-affiliation = { $gender ->
    [feminine] Una voluntaria de { $affiliation }
    [masculine] Un voluntario de { $affiliation }
   *[other] Una persona voluntaria de { $affiliation }
}
# $from (String): a place
speaker-volunteer-from = { $gender ->
    [feminine] Una voluntaria de { $from }
    [masculine] Un voluntario de { $from }
   *[other] Una persona voluntaria de { $from }
}
# $from (String): a place, $affiliation (String)
speaker-volunteer-from-affiliation = { $gender ->
    [feminine] Una voluntaria de { $from } ({ $affiliation })
    [masculine] Un voluntario de { $from } ({ $affiliation })
   *[other] Una persona voluntaria de { $from } ({ $affiliation })
}
speaker-staff = { $gender ->
    [feminine] Una integrante del personal de la Fundación Wikimedia
    [masculine] Un integrante del personal de la Fundación Wikimedia
   *[other] Una persona del personal de la Fundación Wikimedia
}
# $team (String)
speaker-staff-team = { $gender ->
    [feminine] Una integrante del equipo { $team } de la Fundación Wikimedia
    [masculine] Un integrante del equipo { $team } de la Fundación Wikimedia
   *[other] Una persona del equipo { $team } de la Fundación Wikimedia
}

## Topics, questions and notes

# $number (Number), $title (String)
topic-heading = Tema { NUMBER($number) }: { $title }
question-label = Pregunta
# $speaker (String): a speaker-* phrase
question-from = Pregunta de { $speaker }
answer-label = Respuesta
editor-note-label = Nota editorial
not-discussed = No se trató en la llamada
contents-heading = Contenido

## Program and breakout sessions

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
# $count (Number), $approx (String: "yes" or "no")
breakout-participants = { $count ->
    [one] { count } participante
    [many] { count } participantes
   *[other] { count } participantes
}
breakout-prepared-questions = Preguntas preparadas

# A label followed by what it introduces: "Quim (WMF): …", "Question: …".
# $label (String)
label-colon = { $label }:
