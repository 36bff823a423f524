//! Word lists per language and the sentences made from them.
//!
//! Real words of each language (Latin, Cyrillic, Arabic and Han scripts), recombined at
//! random: the texts mean nothing, but tokenization, line breaking, search indexing and
//! byte sizes behave as they do on real notes, and no two digests share a paragraph.

use super::Rng;
use heptaglot::lang::Language;

const EN: &str =
    "the of and to in we a is that for on it with as our are this have be from at by not
they people community volunteers project projects language languages work working call calls meeting
meetings support foundation affiliate affiliates chapter group groups online event events local
wiki wikipedia wikimedia editors editing articles content free knowledge time year years new more
many other some about would could should need needs want think important difficult help training
workshop workshops school schools university library museum partners partnership funding grant
grants budget strategy movement region regional global team teams staff survey feedback question
questions answer idea ideas plan plans process proposal proposals research data tools tool
translation translations access internet mobile women gender gap diversity inclusion safety policy
policies conference program session sessions report reports share shared sharing learn learning
together first last next still already also very much well because when where how what which
while since during after before between across through against without within around outreach
campaign campaigns photos commons wikidata heritage education teachers students readers contributors
organizers network networks space spaces trust relationship relationships experience experiences
communication communications social media platform platforms decision decisions governance board";

const ES: &str = "el la de que y en los las un una por con para es se del al lo como más pero sus
comunidad voluntarias voluntarios proyecto proyectos idioma idiomas trabajo llamada llamadas reunión
reuniones apoyo fundación afiliado afiliados capítulo grupo grupos evento eventos local wikipedia
wikimedia editoras editores edición artículos contenido libre conocimiento tiempo año años nuevo
nueva muchos otras algunos sobre podríamos necesitamos queremos creemos importante difícil ayuda
formación taller talleres escuela escuelas universidad biblioteca museo aliados alianza financiación
beca becas presupuesto estrategia movimiento región regional global equipo equipos personal encuesta
pregunta preguntas respuesta idea ideas plan planes proceso propuesta propuestas datos herramientas
traducción acceso internet mujeres género brecha diversidad inclusión seguridad política conferencia
programa sesión informe compartir aprender juntos primero último siguiente todavía también muy mucho
porque cuando donde cómo durante después antes entre través sin dentro campaña fotos patrimonio
educación docentes estudiantes lectores organizadoras red redes espacio espacios confianza
experiencia comunicación plataforma decisiones gobernanza junta territorio país países";

const FR: &str = "le la les de des du et en un une que qui pour dans sur avec par est sont nous vous
communauté bénévoles projet projets langue langues travail appel appels réunion réunions soutien
fondation affilié affiliés chapitre groupe groupes événement événements local wikipédia wikimédia
contributrices contributeurs articles contenu libre savoir temps année années nouveau nouvelle
plusieurs autres quelques sur pourrions besoin voulons pensons important difficile aide formation
atelier ateliers école écoles université bibliothèque musée partenaires partenariat financement
subvention subventions budget stratégie mouvement région régional mondial équipe équipes personnel
enquête question questions réponse idée idées plan plans processus proposition propositions données
outils traduction accès internet femmes genre écart diversité inclusion sécurité politique conférence
programme séance rapport partager apprendre ensemble premier dernier prochain encore aussi très
beaucoup parce quand comment pendant après avant entre travers sans campagne photos patrimoine
éducation enseignants élèves lecteurs organisatrices réseau réseaux espace espaces confiance
expérience communication plateforme décisions gouvernance conseil territoire pays";

const DE: &str =
    "der die das und in den von zu mit ist für auf nicht im dem ein eine als auch es an
