//! The typed shape of a notes file: what a note-taker writes after a call.
//!
//! These types are the single source of truth for the notes format: the JSON Schema that
//! editors use (`heptaglot schema`) is generated from them, and validation checks a file
//! against that same schema, so the documentation, the editor and the build never disagree.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One call record: the metadata of the call and what was said in it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notes {
    /// The series this call belongs to, e.g. "Wikimedia Clinics".
    pub series: String,
    /// The number of the call within its series, as written, e.g. "006".
    #[serde(default)]
    pub number: Option<String>,
    /// The title of the call. Defaults to "<series> #<number>".
    #[serde(default)]
    pub title: Option<String>,
    /// What kind of record this is; it decides how the opening sentence describes the call.
    #[serde(default)]
    pub kind: RecordKind,
    /// The date of the call, as YYYY-MM-DD.
    pub date: String,
    /// The local start time of the call, as HH:MM (24-hour clock).
    #[serde(default)]
    pub time: Option<String>,
    /// The time zone of `time`, as an IANA name such as "America/Mexico_City" or "UTC".
    #[serde(default)]
    pub timezone: Option<String>,
    /// The language(s) the call was held in, as codes: en, es, fr, ar, zh-Hans, de, ru.
    pub held_in: Vec<String>,
    /// The language these notes are written in (a code as in `held_in`).
    pub written_in: String,
    /// The URL path segment of this digest. Defaults to the file name without `.yaml`.
    #[serde(default)]
    pub slug: Option<String>,
    /// How many people attended, by group.
    #[serde(default)]
    pub attendance: Option<Attendance>,
    /// Who facilitated the call: ids from `people` or people written in place.
    #[serde(default)]
    pub facilitators: Vec<SpeakerRef>,
    /// Links related to the call (agenda, slides, the page on Meta-Wiki).
    #[serde(default)]
    pub links: Vec<Link>,
    /// A link to the recording of the call.
    #[serde(default)]
    pub recording: Option<String>,
    /// Markdown shown after the standard opening, before the attendance sentence.
    #[serde(default)]
    pub intro: Option<String>,
    /// The people who speak in these notes, by an id that points and replies refer to.
    #[serde(default)]
    pub people: BTreeMap<String, Person>,
    /// The numbered topics of the call, in order.
    #[serde(default)]
    pub topics: Vec<Section>,
}

impl Notes {
    /// The series' page address: its name's letters (of any script) and digits in
    /// lowercase joined by hyphens ("Wikimedia Clinics" → `wikimedia-clinics`, "École" →
    /// `école`; see [`super::address::series_address`]).
    pub fn series_slug(&self) -> String {
        super::address::series_address(&self.series)
    }
}

/// The kinds of call record the movement publishes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RecordKind {
    /// An online conference call such as a Wikimedia Clinic.
    #[default]
    Call,
    /// An interview: questions, each answered by a named person.
    Interview,
    /// A session of a conference program.
    Session,
    /// A breakout session of a larger event.
    Breakout,
}

/// Attendance by group. Each count is a number (`7`) or an approximation (`"~8"`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// Members of Wikimedia Foundation staff.
    #[serde(default)]
    pub staff: Option<Count>,
    /// Volunteers.
    #[serde(default)]
    pub volunteers: Option<Count>,
    /// People not counted in a group above, or everyone when groups are unknown.
    #[serde(default)]
    pub participants: Option<Count>,
}

/// A head count: exact (`7`) or approximate (`"~8"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Count {
    /// An exact number.
    Exact(u32),
    /// An approximate number written with a leading tilde, such as "~8".
    Approximate(#[schemars(regex(pattern = r"^~[0-9]+$"))] String),
}

/// A link with a title.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// What the link points to, as readers should see it.
    pub title: String,
    /// The address (http, https or mailto).
    pub url: String,
}

/// A person who speaks in the notes. Every field is optional: an anonymous volunteer is `{}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The name the person goes by in the call, e.g. "Claudia".
    #[serde(default)]
    pub name: Option<String>,
    /// The affiliate or organization they speak for, e.g. "Wikimedia Mexico".
    #[serde(default)]
    pub affiliation: Option<String>,
    /// Whether they are Wikimedia Foundation staff or a volunteer.
    #[serde(default)]
    pub role: Role,
    /// Their team, for staff, e.g. "Community Relations".
    #[serde(default)]
    pub team: Option<String>,
    /// Where they come from, when that is how the notes name them, e.g. "Venezuela".
    #[serde(default)]
    pub from: Option<String>,
    /// Grammatical gender for languages that inflect "volunteer" (es, fr, de, ru, ar).
    #[serde(default)]
    pub gender: Gender,
}

