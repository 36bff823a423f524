# heptaglot: everything the templates say, in Arabic.
# English is the reference bundle: every other locale translates these messages,
# and falls back to them message by message.
#
# Variables the code passes are documented above each group. Dates and numbers
# are formatted by ICU4X through DATE(), TIME() and NUMBER(); never write month
# names or digit separators by hand.
#
# ar: plural categories are zero, one, two, few (3–10), many (11–99) and other
# (100–102, …). "one" and "two" use the noun without a digit (singular + واحد,
# dual); when the count is approximate they also read $approx directly.

## The language itself

# This language's name in this language (shown in the language bar).
language-autonym = العربية

# The name of a language in this locale's language, by code.
# $code (String): en, es, fr, ar, zh-Hans, de, ru
language-name = { $code ->
    [es] الإسبانية
    [fr] الفرنسية
    [ar] العربية
    [zh-Hans] الصينية
    [de] الألمانية
    [ru] الروسية
   *[en] الإنجليزية
}

# The languages a conversation was held in, as the other messages below use it.
# Messages that take $languages and $count may use it with { held-in } or phrase the
# languages their own way.
# $languages (String): the languages' names (language-name, standalone form, as CLDR
# writes them in this language) joined by ICU4X's "and" list formatter of this language
# $count (Number): how many languages the list has
# ar: "باللغة" for one language, the dual "باللغتين" for two, "باللغات" for more;
# the names follow as adjectives ("باللغتين الإسبانية والإنجليزية").
held-in = { $count ->
    [zero] باللغة { $languages }
    [one] باللغة { $languages }
    [two] باللغتين { $languages }
    [few] باللغات { $languages }
    [many] باللغات { $languages }
   *[other] باللغات { $languages }
}

## Site chrome

site-title = ملخصات اللقاءات
site-tagline = ملخصات لقاءات مجتمع ويكيميديا، بسبع لغات.
root-choose-language = اختر لغتك
skip-to-content = اذهب إلى المحتوى
nav-all-digests = كل الملخصات
language-bar-label = هذا الملخص بلغات أخرى
index-language-bar-label = هذه الملخصات بلغات أخرى
footer-generated = نُشر باستخدام heptaglot.

# $count (Number): how many digests the index lists
index-digest-count = { $count ->
    [zero] لا توجد ملخصات
    [one] ملخص واحد
    [two] ملخصان
    [few] { NUMBER($count) } ملخصات
    [many] { NUMBER($count) } ملخصًا
   *[other] { NUMBER($count) } ملخص
}
index-empty = لم يُنشر أي ملخص بعد.

# $languages (String), $count (Number): as for held-in
index-held = دار الحديث { held-in }

# $count (Number): how many topics the digest has
index-topic-count = { $count ->
    [zero] لا مواضيع
    [one] موضوع واحد
    [two] موضوعان
    [few] { NUMBER($count) } مواضيع
    [many] { NUMBER($count) } موضوعًا
   *[other] { NUMBER($count) } موضوع
}

## Kinds of record, as used inside the opening sentence

# ar: definite forms, because digest-opening says "لوقائع { $kind }".
kind-call = اللقاء عبر الإنترنت
kind-interview = المقابلة
kind-session = جلسة المؤتمر
kind-breakout = جلسة المجموعات المصغّرة

## The opening of a digest

# $series (String), $number (String)
# ar: "رقم" before the number, so that bidi cannot move a sign to the other side.
digest-default-title = { $series } رقم { $number }

# $date (String, YYYY-MM-DD)
when-date = { DATE($date) }
# $date (String, YYYY-MM-DD), $time (String, HH:MM)
# $timezone (String): the zone's CLDR name in this language, formatted by ICU4X
# (generic long name, e.g. "Central European Time"; never the IANA id)
when-date-time = { DATE($date) } الساعة { TIME($time) } ({ $timezone })