wir sie Gemeinschaft Ehrenamtliche Projekt Projekte Sprache Sprachen Arbeit Anruf Treffen Treffens
Unterstützung Stiftung Verein Vereine Ortsgruppe Gruppe Gruppen Veranstaltung Veranstaltungen lokal
Wikipedia Wikimedia Autorinnen Autoren Bearbeitung Artikel Inhalte freies Wissen Zeit Jahr Jahre
neue mehr viele andere einige über könnten brauchen wollen denken wichtig schwierig Hilfe Schulung
Werkstatt Schule Schulen Universität Bibliothek Museum Partner Partnerschaft Förderung Förderantrag
Haushalt Strategie Bewegung Region regional weltweit Team Teams Mitarbeitende Umfrage Frage Fragen
Antwort Idee Ideen Plan Pläne Verfahren Vorschlag Vorschläge Daten Werkzeuge Übersetzung Zugang
Internet Frauen Geschlecht Lücke Vielfalt Inklusion Sicherheit Richtlinie Konferenz Programm Sitzung
Bericht teilen lernen gemeinsam zuerst zuletzt nächste noch schon sehr viel weil wenn wo wie während
nach vor zwischen durch ohne innerhalb Kampagne Fotos Kulturerbe Bildung Lehrkräfte Studierende
Lesende Netzwerk Netzwerke Raum Räume Vertrauen Erfahrung Kommunikation Plattform Entscheidungen
Steuerung Vorstand Gebiet Land Länder";

const RU: &str =
    "и в не на что с по как мы это для из от к о но же у все так они его была было сообщество
волонтёры проект проекты язык языки работа звонок звонки встреча встречи поддержка фонд аффилиат
аффилиаты отделение группа группы мероприятие мероприятия местный Википедия Викимедиа редакторы
правки статьи содержание свободное знание время год годы новый новая много другие некоторые
могли нужно хотим думаем важно сложно помощь обучение семинар семинары школа школы университет
библиотека музей партнёры партнёрство финансирование грант гранты бюджет стратегия движение регион
региональный глобальный команда команды сотрудники опрос вопрос вопросы ответ идея идеи план планы
процесс предложение предложения данные инструменты перевод доступ интернет женщины гендер разрыв
разнообразие инклюзивность безопасность политика конференция программа сессия отчёт делиться учиться
вместе первый последний следующий ещё также очень потому когда где как во время после до между
через без внутри кампания фотографии наследие образование учителя студенты читатели организаторы
сеть сети пространство доверие опыт коммуникация платформа решения управление совет территория
страна страны";

const AR: &str =
    "في من على إلى أن عن مع هذا هذه التي الذي كان كانت نحن هم لا ما كل بعد قبل بين المجتمع
المتطوعون المتطوعات مشروع مشاريع لغة اللغات العمل مكالمة المكالمات اجتماع اجتماعات دعم المؤسسة
الفرع الفروع مجموعة مجموعات فعالية فعاليات محلي ويكيبيديا ويكيميديا المحررون التحرير مقالات
المحتوى الحرة المعرفة الوقت سنة سنوات جديد جديدة كثير أخرى بعض حول يمكن نحتاج نريد نعتقد مهم صعب
مساعدة تدريب ورشة ورشات مدرسة مدارس جامعة مكتبة متحف شركاء شراكة تمويل منحة منح ميزانية
استراتيجية الحركة المنطقة إقليمي عالمي فريق فرق الموظفون استبيان سؤال أسئلة جواب فكرة أفكار خطة
خطط عملية مقترح مقترحات بيانات أدوات ترجمة الوصول الإنترنت النساء النوع الفجوة التنوع الشمول
السلامة سياسة مؤتمر برنامج جلسة تقرير مشاركة التعلم معا أول آخر التالي أيضا جدا لأن عندما أين كيف
خلال حملة صور التراث التعليم المعلمون الطلاب القراء المنظمون شبكة شبكات مساحة مساحات الثقة تجربة
التواصل منصة قرارات الحوكمة المجلس البلد البلدان";

const ZH: &str =
    "我们 的 是 在 和 有 了 这 也 要 对 社区 志愿者 项目 语言 工作 会议 电话 支持 基金会 分会
附属组织 小组 活动 本地 维基百科 维基媒体 编辑 条目 内容 自由 知识 时间 今年 几年 新的 更多 许多
其他 一些 关于 可以 需要 希望 认为 重要 困难 帮助 培训 工作坊 学校 大学 图书馆 博物馆 合作伙伴
合作 资金 资助 预算 战略 运动 地区 区域 全球 团队 员工 调查 问题 回答 想法 计划 过程 提案 数据
工具 翻译 访问 互联网 移动 女性 性别 差距 多样性 包容 安全 政策 大会 项目组 议程 报告 分享 学习
一起 首先 最后 下次 仍然 已经 非常 因为 如果 哪里 如何 期间 之后 之前 之间 通过 没有 之内 宣传
照片 共享资源 文化遗产 教育 教师 学生 读者 贡献者 组织者 网络 空间 信任 关系 经验 沟通 平台 决策
治理 理事会 国家 地方 线上 线下 讨论 建议 参与 成员 机构 开放 资源 文档 标准 质量 翻译者 志愿";