/// Staff of the Wikimedia Foundation, or a volunteer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A volunteer of the movement.
    #[default]
    Volunteer,
    /// A member of Wikimedia Foundation staff.
    Staff,
}

/// Grammatical gender used to inflect words about a person; `unspecified` uses neutral forms.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Gender {
    /// Use the language's neutral or general form.
    #[default]
    Unspecified,
    /// Feminine forms.
    Feminine,
    /// Masculine forms.
    Masculine,
}

/// A speaker: the id of someone in `people`, or a person written in place.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SpeakerRef {
    /// An id from `people`.
    Id(String),
    /// A person written in place.
    Inline(Person),
}

/// A topic (at the top level, numbered) or a subsection within one.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// A stable id that survives reordering (for translations); page anchors stay positional
    /// (`topic-2`, `topic-2-1`) so that they are the same in every language.
    #[serde(default)]
    pub id: Option<String>,
    /// The heading, without "Topic N:".
    pub title: String,
    /// Free Markdown paragraphs, lists and links.
    #[serde(default)]
    pub body: Option<String>,
    /// Details of a conference program session.
    #[serde(default)]
    pub session: Option<ProgramSession>,
    /// Details of a breakout session.
    #[serde(default)]
    pub breakout: Option<Breakout>,
    /// What people said, in order.
    #[serde(default)]
    pub points: Vec<Point>,
    /// Questions raised, each with its answers.
    #[serde(default)]
    pub questions: Vec<Question>,
    /// Subsections.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// An editor's note about this section (Markdown).
    #[serde(default)]
    pub editor_note: Option<String>,
    /// True when this item was on the agenda but not discussed.
    #[serde(default)]
    pub not_discussed: bool,
}

/// Something one speaker said, with its sub-points and the replies to it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// A stable id for this point, kept when points around it move.
    #[serde(default)]
    pub id: Option<String>,
    /// Who said it; leave out for a sub-point by the same speaker as its parent.
    #[serde(default)]
    pub speaker: Option<SpeakerRef>,
    /// What was said (Markdown). A speaker with no text is allowed.
    #[serde(default)]
    pub text: Option<String>,
    /// Further points by the same speaker, shown nested.
    #[serde(default)]
    pub points: Vec<Point>,
    /// Replies by others, shown nested; replies can have replies, to any depth.
    #[serde(default)]
    pub replies: Vec<Point>,
    /// An editor's note about this point (Markdown).
    #[serde(default)]
    pub editor_note: Option<String>,
    /// True when this was raised but not discussed.
    #[serde(default)]
    pub not_discussed: bool,
}

/// A question with its answers (also the question-and-answer pairs of an interview).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// A stable id for this question.
    #[serde(default)]
    pub id: Option<String>,
    /// The question (Markdown).
    pub question: String,
    /// Who asked it, if the notes name them.
    #[serde(default)]
    pub asked_by: Option<SpeakerRef>,
    /// The answers, each attributed to its speaker; answers can have replies.
    #[serde(default)]
    pub answers: Vec<Point>,
    /// An editor's note about this question (Markdown).
    #[serde(default)]
    pub editor_note: Option<String>,
    /// True when the question was asked but there was no time to discuss it.
    #[serde(default)]
    pub not_discussed: bool,
}

/// The program details of a conference session.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgramSession {
    /// Who presents the session.
    #[serde(default)]
    pub speakers: Vec<SpeakerRef>,
    /// Length in minutes.
    #[serde(default)]
    pub length_minutes: Option<u32>,
    /// The format, e.g. "Workshop", "Panel", "Lightning talk".
    #[serde(default)]
    pub format: Option<String>,
    /// Who the session is for.
    #[serde(default)]
    pub audience: Option<String>,
    /// What the session wants to achieve.
    #[serde(default)]
    pub desired_outcome: Option<String>,
}

/// The details of a breakout session.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Breakout {
    /// How many people took part: a number or "~N".
    #[serde(default)]
    pub participants: Option<Count>,
    /// The questions prepared for the group beforehand (Markdown).
    #[serde(default)]
    pub prepared_questions: Vec<String>,
}