# $kind (String): one of the kind-* messages above, already formatted
# $title (String), $when (String): a when-* message
# $languages (String), $count (Number): as for held-in
digest-opening = هذا ملخّص (أي خلاصة معالَجة ومحرَّرة) لوقائع { $kind } «{ $title }» بتاريخ { $when }، وقد دار الحديث { held-in }. وهو يُؤثِر الوضوح والإيجاز وسهولة القراءة على النقل الحرفي لكلام المتحدثين.

digest-other-versions = نسخ بلغات أخرى:


## Attendance

# $count (Number), $approx (String: "yes" when the count is approximate, "no" otherwise)
count = { $approx ->
    [yes] نحو { NUMBER($count) }
   *[no] { NUMBER($count) }
}
attendance-staff = { $count ->
    [zero] { count } موظف في مؤسسة ويكيميديا
    [one] { $approx ->
        [yes] نحو موظف واحد في مؤسسة ويكيميديا
       *[no] موظف واحد في مؤسسة ويكيميديا
    }
    [two] { $approx ->
        [yes] نحو موظفَين في مؤسسة ويكيميديا
       *[no] موظفان في مؤسسة ويكيميديا
    }
    [few] { count } موظفين في مؤسسة ويكيميديا
    [many] { count } موظفًا في مؤسسة ويكيميديا
   *[other] { count } موظف في مؤسسة ويكيميديا
}
attendance-volunteers = { $count ->
    [zero] { count } متطوع
    [one] { $approx ->
        [yes] نحو متطوع واحد
       *[no] متطوع واحد
    }
    [two] { $approx ->
        [yes] نحو متطوعَين
       *[no] متطوعان
    }
    [few] { count } متطوعين
    [many] { count } متطوعًا
   *[other] { count } متطوع
}
attendance-participants = { $count ->
    [zero] { count } مشارك
    [one] { $approx ->
        [yes] نحو مشارك واحد
       *[no] مشارك واحد
    }
    [two] { $approx ->
        [yes] نحو مشاركَين
       *[no] مشاركان
    }
    [few] { count } مشاركين
    [many] { count } مشاركًا
   *[other] { count } مشارك
}
# $groups (String): the attendance-* phrases joined into a list ("7 members … and 10 volunteers")
# $record (String): the kind of record: "call", "interview", "session" or "breakout"
attendance = { $record ->
    [call] حضر اللقاءَ { $groups }.
   *[other] الحضور: { $groups }.
}

# $names (String): the .inline forms of speaker phrases joined into a list
facilitated-by = { $record ->
    [interview] أجرت المقابلة: { $names }.
   *[other] التيسير: { $names }.
}
links-heading = روابط
recording-link = { $record ->
    [interview] تسجيل المقابلة
   *[other] تسجيل اللقاء
}

## Speakers
# Every speaker phrase gets $gender (String): "feminine", "masculine" or "unspecified",
# for languages whose words for "volunteer" or "staff member" inflect.
# The value is the phrase at the start of a point, followed by what the person said;
# the .inline attribute is the same phrase inside a sentence or a list (facilitated-by,
# question-from, session-speakers). Every speaker-* message has both.
# ar: no capitals, so .inline is the value; the Foundation is named in Arabic, like
# in the content translations.
# $name (String)
speaker-name = { $name }
    .inline = { $name }
# $name (String)
speaker-name-staff = { $name } (مؤسسة ويكيميديا)
    .inline = { $name } (مؤسسة ويكيميديا)
# $name (String), $team (String)
speaker-name-staff-team = { $name } (فريق { $team }، مؤسسة ويكيميديا)
    .inline = { $name } (فريق { $team }، مؤسسة ويكيميديا)
# $name (String), $affiliation (String)
speaker-name-affiliation = { $name } من { $affiliation }
    .inline = { $name } من { $affiliation }
# $name (String), $from (String): a place
speaker-name-from = { $name } من { $from }
    .inline = { $name } من { $from }