/// How one language writes a sentence.
pub struct Vocabulary {
    words: Vec<&'static str>,
    /// Whether words are separated by spaces (all but Chinese).
    spaced: bool,
    comma: &'static str,
    stop: &'static str,
    question: &'static str,
    /// Whether the first letter of a sentence is capitalized.
    cased: bool,
}

impl Vocabulary {
    /// The vocabulary of `language`.
    pub fn of(language: Language) -> Self {
        let (text, spaced, comma, stop, question, cased) = match language {
            Language::En => (EN, true, ",", ".", "?", true),
            Language::Es => (ES, true, ",", ".", "?", true),
            Language::Fr => (FR, true, ",", ".", " ?", true),
            Language::De => (DE, true, ",", ".", "?", true),
            Language::Ru => (RU, true, ",", ".", "?", true),
            Language::Ar => (AR, true, "،", ".", "؟", false),
            Language::ZhHans => (ZH, false, "，", "。", "？", false),
        };
        Self {
            words: text.split_whitespace().collect(),
            spaced,
            comma,
            stop,
            question,
            cased,
        }
    }

    /// One word, frequent words more often (a rough Zipf curve: the lists start with the
    /// most common words).
    fn word(&self, rng: &mut Rng) -> &'static str {
        let u = rng.unit();
        let index = ((u * u) * self.words.len() as f64) as usize;
        self.words[index.min(self.words.len() - 1)]
    }

    /// A sentence of about `words` words, ending in a full stop or a question mark.
    pub fn sentence(&self, rng: &mut Rng, words: usize, question: bool) -> String {
        let mut out = String::new();
        let words = words.max(2);
        for i in 0..words {
            if i > 0 {
                if i > 3 && i + 3 < words && rng.chance(0.08) {
                    out.push_str(self.comma);
                }
                if self.spaced {
                    out.push(' ');
                }
            }
            out.push_str(self.word(rng));
        }
        if self.cased {
            out = capitalize(&out);
        }
        out.push_str(if question { self.question } else { self.stop });
        out
    }

    /// A paragraph of `sentences` sentences of 6 to 22 words.
    pub fn paragraph(&self, rng: &mut Rng, sentences: usize) -> String {
        let mut out = String::new();
        for i in 0..sentences.max(1) {
            if i > 0 && self.spaced {
                out.push(' ');
            }
            let words = rng.range(6, 22);
            out.push_str(&self.sentence(rng, words, false));
        }
        out
    }

    /// A heading of `words` words, without a final stop.
    pub fn phrase(&self, rng: &mut Rng, words: usize) -> String {
        let mut out = String::new();
        for i in 0..words.max(1) {
            if i > 0 && self.spaced {
                out.push(' ');
            }
            out.push_str(self.word(rng));
        }
        if self.cased { capitalize(&out) } else { out }
    }

    /// Text of about `chars` characters (as a translation of a text that long): whole
    /// sentences until the length is reached.
    pub fn text_of_length(&self, rng: &mut Rng, chars: usize) -> String {
        let mut out = String::new();
        // Chinese says in one character what Latin scripts say in about three.
        let target = if self.spaced {
            chars
        } else {
            chars.div_ceil(3)
        };
        while out.chars().count() < target.max(4) {
            if !out.is_empty() && self.spaced {
                out.push(' ');
            }
            let left = target.saturating_sub(out.chars().count());
            let words = if self.spaced { left / 6 } else { left / 2 }.clamp(2, 20);
            out.push_str(&self.sentence(rng, words, false));
        }
        out
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_words_and_sentences_end_in_its_stop() {
        for language in Language::ALL {
            let vocabulary = Vocabulary::of(language);
            assert!(vocabulary.words.len() > 100, "{language:?}");
            let mut rng = Rng::new(1);
            let sentence = vocabulary.sentence(&mut rng, 8, false);
            assert!(sentence.ends_with(vocabulary.stop), "{sentence}");
        }
    }
}