speaker-volunteer = { $gender ->
    [feminine] متطوعة
    [masculine] متطوع
   *[other] أحد المتطوعين
}
    .inline = { $gender ->
    [feminine] متطوعة
    [masculine] متطوع
   *[other] أحد المتطوعين
}
# $affiliation (String)
speaker-volunteer-affiliation = { $gender ->
    [feminine] متطوعة من { $affiliation }
    [masculine] متطوع من { $affiliation }
   *[other] أحد المتطوعين من { $affiliation }
}
    .inline = { $gender ->
    [feminine] متطوعة من { $affiliation }
    [masculine] متطوع من { $affiliation }
   *[other] أحد المتطوعين من { $affiliation }
}
# $from (String): a place
speaker-volunteer-from = { $gender ->
    [feminine] متطوعة من { $from }
    [masculine] متطوع من { $from }
   *[other] أحد المتطوعين من { $from }
}
    .inline = { $gender ->
    [feminine] متطوعة من { $from }
    [masculine] متطوع من { $from }
   *[other] أحد المتطوعين من { $from }
}
# $from (String): a place, $affiliation (String)
speaker-volunteer-from-affiliation = { $gender ->
    [feminine] متطوعة من { $from } ({ $affiliation })
    [masculine] متطوع من { $from } ({ $affiliation })
   *[other] أحد المتطوعين من { $from } ({ $affiliation })
}
    .inline = { $gender ->
    [feminine] متطوعة من { $from } ({ $affiliation })
    [masculine] متطوع من { $from } ({ $affiliation })
   *[other] أحد المتطوعين من { $from } ({ $affiliation })
}
speaker-staff = { $gender ->
    [feminine] موظفة في مؤسسة ويكيميديا
    [masculine] موظف في مؤسسة ويكيميديا
   *[other] أحد موظفي مؤسسة ويكيميديا
}
    .inline = { $gender ->
    [feminine] موظفة في مؤسسة ويكيميديا
    [masculine] موظف في مؤسسة ويكيميديا
   *[other] أحد موظفي مؤسسة ويكيميديا
}
# $team (String)
speaker-staff-team = { $gender ->
    [feminine] موظفة في فريق { $team } بمؤسسة ويكيميديا
    [masculine] موظف في فريق { $team } بمؤسسة ويكيميديا
   *[other] أحد أعضاء فريق { $team } بمؤسسة ويكيميديا
}
    .inline = { $gender ->
    [feminine] موظفة في فريق { $team } بمؤسسة ويكيميديا
    [masculine] موظف في فريق { $team } بمؤسسة ويكيميديا
   *[other] أحد أعضاء فريق { $team } بمؤسسة ويكيميديا
}

## Topics, questions and notes

# $number (Number), $title (String)
topic-heading = الموضوع { NUMBER($number) }: { $title }
question-label = سؤال
# $speaker (String): the .inline form of a speaker-* phrase
question-from = سؤال من { $speaker }
answer-label = إجابة
editor-note-label = ملاحظة المحرر
not-discussed = لم يُناقَش
    .question = لم يُناقَش
contents-heading = المحتويات

## Program and breakout sessions

# Label of the list of speakers (the .inline forms of speaker-* phrases, joined into a list).
session-speakers = المتحدثون
session-length = المدة
# $minutes (Number)
session-length-minutes = { $minutes ->
    [zero] { NUMBER($minutes) } دقيقة
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { NUMBER($minutes) } دقائق
    [many] { NUMBER($minutes) } دقيقةً
   *[other] { NUMBER($minutes) } دقيقة
}
session-format = الصيغة
session-audience = الجمهور المستهدف
session-desired-outcome = النتيجة المرجوّة
breakout-participants-label = المشاركون
# The value after breakout-participants-label: the count alone, since the label names
# the people.
# $count (Number), $approx (String: "yes" or "no")
breakout-participants = { count }
breakout-prepared-questions = أسئلة مُعدّة مسبقًا

# A label followed by what it introduces: "Quim (WMF): …", "Question: …".
# $label (String)
# .after is what separates the label from the text after it (a space; nothing in
# zh-Hans, whose "：" is full-width): the templates put it there, never a space of their own.
label-colon = { $label }:
    .after = { " " }
in-parentheses = ({ $text })
    .before = { " " }
